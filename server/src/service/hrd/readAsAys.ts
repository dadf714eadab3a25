/**
 * What AYS 7 gets from an HRD file: the keys, the value of each (`hrd.get(key)`), and whether loading raises.
 * AYS loads a template with `j.core.hrd.get(path)`, which reads the lines (`HRD.process`) and then processes every
 * item (`applyTemplates` → `save` → `str`), in sorted key order, so a bad dict item, a `$(…)` cycle or a `''` first
 * block line stops the install at load. This model re-implements that behaviour; the conformance suite
 * (test/unit/conformance) holds it against the real parser's answers.
 */
import {
  a2bQp,
  ASK_MARK,
  dealWithList,
  EVAL_MARK,
  evalMacros,
  hrd2machinetext,
  HrdPyError,
  machinetext2val,
  pstrip,
  pythonObjToStr,
  replaceAll,
  replaceQuotes,
  str2var,
  stripSlice,
  type PyValue,
} from './aysText';
import { askLine } from './aysAsk';

/** The parser's item types, plus an @ASK prompt's type once asked (str, int, bool, …). */
type TType = 'base' | 'dict' | 'list' | 'binary' | 'unknown' | 'ask' | (string & {});

export interface AysItem {
  key: string;
  /** 0-based line of `key =`. */
  line: number;
  /** 0-based last line of the item (the key line for single-line values). */
  endLine: number;
  ttype: TType;
  /** The data as the parser stored it (before processing). */
  raw: string;
  data: string;
  value: PyValue | undefined;
  processing: boolean;
}

export interface AysLoadError {
  /** Python exception type: InputError, IndexError or RuntimeError. */
  type: string;
  message: string;
  /** 0-based line concerned. */
  line: number;
  /** The key whose processing raised (undefined for a parse error). */
  key?: string;
  /** For a `$(…)` cycle: the keys, in reference order, back to the first one. */
  cycle?: string[];
}

export interface AysRead {
  items: Map<string, AysItem>;
  loadError?: AysLoadError;
}

/** One value as reported (the conformance suite's form): `@ASK` and `{{…}}` values are flagged, not resolved. */
export type AysReported = { ask: true } | { eval: true } | { error: string } | { binary: string } | PyValue;

const BINARY_END = '#BINARYEND#########';
const MAX_DEPTH = 90;
const REFERENCE = /\$\([\w.]*\)/g;

/** `ps.lower() == '@ask,'` (only a 5-character string can lower-case to it). */
function isAskComma(ps: string): boolean {
  return ps.length === 5 && ps.toLowerCase() === '@ask,';
}

function recognizeType(content: string): TType {
  const c = replaceQuotes(content);
  // (lower-casing never makes an '@')
  if (c.includes('@') && c.toLowerCase().includes('@ask')) return 'ask';
  if (c.startsWith('"') || c.startsWith("'")) return 'base';
  if (c.includes(':')) return 'dict';
  if (c.includes(',')) return 'list';
  return 'base';
}

/** `HRD.process()`: the line state machine that stores the raw items. */
function readLines(text: string, items: Map<string, AysItem>): AysLoadError | undefined {
  const lines = text.split('\n');
  let state: 'start' | 'look4var' | 'multiline' | 'var' = 'start';
  let vartype: TType | 'binaryqp' = 'unknown';
  let post = '';
  let name = '';
  let keyLine = 0;
  let lastLine = 0;
  for (let x = 0; x < lines.length; x++) {
    let line = lines[x];
    let line2: string;
    const binary = vartype === 'binary' || vartype === 'binaryqp';
    if (!binary) {
      const hash = line.indexOf('#');
      if (hash >= 0) line = line.slice(0, hash);
      line2 = pstrip(line);
      if (line2 === '') {
        if (state === 'multiline') state = 'var';
        else continue;
      }
      if (line2.startsWith('@')) continue;
    } else line2 = line;

    if (state === 'multiline') {
      if (binary) {
        if (line2.startsWith(BINARY_END)) {
          post = post.slice(0, -1);
          state = 'var';
        }
      } else if (line[0] !== ' ') {
        if (pstrip(post) === '') x--;
        state = 'var';
      }
    }
    if (state === 'start') state = 'look4var';
    if (state === 'look4var' && line.includes('=')) {
      const eq = line2.indexOf('=');
      name = pstrip(line2.slice(0, eq));
      post = line2.slice(eq + 1);
      keyLine = x;
      lastLine = x;
      vartype = 'unknown';
      const ps = pstrip(post);
      if (ps === '' || ps === 'b' || ps === 'bqp' || isAskComma(ps)) {
        state = 'multiline';
        if (ps.toLowerCase().startsWith('@ask')) {
          vartype = 'ask';
          post = ps + ' ';
        } else if (ps === 'b' || ps === 'bqp') {
          post = '';
          vartype = ps === 'b' ? 'binary' : 'binaryqp';
        } else post = ps + ' ';
        continue;
      }
      vartype = recognizeType(post);
      post = pstrip(pstrip(pstrip(post, ','), ':'));
      state = 'var';
    }
    if (state === 'multiline') {
      if (vartype === 'unknown') {
        line2 = hrd2machinetext(line2);
        if (line2 === '') return { type: 'IndexError', message: 'string index out of range', line: x, key: name };
        const last = line2[line2.length - 1];
        vartype = line2.includes(':') && last === ',' ? 'dict' : last === ',' ? 'list' : 'base';
      }
      lastLine = x;
      if (vartype === 'base') post += hrd2machinetext(line2, true) + '\\n';
      else if (vartype === 'binary' || vartype === 'binaryqp') post += line2 + '\n';
      else post += hrd2machinetext(line2) + ' ';
    }
    if (state === 'var') {
      if (vartype === 'ask') vartype = 'base';
      if (vartype === 'binaryqp') {
        post = a2bQp(post);
        vartype = 'binary';
      }
      items.set(name, {
        key: name,
        line: keyLine,
        endLine: lastLine,
        ttype: vartype,
        raw: post,
        data: post,
        value: undefined,
        processing: false,
      });
      state = 'look4var';
      vartype = 'unknown';
    }
  }
  return undefined;
}

