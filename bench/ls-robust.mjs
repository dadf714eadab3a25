#!/usr/bin/env node
// Robustness of the language server and the checker (issue 10 items 1, 2, 10), fixed seeds:
//   1. the 5 MB worst-case service.hrd (`a=\n` x 1,700,000): opened in the editor, and only on disk in the
//      workspace: time to its diagnostics, completion latency meanwhile, the server's peak RSS;
//   2. actions.py of 10k, 20k and 40k lines (blank lines, and methods): analysis time, in process;
//   3. memory over 40,000 random edits of an open service.hrd (RSS every 5,000 edits).
// The server runs with the flags the extension gives a server process (common/serverRuntime.ts).
// Usage: node scripts/build.mjs && node bench/ls-robust.mjs [edits=40000]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { SERVER_PROCESS_FLAGS } = require(join(root, 'out/common/serverRuntime.js'));
const EDITS = Number(process.argv[2] || 40000);
const GOOD =
  "platform.supported             = 'generic'\n\nweb.export.1                   =\n    checkmd5:'false',\n    dest:'/opt/jumpscale7/var/tmp/templates/x-1.qcow2',\n    source:'/images/x-1.qcow2',\n    url:'ftp://pub:pub1234@ftp.example.com',\n\n";
const WORST = 'a=\n'.repeat(1_700_000);

