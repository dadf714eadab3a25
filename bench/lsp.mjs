#!/usr/bin/env node
// The recipe language server over stdio (dist/server.js) against yaml-language-server validating the
// same recipe written as YAML with a JSON schema, in one run: initialize (start → response), first
// diagnostics after didOpen, completion p50/p99 over N requests. Each server runs twice per round: as a
// node process (as the YAML extension starts its server), and in a worker thread with its stdio as the
// worker's streams (as this extension starts its server, client/src/serverHost.ts).
// Usage: npm run build && node bench/lsp.mjs [requests=1000] [rounds=5]
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] || 1000);
const ROUNDS = Number(process.argv[3] || 5);

const ws = mkdtempSync(join(tmpdir(), 'ays-bench-lsp-'));
cpSync(join(root, 'examples/env-demo'), join(ws, 'env-demo'), { recursive: true });
const hrdPath = join(ws, 'env-demo/servicetemplates/image_ubuntu-2204/service.hrd');
const yamlPath = join(ws, 'recipe.yaml');
writeFileSync(yamlPath, readFileSync(join(root, 'bench/fixtures/recipe.yaml')));
const schemaUri = pathToFileURL(join(root, 'bench/fixtures/recipe.schema.json')).href;
const yamlSettings = {
  yaml: {
    schemas: { [schemaUri]: 'recipe.yaml' },
    validate: true,
    completion: true,
    hover: true,
    schemaStore: { enable: false },
  },
};

const servers = {
  ays: {
    cmd: [process.execPath, join(root, 'dist/server.js'), '--stdio'],
    file: hrdPath,
    languageId: 'hrd',
    // completion at the start of a fresh line after the recipe: top-level keys incl. web.export.2
    completionAt: (text) => ({ text: text + '\n', pos: { line: text.split('\n').length, character: 0 } }),
    settings: {},
  },
  yaml: {
    cmd: [process.execPath, require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
    file: yamlPath,
    languageId: 'yaml',
    completionAt: (text) => ({ text: text + '      \n', pos: { line: text.split('\n').length - 1, character: 6 } }),
    settings: yamlSettings,
  },
};

function pct(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
}

/** Starts a server's script (its stdio for LSP) as a process or in a worker thread. */
function startServer(cmd, transport) {
  if (transport === 'worker') {
    const w = new Worker(cmd[1], { argv: cmd.slice(2), stdin: true, stdout: true, stderr: true });
    w.stderr.resume();
    return { input: w.stdout, output: w.stdin, end: () => void w.terminate() };
  }
  const proc = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  return { input: proc.stdout, output: proc.stdin, end: () => proc.kill() };
}

async function measure(name, transport) {
  const s = servers[name];
  const t0 = performance.now();
  const server = startServer(s.cmd, transport);
  const conn = createMessageConnection(new StreamMessageReader(server.input), new StreamMessageWriter(server.output));
  const uri = pathToFileURL(s.file).href;
  let diagResolve;
  const firstDiag = new Promise((r) => {
    diagResolve = r;
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri) diagResolve(performance.now());
  });
  conn.onRequest('workspace/configuration', (p) =>
    p.items.map((i) => (i.section ? (i.section.split('.').reduce((o, k) => o?.[k], s.settings) ?? null) : s.settings)),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } } },
    },
    initializationOptions: { settings: {} },
  });
  const initMs = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: s.settings });
  const base = readFileSync(s.file, 'utf8');
  const { text, pos } = s.completionAt(base.replace(/\n+$/, '\n').replace(/\n$/, ''));
  const tOpen = performance.now();
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: s.languageId, version: 1, text },
  });
  const diagMs = (await Promise.race([firstDiag, new Promise((r) => setTimeout(() => r(NaN), 10000))])) - tOpen;
  const times = [];
  let items = 0;
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const r = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos });
    times.push(performance.now() - t);
    items = Array.isArray(r) ? r.length : (r?.items?.length ?? 0);
  }
  await conn.sendRequest('shutdown').catch(() => {});
  conn.sendNotification('exit').catch(() => {});
  await new Promise((r) => setTimeout(r, 200));
  conn.dispose();
  server.end();
  return { initMs, diagMs, p50: pct(times, 50), p99: pct(times, 99), items };
}

/** The floor: a bare node process started and ended (same spawn path, no code), or an empty worker thread. */
async function bare(transport) {
  const t0 = performance.now();
  await new Promise((resolve) =>
    transport === 'worker'
      ? new Worker('0', { eval: true }).on('exit', resolve)
      : spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', resolve),
  );
  return performance.now() - t0;
}

const transports = ['process', 'worker'];
const results = Object.fromEntries(transports.map((t) => [t, { ays: [], yaml: [], bare: [] }]));
for (let r = 0; r < ROUNDS; r++) {
  for (const t of transports) {
    for (const name of ['ays', 'yaml']) results[t][name].push(await measure(name, t));
    results[t].bare.push(await bare(t));
  }
}
const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
for (const t of transports) {
  const med = (name, k) =>
    pct(
      results[t][name].map((x) => x[k]),
      50,
    );
  console.log(
    `\n**Each server ${t === 'worker' ? 'in a worker thread' : 'as a node process'}** (median of ${ROUNDS} rounds, ${N} completions each)\n`,
  );
  console.log('| measure | ays-recipes | yaml-language-server | ratio |');
  console.log('|---|---|---|---|');
  for (const [k, label] of [
    ['initMs', `initialize (${t === 'worker' ? 'new Worker' : 'spawn'} → response), ms`],
    ['diagMs', 'first diagnostics after didOpen, ms'],
    ['p50', 'completion p50, ms'],
    ['p99', 'completion p99, ms'],
  ]) {
    console.log(`| ${label} | ${f(med('ays', k))} | ${f(med('yaml', k))} | ${f(med('ays', k) / med('yaml', k))} |`);
  }
  console.log(`| completion items returned | ${results[t].ays[0].items} | ${results[t].yaml[0].items} | |`);
  const floor = pct(results[t].bare, 50);
  console.log(
    `| initialize minus ${t === 'worker' ? 'an empty worker' : 'a bare node process'} (${f(floor)} ms here), ms | ${f(med('ays', 'initMs') - floor)} | ${f(med('yaml', 'initMs') - floor)} | ${f((med('ays', 'initMs') - floor) / (med('yaml', 'initMs') - floor))} |`,
  );
}
rmSync(ws, { recursive: true, force: true });
process.exit(0);
