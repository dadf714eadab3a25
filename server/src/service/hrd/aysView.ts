/** readAsAys() once per parsed document, and AYS values written for people (hover, messages). */
import type { HrdDocument } from './HrdModel';
import type { LineIndex } from './LineIndex';
import { PyFloat, type PyValue } from './aysText';
import { readAsAys, type AysItem, type AysRead, type AysReported } from './readAsAys';

export type AysView = AysRead & { values: Map<string, AysReported>; text: string };

/**
 * Keyed by the document's LineIndex (one per parsed text): validate reads a bounded copy of a large document
 * (limits.ts boundedHrd, which shares the index), hover the document itself, and both get the same view. Nothing
 * is kept once the parse is dropped.
 */
const cache = new WeakMap<LineIndex, AysView>();

/** What AYS gets from this document (computed once per parse of its text). */
export function aysView(doc: HrdDocument): AysView {
  let v = cache.get(doc.index);
  if (!v || v.text !== doc.text) {
    v = { ...readAsAys(doc.text), text: doc.text };
    cache.set(doc.index, v);
  }
  return v;
}

/** The AYS item stored from the key line `line` (undefined when that line's item is overridden or not stored). */
export function aysItemAt(view: AysView, key: string, line: number): AysItem | undefined {
  const it = view.items.get(key);
  return it && it.line === line ? it : undefined;
}

/** A value as Python would print it (`repr`-like, strings quoted). */
export function showPy(v: AysReported | PyValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) return Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v);
  if (Array.isArray(v)) return `[${v.map(showPy).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}: ${showPy(x)}`).join(', ')}}`;
  if ('ask' in v) return '(asked by an @ASK prompt at install)';
  if ('eval' in v) return '(the result of evaluating {{…}} at install)';
  if ('binary' in v) return `binary ${JSON.stringify(v.binary.length > 60 ? v.binary.slice(0, 57) + '…' : v.binary)}`;
  return `(error: ${v.error})`;
}

/** Whether a value holds a list (anywhere). */
export function holdsList(v: AysReported | PyValue | undefined): boolean {
  if (Array.isArray(v)) return true;
  if (v instanceof Map) {
    for (const x of v.values()) if (holdsList(x)) return true;
  }
  return false;
}
