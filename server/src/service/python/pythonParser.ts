/**
 * Loads the tree-sitter Python parser (web-tree-sitter + tree-sitter-python .wasm) once, lazily.
 * The .wasm files are read from the folder of the running bundle when they sit next to it
 * (dist/server.js, dist/cli.js: scripts/build.mjs copies them there), otherwise resolved from
 * node_modules (unit tests run from out/). Never fetched from the network.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Tree } from 'web-tree-sitter';

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

export interface PythonParserInfo {
  /** Milliseconds spent in Parser.init + Language.load (first load only). */
  loadMs: number;
  /** Where the two .wasm files were read from. */
  runtimeWasm: string;
  pythonWasm: string;
}

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;
let info: PythonParserInfo | undefined;
let loadError: string | undefined;

/** Directory of the running bundle or transpiled module (CommonJS). */
function hereDir(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** Path of a .wasm file: next to the running file first, else from node_modules. */
export function locateWasm(file: string, dirs: string[] = [hereDir()]): string {
  for (const d of dirs) {
    const p = path.join(d, file);
    if (fs.existsSync(p)) return p;
  }
  return file === RUNTIME_WASM
    ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
    : require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}

/** Loads the parser once; later calls return the same promise. Rejects only if a .wasm is missing or broken. */
export function loadPythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      const t0 = performance.now();
      const runtimeWasm = locateWasm(RUNTIME_WASM);
      const pythonWasm = locateWasm(PYTHON_WASM);
      await Parser.init({ locateFile: () => runtimeWasm });
      const language = await Language.load(new Uint8Array(fs.readFileSync(pythonWasm)));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
      info = { loadMs: performance.now() - t0, runtimeWasm, pythonWasm };
      return p;
    })();
    loading.catch((e: unknown) => {
      loadError = e instanceof Error ? e.message : String(e);
    });
  }
  return loading;
}

/** The parser if it is already loaded, else undefined (never waits). */
export function loadedPythonParser(): Parser | undefined {
  return parser;
}

/** Load time and wasm paths, once loaded. */
export function pythonParserInfo(): PythonParserInfo | undefined {
  return info;
}

/** The load failure message, if loading failed. */
export function pythonParserLoadError(): string | undefined {
  return loadError;
}

/** Parses with the loaded parser; undefined when it is not loaded yet. The caller owns (and deletes) the tree. */
export function parsePython(text: string): Tree | undefined {
  if (!parser) return undefined;
  return parser.parse(text) ?? undefined;
}