class Processor {
  private depth = 0;
  readonly stack: string[] = [];
  /** Set when a processed item's value is None (itemGet processes such an item again each time it is read). */
  sawNone = false;
  /** The longest `$(…)` chain processed (1 = refers to nothing), and each referring item's chain length. */
  maxHeight = 1;
  private readonly heights = new Map<AysItem, number>();
  constructor(private readonly items: Map<string, AysItem>) {}

  /** `HRD.get(key)` of the item stored under `key`. */
  getItem(it: AysItem): PyValue {
    const v = this.itemGet(it);
    return typeof v === 'string' ? pstrip(pstrip(v), "'") : v;
  }

  itemGet(it: AysItem): PyValue {
    if (it.ttype === 'binary') return it.data;
    if (it.value === undefined || it.value === null) this.process(it);
    const v = it.value as PyValue;
    return typeof v === 'string' ? pstrip(v, "'") : v;
  }

  /** `HRDItem._process()`. */
  process(it: AysItem): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new HrdPyError('RuntimeError', 'maximum recursion depth exceeded', it.line, it.key);
    }
    this.stack.push(it.key);
    try {
      this.processInner(it);
      if (it.value === null) this.sawNone = true;
    } catch (e) {
      if (e instanceof HrdPyError && e.line === undefined) throw new HrdPyError(e.pyType, e.message, it.line, it.key);
      throw e;
    } finally {
      this.stack.pop();
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private processInner(it: AysItem): void {
    let data = it.data;
    if (data.includes('$(')) {
      let height = 1;
      for (const m of data.match(REFERENCE) ?? []) {
        const partial = m !== data;
        const ref = this.items.get(m.slice(2, -1));
        if (ref) {
          data = replaceAll(data, m, pythonObjToStr(this.getItem(ref), true, partial));
          height = Math.max(height, 1 + (this.heights.get(ref) ?? 1));
        }
      }
      if (height > 1) {
        this.heights.set(it, height);
        if (height > this.maxHeight) this.maxHeight = height;
      }
    }
    data = dealWithList(data);
    let askType: string | undefined;
    data = evalMacros(data);
    if (data.includes('@ASK') && pstrip(data) !== '') {
      data = data
        .split('\n')
        .map((l) => {
          if (!l.includes('@ASK')) return l;
          const a = askLine(l, it.key);
          askType = a.type;
          return a.line;
        })
        .join('\n');
    }
    it.data = data;
    if (it.ttype === 'base' && askType) it.ttype = askType;
    switch (it.ttype) {
      case 'base':
      case 'str':
        it.value = machinetext2val(pstrip(data));
        return;
      case 'dict': {
        const v = pstrip(data, ',');
        it.value = v;
        const d = new Map<string, PyValue>();
        if (pstrip(v) !== ':') {
          for (let item of v.split(',')) {
            item = pstrip(item);
            if (item === '') continue;
            const c = item.indexOf(':');
            if (c < 0)
              throw new HrdPyError(
                'InputError',
                `In service/${it.key}: cannot parse:'${item}', need to find : to parse dict`,
                it.line,
                it.key,
              );
            d.set(stripSlice(item, 0, c), machinetext2val(stripSlice(item, c + 1, item.length)));
          }
        }
        it.value = d;
        return;
      }
      case 'list': {
        const v = pstrip(data, ',');
        const l: PyValue[] = [];
        if (pstrip(v) !== '')
          for (const item of v.split(',')) if (pstrip(item) !== '') l.push(machinetext2val(pstrip(item)));
        it.value = l;
        return;
      }
      default:
        it.value = str2var(pstrip(data));
    }
  }
}

