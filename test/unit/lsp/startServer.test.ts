/**
 * server/src/lsp/ over the in-memory harness (test/unit/lsp/harness.ts): the LSP wiring of
 * startServer — initialize, didOpen → diagnostics, completion, hover, didClose, settings pushed and
 * pulled, the aysRecipes/recipes request — in-process, on a temp copy of examples/env-demo.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { RECIPES_REQUEST, type RecipeInfo } from '../../../common/protocol';
import { positionAfter, startHarness, type LspHarness } from './harness';

const ROOT = path.join(__dirname, '../../../..');
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-lsp-harness-'));
fs.cpSync(path.join(ROOT, 'examples/env-demo'), ws, { recursive: true });
after(() => fs.rmSync(ws, { recursive: true, force: true }));

const file = (rel: string) => path.join(ws, 'servicetemplates', rel);
const uri = (p: string) => pathToFileURL(p).href;
const read = (p: string) => fs.readFileSync(p, 'utf8');
const CENTOS_HRD = file('image_centos-7/service.hrd');
const UBUNTU_HRD = file('image_ubuntu-2204/service.hrd');
const labels = (r: CompletionItem[] | CompletionList | null) =>
  (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);

describe('startServer, push model (no workspace/configuration)', () => {
  let h: LspHarness;
  before(async () => {
    h = await startHarness({ folders: [uri(ws)] });
  });
  after(() => h.dispose());

  test('initialize announces the features and the server name', () => {
    const caps = h.initializeResult.capabilities;
    assert.equal(h.initializeResult.serverInfo?.name, 'AYS Recipe Language Server');
    assert.ok(caps.hoverProvider && caps.documentFormattingProvider && caps.definitionProvider);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('.'));
    assert.deepEqual(caps.signatureHelpProvider?.triggerCharacters, ['(', ',']);
  });

  test('didOpen publishes the diagnostics of the document', async () => {
    await h.open(uri(CENTOS_HRD), 'hrd', read(CENTOS_HRD));
    const ds = await h.diagnostics(uri(CENTOS_HRD), (d) => codes(d).includes('hrd-missing-comma'));
    assert.ok(ds.every((d) => d.source === 'ays'));
    const comma = ds.find((d) => d.code === 'hrd-missing-comma')!;
    // the dest line of web.export.1 lacks its trailing comma
    assert.equal(comma.range.start.line, 3);
  });

  test('didChange revalidates: fixing the comma clears the finding', async () => {
    const fixed = read(CENTOS_HRD).replace("centos-7-x86_64'\n", "centos-7-x86_64',\n");
    await h.change(uri(CENTOS_HRD), fixed, 2);
    await h.diagnostics(uri(CENTOS_HRD), (d) => !codes(d).includes('hrd-missing-comma'));
  });

  test('completion at the end of service.hrd offers the next web.export', async () => {
    await h.open(uri(UBUNTU_HRD), 'hrd', read(UBUNTU_HRD));
    const end = read(UBUNTU_HRD).split('\n').length - 1;
    const items = await h.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: uri(UBUNTU_HRD) },
      position: { line: end, character: 0 },
    });
    assert.ok(labels(items).includes('web.export.2'), JSON.stringify(labels(items)));
  });

  test('hover on a key documents it', async () => {
    const text = read(UBUNTU_HRD);
    const hover = await h.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri(UBUNTU_HRD) },
      position: positionAfter(text, 'platform.sup'),
    });
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /platform/i);
  });

  test('requests on a document that is not open answer empty, not an error', async () => {
    const other = uri(file('image_windows-2019/service.hrd'));
    assert.equal(
      await h.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } }),
      null,
    );
    assert.deepEqual(
      labels(
        await h.request('textDocument/completion', {
          textDocument: { uri: other },
          position: { line: 0, character: 0 },
        }),
      ),
      [],
    );
  });

  test('didClose withdraws the document diagnostics', async () => {
    const broken = "platform.supported = \"generic\"\nweb.export.1 =\n    dest:'/x/y.qcow2'\n    url:'http://h/',\n";
    const u = uri(file('image_centos-7/instance.hrd'));
    await h.open(u, 'hrd', broken);
    await h.diagnostics(u, (d) => d.length > 0);
    const cleared = h.nextPublish(u);
    await h.close(u);
    assert.deepEqual(
      codes(await cleared).filter((c) => c === 'hrd-missing-comma'),
      [],
    );
  });

  test('a pushed settings change re-rates the open documents (rule turned off)', async () => {
    const u = uri(CENTOS_HRD);
    await h.change(u, read(CENTOS_HRD), 3);
    await h.diagnostics(u, (d) => codes(d).includes('hrd-missing-comma'));
    await h.notify('workspace/didChangeConfiguration', {
      settings: { aysRecipes: { rules: { 'hrd-missing-comma': 'off' } } },
    });
    await h.diagnostics(u, (d) => !codes(d).includes('hrd-missing-comma'));
    await h.notify('workspace/didChangeConfiguration', {
      settings: { aysRecipes: { rules: { 'hrd-missing-comma': 'error' } } },
    });
    const ds = await h.diagnostics(u, (d) => d.some((x) => x.code === 'hrd-missing-comma' && x.severity === 1));
    assert.ok(ds.length);
  });

  test(`${RECIPES_REQUEST} lists the template folders once the workspace is indexed`, async () => {
    let recipes: RecipeInfo[] = [];
    for (const t0 = Date.now(); Date.now() - t0 < 8000; await new Promise((r) => setTimeout(r, 50))) {
      recipes = await h.request<RecipeInfo[]>(RECIPES_REQUEST);
      if (recipes.length === 3) break;
    }
    assert.deepEqual(
      recipes.map((r) => r.name),
      ['image_centos-7', 'image_ubuntu-2204', 'image_windows-2019'],
    );
    const ubuntu = recipes.find((r) => r.name === 'image_ubuntu-2204')!;
    assert.equal(ubuntu.folder, path.dirname(UBUNTU_HRD));
    assert.equal(ubuntu.exportUrl, 'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img');
  });
});

describe('startServer, pull model (workspace/configuration per folder)', () => {
  let h: LspHarness;
  before(async () => {
    h = await startHarness({
      folders: [uri(ws)],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      settings: () => ({ rules: { 'hrd-missing-comma': 'hint' } }),
    });
  });
  after(() => h.dispose());

  test('the folder settings are pulled and applied to its documents', async () => {
    await h.open(uri(CENTOS_HRD), 'hrd', read(CENTOS_HRD));
    const ds = await h.diagnostics(uri(CENTOS_HRD), (d) => codes(d).includes('hrd-missing-comma'));
    assert.equal(ds.find((d) => d.code === 'hrd-missing-comma')!.severity, 4);
    assert.ok(
      h.configurationRequests.some((i) => i.section === 'aysRecipes' && i.scopeUri?.startsWith(uri(ws))),
      JSON.stringify(h.configurationRequests),
    );
  });
});
