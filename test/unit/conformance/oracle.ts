/**
 * Runs the reference oracles (../shared/reference/jumpscale7-hrd/{oracle,py2compile}.py under CPython 2.7) over a
 * batch of documents, and reads/writes the golden files. Python 2.7 and the reference are optional: `oracleAvailable()`
 * says why not when they are missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CorpusDoc } from './hrdCorpus';

export const ROOT = resolve(__dirname, '../../../..');
export const GOLDEN_DIR = join(ROOT, 'test/conformance/golden');
export const REFERENCE_DIR =
  process.env.AYS_HRD_REFERENCE ??
  ['../shared', '../../shared'].map((p) => resolve(ROOT, p, 'reference/jumpscale7-hrd')).find((p) => existsSync(p)) ??
  resolve(ROOT, '../shared/reference/jumpscale7-hrd');

export type OracleValue =
  | string
  | number
  | boolean
  | null
  | OracleValue[]
  | { __dict__: Array<[string, OracleValue]> }
  | { __binary__: string }
  | { __ask__: true }
  | { __eval__: true }
  | { __error__: string }
  | { __other__: string };

export interface HrdGolden extends CorpusDoc {
  keys: string[];
  values: Record<string, OracleValue>;
  load_error: string | null;
}
export interface PyGolden extends CorpusDoc {
  ok: boolean;
  error: null | { type: string; msg: string; line: number | null; col: number | null };
}

function python2(): string | undefined {
  if (process.env.AYS_PYTHON2 && existsSync(process.env.AYS_PYTHON2)) return process.env.AYS_PYTHON2;
  try {
    const root = execFileSync('pyenv', ['root'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const p = join(root, 'versions/2.7.18/bin/python');
    if (existsSync(p)) return p;
  } catch {
    /* no pyenv */
  }
  return undefined;
}

/** undefined when the oracle can run, else the reason it cannot. */
export function oracleAvailable(): string | undefined {
  if (!existsSync(join(REFERENCE_DIR, 'oracle.py')))
    return `the reference parser is not at ${REFERENCE_DIR} (set AYS_HRD_REFERENCE)`;
  if (!python2()) return 'Python 2.7 is not installed ($(pyenv root)/versions/2.7.18/bin/python, or set AYS_PYTHON2)';
  return undefined;
}

function runBatch<T>(script: string, docs: readonly CorpusDoc[]): T[] {
  const py = python2();
  if (!py) throw new Error(oracleAvailable());
  const dir = mkdtempSync(join(tmpdir(), 'ays-conf-'));
  try {
    const inp = join(dir, 'in.jsonl');
    const out = join(dir, 'out.jsonl');
    writeFileSync(inp, docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
    const r = spawnSync(py, [join(REFERENCE_DIR, script), inp, out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    return readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as T);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runHrdOracle(docs: readonly CorpusDoc[]): HrdGolden[] {
  const res = runBatch<{ id: string; keys: string[]; values: Record<string, OracleValue>; load_error: string | null }>(
    'oracle.py',
    docs,
  );
  return docs.map((d, i) => ({ ...d, keys: res[i].keys, values: res[i].values, load_error: res[i].load_error }));
}

export function runPyOracle(docs: readonly CorpusDoc[]): PyGolden[] {
  const res = runBatch<{ id: string; ok: boolean; error: PyGolden['error'] }>('py2compile.py', docs);
  return docs.map((d, i) => ({ ...d, ok: res[i].ok, error: res[i].error }));
}

export function writeGolden(name: string, rows: readonly object[]): void {
  writeFileSync(join(GOLDEN_DIR, name), gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
}

export function readGolden<T>(name: string): T[] {
  return gunzipSync(readFileSync(join(GOLDEN_DIR, name)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** The repository's real recipes (examples/, test/grammar/), the bases of the `mut` family, in a stable order. */
export function repoRecipes(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const rel = join(dir, name);
      if (statSync(join(ROOT, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.hrd')) out.push(readFileSync(join(ROOT, rel), 'utf8'));
    }
  };
  walk('examples');
  walk('test/grammar');
  return out;
}
