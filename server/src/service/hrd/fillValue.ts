/** Fills an item's value, entries and value-level events (single-line and multi-line forms). */
import { CollectionEntry } from './CollectionEntry';
import type { HrdEntry, HrdItem, LossEvent } from './HrdModel';
import { blockType, countQuotes, decode, getStrip, PART, quoteMask, recognizeType, splitCollection } from './js7Typing';

function evalEvents(item: HrdItem, s: string, map: (i: number) => number, events: LossEvent[]): void {
  let i = s.indexOf('{{');
  while (i >= 0) {
    const j = s.indexOf('}}', i + 2);
    const end = j < 0 ? s.length : j + 2;
    events.push({ kind: 'eval', span: { start: map(i), end: map(end - 1) + 1 }, item, detail: s.slice(i, end) });
    i = j < 0 ? -1 : s.indexOf('{{', end);
  }
}

/** The last entry before entries[n] with the same key (a dict item with a key). */
function overridden(entries: HrdEntry[], n: number): HrdEntry {
  for (let j = n - 1; ; j--) {
    const e = entries[j];
    if (e.key === entries[n].key && e.keySpan !== undefined) return e;
  }
}

function buildEntries(
  item: HrdItem,
  s: string,
  kind: 'dict' | 'list',
  keepQuotes: boolean,
  map: (i: number) => number,
  lineOf: (i: number) => number,
  events: LossEvent[],
): void {
  const mask = quoteMask(s);
  const [count, parts] = splitCollection(s, mask, kind);
  const after = (a: number, b: number) => (b > a ? map(b - 1) + 1 : map(a));
  // arrays of the exact size: an array grown by push keeps room for 17 elements, and the parse lives long
  const entries: HrdEntry[] = new Array(count);
  // only the one the kind needs
  const list = kind === 'list' ? new Array<string>(count) : undefined;
  const dict = list ? undefined : new Map<string, string>();
  item.entries = entries;
  for (let n = 0, o = 0; n < count; n++, o += PART.SIZE) {
    const k0 = parts[o + PART.KEY];
    const k1 = parts[o + PART.KEY_END];
    const v0 = parts[o + PART.VALUE];
    const v1 = parts[o + PART.VALUE_END];
    const w0 = parts[o + PART.WHOLE];
    const w1 = parts[o + PART.WHOLE_END];
    const hasKey = k0 >= 0;
    const value = decode(s, mask, v0, v1, keepQuotes);
    const nl = s.indexOf('\n', w0);
    const merged = nl >= 0 && nl < w1 && mask[nl] === 0;
    let ownEnd = merged ? nl : v1;
    while (ownEnd > v0 && s[ownEnd - 1] === ' ') ownEnd--;
    const entry = new CollectionEntry(
      hasKey ? decode(s, mask, k0, k1, keepQuotes) : '',
      value,
      lineOf(w0),
      merged,
      merged ? decode(s, mask, v0, Math.max(v0, ownEnd), keepQuotes) : value,
      hasKey ? map(k0) : -1,
      hasKey ? after(k0, k1) : -1,
      hasKey ? map(w0) : -1,
      hasKey ? after(w0, w1) : -1,
      map(v0),
      after(v0, v1),
      merged ? after(v0, Math.max(v0, ownEnd)) : -1,
    );
    entries[n] = entry;
    if (list) {
      list[n] = value;
      continue;
    }
    if (!hasKey) {
      events.push({ kind: 'dict-item-no-colon', span: entry.span, item, detail: s.slice(w0, w1) });
      continue;
    }
    if (dict!.has(entry.key)) {
      // a repeated key (rare): it overrides the last earlier entry with that key
      const prev = overridden(entries, n);
      prev.kept = false;
      events.push({
        kind: 'duplicate-entry',
        span: prev.keySpan ?? prev.span,
        item,
        related: [entry.keySpan ?? entry.span],
        detail: entry.key,
      });
    }
    dict!.set(entry.key, value);
    if (!keepQuotes && value.startsWith('"')) {
      events.push({ kind: 'double-quotes', span: entry.valueSpan, item, detail: value });
    }
  }
  item.value = list ?? dict!;
}

/**
 * A `key = value` line: `rest` is the stripped text after '=', starting at document offset `at` (the parser has set
 * `item.valueSpan` to it).
 */
export function typeSingle(item: HrdItem, rest: string, at: number, events: LossEvent[]): void {
  item.raw = rest;
  const map = (i: number) => at + i;
  evalEvents(item, rest, map, events);
  const t = recognizeType(rest);
  if (rest.startsWith('"')) events.push({ kind: 'double-quotes', span: item.valueSpan, item, detail: rest });
  if (t === 'ask') {
    item.type = 'ask';
    item.value = rest;
    return;
  }
  if (t === 'string') {
    item.type = 'string';
    item.value = getStrip(rest);
    return;
  }
  item.type = t;
  buildEntries(item, rest, t, true, map, () => item.line, events);
  if (t === 'dict' && !rest.includes("'")) {
    events.push({ kind: 'unquoted-colon', span: item.valueSpan, item, detail: rest });
  } else if (item.entries.some((e) => e.value.includes("'") || e.key.includes("'"))) {
    events.push({ kind: 'quoted-item', span: item.valueSpan, item, detail: rest });
  }
}

/** Closes a multi-line block: the first continuation line decides dict / list / text (§1.2). */
export function typeBlock(item: HrdItem, events: LossEvent[]): void {
  // (an exact-size copy: the array grew by push, with room to spare, and the parse lives long)
  const lines = (item.blockLines = item.blockLines.slice());
  if (lines.length === 0) {
    item.type = 'string';
    item.value = '';
    item.raw = '';
    return;
  }
  item.valueSpan = { start: lines[0].span.start, end: lines[lines.length - 1].span.end };
  let s = '';
  const bases: number[] = [];
  for (let j = 0; j < lines.length; j++) {
    if (j) s += '\n';
    bases.push(s.length);
    s += lines[j].text;
  }
  item.raw = s;
  // the entries read their offsets mostly in order: try the line of the previous offset first
  let last = 0;
  const lineIdx = (i: number) => {
    if (bases[last] <= i && (last + 1 === bases.length || i < bases[last + 1])) return last;
    let lo = 0;
    let hi = bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bases[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    last = lo;
    return lo;
  };
  const map = (i: number) => {
    const j = lineIdx(i);
    return Math.min(lines[j].span.start + (i - bases[j]), lines[j].span.end);
  };
  evalEvents(item, s, map, events);
  if (item.form === 'askBlock') {
    item.type = 'ask';
    item.value = s;
    return;
  }
  const t = blockType(lines[0].text);
  if (t === 'text') {
    item.type = 'text';
    item.value = s;
    const looksDict = lines.some((l) => /^[\w.'"-]+\s*:/.test(l.text)) || lines.some((l) => l.text.endsWith(','));
    if (looksDict) {
      events.push({
        kind: 'block-not-dict',
        span: { start: lines[0].span.end, end: lines[0].span.end },
        item,
        detail: lines[0].text,
      });
    }
    return;
  }
  item.type = t;
  for (let j = 0; j < lines.length - 1; j++) {
    const text = lines[j].text;
    // (a final ',' is never inside a quote pair)
    if (!text.endsWith(',') && countQuotes(text) % 2 === 0) {
      events.push({
        kind: 'missing-comma',
        span: { start: lines[j].span.end, end: lines[j].span.end },
        item,
        detail: text,
      });
    }
  }
  buildEntries(item, s, t, false, map, (i) => lines[lineIdx(i)].line, events);
}
