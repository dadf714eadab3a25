/**
 * `ays-recipes check [PATH...] [--format text|json|sarif|github] [--profile current|legacy] [--max-warnings N] [--quiet]`:
 * checks every template folder under the paths with the language service's engine (per-file rules + the workspace
 * index rules). The output formats are in checkReport.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, RecipeSettings } from '../../../common/settings';
import { severityName } from '../service/rules/ruleDiagnostics';
import { fileKindOf } from '../service/fileKind';
import { createLanguageService } from '../service/LanguageService';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { CHECK_FORMATS, CheckFormat, writeReport } from './checkReport';
import { CliCommand, CliIo, EXIT } from './CliIo';
import { terminalProgress } from './progress';
import { pushAll } from '../service/arrays';

const USAGE = `Usage: ays-recipes check [PATH...] [--format text|json|sarif|github] [--profile current|legacy]
                          [--max-warnings N] [--quiet]

Checks every AYS template folder (a folder with service.hrd) under each PATH (default: .) with the same
rules as the editor: service.hrd / instance.hrd syntax (hrd-*), image recipe rules (recipe-*), actions.py
(actions-*: Python 2 syntax, ActionsBase, registerImage against the --profile) and the workspace-wide rules
(dest collisions, duplicate templates, backup files, missing files, duplicate display names).
A PATH that is a file checks the folder it is in.

Options:
  --format, -f FORMAT       text: path:line:col: severity code message (default), with a summary on stderr;
                            json: an array of {file, line, column, endLine, endColumn, severity, code, message}
                            (1-based); sarif: a SARIF 2.1.0 log (GitHub code scanning, GitLab);
                            github: GitHub Actions workflow commands (::error file=…,line=…,title=CODE::message)
  --profile current|legacy  registerImage signature of the environment (default: current):
                            current = registerImage(service, name, type, disksize, ...) (OpenvCloud 2016-06+),
                            legacy  = registerImage(jp, name, imagename, type, disksize[, username])
  --max-warnings N          exit 1 when there are more than N warnings (as ESLint; default: -1, no limit)
  --quiet, -q               report errors only (warnings still count for --max-warnings)

On a terminal, a check of more than 1,000 folders shows its progress on stderr (text format only).

Exit codes: 0 no errors and no more warnings than --max-warnings, 1 errors found or too many warnings,
2 bad usage (unknown option, missing path) or an internal error.
`;

export interface CheckFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export interface CheckOptions {
  paths: string[];
  format: CheckFormat;
  profile: 'current' | 'legacy';
  /** -1: no limit. */
  maxWarnings: number;
  quiet: boolean;
}

export function parseCheckArgs(args: string[]): CheckOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        profile: { type: 'string' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
  } catch (e) {
    // node:util's messages, without their advice on positionals that start with '-'
    return (e instanceof Error ? e.message : String(e)).split(/\. To specify|\n/)[0];
  }
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format))
    return `--format must be ${CHECK_FORMATS.join(', ')}, not '${format}'`;
  const profile = v.profile ?? 'current';
  if (profile !== 'current' && profile !== 'legacy') return `--profile must be current or legacy, not '${profile}'`;
  const mw = v['max-warnings'] ?? '-1';
  if (!/^(-1|\d+)$/.test(mw)) return `--max-warnings must be a whole number (or -1 for no limit), not '${mw}'`;
  return {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format: format as CheckFormat,
    profile,
    maxWarnings: Number(mw),
    quiet: v.quiet ?? false,
  };
}

export interface CheckResult {
  findings: CheckFinding[];
  folders: number;
  files: number;
  /** Set when the actions.py parser could not be loaded (the .wasm files are missing): actions.py went unchecked. */
  actionsError?: string;
}

/** Called as the run goes: template folders seen so far, then (after the scan) actions.py files analysed so far. */
export type CheckProgress = (folders: number, actions?: { done: number; total: number }) => void;

/** Runs the check and returns the findings (sorted by file and position) without printing. */
export async function runCheck(
  paths: string[],
  settings: RecipeSettings,
  onProgress?: CheckProgress,
): Promise<CheckResult> {
  const service = createLanguageService({ settings, fs: nodeFileSystem });
  // Starts loading tree-sitter now: the wasm compiles in the background while the folders are scanned.
  const actionsLoad = service.actionsReady().then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  const perFile = new Map<string, Diagnostic[]>();
  /** actions.py are analysed after the scan: their context (sibling service.hrd) comes from the index. */
  const actionsFiles: Array<[string, string]> = [];
  let folders = 0;
  let files = 0;
  let lastFolder = '';
  let seen = 0;
  const visit = (filePath: string, text: string | undefined) => {
    if (onProgress && path.dirname(filePath) !== lastFolder) {
      lastFolder = path.dirname(filePath);
      onProgress(++seen);
    }
    if (text === undefined) return undefined; // the index reports it as file-unreadable
    const kind = fileKindOf(filePath);
    if (kind === 'actions') {
      actionsFiles.push([filePath, text]);
      return undefined;
    }
    if (kind !== 'hrd') {
      const d = service.fileDiagnostics(filePath, text, settings);
      if (d.length) perFile.set(filePath, d);
      return undefined;
    }
    const parsed = service.parseText(text);
    const d = service.fileDiagnostics(filePath, text, settings, parsed);
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
  const unique = [...new Set(roots)]
    .sort()
    .filter((r, i, arr) => !arr.slice(0, i).some((o) => r.startsWith(o + path.sep)));
  for (const root of unique) {
    const r = service.workspace.scanFolder(root, settings.validation.exclude, visit);
    folders += r.folders;
    files += r.files;
  }
  const actionsError = actionsFiles.length ? await actionsLoad : undefined;
  if (!actionsError) {
    for (const [i, [filePath, text]] of actionsFiles.entries()) {
      onProgress?.(seen, { done: i, total: actionsFiles.length });
      const d = service.fileDiagnostics(filePath, text, settings);
      if (d.length) perFile.set(filePath, d);
    }
  }
  for (const [p, d] of service.workspaceDiagnostics(settings)) {
    const arr = perFile.get(p);
    if (arr) pushAll(arr, d);
    else perFile.set(p, [...d]);
  }
  const findings: CheckFinding[] = [];
  for (const [file, diags] of perFile) {
    for (const d of diags) {
      const severity = severityName(d.severity);
      if (severity === 'hint') continue;
      findings.push({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity,
        code: String(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
      });
    }
  }
  findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return actionsError ? { findings, folders, files, actionsError } : { findings, folders, files };
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check the AYS image recipes under the given paths (service.hrd, instance.hrd, template folders)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const o = parseCheckArgs(args);
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
    const progress = terminalProgress(io.err, { enabled: o.format === 'text' });
    let result: CheckResult;
    try {
      result = await runCheck(abs, settings, (folders, actions) =>
        progress.report(
          folders,
          actions
            ? `actions.py ${actions.done.toLocaleString('en')}/${actions.total.toLocaleString('en')} of ${folders.toLocaleString('en')} folders…`
            : `${folders.toLocaleString('en')} folders scanned…`,
        ),
      );
    } finally {
      progress.done();
    }
    return writeReport(result, o, io);
  },
};
