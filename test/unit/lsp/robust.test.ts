/**
 * Issue 10 items 1, 5, 7, 8 against the built server (dist/server.js --stdio), with raw messages: broken framing
 * ends the process, null params get -32602, closed documents leave the workspace index, a 5 MB document is
 * bounded and completion answers meanwhile.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { GOOD } from '../recipe/fixtures';
import { PublishedDiagnostics } from './PublishedDiagnostics';

const ROOT = path.join(__dirname, '../../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const skip = !fs.existsSync(SERVER) && 'dist/server.js missing: run node scripts/build.mjs';
const uri = (p: string) => pathToFileURL(p).href;
const temps: string[] = [];
const procs: ChildProcess[] = [];
after(() => {
  for (const p of procs) if (p.exitCode === null) p.kill();
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function exitOf(proc: ChildProcess, ms: number): Promise<number | null | 'running'> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) {
      resolve(proc.exitCode);
      return;
    }
    const timer = setTimeout(() => resolve('running'), ms);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const frame = (body: string, header?: string) =>
  Buffer.from(`${header ?? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`}${body}`);
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});

const BROKEN: Array<[string, Buffer]> = [
  ['missing Content-Length', frame(INIT, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n')],
  ['negative Content-Length', frame(INIT, 'Content-Length: -5\r\n\r\n')],
  ['huge Content-Length', frame(INIT, 'Content-Length: 99999999999\r\n\r\n')],
  ['LF-only headers', frame(INIT, `Content-Length: ${INIT.length}\n\n`)],
];

for (const [what, bytes] of BROKEN) {
  test(`item 7: ${what} ends the server (the client restarts it)`, { skip }, async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    procs.push(proc);
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    proc.stdout!.resume();
    proc.stdin!.write(bytes);
    const code = await exitOf(proc, 5000);
    assert.equal(code, 1, `still ${code}; stderr: ${err}`);
    assert.match(err, /broken LSP framing/);
  });
}

test('item 7: broken framing after a good message also ends the server', { skip }, async () => {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  procs.push(proc);
  proc.stdout!.resume();
  proc.stderr!.resume();
  proc.stdin!.write(Buffer.concat([frame(INIT), Buffer.from('Content-Length: 10\n\n{}')]));
  assert.equal(await exitOf(proc, 5000), 1);
});

/** A server with raw message access: `request` resolves with the whole response message. */
function startServer(ws: string) {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  procs.push(proc);
  const raw = new StreamMessageWriter(proc.stdin!);
  proc.stdin!.on('error', () => undefined); // writes racing the exit
  const writer = {
    write: (m: Message) =>
      proc.exitCode === null && !proc.stdin!.destroyed ? raw.write(m).catch(() => undefined) : Promise.resolve(),
  };
  const reader = new StreamMessageReader(proc.stdout!);
  const pending = new Map<
    number,
    (m: Message & { result?: unknown; error?: { code: number; message: string } }) => void
  >();
  const published = new PublishedDiagnostics();
  let id = 100;
  reader.listen((m) => {
    const msg = m as Message & { id?: number; method?: string; params?: { uri: string; diagnostics: Diagnostic[] } };
    if (msg.method === 'textDocument/publishDiagnostics') {
      published.publish(msg.params!.uri, msg.params!.diagnostics);
    } else if (msg.method && msg.id !== undefined) {
      void writer.write({ jsonrpc: '2.0', id: msg.id, result: null } as Message); // client/registerCapability etc.
    } else if (typeof msg.id === 'number') pending.get(msg.id)?.(msg);
  });
  const request = (method: string, params: unknown) =>
    new Promise<Message & { result?: unknown; error?: { code: number; message: string } }>((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      void writer.write({ jsonrpc: '2.0', id: n, method, params } as Message);
    });
  const notify = (method: string, params: unknown) => void writer.write({ jsonrpc: '2.0', method, params } as Message);
  const diagnosticsFor = (u: string, ok: (d: Diagnostic[]) => boolean, ms = 10_000) => published.waitFor(u, ok, ms);
  const init = async () => {
    await request('initialize', {
      processId: process.pid,
      rootUri: uri(ws),
      workspaceFolders: [{ uri: uri(ws), name: 'ws' }],
      capabilities: {},
      initializationOptions: { diagnosticDelay: 0 },
    });
    notify('initialized', {});
  };
  const stop = async () => {
    await request('shutdown', null);
    notify('exit', null);
    await exitOf(proc, 5000);
  };
  return { proc, request, notify, diagnosticsFor, init, stop };
}

const actionsPy =
  'from JumpScale import j\n\nActionsBase = j.atyourservice.getActionsBaseClass()\n\n\nclass Actions(ActionsBase):\n    pass\n';
