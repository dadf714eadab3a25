/**
 * Loads a CommonJS bundle of the extension as `require` does, with a V8 code cache: the second start of VS Code
 * skips parsing and compiling it. dist/lsclient.js (vscode-languageclient, ~440 KB) takes ~100 ms to evaluate on
 * the extension host's thread, most of it compiling (issue 13).
 *
 * The cache is the extension's global storage folder, private to the user (a code cache is code: never a shared
 * folder). Its file name holds the bundle's path, size and time and the V8 version, and V8 refuses a cache made by
 * another V8 or with other flags; an unreadable or refused cache only means a normal compile. The cache is written
 * a few seconds after the load, so that it also holds the functions compiled while the client started.
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

/** The cache file of `file` in `dir`: one name per bundle version, path and V8. */
function cacheFileName(file: string, stat: fs.Stats): string {
  const key = crypto
    .createHash('sha256')
    .update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`)
    .digest('hex')
    .slice(0, 16);
  return `${path.basename(file)}.${key}.v8cache`;
}

/** What happened to the code cache: read and accepted, none (or refused: written later), or no cache folder. */
export type CodeCacheUse = 'used' | 'compiled' | 'off';

/**
 * `require(file)` with a code cache in `cacheDir` (none when undefined); `parent` is the requiring module.
 * `used` is told what happened to the cache.
 */
export function requireWithCodeCache(
  file: string,
  cacheDir: string | undefined,
  parent: Module,
  used?: (use: CodeCacheUse) => void,
): unknown {
  const cached = require.cache[file];
  if (cached) return cached.exports;
  const source = fs.readFileSync(file, 'utf8');
  let cachePath: string | undefined;
  let cachedData: Buffer | undefined;
  if (cacheDir) {
    try {
      cachePath = path.join(cacheDir, cacheFileName(file, fs.statSync(file)));
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
  if (cachePath && !hit) scheduleWrite(script, cachePath);
  used?.(hit ? 'used' : cachePath ? 'compiled' : 'off');
  return m.exports;
}

/** Writes the cache later (atomically: another window may write the same file) and drops older ones. */
function scheduleWrite(script: vm.Script, cachePath: string): void {
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
  }, WRITE_DELAY_MS).unref();
}