function markedWith(v: PyValue | undefined, mark: string): boolean {
  if (typeof v === 'string') return v.includes(mark);
  if (Array.isArray(v)) return v.some((x) => markedWith(x, mark));
  if (v instanceof Map) for (const [k, x] of v) if (k.includes(mark) || markedWith(x, mark)) return true;
  return false;
}

/** Loads `text` as AYS loads a template and reads every key; never throws. */
export function readAsAys(text: string): AysRead & { values: Map<string, AysReported> } {
  let items = new Map<string, AysItem>();
  const values = new Map<string, AysReported>();
  const parseError = readLines(text, items);
  if (parseError) return { items, loadError: parseError, values };
  let p = new Processor(items);
  let loadError: AysLoadError | undefined;
  if (!saveInOrder(items, p)) {
    items = new Map();
    readLines(text, items);
    p = new Processor(items);
    loadError = saveSorted(items, p);
  }
  const marks = text.includes('@ASK') || text.includes('}}');
  // (forEach: for-of with [key, it] allocates an entry per item)
  items.forEach((it, key) => {
    if (it.ttype === 'binary') {
      values.set(key, { binary: it.data });
      return;
    }
    let v: PyValue | undefined;
    let err: string | undefined;
    try {
      v = p.getItem(it);
    } catch (e) {
      if (!(e instanceof HrdPyError)) throw e;
      err = `${e.pyType}: ${e.message}`;
    }
    if (marks && (it.raw.includes('@ASK') || markedWith(v, ASK_MARK))) values.set(key, { ask: true });
    else if (marks && (it.raw.includes('}}') || markedWith(v, EVAL_MARK))) values.set(key, { eval: true });
    else if (err) values.set(key, { error: err });
    else values.set(key, v!);
  });
  return { items, loadError, values };
}

/** Whether save() processes the item: not binary, no @ASK in its data, no value yet. */
function saves(it: AysItem): boolean {
  return it.ttype !== 'binary' && !it.data.includes('@ASK') && (it.value === undefined || it.value === null);
}

/** save() → str(): every item whose data holds no @ASK, in sorted key order; the first error stops the load. */
function saveSorted(items: Map<string, AysItem>, p: Processor): AysLoadError | undefined {
  for (const key of [...items.keys()].sort()) {
    const it = items.get(key)!;
    if (!saves(it)) continue;
    try {
      p.process(it);
    } catch (e) {
      if (!(e instanceof HrdPyError)) throw e;
      const cycle = e.pyType === 'RuntimeError' ? cycleOf(items, key) : undefined;
      return { type: e.pyType, message: e.message, line: e.line ?? it.line, key: e.key, cycle };
    }
  }
  return undefined;
}

/**
 * saveSorted() in document order, without the sort, when that provably ends in the same state: no error (which
 * error comes first, and what the items hold after it, depends on the order), no None value (read again, such an
 * item is processed again), and no `$(…)` chain long enough to reach the recursion limit in another order (the
 * depth of a chain is at most its length, whatever was processed before). Returns false when it cannot tell: the
 * caller then reads the text again and processes it in sorted order.
 */
function saveInOrder(items: Map<string, AysItem>, p: Processor): boolean {
  try {
    for (const it of items.values()) {
      if (!saves(it)) continue;
      p.process(it);
    }
  } catch {
    return false;
  }
  return !p.sawNone && p.maxHeight < MAX_DEPTH - 10;
}

/** The `$(…)` path from `key` back to a key already on it (a self or cyclic reference). */
function cycleOf(items: Map<string, AysItem>, key: string): string[] | undefined {
  const path: string[] = [];
  const seen = new Set<string>();
  const walk = (k: string): boolean => {
    if (seen.has(k)) {
      path.push(k);
      return true;
    }
    seen.add(k);
    path.push(k);
    for (const m of items.get(k)?.raw.match(/\$\([\w.]*\)/g) ?? []) {
      const r = m.slice(2, -1);
      if (items.has(r) && walk(r)) return true;
    }
    path.pop();
    seen.delete(k);
    return false;
  };
  return walk(key) ? path : undefined;
}
