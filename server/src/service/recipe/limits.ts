/**
 * The size limits that bound the work per file (issue 10 item 1): a recipe is a few KB of text, so a file over
 * these limits is reported (file-unreadable) instead of parsed, and a file with very many problems lists only the
 * first MAX_FINDINGS_PER_FILE of them plus one summary (file-findings-limit). Together they keep any file the
 * editor or `check` meets below ~2 s and ~300 MB (bench/ls-robust.mjs).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import type { RuleInfo } from '../rules/rule';
import { diagnosticMaker } from '../rules/ruleDiagnostics';

/** The rules of the limits: a file not checked at all, and a file whose findings are capped. */
export const LIMIT_RULES: readonly RuleInfo[] = [
  {
    code: 'file-unreadable',
    severity: 'error',
    scope: 'workspace',
    description:
      'A recipe file that is unreadable, not a regular file, not UTF-8 text, or over the size limits (.hrd: 256 KB or 20,000 lines; actions.py: 1 MB or 50,000 lines) is not checked.',
  },
  {
    code: 'file-findings-limit',
    severity: 'information',
    scope: 'hrd',
    description:
      'More than 200 findings in one file: only the first 200 are listed, plus this summary with the count of the rest.',
  },
];

/** Builds the diagnostics of LIMIT_RULES (also used by the WorkspaceIndex for file-unreadable). */
export const makeLimitDiagnostic = diagnosticMaker(LIMIT_RULES);
const makeDiagnostic = makeLimitDiagnostic;

/** .hrd files: a large service.hrd is ~2 KB; the HRD parser keeps positions for every line and entry. */
export const MAX_HRD_BYTES = 256 * 1024;
export const MAX_HRD_LINES = 20_000;
/** actions.py: tree-sitter (wasm) is cheaper per line than the HRD model. */
export const MAX_ACTIONS_BYTES = 1024 * 1024;
export const MAX_ACTIONS_LINES = 50_000;
export const MAX_FINDINGS_PER_FILE = 200;

export interface FileLimits {
  bytes: number;
  lines: number;
}

export function limitsFor(filePath: string): FileLimits {
  return /(^|[\\/])actions\.py$/.test(filePath)
    ? { bytes: MAX_ACTIONS_BYTES, lines: MAX_ACTIONS_LINES }
    : { bytes: MAX_HRD_BYTES, lines: MAX_HRD_LINES };
}

function kb(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** The number of lines of `text`, counted up to `max` + 1 (stops early). */
function linesUpTo(text: string | Buffer, max: number): number {
  let n = 1;
  let i = typeof text === 'string' ? text.indexOf('\n') : text.indexOf(10);
  while (i >= 0 && n <= max) {
    n++;
    i = typeof text === 'string' ? text.indexOf('\n', i + 1) : text.indexOf(10, i + 1);
  }
  return n;
}

/** Why a file of `bytes` bytes is over the limits of its kind (undefined: within them). */
export function sizeProblem(filePath: string, bytes: number): string | undefined {
  const l = limitsFor(filePath);
  if (bytes <= l.bytes) return undefined;
  return `${kb(bytes)}, over the ${kb(l.bytes)} limit for this kind of recipe file, so it is not checked. A recipe is a few lines of text: is this the right file?`;
}

/** Why this content is over the limits of its kind (bytes of UTF-8, or lines); undefined when it is within them. */
export function contentProblem(filePath: string, text: string | Buffer): string | undefined {
  const bytes =
    typeof text === 'string'
      ? text.length > limitsFor(filePath).bytes / 3
        ? Buffer.byteLength(text)
        : text.length
      : text.length;
  const size = sizeProblem(filePath, bytes);
  if (size) return size;
  const max = limitsFor(filePath).lines;
  if (linesUpTo(text, max) <= max) return undefined;
  return `over ${max.toLocaleString('en-US')} lines, the limit for this kind of recipe file, so it is not checked. A recipe is a few lines of text: is this the right file?`;
}

/** The one diagnostic of a document over the limits (the editor's counterpart of the index's file-unreadable). */
export function oversizeDiagnostic(fileName: string, problem: string): Diagnostic {
  return makeDiagnostic(
    'file-unreadable',
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    `${fileName} is ${problem}`,
  );
}

/** Loss events that never become a finding (see hrdRules.ts). */
const SILENT_EVENTS = new Set(['inline-comment', 'directive']);

/**
 * A view of `doc` with at most `limit` loss events and references, so that the hrd-* rules build at most about
 * `limit` diagnostics; `more` estimates the findings left out (one per event, two per duplicate key).
 */
export function boundedHrd(doc: HrdDocument, limit = MAX_FINDINGS_PER_FILE): { doc: HrdDocument; more: number } {
  if (doc.events.length <= limit && doc.references.length <= limit) return { doc, more: 0 };
  let more = 0;
  for (let i = limit; i < doc.events.length; i++) {
    const k = doc.events[i].kind;
    if (!SILENT_EVENTS.has(k)) more += k === 'duplicate-key' ? 2 : 1;
  }
  for (let i = limit; i < doc.references.length; i++) if (!doc.keys.has(doc.references[i].name)) more++;
  return { doc: { ...doc, events: doc.events.slice(0, limit), references: doc.references.slice(0, limit) }, more };
}

/** Keeps the first `limit` of sorted `diags` and adds one summary (file-findings-limit) for the rest. */
export function capFindings(diags: Diagnostic[], more = 0, limit = MAX_FINDINGS_PER_FILE): Diagnostic[] {
  const total = diags.length + more;
  if (total <= limit) return diags;
  const kept = diags.length > limit ? diags.slice(0, limit) : diags;
  const rest = total - kept.length;
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  kept.push(
    makeDiagnostic(
      'file-findings-limit',
      at,
      `${rest.toLocaleString('en-US')} more problem(s) in this file are not listed: only the first ${kept.length} are shown, to keep the editor and \`check\` responsive (AYS itself reads the file as it is). Fix these first (they often cause the rest), or check that this is a recipe file.`,
    ),
  );
  return kept;
}
