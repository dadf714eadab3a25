/**
 * The value helpers of JumpScale 7 `core/system/text.py` as AYS 7 runs them on HRD values (behaviour re-implemented
 * from the specification and checked against the real parser by the conformance suite): quote encoding
 * (`\K \Q \S \D \N`), decoding (also of unquoted backslash sequences), `[a,b]` lists, `{{…}}`, `$(…)` serialisation,
 * and quoted-printable decoding of `bqp` blocks. Values are Python-like: string, number, boolean, null, array, Map.
 */

/** A Python float (kept apart from ints, because `str(1.0)` is `1.0`). */
export class PyFloat {
  constructor(readonly v: number) {}
}

export type PyValue = string | number | boolean | null | PyFloat | PyValue[] | Map<string, PyValue>;

/** Internal stand-ins for a prompt answer and an `eval` result (never printable text of a real document). */
export const ASK_MARK = '\uE000ask\uE001';
export const EVAL_MARK = '\uE000eval\uE001';

const WS = ' \t\n\r\x0b\x0c';

/** Python `str.strip(chars)` (`chars` undefined: ASCII whitespace). */
export function pstrip(s: string, chars = WS): string {
  let a = 0;
  let b = s.length;
  if (chars === WS) {
    while (a < b && isWs(s.charCodeAt(a))) a++;
    while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  } else if (chars.length === 1) {
    const c = chars.charCodeAt(0);
    while (a < b && s.charCodeAt(a) === c) a++;
    while (b > a && s.charCodeAt(b - 1) === c) b--;
  } else {
    while (a < b && chars.includes(s[a])) a++;
    while (b > a && chars.includes(s[b - 1])) b--;
  }
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** `pstrip(s.slice(a, b))` without the intermediate string. */
export function stripSlice(s: string, a: number, b: number): string {
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Python 2 `str.strip()` whitespace: space, \t \n \v \f \r. */
function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function prstrip(s: string, chars = WS): string {
  let b = s.length;
  while (b > 0 && chars.includes(s[b - 1])) b--;
  return s.slice(0, b);
}

/** Python `str.replace(a, b)` (every occurrence, left to right). */
export function replaceAll(s: string, a: string, b: string): string {
  if (a === '') return b + s.split('').join(b) + (s.length ? b : '');
  if (!s.includes(a)) return s;
  // a replacement string holding '$' would be read as a pattern ($&, $1 …): pass it through a function then
  return b.includes('$') ? s.replaceAll(a, () => b) : s.replaceAll(a, b);
}

const QUOTED = /'[^']*'/g;
/** Characters hrd2machinetext encodes inside quotes (plus the backslash of `\\n`). */
const SPECIAL = /[, ":\n\\]/;
const LISTED = /\[[^']*\]/g;

/**
 * One quoted part `s[open..close]` (quotes at `open` and `close`, none between) encoded as hrd2machinetext does it,
 * in one pass: `,` `"` space `:` become `\K \Q \S \D`, a backslash + `n` and a newline become `\N`, the two quotes
 * go. (AYS runs one `replace` per character; none of them produces or removes what a later one looks for, so one
 * pass gives the same text.)
 */
function encodeQuoted(s: string, open: number, close: number): string {
  let out = '';
  let run = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = s.charCodeAt(i);
    let code: string;
    if (c === 44) code = '\\K';
    else if (c === 34) code = '\\Q';
    else if (c === 32) code = '\\S';
    else if (c === 58) code = '\\D';
    else if (c === 10) code = '\\N';
    else if (c === 92 && i + 1 < close && s.charCodeAt(i + 1) === 110) code = '\\N';
    else continue;
    out += s.slice(run, i) + code;
    run = c === 92 ? i + 2 : i + 1;
    if (c === 92) i++;
  }
  return run === open + 1 ? s.slice(run, close) : out + s.slice(run, close);
}

/** `hrd2machinetext`: protect `, " space : \n` inside each `'…'` and drop the quotes; `onlyone`: return the first one. */
export function hrd2machinetext(value: string, onlyone = false): string {
  const q1 = value.indexOf("'");
  if (q1 < 0) return value;
  const q2 = value.indexOf("'", q1 + 1);
  if (q2 < 0) return value;
  if (value.indexOf("'", q2 + 1) < 0) {
    // one quote pair (the common case): its text occurs once, so AYS's replace is this one splice
    const inner = encodeQuoted(value, q1, q2);
    if (onlyone) return inner;
    return q1 === 0 && q2 === value.length - 1 ? inner : value.slice(0, q1) + inner + value.slice(q2 + 1);
  }
  const found = value.match(QUOTED)!;
  for (const item of found) {
    const item2 = SPECIAL.test(item) ? encodeQuoted(item, 0, item.length - 1) : item.slice(1, -1);
    value = replaceAll(value, item, item2);
    if (onlyone) return item2;
  }
  return value;
}

/** `replaceQuotes(value, 'something')`, as `_recognizeType` uses it. */
export function replaceQuotes(value: string): string {
  const q1 = value.indexOf("'");
  if (q1 < 0) return value;
  const q2 = value.indexOf("'", q1 + 1);
  if (q2 < 0) return value;
  // one quote pair: its text occurs once
  if (value.indexOf("'", q2 + 1) < 0) return value.slice(0, q1) + 'something' + value.slice(q2 + 1);
  const found = value.match(QUOTED);
  if (found) for (const item of found) value = replaceAll(value, item, 'something');
  return value;
}

/** `dealWithList`: commas inside `[…]` become `\K`. */
export function dealWithList(text: string): string {
  const found = text.includes('[') ? text.match(LISTED) : null;
  if (found) for (const item of found) text = replaceAll(text, item, replaceAll(item, ',', '\\K'));
  return text;
}

/** The escapes AYS decodes (`\K \Q \S \D \N \n`), by the character after the backslash. */
const DECODE: Record<string, string> = { K: ',', Q: '"', S: ' ', D: ':', N: '\n', n: '\n' };

/**
 * AYS's six `replace` passes (`\K`, `\Q`, `\S`, `\D`, `\N`, `\n`) in one: the sequences never overlap (each is a
 * backslash and a letter) and no replacement makes or breaks one, so one left-to-right pass gives the same text.
 */
export function decodeEscapes(value: string): string {
  let i = value.indexOf('\\');
  if (i < 0) return value;
  let out = '';
  let run = 0;
  while (i >= 0 && i + 1 < value.length) {
    const r = DECODE[value[i + 1]];
    if (r !== undefined) {
      out += value.slice(run, i) + r;
      run = i + 2;
      i = value.indexOf('\\', run);
    } else i = value.indexOf('\\', i + 1);
  }
  return run === 0 ? value : out + value.slice(run);
}

function isDigits(t: string): boolean {
  return t.length > 0 && /^[0-9]+$/.test(t);
}
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** `machinetext2val`: decode the escapes; `[a,b]` (quotes and spaces around allowed) becomes a list. */
export function machinetext2val(value: string): PyValue {
  const v2 = decodeEscapes(value);
  if (pstrip(v2) === '') return v2;
  const inner = pstrip(pstrip(v2), "'");
  if (!(inner.startsWith('[') && inner.endsWith(']'))) return v2;
  const res: PyValue[] = [];
  for (const item of pstrip(inner, '[]').split(',')) {
    if (pstrip(item) === '') continue;
    const t = pstrip(pstrip(item, ','));
    if (isDigits(t)) res.push(Number(pstrip(item)));
    else if (t.indexOf('.') === 1 && FLOAT.test(t)) res.push(new PyFloat(Number(pstrip(item))));
    else res.push(item);
  }
  return res;
}

/** `_str2var` on one string (the fallback typing of an item whose type stayed unknown). */
export function str2var(s: string): PyValue {
  const low = s.toLowerCase();
  if (low === 'empty' || low === 'none') return null;
  if (s === '') return '';
  const t = pstrip(s);
  if (t.toLowerCase() === 'true') return true;
  if (t.toLowerCase() === 'false') return false;
  if (isDigits(t)) return Number(t);
  if (/^[0-9]*\.[0-9]+$/.test(t)) return new PyFloat(Number(t));
  return decodeEscapes(s);
}

function pyFloatStr(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  let s = v.toPrecision(12);
  if (s.includes('e')) {
    const [mant, e] = s.split('e');
    let m = mant;
    if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return /[.e]/.test(s) || !/^-?[0-9]+$/.test(s) ? s : s + '.0';
}

/** `pythonObjToStr(obj, multiline=False, canBeDict, partial)`: how a `$(ref)` value is written into another value. */
export function pythonObjToStr(obj: PyValue, canBeDict = true, partial = false): string {
  if (obj === null) return '';
  if (typeof obj === 'boolean') return obj ? 'True' : 'False';
  if (typeof obj === 'string') {
    const isdict = canBeDict && obj.includes(':');
    if (pstrip(obj) === '') return '';
    if (!isdict || obj.includes(' ') || obj.includes('/') || obj.includes(',')) {
      return partial ? pstrip(obj, "'") : `'${pstrip(obj, "'")}'`;
    }
    return obj;
  }
  if (typeof obj === 'number') return String(obj);
  if (obj instanceof PyFloat) return pyFloatStr(obj.v);
  if (Array.isArray(obj)) {
    let out = '[';
    for (const it of obj) out += pythonObjToStr(it, false) + ',';
    return pstrip(prstrip(out), ',') + ']';
  }
  if (!canBeDict) throw new HrdPyError('RuntimeError', 'subitem cannot be list or dict');
  let out = '';
  for (const k of [...obj.keys()].sort()) {
    out += `${k}:${pythonObjToStr(obj.get(k)!, false)},`;
  }
  return prstrip(prstrip(out), ',') + ',';
}

/** `Text.eval`: every `{{expr}}` is evaluated by AYS; here the expression text is replaced by a marker. */
export function evalMacros(code: string): string {
  if (!code.includes('}}')) return code;
  const candidates: string[] = [];
  for (const part of code.split('{{')) {
    if (part.includes('}}')) candidates.push('{{' + part.split('}}')[0] + '}}');
  }
  for (const c of candidates) {
    const item = pstrip(pstrip(c, '{'), '}');
    const result = `'${EVAL_MARK}'`;
    code = replaceAll(code, item, result);
  }
  return code;
}

/** An exception the real parser raises (type name as Python prints it). */
export class HrdPyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(message);
  }
}

const HEX = /^[0-9A-Fa-f]$/;

/** `binascii.a2b_qp` (not header mode), on the UTF-8 bytes of `s`; the result read back as UTF-8. */
export function a2bQp(s: string): string {
  const inp = Buffer.from(s, 'utf8');
  const out: number[] = [];
  const n = inp.length;
  let i = 0;
  while (i < n) {
    if (inp[i] !== 0x3d) {
      out.push(inp[i++]);
      continue;
    }
    i++;
    if (i >= n) break;
    const c = inp[i];
    if (c === 0x0a || c === 0x0d) {
      if (c !== 0x0a) while (i < n && inp[i] !== 0x0a) i++;
      if (i < n) i++;
    } else if (c === 0x3d) {
      out.push(0x3d);
      i++;
    } else if (i + 1 < n && HEX.test(String.fromCharCode(c)) && HEX.test(String.fromCharCode(inp[i + 1]))) {
      out.push(parseInt(String.fromCharCode(c, inp[i + 1]), 16));
      i += 2;
    } else {
      out.push(0x3d);
    }
  }
  return Buffer.from(out).toString('utf8');
}
