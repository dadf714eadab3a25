/**
 * The first workspace index reports window/workDoneProgress ("Indexing recipes…" with a count) when it
 * runs longer than the delay: dist/server.js over stdio, on a generated workspace, with the delay set to 0.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { recipeCount } from '../../../server/src/lsp/indexProgress';

const ROOT = path.join(__dirname, '../../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const skip = !fs.existsSync(SERVER) && 'dist/server.js missing: run node scripts/build.mjs';

async function indexWith(
  recipes: number,
  initializationOptions: object,
): Promise<Array<{ kind: string; title?: string; message?: string }>> {
  const { generate } = await import(pathToFileURL(path.join(ROOT, 'bench/generateWorkspace.mjs')).href);
  const ws: string = generate(recipes);
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const events: Array<{ kind: string; title?: string; message?: string }> = [];
  let indexed!: () => void;
  const done = new Promise<void>((r) => {
    indexed = r;
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => {
    events.push(p.value);
  });
  conn.onNotification('window/logMessage', (m: { message: string }) => {
    if (/^indexed /.test(m.message)) indexed();
  });
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.listen();
  try {
    const uri = pathToFileURL(ws).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    await done;
    await new Promise((r) => setTimeout(r, 100));
    return events;
  } finally {
    try {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } catch {
      /* gone */
    }
    conn.dispose();
    proc.kill();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

test(
  'a first index that takes longer than the delay shows "Indexing recipes…" with a count, then ends',
  { skip, timeout: 60000 },
  async () => {
    const events = await indexWith(1500, { indexProgressDelay: 0 });
    assert.equal(events[0]?.kind, 'begin', JSON.stringify(events.slice(0, 3)));
    assert.equal(events[0].title, 'Indexing recipes…');
    assert.match(events[0].message ?? '', /^[\d,]+ recipes?$/);
    assert.equal(events.at(-1)?.kind, 'end');
  },
);

test('a quick first index shows no progress (default delay 0.5 s)', { skip, timeout: 60000 }, async () => {
  const events = await indexWith(20, {});
  assert.deepEqual(events, []);
});

test('the count reads as toLocaleString("en-US") writes it, without loading Intl', () => {
  for (const n of [0, 1, 2, 12, 999, 1000, 10000, 12345, 999999, 1234567])
    assert.equal(recipeCount(n), `${n.toLocaleString('en-US')} recipe${n === 1 ? '' : 's'}`);
});
