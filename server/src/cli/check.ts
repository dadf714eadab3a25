/**
 * `ays-recipes check [PATH...] [--format text|json] [--profile current|legacy]`: checks every template folder
 * under the paths with the language service's engine (per-file rules + the workspace index rules).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, RecipeSettings } from '../../../common/settings';
import { severityName } from '../service/recipe/diagnostic';
import { fileKindOf, RecipeLanguageService } from '../service/RecipeLanguageService';
import { CliCommand, CliIo, EXIT } from './CliIo';
import { pushAll } from '../service/arrays';

const USAGE = `Usage: ays-recipes check [PATH...] [--format text|json] [--profile current|legacy]

Checks every AYS template folder (a folder with service.hrd) under each PATH (default: .) with the same
rules as the editor: service.hrd / instance.hrd syntax (hrd-*), image recipe rules (recipe-*), actions.py
(actions-*: Python 2 syntax, ActionsBase, registerImage against the --profile) and the workspace-wide rules
(dest collisions, duplicate templates, backup files, missing files, duplicate display names).

Options:
  --format text|json        text: path:line:col: severity code message (default); json: an array of
                            {file, line, column, endLine, endColumn, severity, code, message} (1-based)
  --profile current|legacy  registerImage signature of the environment (default: current):
                            current = registerImage(service, name, type, disksize, ...) (OpenvCloud 2016-06+),
                            legacy  = registerImage(jp, name, imagename, type, disksize[, username])

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.
`;

export interface CheckFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  severity: string; code: string; message: string;
}

interface Options { paths: string[]; format: 'text' | 'json'; profile: 'current' | 'legacy' }

function parseArgs(args: string[]): Options | string {
  const o: Options = { paths: [], format: 'text', profile: 'current' };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { v = a.slice(eq + 1); a = a.slice(0, eq); }
    if (a === '--format' || a === '--profile') {
      v = v ?? args[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--format') {
        if (v !== 'text' && v !== 'json') return `--format must be text or json, not '${v}'`;
        o.format = v;
      } else {
        if (v !== 'current' && v !== 'legacy') return `--profile must be current or legacy, not '${v}'`;
        o.profile = v;
      }
    } else if (a === '--') {
      o.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option '${a}'`;
    } else o.paths.push(a);
  }
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

export interface CheckResult {
  findings: CheckFinding[]; folders: number; files: number;
  /** Set when the actions.py parser could not be loaded (the .wasm files are missing): actions.py went unchecked. */
  actionsError?: string;
}

/** Runs the check and returns the findings (sorted by file and position) without printing. */
export async function runCheck(paths: string[], settings: RecipeSettings): Promise<CheckResult> {
  const service = new RecipeLanguageService(settings);
  // Starts loading tree-sitter now: the wasm compiles in the background while the folders are scanned.
  const actionsLoad = service.actionsReady().then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
  const perFile = new Map<string, Diagnostic[]>();
  /** actions.py are analysed after the scan: their context (sibling service.hrd) comes from the index. */
  const actionsFiles: Array<[string, string]> = [];
  let folders = 0;
  let files = 0;
  const visit = (filePath: string, text: string | undefined) => {
    if (text === undefined) return undefined; // the index reports it as file-unreadable
    const kind = fileKindOf(filePath);
    if (kind === 'actions') {
      actionsFiles.push([filePath, text]);
      return undefined;
    }
    if (kind !== 'hrd') {
      const d = service.validateFile(filePath, text, settings);
      if (d.length) perFile.set(filePath, d);
      return undefined;
    }
    const parsed = service.parseText(text);
    const d = service.validateFile(filePath, text, settings, parsed);
    if (d.length) perFile.set(filePath, d);
    return parsed;
  };
  const roots: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = fs.statSync(abs);
    if (st.isDirectory()) roots.push(abs);
    else roots.push(path.dirname(abs));
  }
  // nested roots are scanned once, by their outermost root
  const unique = [...new Set(roots)].sort().filter((r, i, arr) => !arr.slice(0, i).some((o) => r.startsWith(o + path.sep)));
  for (const root of unique) {
    const r = service.index.scanFolder(root, settings.validation.exclude, visit);
    folders += r.folders;
    files += r.files;
  }
  const actionsError = actionsFiles.length ? await actionsLoad : undefined;
  if (!actionsError) {
    for (const [filePath, text] of actionsFiles) {
      const d = service.validateFile(filePath, text, settings);
      if (d.length) perFile.set(filePath, d);
    }
  }
  for (const [p, d] of service.workspaceDiagnostics(settings)) {
    const arr = perFile.get(p);
    if (arr) pushAll(arr, d); else perFile.set(p, [...d]);
  }
  const findings: CheckFinding[] = [];
  for (const [file, diags] of perFile) {
    for (const d of diags) {
      const severity = severityName(d.severity);
      if (severity === 'hint') continue;
      findings.push({
        file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1, severity, code: String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value,
      });
    }
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return actionsError ? { findings, folders, files, actionsError } : { findings, folders, files };
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check the AYS image recipes under the given paths (service.hrd, instance.hrd, template folders)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const o = parseArgs(args);
    if (typeof o === 'string') {
      io.err.write(`ays-recipes check: ${o}\n\n${USAGE}`);
      return EXIT.usage;
    }
    const abs = o.paths.map((p) => path.resolve(io.cwd, p));
    for (const p of abs) {
      if (!fs.existsSync(p)) {
        io.err.write(`ays-recipes check: no such file or directory: ${p}\n`);
        return EXIT.usage;
      }
    }
    const settings: RecipeSettings = { ...DEFAULT_SETTINGS, profile: o.profile };
    const { findings, folders, files, actionsError } = await runCheck(abs, settings);
    if (actionsError) io.err.write(`ays-recipes check: actions.py files were not checked: the Python parser did not load (${actionsError})\n`);
    const shown = findings.map((f) => {
      const rel = path.relative(io.cwd, f.file);
      return { ...f, file: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : f.file };
    });
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    if (o.format === 'json') {
      io.out.write(JSON.stringify(shown, null, 2) + '\n');
    } else {
      const lines = shown.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}`);
      if (lines.length) io.out.write(lines.join('\n') + '\n');
      io.err.write(`${errors} error(s), ${warnings} warning(s) in ${files} recipe file(s) of ${folders} folder(s)\n`);
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
