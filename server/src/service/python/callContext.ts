/**
 * Text-based context at the cursor, tolerant of half-typed code (the tree is often broken while typing):
 * the enclosing `registerImage(` call and argument, or a method slot inside `class Actions`.
 */
import { codeMask } from './py2Tolerance';

export interface RegisterCallContext {
  /** Offset of the `(` of the call. */
  openOffset: number;
  /** Positional arguments before the current one. */
  positionalBefore: number;
  /** `kw` when the current argument is `kw=…`. */
  keyword?: string;
  /** Keywords already used in the call (before the cursor). */
  usedKeywords: string[];
  /** Offset where the current argument's value starts (after `kw=` and spaces). */
  valueStart: number;
  /** The value typed so far. */
  valueText: string;
  /** The quote when the cursor is inside a string literal of the current argument. */
  quote?: string;
}

const MAX_BACK = 4000;

export function registerCallAt(text: string, offset: number): RegisterCallContext | undefined {
  const from = Math.max(0, offset - MAX_BACK);
  const prefix = text.slice(from, offset);
  const mask = codeMask(prefix);
  let depth = 0;
  let open = -1;
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (!mask[i]) continue;
    const c = prefix[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (
    open < 0 ||
    prefix[open] !== '(' ||
    !/(^|[^\w])registerImage\s*$/.test(prefix.slice(Math.max(0, open - 200), open))
  )
    return undefined;
  // split the argument text on top-level commas
  const args: { start: number; text: string }[] = [];
  let start = open + 1;
  depth = 0;
  for (let i = open + 1; i < prefix.length; i++) {
    if (!mask[i]) continue;
    const c = prefix[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      args.push({ start, text: prefix.slice(start, i) });
      start = i + 1;
    }
  }
  const cur = prefix.slice(start);
  const kwRe = /^\s*(\w+)\s*=(?!=)\s*/;
  const usedKeywords = args.map((a) => kwRe.exec(a.text)?.[1]).filter((k): k is string => !!k);
  const kw = kwRe.exec(cur);
  const lead = kw ? kw[0].length : cur.length - cur.trimStart().length;
  const valueText = cur.slice(lead);
  const q = /^[a-zA-Z]{0,2}('|")/.exec(valueText);
  const inString =
    q && !(valueText.length > q[0].length && valueText.endsWith(q[1]) && !valueText.endsWith('\\' + q[1]));
  return {
    openOffset: from + open,
    positionalBefore: args.filter((a) => !kwRe.test(a.text)).length,
    keyword: kw?.[1],
    usedKeywords,
    valueStart: from + start + lead,
    valueText,
    quote: inString ? q![1] : undefined,
  };
}

export interface MethodSlotContext {
  /** Offset of the first non-blank character of the line. */
  replaceStart: number;
  /** `def ` was typed. */
  hasDef: boolean;
  /** Names already defined with `def` in the class. */
  defined: string[];
}

/** A `def` slot at method level inside `class Actions` (cursor on a line holding only `[def ]name`). */
export function methodSlotAt(text: string, offset: number): MethodSlotContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  const m = /^([ \t]+)(def\s+)?(\w*)$/.exec(linePrefix);
  if (!m) return undefined;
  const lines = text.slice(0, lineStart).split('\n');
  let bodyIndent = Infinity;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i].replace(/\r$/, '').replace(/\t/g, '    ');
    if (!l.trim() || /^\s*#/.test(l)) continue;
    const ind = l.length - l.trimStart().length;
    if (ind > 0) {
      bodyIndent = Math.min(bodyIndent, ind);
      continue;
    }
    if (!/^class\s+Actions\b/.test(l)) return undefined;
    const classStart = i === 0 ? 0 : lines.slice(0, i).join('\n').length + 1;
    const rest = text.slice(classStart);
    const nextTop = rest.slice(1).search(/\n(?=[^\s#])/);
    const region = nextTop < 0 ? rest : rest.slice(0, nextTop + 1);
    const defined = [...region.matchAll(/^[ \t]+def\s+(\w+)/gm)].map((x) => x[1]).filter((n) => n !== m[3]);
    const indent = m[1].replace(/\t/g, '    ').length;
    if (!m[2] && bodyIndent !== Infinity && indent !== bodyIndent) return undefined;
    return { replaceStart: lineStart + m[1].length, hasDef: !!m[2], defined };
  }
  return undefined;
}
