#!/usr/bin/env node
// The AYS Images tree for 100 nodes × 300 images in a real VS Code (code-server), fed by the sandbox
// portal over HTTPS. Usage: npm run build && node bench/tree.mjs [nodes=100] [images=300]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] || 100),
  M = Number(process.argv[3] || 300);
const { startSandboxForVsCode } = await import(join(root, 'scripts/e2e/codeServer.mjs'));
const { sb, portalPassword } = await startSandboxForVsCode({
  trustHostKey: false,
  edit: (settings) => {
    settings['aysRecipes.environments'][0].nodes = Array.from(
      { length: N },
      (_, i) => `node-${String(i + 1).padStart(3, '0')}`,
    );
    settings['aysRecipes.images.refreshSeconds'] = 0;
  },
});
try {
  const state = JSON.parse(readFileSync(sb.statePath, 'utf8'));
  const tmpl = state.images[0];
  state.images = Array.from({ length: M }, (_, i) => ({
    ...tmpl,
    id: i + 1,
    guid: i + 1,
    name: `Image ${String(i + 1).padStart(3, '0')}`,
    referenceId: randomUUID(),
    status: i % 17 ? 'CREATED' : 'DISABLED',
  }));
  const stmpl = state.stacks[0];
  state.stacks = Array.from({ length: N }, (_, i) => ({
    ...stmpl,
    id: i + 1,
    name: `node-${String(i + 1).padStart(3, '0')}`,
    referenceId: String(i + 1),
    images: state.images.map((im) => im.id),
  }));
  writeFileSync(sb.statePath, JSON.stringify(state));
  const tmp = mkdtempSync(join(tmpdir(), 'ays-bench-tree-'));
  const out = join(tmp, 'out.json');
  // Not spawnSync: the sandbox portal answers from this very process.
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/e2e/run-in-code-server.mjs'), root, join(root, 'out/bench/tree/index.js'), sb.workingCopy],
    {
      env: { ...process.env, AYS_BENCH_OUT: out, AYS_PORTAL_PASSWORD: portalPassword },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  const status = await new Promise((resolve) => child.on('exit', resolve));
  if (status !== 0) {
    console.error(log.slice(-3000));
    process.exit(1);
  }
  const rounds = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  const med = (k) => {
    const v = rounds.map((x) => x[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const max = (k) => Math.max(...rounds.map((x) => x[k]));
  console.log(`| ${N} nodes × ${M} images (${rounds.length} refreshes) | median ms | max ms |\n|---|---|---|`);
  console.log(
    `| HTTP: stacks + images from the portal (HTTPS, keep-alive) | ${med('httpMs').toFixed(0)} | ${max('httpMs').toFixed(0)} |`,
  );
  console.log(`| join stacks × images × nodes | ${med('joinMs').toFixed(1)} | ${max('joinMs').toFixed(1)} |`);
  console.log(
    `| provider: ${rounds[0].nodes} node items + one node's ${rounds[0].images} image items | ${med('renderMs').toFixed(1)} | ${max('renderMs').toFixed(1)} |`,
  );
  console.log(
    `| **after the HTTP replies (join + items)** | **${(med('joinMs') + med('renderMs')).toFixed(1)}** | ${(max('joinMs') + max('renderMs')).toFixed(1)} |`,
  );
} finally {
  await sb.stop();
}
