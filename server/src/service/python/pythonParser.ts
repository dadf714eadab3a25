/**
 * Loads the tree-sitter Python parser (web-tree-sitter + tree-sitter-python .wasm) once, lazily.
 * The .wasm files are read from the folder of the running bundle when they sit next to it
 * (dist/server.js, dist/cli.js: scripts/build.mjs copies them there), otherwise resolved from
 * node_modules (unit tests run from out/). Never fetched from the network.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser as ParserT, Tree } from 'web-tree-sitter';
// `require`, not `import`: bundled by esbuild, an ESM import would pick the ESM build of web-tree-sitter
// (it needs import.meta.url, undefined in the CommonJS bundle); require picks web-tree-sitter.cjs.
/** web-tree-sitter is evaluated on first use only: the language server starts without it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const treeSitter = (): typeof import('web-tree-sitter') => require('web-tree-sitter');
type Parser = ParserT;

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

export interface PythonParserInfo {
  /** Milliseconds spent in Parser.init + Language.load (first load only). */
  loadMs: number;
  /** Milliseconds of the first (warm-up) parse, done during the load so the first real file is fast. */
  warmUpMs: number;
  /** Where the two .wasm files were read from. */
  runtimeWasm: string;
  pythonWasm: string;
}

/** A small recipe parsed once at load: the first parse pays the wasm compilation. */
export const WARM_UP_SAMPLE =
  'from JumpScale import j\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n\n' +
  '    def configure(self, serviceObj):\n        from CloudscalerLibcloud.imageutil import registerImage\n' +
  "        name = 'x'\n        print 'registering', name\n        registerImage(serviceObj, name, 'Linux', 10, bootType='bios')\n";

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;
let info: PythonParserInfo | undefined;

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
  // A computed specifier: esbuild leaves it to Node at run time (the bundle never inlines the .wasm).
  const spec = file === RUNTIME_WASM ? ['web-tree-sitter', RUNTIME_WASM] : ['tree-sitter-python', PYTHON_WASM];
  return require.resolve(spec.join('/'));
}

/** Loads the parser once; later calls return the same promise. Rejects only if a .wasm is missing or broken. */
export function loadPythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      const t0 = performance.now();
      const runtimeWasm = locateWasm(RUNTIME_WASM);
      const pythonWasm = locateWasm(PYTHON_WASM);
      const { Parser, Language } = treeSitter();
      await Parser.init({ locateFile: () => runtimeWasm });
      const language = await Language.load(new Uint8Array(fs.readFileSync(pythonWasm)));
      const p = new Parser();
      p.setLanguage(language);
      const loadMs = performance.now() - t0;
      const t1 = performance.now();
      p.parse(WARM_UP_SAMPLE)?.delete();
      parser = p;
      info = { loadMs, warmUpMs: performance.now() - t1, runtimeWasm, pythonWasm };
      return p;
    })();
    // The callers see the rejection; this handler only keeps it from being reported as unhandled.
    loading.catch(() => undefined);
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

/** Parses with the loaded parser; undefined when it is not loaded yet. The caller owns (and deletes) the tree. */
export function parsePython(text: string): Tree | undefined {
  if (!parser) return undefined;
  return parser.parse(text) ?? undefined;
}
