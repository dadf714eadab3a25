/** Compares the port's answers with the oracles' (golden or live), and shrinks a failing document. */
import { PyFloat, type PyValue } from '../../../server/src/service/hrd/aysText';
import { readAsAys, type AysReported } from '../../../server/src/service/hrd/readAsAys';
import type { CorpusDoc } from './hrdCorpus';
import type { HrdGolden, OracleValue, PyGolden } from './oracle';
import { checkActionsSyntax } from './actionsSyntax';

function toOracle(v: AysReported | PyValue): OracleValue {
  if (v instanceof PyFloat) return v.v;
  if (v instanceof Map) return { __dict__: [...v].map(([k, x]) => [k, toOracle(x)] as [string, OracleValue]) };
  if (Array.isArray(v)) return v.map(toOracle);
  if (v !== null && typeof v === 'object') {
    if ('ask' in v) return { __ask__: true };
    if ('eval' in v) return { __eval__: true };
    if ('binary' in v) return { __binary__: v.binary };
    if ('error' in v) return { __error__: v.error };
  }
  return v as OracleValue;
}

/** undefined when the port agrees with the golden answer, else a one-line description of the difference. */
export function hrdDifference(g: Pick<HrdGolden, 'text' | 'keys' | 'values' | 'load_error'>): string | undefined {
  const r = readAsAys(g.text);
  const mineErr = r.loadError ? `${r.loadError.type}` : null;
  const theirErr = g.load_error ? g.load_error.split(':')[0] : null;
  if (mineErr !== theirErr)
    return `load error: AYS ${g.load_error ?? 'loads'}, port ${r.loadError ? `${r.loadError.type}: ${r.loadError.message}` : 'loads'}`;
  if (g.load_error) return undefined;
  const keys = [...r.values.keys()];
  if (JSON.stringify(keys) !== JSON.stringify(g.keys))
    return `keys: AYS ${JSON.stringify(g.keys)}, port ${JSON.stringify(keys)}`;
  for (const k of keys) {
    const mine = JSON.stringify(toOracle(r.values.get(k)!));
    const theirs = JSON.stringify(g.values[k]);
    if (mine !== theirs) return `${JSON.stringify(k)}: AYS ${theirs}, port ${mine}`;
  }
  return undefined;
}

/** undefined when actions-syntax agrees with CPython 2.7 (same verdict, same line). */
export function actionsDifference(g: Pick<PyGolden, 'text' | 'ok' | 'error'>): string | undefined {
  const mine = checkActionsSyntax(g.text);
  if (g.ok && !mine) return undefined;
  if (g.ok) return `CPython 2.7 compiles it, port: line ${mine!.line + 1}: ${mine!.message.slice(0, 100)}`;
  if (!mine) return `CPython 2.7: ${g.error!.type} ${g.error!.msg} on line ${g.error!.line}, port: nothing`;
  if (g.error!.line !== null && g.error!.line !== mine.line + 1)
    return `CPython 2.7: ${g.error!.type} ${g.error!.msg} on line ${g.error!.line}, port on line ${mine.line + 1}`;
  return undefined;
}

/**
 * Greedy shrinking: drop whole lines, then single characters, while `stillFails` (one batch call per round, so the
 * oracle runs once per round) keeps saying the candidate fails.
 */
export function shrink(doc: CorpusDoc, stillFails: (cands: CorpusDoc[]) => number): CorpusDoc {
  let cur = doc.text;
  for (let round = 0; round < 200; round++) {
    const cands: string[] = [];
    const lines = cur.split('\n');
    if (lines.length > 1)
      for (let i = 0; i < lines.length; i++) cands.push([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
    for (let i = 0; i < cur.length; i++) cands.push(cur.slice(0, i) + cur.slice(i + 1));
    const docs = cands.map((text, i) => ({ id: `${doc.id}-s${round}-${i}`, family: doc.family, text }));
    const k = stillFails(docs);
    if (k < 0) break;
    cur = cands[k];
  }
  return { ...doc, text: cur };
}
