import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { alive, liveChildren } from '../sandbox/processes';
import { EXTENSION_ID, activeApi, openRecipe, restoreDocument, waitFor } from './util';

/** The live dist/server.js processes this extension host started. */
function serverChildren(): number[] {
  return liveChildren(process.pid)
    .filter((c) => /[\\/]dist[\\/]server\.js\0/.test(c.cmdline))
    .map((c) => c.pid);
}

/** Waits until the server answers a hover on the first key of a demo service.hrd: it serves the editor. */
async function waitForHover(server: string): Promise<void> {
  const editor = await openRecipe('image_ubuntu-2204', 'service.hrd');
  await waitFor(`hover from ${server}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(0, 1),
    );
    return hovers.length > 0;
  });
}

describe('activation and language', () => {
  it('activates on a service.hrd of env-demo and gives it language id hrd', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'service.hrd');
    assert.equal(editor.document.languageId, 'hrd');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('the extension to activate', () => ext.isActive);
  });

  it('associates instance.hrd by file name and leaves other .hrd files alone', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'instance.hrd');
    assert.equal(editor.document.languageId, 'hrd');
    const other = await vscode.workspace.openTextDocument({ content: 'x = 1\n' });
    assert.notEqual(other.languageId, 'hrd');
  });

  it('brings the language client to the running state', async () => {
    const api = await activeApi();
    await api.ready;
    await waitFor('the language client to run', () => api.isRunning());
  });

  it('evaluates the language client (dist/lsclient.js) only after activate() returns, and at most 300 KB before', async () => {
    const api = await activeApi();
    await api.ready;
    const t = api.timings;
    assert.ok(
      t.lsClientStart >= t.activateEnd,
      `dist/lsclient.js began at ${t.lsClientStart}, activate() returned at ${t.activateEnd}`,
    );
    assert.ok(t.lsClientLoaded <= t.serverRunning, 'loaded before the server runs');
    const cached = Object.keys(require.cache);
    assert.equal(
      cached.filter((k) => /[\\/]dist[\\/]lsclient\.js$/.test(k)).length,
      1,
      'dist/lsclient.js is loaded once the server runs',
    );
    const main = cached.find((k) => /[\\/]dist[\\/]client\.js$/.test(k));
    assert.ok(main, 'dist/client.js is the extension main');
    // The development build is not minified: its budget is the same 300 KB (the production one is ~8 KB).
    assert.ok(fs.statSync(main).size <= 300_000, `dist/client.js is ${fs.statSync(main).size} bytes`);
    assert.ok(api.client, 'the API exposes the language client once loaded');
  });

  it('starts the language server in a worker thread with the bundle, before activate(); the client takes it', async () => {
    const api = await activeApi();
    await api.ready;
    const t = api.timings;
    assert.ok(
      t.bundleStart <= t.serverStarted && t.serverStarted <= t.bundleLoaded,
      `started at ${t.serverStarted}: the bundle was evaluated from ${t.bundleStart} to ${t.bundleLoaded}`,
    );
    const server = api.server();
    assert.equal(server?.runsIn, 'worker', 'the server runs in a worker thread of the extension host');
    assert.equal(server.exited(), false);
    // No server process at all.
    if (process.platform === 'linux') assert.deepEqual(serverChildren(), []);
  });

  it('restarts the language server in a fresh worker (aysRecipes.restartServer) and ends the old one', async () => {
    const api = await activeApi();
    await api.ready;
    const before = api.server();
    await vscode.commands.executeCommand('aysRecipes.restartServer');
    await waitFor('the restarted language client to run', () => api.isRunning());
    const after = api.server();
    assert.ok(after && after.id !== before.id, `a new server worker (${before.id} → ${after?.id})`);
    assert.equal(after.runsIn, 'worker');
    await waitFor('the old server worker to end', () => before.exited());
    if (process.platform === 'linux') assert.deepEqual(serverChildren(), []);
  });

  it('starts a new server when the worker ends unexpectedly, and the features keep working', async () => {
    const api = await activeApi();
    await api.ready;
    const crashed = api.server();
    crashed.end();
    await waitFor('the crashed worker to end', () => crashed.exited());
    const next = await waitFor('a new server', () =>
      api.isRunning() && api.server() && api.server().id !== crashed.id ? api.server() : undefined,
    );
    assert.equal(next.runsIn, 'worker');
    await waitForHover('the new server');
  });

  it('runs the server as a process with aysRecipes.server.runtime "process", and back in a worker', async () => {
    const api = await activeApi();
    await api.ready;
    const config = vscode.workspace.getConfiguration('aysRecipes');
    const worker = api.server();
    try {
      await config.update('server.runtime', 'process', vscode.ConfigurationTarget.Global);
      const proc = await waitFor('the server to run as a process', () =>
        api.isRunning() && api.server()?.runsIn === 'process' ? api.server() : undefined,
      );
      await waitFor('the worker to end', () => worker.exited());
      if (process.platform === 'linux') assert.deepEqual(serverChildren(), [proc.id]);
      await waitForHover('the server process');
      await config.update('server.runtime', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the server to run in a worker again', () => api.isRunning() && api.server()?.runsIn === 'worker');
      await waitFor('the server process to end', () => !alive(proc.id));
      if (process.platform === 'linux') assert.deepEqual(serverChildren(), []);
    } finally {
      await config.update('server.runtime', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('evaluates nothing of SSH, the portal or the tree until first used (dist/remote.js)', async () => {
    const api = await activeApi();
    const loaded = () => Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]remote\.js$/.test(k));
    assert.equal(api.isRemoteLoaded(), false, 'not loaded after activation');
    assert.deepEqual(loaded(), []);
    const roots = await api.images.getChildren();
    assert.ok(Array.isArray(roots), 'the tree answers once loaded');
    assert.equal(api.isRemoteLoaded(), true);
    assert.equal(loaded().length, 1, 'loaded on first use');
  });

  it('offers the recipe snippets in service.hrd and actions.py', async () => {
    const hrd = await openRecipe('image_ubuntu-2204', 'service.hrd');
    const items = await waitFor('hrd snippet completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        hrd.document.uri,
        new vscode.Position(0, 0),
      );
      const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
      return snippets.length ? snippets : undefined;
    });
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.some((l) => /web\.export/.test(l)),
      `a web.export snippet among ${labels.join(', ')}`,
    );

    const py = await openRecipe('image_ubuntu-2204', 'actions.py');
    assert.equal(py.document.languageId, 'python');
    const original = fs.readFileSync(py.document.uri.fsPath, 'utf8');
    // Snippets are offered where a statement starts: on a new empty line at the end of the file.
    const last = py.document.lineAt(py.document.lineCount - 1);
    await py.edit((b) => b.insert(last.range.end, '\n'));
    const at = new vscode.Position(py.document.lineCount - 1, 0);
    const pyItems = await waitFor('python snippet completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        py.document.uri,
        at,
      );
      const s = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
      return s.length ? s : undefined;
    });
    const pyLabels = pyItems.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      pyLabels.some((l) => /ays-actions|registerImage/.test(l)),
      `an actions.py snippet among ${pyLabels.join(', ')}`,
    );
    await restoreDocument(py.document, original);
  });
});
