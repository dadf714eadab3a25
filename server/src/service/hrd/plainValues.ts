/** The value tree AYS sees after parsing (what `hrd.getDict()` / `get()` would return). */
import type { HrdDocument, HrdItem } from './HrdModel';
import { findReferences } from './js7Typing';

export type PlainValue = string | string[] | { [k: string]: string } | { ask: string } | { binary: string };

function define<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** `$(key)` substitution from the same HRD (unknown keys stay as written; only string values substitute). */
export function substitute(s: string, doc: HrdDocument): string {
  if (!s.includes('$(')) return s;
  let out = '';
  let last = 0;
  for (const [a, b, name] of findReferences(s)) {
    const it = doc.keys.get(name);
    out += s.slice(last, a) + (it && typeof it.value === 'string' && it.type === 'string' ? it.value : s.slice(a, b));
    last = b;
  }
  return out + s.slice(last);
}

export function itemValue(item: HrdItem, doc?: HrdDocument): PlainValue {
  const sub = (s: string) => (doc ? substitute(s, doc) : s);
  switch (item.type) {
    case 'dict': {
      const o: Record<string, string> = {};
      for (const [k, v] of item.value as Map<string, string>) define(o, k, sub(v));
      return o;
    }
    case 'list':
      return (item.value as string[]).map(sub);
    case 'ask':
      return { ask: item.value as string };
    case 'binary':
      return { binary: item.value as string };
    default:
      return sub(item.value as string);
  }
}

/** Key → value, in first-occurrence order, with `$(…)` substituted when `substituteRefs`. */
export function valueTree(doc: HrdDocument, substituteRefs = false): Record<string, PlainValue> {
  const o: Record<string, PlainValue> = {};
  for (const [k, item] of doc.keys) define(o, k, itemValue(item, substituteRefs ? doc : undefined));
  return o;
}
