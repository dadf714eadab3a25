/**
 * Value typing of JumpScale 7 (`HRDItem._recognizeType`, `text.py` hrd2machinetext / machinetext2val):
 * quoted parts `'…'` protect `, : space " \n` (encoded `\K \D \S \Q \N`, then decoded), so every scan
 * here skips the inside of quote pairs instead of encoding. Pairs are matched like the regex `'[^']*'`.
 */

/** Python 2 `str.strip()` whitespace (ASCII only). */
export function isPyWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\x0b' || c === '\x0c';
}

export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWs(s[a])) a++;
  while (b > a && isPyWs(s[b - 1])) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function leadingWs(s: string): number {
  let a = 0;
  while (a < s.length && isPyWs(s[a])) a++;
  return a;
}

/**
 * For every index, whether it is inside (or on) a quote pair: 0 outside, 1 inside, 2 the quote character itself.
 * The Uint8Array returned is shared scratch space (allocating one per value was most of the parser's garbage): it
 * holds at least `s.length` entries, is valid until the next call, and must not be written to.
 */
let zeros = new Uint8Array(1024);
let scratch = new Uint8Array(1024);

export function quoteMask(s: string): Uint8Array {
  let i = s.indexOf("'");
  if (i < 0) {
    // read-only all-zero mask shared by every quote-free string
    if (zeros.length < s.length) zeros = new Uint8Array(Math.max(s.length, zeros.length * 2));
    return zeros;
  }
  if (scratch.length < s.length) scratch = new Uint8Array(Math.max(s.length, scratch.length * 2));
  const m = scratch;
  m.fill(0, 0, s.length);
  while (i >= 0) {
    const j = s.indexOf("'", i + 1);
    if (j < 0) break;
    m[i] = 2;
    m[j] = 2;
    m.fill(1, i + 1, j);
    i = s.indexOf("'", j + 1);
  }
  return m;
}

/** The number of `'` characters in `s`. */
export function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf("'"); i >= 0; i = s.indexOf("'", i + 1)) n++;
  return n;
}

const ASK_I = /@ask/i;
const QUOTE_PAIRS = /'[^']*'/g;

/** `_recognizeType` on a single-line value (raw text after '=', stripped). */
export function recognizeType(raw: string): 'ask' | 'string' | 'dict' | 'list' {
  if (raw.includes('@') && ASK_I.test(raw)) return 'ask';
  const enc = raw.includes("'") ? raw.replace(QUOTE_PAIRS, '\u0000') : raw;
  if (enc.startsWith("'") || enc.startsWith('"')) return 'string';
  if (enc.includes(':')) return 'dict';
  if (enc.includes(',')) return 'list';
  return 'string';
}

/** Type of a multi-line block from its first (stripped) continuation line. */
export function blockType(first: string): 'dict' | 'list' | 'text' {
  // a final ',' is never inside a quote pair (a pair ends with a quote)
  if (!first.endsWith(',')) return 'text';
  // a ':' outside quote pairs (pairs as quoteMask matches them)
  for (let i = 0; i < first.length; i++) {
    const c = first.charCodeAt(i);
    if (c === 58) return 'dict';
    if (c === 39) {
      const j = first.indexOf("'", i + 1);
      if (j >= 0) i = j;
    }
  }
  return 'list';
}

/** `get()` on a scalar: strips whitespace and surrounding single quotes. */
export function getStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (isPyWs(s[a]) || s[a] === "'")) a++;
  while (b > a && (isPyWs(s[b - 1]) || s[b - 1] === "'")) b--;
  return s.slice(a, b);
}

/**
 * The parts of splitCollection(), 6 numbers each: key start, key end (both -1 when a dict item has no `:` or the
 * collection is a list), value start, value end, whole start, whole end (index pairs into the split text).
 * Shared scratch space (a tuple and an object per part were a large share of the parser's garbage): valid until
 * the next call.
 */
export const PART = { KEY: 0, KEY_END: 1, VALUE: 2, VALUE_END: 3, WHOLE: 4, WHOLE_END: 5, SIZE: 6 } as const;
let parts = new Int32Array(6 * 64);

function pushPart(n: number, k0: number, k1: number, v0: number, v1: number, w0: number, w1: number): void {
  if ((n + 1) * 6 > parts.length) {
    const grown = new Int32Array(parts.length * 2);
    grown.set(parts);
    parts = grown;
  }
  const o = n * 6;
  parts[o] = k0;
  parts[o + 1] = k1;
  parts[o + 2] = v0;
  parts[o + 3] = v1;
  parts[o + 4] = w0;
  parts[o + 5] = w1;
}

/**
 * Splits `s[from,to)` like AYS: strip leading/trailing whitespace, `,` and `:` (outside quotes), split on
 * `,` outside quotes, then (dicts) each item on its first `:` outside quotes. Index pairs are into `s`.
 * Items without `:` in a dict come back without a key (-1). Returns the number of parts and the array that holds
 * them (see PART).
 */
export function splitCollection(s: string, mask: Uint8Array, kind: 'dict' | 'list'): [number, Int32Array] {
  let a = 0;
  let b = s.length;
  const strip = (c: string, i: number) => mask[i] === 0 && (isPyWs(c) || c === ',' || c === ':');
  while (a < b && strip(s[a], a)) a++;
  while (b > a && strip(s[b - 1], b - 1)) b--;
  let n = 0;
  let segStart = a;
  for (let i = a; i <= b; i++) {
    if (i < b && !(s[i] === ',' && mask[i] === 0)) continue;
    let x = segStart;
    let y = i;
    segStart = i + 1;
    while (x < y && isPyWs(s[x])) x++;
    while (y > x && isPyWs(s[y - 1])) y--;
    if (x === y) continue;
    if (kind === 'list') {
      pushPart(n++, -1, -1, x, y, x, y);
      continue;
    }
    let c = -1;
    for (let k = x; k < y; k++)
      if (s[k] === ':' && mask[k] === 0) {
        c = k;
        break;
      }
    if (c < 0) {
      pushPart(n++, -1, -1, x, y, x, y);
      continue;
    }
    let ke = c;
    while (ke > x && isPyWs(s[ke - 1])) ke--;
    let vs = c + 1;
    while (vs < y && isPyWs(s[vs])) vs++;
    pushPart(n++, x, ke, vs, y, x, y);
  }
  return [n, parts];
}

/**
 * Decodes `s[a,b)`: in multi-line form the quote characters of pairs are removed and newlines outside
 * quotes read as spaces; in single-line form (`keepQuotes`) the text stays as written.
 */
export function decode(s: string, mask: Uint8Array, a: number, b: number, keepQuotes: boolean): string {
  if (keepQuotes) return s.slice(a, b);
  // copy runs between the characters that change (a quote of a pair, a newline outside quotes)
  let out = '';
  let run = a;
  for (let i = a; i < b; i++) {
    const m = mask[i];
    if (m === 2) {
      if (i > run) out += s.slice(run, i);
      run = i + 1;
    } else if (m === 0 && s.charCodeAt(i) === 10) {
      out += s.slice(run, i) + ' ';
      run = i + 1;
    }
  }
  return run === a ? s.slice(a, b) : out + s.slice(run, b);
}

/** `$(key.path)` occurrences (regex `\$\([\w.]*\)`), as [start, end, name]. */
export function findReferences(s: string): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  const re = /\$\(([\w.]*)\)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push([m.index, m.index + m[0].length, m[1]]);
  return out;
}
