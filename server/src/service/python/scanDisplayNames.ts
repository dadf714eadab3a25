/**
 * Display names registered by an actions.py, found WITHOUT the tree-sitter parser: a small lexer over the
 * `registerImage(...)` argument lists. It is the scan path of the workspace index (10,000 files must index in
 * well under a second, before the parser has even loaded) and feeds the workspace-wide `actions-display-name` rule.
 *
 * It mirrors `displayNamesOf` (analyzeActions.ts): the `name=` keyword or the 2nd positional argument (splats
 * ignored), a string literal (implicit concatenation included) or a variable assigned one string literal earlier
 * in the file. The range is the literal's (the call argument, or the right-hand side of the assignment).
 */
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../hrd/LineIndex';
import { decodeStringLiteral } from './pyValues';

export interface ScannedDisplayName {
  name: string;
  range: Range;
}

interface Segment {
  start: number;
  end: number;
}

const STRING_START = /[rRuUbB]{0,2}('''|"""|'|")/y;
const PREFIX = new Set(['r', 'R', 'u', 'U', 'b', 'B']);
const WORD = /\w/;
/** One compiled `ident = …` pattern per variable name (in practice: `name`). */
const ASSIGNMENT = new Map<string, RegExp>();

/** End offset (exclusive) of the string literal starting at `i` (prefix included), or -1 if none starts there. */
function stringEnd(text: string, i: number): number {
  STRING_START.lastIndex = i;
  const m = STRING_START.exec(text);
  if (!m) return -1;
  const q = m[1];
  let j = i + m[0].length;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (q.length === 1 && c === '\n') return -1; // unterminated single-quoted string
    if (text.startsWith(q, j)) return j + q.length;
    j++;
  }
  return -1;
}

/** Top-level argument segments of the call whose `(` is at `open`; undefined if the list never closes. */
function argumentSegments(text: string, open: number): Segment[] | undefined {
  const out: Segment[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl;
      continue;
    }
    if (c === "'" || c === '"' || (PREFIX.has(c) && !WORD.test(text[i - 1] ?? ''))) {
      const e = stringEnd(text, i);
      if (e > 0) {
        i = e - 1;
        continue;
      }
      if (c === "'" || c === '"') return undefined;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ')') {
      if (depth === 0) {
        out.push({ start, end: i });
        return out;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return undefined;
}

/** Trims a segment to its first/last non-blank, non-comment character. */
function trim(text: string, s: Segment): Segment {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * The value of `start..end` when it is exactly one string literal, an implicit concatenation of them, or such an
 * expression in parentheses; `end` is where the expression ends (before a trailing comment).
 */
function stringValue(text: string, start: number, end: number): { value: string; end: number } | undefined {
  let value = '';
  let i = start;
  let pieces = 0;
  let last = start;
  let open = 0;
  let closed = 0;
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl;
      continue;
    }
    if (c === '(' && !pieces) {
      open++;
      i++;
      continue;
    }
    if (c === ')' && pieces && closed < open) {
      closed++;
      i++;
      last = i;
      continue;
    }
    if (closed) return undefined;
    const e = stringEnd(text, i);
    if (e < 0 || e > end) return undefined;
    const v = decodeStringLiteral(text.slice(i, e));
    if (v === undefined) return undefined;
    value += v;
    pieces++;
    i = last = e;
  }
  return pieces && open === closed ? { value, end: last } : undefined;
}

/** The last `ident = <string literal>` statement before `before`. */
function lastAssignment(
  text: string,
  ident: string,
  before: number,
): { value: string; start: number; end: number } | undefined {
  let re = ASSIGNMENT.get(ident);
  if (!re) {
    re = new RegExp(`^[ \\t]*${ident}[ \\t]*=(?!=)[ \\t]*(\\S[^\\n]*?)[ \\t]*(?:#[^\\n'"]*)?\\r?$`, 'gm');
    if (ASSIGNMENT.size < 100) ASSIGNMENT.set(ident, re);
  }
  re.lastIndex = 0;
  let found: { value: string; start: number; end: number } | undefined;
  for (let m = re.exec(text); m && m.index < before; m = re.exec(text)) {
    const start = m.index + m[0].indexOf(m[1], m[0].indexOf('=') + 1);
    let end = start + m[1].length;
    if (text[start] === '(') {
      // a parenthesised value may continue on the next lines
      const group = argumentSegments(text, start);
      if (group?.length === 1) end = group[0].end + 1;
    }
    const v = stringValue(text, start, end);
    found = v === undefined ? undefined : { value: v.value, start, end: v.end };
  }
  return found;
}

/** Display names (with the range of their string literal) registered by `registerImage` calls in `text`. */
export function scanDisplayNames(text: string): ScannedDisplayName[] {
  if (!text.includes('registerImage')) return [];
  const out: ScannedDisplayName[] = [];
  let pos: LineIndex | undefined;
  const call = /(^|\W)registerImage\s*\(/g;
  for (let m = call.exec(text); m; m = call.exec(text)) {
    const at = m.index + m[1].length;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = text.slice(lineStart, at);
    if (before.includes('#') || /\bdef\s+$/.test(before)) continue;
    const open = m.index + m[0].length - 1;
    const segments = argumentSegments(text, open);
    if (!segments) continue;
    let nameArg: Segment | undefined;
    let positional = 0;
    for (const raw of segments) {
      const s = trim(text, raw);
      if (s.start >= s.end || text[s.start] === '*') continue;
      const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(text.slice(s.start, s.end));
      if (kw) {
        if (kw[1] === 'name') nameArg = { start: s.start + kw[0].length, end: s.end };
      } else if (positional++ === 1 && !nameArg) nameArg = s;
    }
    if (!nameArg) continue;
    const literal = stringValue(text, nameArg.start, nameArg.end);
    pos ??= new LineIndex(text);
    if (literal !== undefined) {
      out.push({ name: literal.value, range: pos.range(nameArg.start, literal.end) });
      continue;
    }
    const ident = text.slice(nameArg.start, nameArg.end);
    if (!/^[A-Za-z_]\w*$/.test(ident)) continue;
    const a = lastAssignment(text, ident, at);
    if (a) out.push({ name: a.value, range: pos.range(a.start, a.end) });
  }
  return out;
}
