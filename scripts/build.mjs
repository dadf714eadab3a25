// Build: bundles for the extension (dist/) and a plain transpile of every source and test file
// for the test runners (out/). `--watch` rebuilds the bundles on change; `--no-out` skips out/.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const withOut = !process.argv.includes('--no-out');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  sourcemap: production ? false : 'linked',
  minify: production,
  absWorkingDir: root,
  // ssh2's optional native speed-ups: required inside try/catch, never bundled.
  external: ['cpu-features', '*.node'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // jsonc-parser's UMD main requires its modules dynamically (esbuild cannot follow): bundle its ESM build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};
// dist/client.js is what activation evaluates: thin providers, the status item and stand-ins. The language
// client (vscode-languageclient) is dist/lsclient.js, required by client.js right after activate() returns;
// SSH, the portal, the tree and the install runs are dist/remote.js, required by client.js on first use.
const lazyParts = {
  name: 'lazy-parts',
  setup(b) {
    b.onResolve({ filter: /^\.\/(remote|lsclient)$/ }, (a) => ({ path: `${a.path}.js`, external: true }));
  },
};
const bundles = [
  // The banner marks when VS Code starts evaluating the bundle (bench/activation: evaluation time).
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: [...common.external, 'vscode'],
    plugins: [lazyParts],
    banner: { js: '"use strict"; var __aysBundleStart = Date.now();' },
  },
  {
    ...common,
    entryPoints: ['client/src/lsclient.ts'],
    outfile: 'dist/lsclient.js',
    external: [...common.external, 'vscode'],
  },
  {
    ...common,
    entryPoints: ['client/src/remote.ts'],
    outfile: 'dist/remote.js',
    external: [...common.external, 'vscode'],
  },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function walk(dir, out = []) {
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) walk(rel, out);
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(root, 'dist/web-tree-sitter.wasm'));
  cpSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), join(root, 'dist/tree-sitter-python.wasm'));
}

if (watch) {
  copyWasm();
  for (const b of bundles) await (await esbuild.context(b)).watch();
  console.log('watching client, server and cli bundles…');
} else {
  const t0 = Date.now();
  copyWasm();
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  if (withOut) {
    // One transform per file, so a half-written file elsewhere never blocks the rest of out/.
    const files = ['client/src', 'server/src', 'common', 'test', 'bench'].flatMap((d) => walk(d));
    const failures = [];
    await Promise.all(
      files.map(async (rel) => {
        try {
          const src = readFileSync(join(root, rel), 'utf8');
          const r = await esbuild.transform(src, {
            loader: 'ts',
            format: 'cjs',
            platform: 'node',
            target: 'node20',
            sourcemap: 'external',
            sourcefile: join(root, rel),
          });
          const dest = join(root, 'out', rel.replace(/\.ts$/, '.js'));
          mkdirSync(dirname(dest), { recursive: true });
          writeFileSync(dest, r.code + `//# sourceMappingURL=${dest.split('/').pop()}.map\n`);
          writeFileSync(dest + '.map', r.map);
        } catch (e) {
          failures.push(`${rel}: ${e.message.split('\n').slice(0, 3).join(' ')}`);
        }
      }),
    );
    if (failures.length) {
      console.error(`out/: ${failures.length} file(s) did not transpile:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    }
  }
  console.log(`built dist/${withOut ? ' and out/' : ''} in ${Date.now() - t0} ms`);
}
