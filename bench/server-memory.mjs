#!/usr/bin/env node
// The language server (dist/server.js over stdio) with a workspace of N recipe folders: time to index
// them and the server's memory once indexed (RSS), then one validation of a recipe from that workspace.
// The server runs as the extension runs it (common/serverRuntime.ts): by default in a worker thread of a
// host node process (the extension host's part is that process's RSS minus the same host without the
// server); with --process as a node process with the flags the extension gives it.
// Usage: npm run build && node bench/server-memory.mjs [N=10000] [--process]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './generateWorkspace.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { SERVER_PROCESS_FLAGS, SERVER_WORKER_LIMITS } = require(join(root, 'out/common/serverRuntime.js'));
const inProcess = process.argv.includes('--process');
const N = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) || 10000);
const server = join(root, 'dist/server.js');
/** A host process: its stdio piped to a server worker (or to nothing, for the baseline). */
const host = (withServer) => `
  const { Worker } = require('node:worker_threads');
  if (${withServer}) {
    const w = new Worker(${JSON.stringify(server)}, { argv: ['--stdio'], stdin: true, stdout: true,
      resourceLimits: ${JSON.stringify(SERVER_WORKER_LIMITS)} });
    process.stdin.pipe(w.stdin);
    w.stdout.pipe(process.stdout);
    w.on('exit', () => process.exit());
  } else setInterval(() => {}, 1000);`;
const stat = (pid) =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .filter((l) => /^Vm(RSS|HWM)/.test(l))
      .map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1]) / 1024]),
  );
let baseline = { VmRSS: 0, VmHWM: 0 };
if (!inProcess) {
  const idle = spawn(process.execPath, ['-e', host(false)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500));
  baseline = stat(idle.pid);
  idle.kill();
}
const ws = generate(N);
try {
  const proc = inProcess
    ? spawn(process.execPath, [...SERVER_PROCESS_FLAGS, server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] })
    : spawn(process.execPath, ['-e', host(true)], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let indexed;
  const done = new Promise((r) => {
    indexed = r;
  });
  conn.onNotification('window/logMessage', (m) => {
    if (/^indexed \d+/.test(m.message)) indexed(m.message);
  });
  conn.onNotification(() => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = pathToFileURL(ws).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: { workspace: { configuration: true } },
  });
  const t0 = performance.now();
  await conn.sendNotification('initialized', {});
  const msg = await done;
  const indexMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500)); // workspace diagnostics published, then idle
  const mem = stat(proc.pid);
  const file = join(ws, 'env0/servicetemplates/image_0/service.hrd');
  let diag;
  const got = new Promise((r) => {
    diag = r;
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri.endsWith('image_0/service.hrd')) diag();
  });
  const tOpen = performance.now();
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: pathToFileURL(file).href, languageId: 'hrd', version: 1, text: readFileSync(file, 'utf8') },
  });
  await got;
  const diagMs = performance.now() - tOpen;
  const where = inProcess ? 'a node process' : 'a worker thread (host RSS minus the same host without it)';
  console.log(`| language server in ${where}, ${N.toLocaleString('en')} recipe folders | value |\n|---|---|`);
  console.log(`| initial index (${msg}) | ${(indexMs / 1000).toFixed(2)} s |`);
  if (!inProcess) console.log(`| RSS of the host without the server | ${baseline.VmRSS.toFixed(0)} MB |`);
  console.log(`| RSS once indexed | ${(mem.VmRSS - baseline.VmRSS).toFixed(0)} MB |`);
  console.log(`| peak RSS (VmHWM) | ${(mem.VmHWM - baseline.VmRSS).toFixed(0)} MB |`);
  console.log(`| first diagnostics of a recipe after didOpen, with the index loaded | ${diagMs.toFixed(1)} ms |`);
  await conn.sendRequest('shutdown').catch(() => {});
  proc.kill();
} finally {
  rmSync(ws, { recursive: true, force: true });
}
process.exit(0);
