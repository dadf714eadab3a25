#!/usr/bin/env node
// The language server (dist/server.js over stdio) with a workspace of N recipe folders: time to index
// them and the server's memory once indexed (RSS and V8 heap after a GC), then one validation of a
// recipe from that workspace. The server runs with the flags the extension gives it (--max-semi-space-size=2 --expose-gc). Usage: npm run build && node bench/server-memory.mjs [N=10000]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './generateWorkspace.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] || 10000);
const ws = generate(N);
try {
  const proc = spawn(
    process.execPath,
    ['--max-semi-space-size=2', '--expose-gc', join(root, 'dist/server.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
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
  const stat = () =>
    Object.fromEntries(
      readFileSync(`/proc/${proc.pid}/status`, 'utf8')
        .split('\n')
        .filter((l) => /^Vm(RSS|HWM)/.test(l))
        .map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1]) / 1024]),
    );
  const mem = stat();
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
  console.log(`| language server with ${N.toLocaleString('en')} recipe folders | value |\n|---|---|`);
  console.log(`| initial index (${msg}) | ${(indexMs / 1000).toFixed(2)} s |`);
  console.log(`| RSS once indexed | ${mem.VmRSS.toFixed(0)} MB |`);
  console.log(`| peak RSS (VmHWM) | ${mem.VmHWM.toFixed(0)} MB |`);
  console.log(`| first diagnostics of a recipe after didOpen, with the index loaded | ${diagMs.toFixed(1)} ms |`);
  await conn.sendRequest('shutdown').catch(() => {});
  proc.kill();
} finally {
  rmSync(ws, { recursive: true, force: true });
}
process.exit(0);
