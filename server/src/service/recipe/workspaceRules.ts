/**
 * The workspace rules: computed from the whole WorkspaceIndex (other folders, closed files), not from one document.
 * `file-unreadable` is declared in limits.ts and `actions-display-name` in python/actionsRules.ts (its check is
 * displayNameRule.ts); both are reported from here.
 */
import * as path from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';
import { pathToUri as fileUri } from '../uriPath';
import { displayNameDiagnostics } from './displayNameRule';
import { makeLimitDiagnostic } from './limits';
import { BACKUP_FILE } from './recipeFiles';
import type { Folder } from './WorkspaceIndex';

export const WORKSPACE_RULES: readonly RuleInfo[] = [
  {
    code: 'recipe-file-name',
    severity: 'error',
    scope: 'workspace',
    description: "A template folder has `services.hrd` (the manual's typo) and no `service.hrd`.",
  },
  {
    code: 'recipe-dest-collision',
    severity: 'error',
    scope: 'workspace',
    description: 'Two recipes whose `dest` gives the same template name: the second install registers nothing.',
  },
  {
    code: 'recipe-duplicate-template',
    severity: 'error',
    scope: 'workspace',
    description: 'Two template folders with the same name, or a template nested in another.',
  },
  {
    code: 'recipe-backup-file',
    severity: 'warning',
    scope: 'workspace',
    description: '`~`, `.orig`, `.swp` files in a template folder change the template checksum.',
  },
  {
    code: 'recipe-missing-file',
    severity: 'error',
    scope: 'workspace',
    description: 'No `actions.py` (error) or no `instance.hrd` (warning) beside a `service.hrd`.',
  },
];

const makeDiagnostic = diagnosticMaker(WORKSPACE_RULES);

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What the workspace rules read from the index. */
export interface WorkspaceView {
  /** Files not checked, and why (file-unreadable). */
  problems: ReadonlyMap<string, string>;
  folders: ReadonlyMap<string, Folder>;
  /** The template folders (a service.hrd, not an instance folder). */
  templates: string[];
  /** Template name → the folders whose dest gives it. */
  templateNames(): Map<string, string[]>;
}

/** The workspace-wide diagnostics, by absolute file path. */
export function workspaceRuleDiagnostics(ws: WorkspaceView): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (p: string, d: Diagnostic) => {
    const a = out.get(p);
    if (a) a.push(d);
    else out.set(p, [d]);
  };
  for (const [p, problem] of ws.problems)
    add(p, makeLimitDiagnostic('file-unreadable', ZERO, `${path.basename(p)} is ${problem}`));
  const templates = ws.templates;
  const templateSet = new Set(templates);
  const byName = new Map<string, string[]>();
  for (const dir of templates) {
    const name = path.basename(dir);
    const arr = byName.get(name);
    if (arr) arr.push(dir);
    else byName.set(name, [dir]);
  }
  for (const [dir, f] of ws.folders) {
    const svc = path.join(dir, 'service.hrd');
    if (!f.files.has('service.hrd')) {
      if (f.files.has('services.hrd')) {
        const from = path.join(dir, 'services.hrd');
        add(
          from,
          makeDiagnostic(
            'recipe-file-name',
            ZERO,
            'AYS only reads `service.hrd`: this folder has `services.hrd` (the typo from the OpenvCloud manual), so AYS finds no template here. Rename the file to service.hrd.',
            { fixes: [{ title: 'Rename to service.hrd', preferred: true, rename: { from, to: svc } }] },
          ),
        );
      }
      continue;
    }
    if (!templateSet.has(dir)) continue;
    if (!f.files.has('actions.py')) {
      add(
        svc,
        makeDiagnostic(
          'recipe-missing-file',
          ZERO,
          'No actions.py beside this service.hrd: AYS copies actions.py unconditionally when it creates the instance, so the install fails. Add actions.py with `class Actions(ActionsBase)`.',
        ),
      );
    }
    if (!f.files.has('instance.hrd')) {
      add(
        svc,
        makeDiagnostic(
          'recipe-missing-file',
          ZERO,
          'No instance.hrd beside this service.hrd: AYS works without it, but every image recipe has one (empty). Add an empty instance.hrd.',
          { severity: 'warning' },
        ),
      );
    }
    for (const n of [...f.files].sort()) {
      if (!BACKUP_FILE.test(n)) continue;
      add(
        svc,
        makeDiagnostic(
          'recipe-backup-file',
          ZERO,
          `\`${n}\` is an editor/merge leftover: AYS includes every file of the folder in the template checksum (service.installed.checksum), so it changes the checksum and gets committed by mistake. Delete it.`,
        ),
      );
    }
    const same = byName.get(path.basename(dir)) ?? [];
    if (same.length > 1) {
      add(
        svc,
        makeDiagnostic(
          'recipe-duplicate-template',
          ZERO,
          `${same.length} template folders are named \`${path.basename(dir)}\`: \`ays install -n ${path.basename(dir)}\` fails with "multiple templates found". Rename or delete the other ones.`,
          {
            related: same
              .filter((d) => d !== dir)
              .map((d) => ({ uri: fileUri(path.join(d, 'service.hrd')), range: ZERO, message: 'same template name' })),
          },
        ),
      );
    }
    for (let up = path.dirname(dir); up !== path.dirname(up); up = path.dirname(up)) {
      if (templateSet.has(up)) {
        add(
          svc,
          makeDiagnostic(
            'recipe-duplicate-template',
            ZERO,
            `This template folder is nested inside the template \`${path.basename(up)}\`: AYS finds templates recursively, so it is a second template (and part of the outer template's checksum). Move it out.`,
            { related: [{ uri: fileUri(path.join(up, 'service.hrd')), range: ZERO, message: 'the outer template' }] },
          ),
        );
        break;
      }
    }
  }
  for (const [name, dirs] of ws.templateNames()) {
    if (dirs.length < 2) continue;
    for (const dir of dirs) {
      const r = ws.folders.get(dir)!.recipe!;
      add(
        path.join(dir, 'service.hrd'),
        makeDiagnostic(
          'recipe-dest-collision',
          r.destRange ?? ZERO,
          `${dirs.length} recipes register the OVS template \`${name}\` (splitext(basename(dest))): OVS reuses an existing template, so the second install registers nothing new. Give this dest a unique file name.`,
          {
            related: dirs
              .filter((d) => d !== dir)
              .map((d) => ({
                uri: fileUri(path.join(d, 'service.hrd')),
                range: ws.folders.get(d)!.recipe!.destRange ?? ZERO,
                message: `also \`${name}\``,
              })),
          },
        ),
      );
    }
  }
  displayNameDiagnostics(
    templates.map((dir) => ({ file: path.join(dir, 'actions.py'), names: ws.folders.get(dir)!.names ?? [] })),
    add,
  );
  return out;
}