/** mulberry32: a fixed-seed PRNG, so every run makes the same edits. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function workspace(extra = {}) {
  const ws = mkdtempSync(join(tmpdir(), 'ays-bench-robust-'));
  for (const n of ['image_a', 'image_b']) {
    const dir = join(ws, 'servicetemplates', n);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'service.hrd'), GOOD.replace('x-1.qcow2', `${n}.qcow2`));
    writeFileSync(join(dir, 'instance.hrd'), '');
    writeFileSync(join(dir, 'actions.py'), 'class Actions(ActionsBase):\n    pass\n');
  }
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(ws, rel)), { recursive: true });
    writeFileSync(join(ws, rel), text);
  }
  return ws;
}

async function server(ws) {
  const proc = spawn(process.execPath, [...SERVER_PROCESS_FLAGS, join(root, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const diags = new Map();
  const waiters = [];
  let indexed;
  const indexDone = new Promise((r) => {
    indexed = r;
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diags.set(p.uri, p.diagnostics);
    for (const w of waiters.splice(0)) w();
  });
  conn.onNotification('window/logMessage', (m) => {
    if (/^indexed \d+/.test(m.message)) indexed(performance.now());
  });
  conn.onNotification(() => {});
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = pathToFileURL(ws).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: {},
  });
  const t0 = performance.now();
  await conn.sendNotification('initialized', {});
  const mem = () =>
    Object.fromEntries(
      readFileSync(`/proc/${proc.pid}/status`, 'utf8')
        .split('\n')
        .filter((l) => /^Vm(RSS|HWM)/.test(l))
        .map((l) => [l.split(':')[0], Number(l.split(/\s+/)[1]) / 1024]),
    );
  const diagnosticsFor = (u, ok) =>
    new Promise((resolve) => {
      const check = () => {
        const d = diags.get(u);
        if (d && ok(d)) {
          resolve(d);
          return true;
        }
        return false;
      };
      if (!check())
        waiters.push(function again() {
          if (!check()) waiters.push(again);
        });
    });
  const stop = async () => {
    await conn.sendRequest('shutdown').catch(() => {});
    conn.sendNotification('exit').catch(() => {});
    setTimeout(() => proc.kill(), 300);
  };
  return { conn, proc, mem, diagnosticsFor, indexDone: indexDone.then((t) => t - t0), stop };
}

const ms = (v) => `${v.toFixed(0)} ms`;
const rows = [];

// ---- 1. the 5 MB worst case ---------------------------------------------------------------------------------
{
  const ws = workspace({ 'servicetemplates/image_big/service.hrd': WORST });
  try {
    const s = await server(ws);
    const indexMs = await s.indexDone;
    const bigUri = pathToFileURL(join(ws, 'servicetemplates/image_big/service.hrd')).href;
    await s.diagnosticsFor(bigUri, (d) => d.length > 0);
    rows.push(['5 MB file only on disk: workspace index done', ms(indexMs)]);
    const aUri = pathToFileURL(join(ws, 'servicetemplates/image_a/service.hrd')).href;
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: aUri, languageId: 'hrd', version: 1, text: GOOD },
    });
    const bUri = pathToFileURL(join(ws, 'servicetemplates/image_b/service.hrd')).href;
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: bUri, languageId: 'hrd', version: 1, text: WORST },
    });
    const tc = performance.now();
    await s.conn.sendRequest('textDocument/completion', {
      textDocument: { uri: aUri },
      position: { line: 8, character: 0 },
    });
    const completionMs = performance.now() - tc;
    await s.diagnosticsFor(bUri, (d) => d.length > 0);
    const diagMs = performance.now() - t0;
    await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: bUri } });
    await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: bUri } });
    const m = s.mem();
    rows.push(['5 MB document opened: its diagnostics (one file-unreadable)', ms(diagMs)]);
    rows.push(['completion in another recipe meanwhile', ms(completionMs)]);
    rows.push(['server peak RSS (VmHWM) over both', `${m.VmHWM.toFixed(0)} MB`]);
    await s.stop();
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  // the largest file within the caps: 19,999 lines `a=`, every line a finding (capped at 200 + 1)
  const ws2 = workspace();
  try {
    const s = await server(ws2);
    await s.indexDone;
    const bUri = pathToFileURL(join(ws2, 'servicetemplates/image_b/service.hrd')).href;
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: bUri, languageId: 'hrd', version: 1, text: 'a=\n'.repeat(19_999) },
    });
    const d = await s.diagnosticsFor(bUri, (x) => x.length > 0);
    rows.push([
      `largest file within the caps (19,999 lines \`a=\`): diagnostics (${d.length}, capped)`,
      ms(performance.now() - t0),
    ]);
    rows.push(['server peak RSS (VmHWM)', `${s.mem().VmHWM.toFixed(0)} MB`]);
    await s.stop();
  } finally {
    rmSync(ws2, { recursive: true, force: true });
  }
}

// ---- 2. actions.py of 10k / 20k / 40k lines ----------------------------------------------------------------
{
  const { createLanguageService } = require(join(root, 'out/server/src/service/LanguageService.js'));
  const { nodeFileSystem } = require(join(root, 'out/server/src/node/nodeFileSystem.js'));
  const ws = workspace();
  try {
    const svc = createLanguageService({ fs: nodeFileSystem });
    await svc.actionsReady();
    const file = join(ws, 'servicetemplates/image_a/actions.py');
    const method = '    def configure(self, serviceObj):\n        pass\n';
    for (const [what, make] of [
      ['blank lines', (n) => 'class Actions(ActionsBase):\n' + '\n'.repeat(n - 1)],
      ['methods', (n) => 'class Actions(ActionsBase):\n' + method.repeat((n - 1) / 2)],
    ]) {
      svc.fileDiagnostics(file, make(1001)); // warm-up
      for (const n of [10_001, 20_001, 40_001]) {
        const text = make(n);
        const times = [];
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          svc.fileDiagnostics(file, text);
          times.push(performance.now() - t);
        }
        rows.push([
          `actions.py, ${(n - 1).toLocaleString('en')} lines of ${what}: analysis (best of 3)`,
          ms(Math.min(...times)),
        ]);
      }
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

// ---- 3. memory over random edits -----------------------------------------------------------------------------
{
  const ws = workspace();
  try {
    const s = await server(ws);
    await s.indexDone;
    const uri = pathToFileURL(join(ws, 'servicetemplates/image_a/service.hrd')).href;
    let text = GOOD;
    let version = 1;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hrd', version, text } });
    const rand = rng(20261129);
    const alphabet = "abc.=:'\n ,#$()";
    const samples = [];
    const pos = (off) => {
      const before = text.slice(0, off);
      const line = before.split('\n').length - 1;
      return { line, character: off - (before.lastIndexOf('\n') + 1) };
    };
    for (let i = 1; i <= EDITS; i++) {
      const off = Math.floor(rand() * (text.length + 1));
      let change;
      if (rand() < 0.45 && text.length > 200) {
        const end = Math.min(text.length, off + 1 + Math.floor(rand() * 3));
        change = { range: { start: pos(off), end: pos(end) }, text: '' };
        text = text.slice(0, off) + text.slice(end);
      } else {
        const ins = alphabet[Math.floor(rand() * alphabet.length)];
        change = { range: { start: pos(off), end: pos(off) }, text: ins };
        text = text.slice(0, off) + ins + text.slice(off);
      }
      if (text.length > 4000) {
        change = { text: GOOD };
        text = GOOD;
      } // keep a recipe-sized document
      await s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [change],
      });
      if (i % 20 === 0)
        await s.conn.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: pos(Math.floor(text.length / 2)),
        });
      if (i % 5000 === 0) {
        await new Promise((r) => setTimeout(r, 600));
        samples.push([i, s.mem().VmRSS]);
      }
    }
    rows.push([
      `RSS over ${EDITS.toLocaleString('en')} random edits (every 5,000)`,
      samples.map(([, r]) => r.toFixed(0)).join(' → ') + ' MB',
    ]);
    await s.stop();
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

console.log('| robustness run (bench/ls-robust.mjs) | value |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
process.exit(0);