function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-lsp-robust-'));
  temps.push(ws);
  for (const n of ['image_a', 'image_b']) {
    const dir = path.join(ws, 'servicetemplates', n);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'service.hrd'), GOOD.replace('x-1.qcow2', `${n}.qcow2`));
    fs.writeFileSync(path.join(dir, 'instance.hrd'), '');
    fs.writeFileSync(path.join(dir, 'actions.py'), actionsPy);
  }
  return ws;
}

test(
  'item 8: hover (and every document request) with params null answers -32602 Invalid params',
  { skip },
  async () => {
    const s = startServer(workspace());
    await s.init();
    for (const method of [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/codeAction',
      'textDocument/formatting',
      'textDocument/documentSymbol',
    ]) {
      const r = await s.request(method, null);
      assert.equal(r.error?.code, -32602, `${method}: ${JSON.stringify(r)}`);
    }
    const r = await s.request('textDocument/hover', { textDocument: { uri: 'file:///x/service.hrd' } });
    assert.equal(r.error?.code, -32602, 'hover without a position');
    await s.stop();
  },
);

const collision = (d: Diagnostic[]) => d.some((x) => x.code === 'recipe-dest-collision');

test(
  'item 5: a closed document goes back to its disk state; a document never on disk is forgotten',
  { skip, timeout: 60_000 },
  async () => {
    const ws = workspace();
    const s = startServer(ws);
    await s.init();
    const aHrd = path.join(ws, 'servicetemplates/image_a/service.hrd');
    const bHrd = path.join(ws, 'servicetemplates/image_b/service.hrd');
    const phantom = path.join(ws, 'servicetemplates/image_p/service.hrd');
    const colliding = fs.readFileSync(aHrd, 'utf8');
    // an unsaved edit of b that collides with a
    s.notify('textDocument/didOpen', {
      textDocument: { uri: uri(bHrd), languageId: 'hrd', version: 1, text: colliding },
    });
    await s.diagnosticsFor(uri(aHrd), collision);
    s.notify('textDocument/didClose', { textDocument: { uri: uri(bHrd) } });
    await s.diagnosticsFor(uri(aHrd), (d) => !collision(d));
    // a document that never existed on disk
    s.notify('textDocument/didOpen', {
      textDocument: { uri: uri(phantom), languageId: 'hrd', version: 1, text: colliding },
    });
    await s.diagnosticsFor(uri(aHrd), collision);
    const listed = await s.request('aysRecipes/recipes', null);
    assert.ok((listed.result as Array<{ name: string }>).some((r) => r.name === 'image_p'));
    s.notify('textDocument/didClose', { textDocument: { uri: uri(phantom) } });
    await s.diagnosticsFor(uri(aHrd), (d) => !collision(d));
    const after = await s.request('aysRecipes/recipes', null);
    assert.deepEqual(
      (after.result as Array<{ name: string }>).map((r) => r.name),
      ['image_a', 'image_b'],
    );
    await s.stop();
  },
);

test(
  'item 1: a 5 MB document of `a=` lines is bounded, and completion answers meanwhile; the same file on disk too',
  { skip, timeout: 60_000 },
  async () => {
    const ws = workspace();
    const big = path.join(ws, 'servicetemplates/image_big');
    fs.mkdirSync(big);
    fs.writeFileSync(path.join(big, 'service.hrd'), 'a=\n'.repeat(1_700_000)); // only in the workspace index
    const s = startServer(ws);
    await s.init();
    const aHrd = path.join(ws, 'servicetemplates/image_a/service.hrd');
    s.notify('textDocument/didOpen', {
      textDocument: { uri: uri(aHrd), languageId: 'hrd', version: 1, text: GOOD + '\n' },
    });
    const t0 = Date.now();
    const r = await s.request('textDocument/completion', {
      textDocument: { uri: uri(aHrd) },
      position: { line: 10, character: 0 },
    });
    assert.ok(Array.isArray(r.result), JSON.stringify(r));
    const open = path.join(ws, 'servicetemplates/image_b/service.hrd');
    s.notify('textDocument/didOpen', {
      textDocument: { uri: uri(open), languageId: 'hrd', version: 1, text: 'a=\n'.repeat(1_700_000) },
    });
    const tc = Date.now();
    const c = await s.request('textDocument/completion', {
      textDocument: { uri: uri(aHrd) },
      position: { line: 10, character: 0 },
    });
    assert.ok(Array.isArray(c.result));
    assert.ok(Date.now() - tc < 5000, `completion took ${Date.now() - tc} ms`);
    const d = await s.diagnosticsFor(uri(open), (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => x.code),
      ['file-unreadable'],
    );
    const ms = Date.now() - t0;
    assert.ok(ms < 15_000, `${ms} ms`); // ~1.6 s here; wide for loaded CI machines (it used to take minutes)
    await s.diagnosticsFor(uri(path.join(big, 'service.hrd')), (x) => x.some((y) => y.code === 'file-unreadable'));
    await s.stop();
  },
);
