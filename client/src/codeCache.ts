/**
 * Loads a CommonJS bundle of the extension as `require` does, with a V8 code cache: the second start of VS Code
 * skips parsing and compiling it. dist/lsclient.js (vscode-languageclient, ~440 KB) takes ~100 ms to evaluate on
 * the extension host's thread, most of it compiling (issue 13).
 *
 * The cache is the extension's global storage folder, private to the user (a code cache is code: never a shared
 * folder). Its file name holds a hash of the bundle's text (V8 itself checks only the length of the source), the
 * V8 version and the architecture, and V8 refuses a cache made by another V8 or with other flags; an unreadable or
 * refused cache only means a normal compile. The cache is written a few seconds after the load, so that it also
 * holds the functions compiled while the client started; older caches of the same bundle are removed then.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { Module } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Node's CommonJS loader, the parts `require` itself uses. */
const loader = Module as unknown as {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: Module): string;
};

/** Delay before the cache is written: the client's start compiles more of the bundle. */
const WRITE_DELAY_MS = 5000;

/** The cache file name of a bundle: its name and a hash of its text, V8 version and architecture. */
function cacheFileName(file: string, source: string): string {
  const key = crypto
    .createHash('sha256')
    .update(`${process.versions.v8}\0${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 16);
  return `${path.basename(file)}.${key}.v8cache`;
}

/** What happened to the code cache: read and accepted, none (or refused: written later), or no cache folder. */
export type CodeCacheUse = 'used' | 'compiled' | 'off';

export interface CodeCacheOptions {
  /** The requiring module (the bundle's `module`). */
  parent: Module;
  /** Where the cache lives; none when undefined. */
  cacheDir: string | undefined;
  /** Told what happened to the cache. */
  onCache?: (use: CodeCacheUse) => void;
  /** Delay before a new cache is written (default 5 s). */
  writeDelayMs?: number;
}

/** `require(file)` with a code cache in `options.cacheDir`. */
export function requireWithCodeCache(file: string, options: CodeCacheOptions): unknown {
  const { parent, cacheDir } = options;
  const cached = require.cache[file];
  if (cached) return cached.exports;
  const source = fs.readFileSync(file, 'utf8');
  let cachePath: string | undefined;
  let cachedData: Buffer | undefined;
  if (cacheDir) {
    try {
      cachePath = path.join(cacheDir, cacheFileName(file, source));
      cachedData = fs.readFileSync(cachePath);
    } catch {
      cachedData = undefined; // none yet
    }
  }
  const script = new vm.Script(loader.wrap(source), { filename: file, cachedData });
  const m = new Module(file, parent);
  m.filename = file;
  m.paths = loader._nodeModulePaths(path.dirname(file));
  const req = Object.assign((id: string) => m.require(id), {
    resolve: (id: string) => loader._resolveFilename(id, m),
    cache: require.cache,
    main: require.main,
  });
  require.cache[file] = m;
  try {
    (script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void).call(
      m.exports,
      m.exports,
      req,
      m,
      file,
      path.dirname(file),
    );
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  m.loaded = true;
  const hit = !!cachedData && !script.cachedDataRejected;
  if (cachePath && !hit) scheduleWrite(script, cachePath, options.writeDelayMs ?? WRITE_DELAY_MS);
  options.onCache?.(hit ? 'used' : cachePath ? 'compiled' : 'off');
  return m.exports;
}

/** Writes the cache later (atomically: another window may write the same file) and drops older ones. */
function scheduleWrite(script: vm.Script, cachePath: string, delayMs: number): void {
  setTimeout(() => {
    try {
      const dir = path.dirname(cachePath);
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${cachePath}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cachePath);
      const prefix = path.basename(cachePath).replace(/\.[0-9a-f]{16}\.v8cache$/, '.');
      for (const name of fs.readdirSync(dir))
        if (name.startsWith(prefix) && name.endsWith('.v8cache') && name !== path.basename(cachePath))
          fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // no cache: the next start compiles, as without one
    }
  }, delayMs).unref();
}
