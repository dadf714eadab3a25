/**
 * End to end over stdio: the bundled dist/server.js, driven with vscode-jsonrpc like an editor would.
 * actions.py (diagnostics, completion, signature help) and service.hrd (diagnostics, completion) of a temp env-demo.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Position,
  type SignatureHelp,
} from 'vscode-languageserver-types';
import { PublishedDiagnostics } from './PublishedDiagnostics';

const ROOT = path.join(__dirname, '../../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
// Never skipped: without dist/ (a bare `node --test out/…` after a transpile only) the bundles are built first.
if (!fs.existsSync(SERVER)) {
  const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--no-out'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(b.status, 0, `dist/server.js is missing and node scripts/build.mjs --no-out failed:\n${b.stderr}`);
}

const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-lsp-'));
fs.cpSync(path.join(ROOT, 'examples/env-demo'), ws, { recursive: true });
const CENTOS_PY = path.join(ws, 'servicetemplates/image_centos-7/actions.py');
const UBUNTU_HRD = path.join(ws, 'servicetemplates/image_ubuntu-2204/service.hrd');
const uri = (p: string) => pathToFileURL(p).href;

let proc: ChildProcess;
let conn: MessageConnection;
const published = new PublishedDiagnostics();
const diagnosticsFor = (u: string, ok: (d: Diagnostic[]) => boolean, ms = 8000) => published.waitFor(u, ok, ms);

before(async () => {
  proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    published.publish(p.uri, p.diagnostics);
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri(ws),
    workspaceFolders: [{ uri: uri(ws), name: 'env-demo' }],
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
    initializationOptions: { diagnosticDelay: 0 },
  });
  await conn.sendNotification('initialized', {});
});

after(async () => {
  try {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
  } catch {
    /* already gone */
  }
  conn.dispose();
  proc.kill();
  fs.rmSync(ws, { recursive: true, force: true });
});

function openDoc(file: string, languageId: string): string {
  const u = uri(file);
  void conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: u, languageId, version: 1, text: fs.readFileSync(file, 'utf8') },
  });
  return u;
}

function positionAfter(file: string, needle: string): Position {
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(needle) + needle.length;
  const lines = text.slice(0, i).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const labels = (r: CompletionItem[] | CompletionList | null) =>
  (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

test('actions.py: diagnostics arrive over stdio, completion and signature help inside registerImage(', async () => {
  const u = openDoc(CENTOS_PY, 'python');
  const ds = await diagnosticsFor(u, (d) => d.some((x) => x.code === 'actions-register-legacy'));
  assert.ok(ds.every((d) => d.source === 'ays'));
  const position = positionAfter(CENTOS_PY, 'registerImage(');
  const items = labels(
    await conn.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: u },
      position,
    }),
  );
  assert.ok(items.includes('serviceObj'), JSON.stringify(items));
  const sig = await conn.sendRequest<SignatureHelp | null>('textDocument/signatureHelp', {
    textDocument: { uri: u },
    position,
  });
  assert.match(sig?.signatures[0]?.label ?? '', /^registerImage\(service, name, type, disksize/);
});

test('service.hrd: diagnostics on open, completion offers web.export.2', async () => {
  const u = openDoc(UBUNTU_HRD, 'hrd');
  // the ubuntu recipe is clean: an (empty) publish for it proves the validation ran
  await diagnosticsFor(u, () => true);
  const text = fs.readFileSync(UBUNTU_HRD, 'utf8');
  const end = text.split('\n').length - 1;
  const items = labels(
    await conn.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: end, character: 0 },
    }),
  );
  assert.ok(items.includes('web.export.2'), JSON.stringify(items));
  const centos = openDoc(path.join(ws, 'servicetemplates/image_centos-7/service.hrd'), 'hrd');
  const ds = await diagnosticsFor(centos, (d) => d.some((x) => x.code === 'hrd-missing-comma'));
  assert.ok(ds.some((x) => x.code === 'recipe-platform'));
});

test('diagnostics link to their rule section of docs/rules.md (codeDescription)', async () => {
  const centos = openDoc(path.join(ws, 'servicetemplates/image_centos-7/service.hrd'), 'hrd');
  const ds = await diagnosticsFor(centos, (d) => d.some((x) => x.code === 'hrd-missing-comma'));
  const rules = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  for (const d of ds) {
    assert.equal(
      d.codeDescription?.href,
      `https://github.com/ays-image-recipes/ays-image-recipes/blob/main/docs/rules.md#${d.code}`,
    );
    assert.ok(rules.includes(`### \`${d.code}\``), `docs/rules.md has a section for ${d.code}`);
  }
});

test('actions.py: outline (class Actions, its methods, registerImage with its display name) and folding', async () => {
  const u = openDoc(CENTOS_PY, 'python');
  const symbols = await conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
  const actions = symbols.find((s) => s.name === 'Actions');
  assert.equal(actions?.kind, SymbolKind.Class, JSON.stringify(symbols));
  assert.equal(actions?.detail, 'ActionsBase');
  const configure = actions?.children?.find((m) => m.name === 'configure');
  assert.equal(configure?.kind, SymbolKind.Method);
  assert.equal(configure?.detail, '(self, serviceObj)');
  assert.deepEqual(
    configure?.children?.map((c) => c.name),
    ["registerImage 'CentOS 7 x64'"],
  );
  const folds = await conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: u } });
  const text = fs.readFileSync(CENTOS_PY, 'utf8').split('\n');
  const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle));
  assert.ok(
    folds.some((f) => f.startLine === lineOf('class Actions') && f.endLine >= lineOf('registerImage(serviceObj')),
    JSON.stringify(folds),
  );
  assert.ok(
    folds.some((f) => f.startLine === lineOf('def configure') && f.endLine >= lineOf('registerImage(serviceObj')),
    JSON.stringify(folds),
  );
});
