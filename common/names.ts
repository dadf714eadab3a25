/**
 * Validation of every value that reaches the remote shell, and POSIX single-quote quoting.
 * Names (image, node, instance, domain) are `[A-Za-z0-9._-]+`; repoPath is absolute with safe
 * characters. Validation rejects; quoting is applied on top, so nothing reaches a shell unquoted.
 */
export type NameKind = 'image' | 'node' | 'instance' | 'domain' | 'environment';

export interface NameError {
  code: 'invalid-name' | 'invalid-path';
  kind: NameKind | 'repoPath';
  value: string;
  message: string;
}

const NAME_RE = /^[A-Za-z0-9._-]+$/;
const PATH_RE = /^\/[A-Za-z0-9._/-]*$/;

function printable(v: string): string {
  return JSON.stringify(v);
}

/** Undefined when valid; otherwise why not. `.` and `..` alone are refused (path tricks). */
export function validateName(kind: NameKind, value: unknown): NameError | undefined {
  const v = typeof value === 'string' ? value : String(value);
  if (typeof value !== 'string' || !NAME_RE.test(v) || v === '.' || v === '..' || v.startsWith('-')) {
    return {
      code: 'invalid-name',
      kind,
      value: v,
      message: `invalid ${kind} name ${printable(v)}: only letters, digits, '.', '_' and '-' are allowed (not starting with '-')`,
    };
  }
  return undefined;
}

/** repoPath: absolute, `[A-Za-z0-9._/-]`, no `.`/`..` segments. */
export function validateRepoPath(value: unknown): NameError | undefined {
  const v = typeof value === 'string' ? value : String(value);
  const bad = (why: string): NameError => ({
    code: 'invalid-path',
    kind: 'repoPath',
    value: v,
    message: `invalid repoPath ${printable(v)}: ${why}`,
  });
  if (typeof value !== 'string' || !v.startsWith('/')) return bad('must be an absolute path');
  if (!PATH_RE.test(v)) return bad("only letters, digits, '.', '_', '-' and '/' are allowed");
  if (v.split('/').some((seg) => seg === '.' || seg === '..')) return bad("'.' and '..' segments are not allowed");
  if (v === '/') return bad('must not be /');
  return undefined;
}

/** `/a/b/` → `/a/b`. */
export function normalizeRepoPath(p: string): string {
  return p.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/** POSIX single-quote quoting: safe for any string (a `'` becomes `'\''`). */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
