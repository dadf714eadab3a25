import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, answerPrompts, openRecipe, readState, recipeUri, waitFor } from './util';

describe('install over SSH (sandbox ovc_git)', () => {
  let api: any;
  before(async () => {
    api = await activeApi();
    await api.ready;
  });

  it('installs a demo recipe from the CodeLens; the image is registered and appears under the node', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'service.hrd');
    const lenses = await waitFor('the install CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return l.find((x) => /Install on node/.test(x.command?.title ?? '')) ? l : undefined;
    });
    const lens = lenses.find((x) => /Install on node/.test(x.command?.title ?? ''))!;
    const before = readState().images.length;
    const ui = answerPrompts(['demo-cpu-01']);
    let summary: any;
    try {
      summary = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    } finally {
      ui.restore();
    }
    assert.ok(
      summary?.ok,
      `the install succeeded: ${JSON.stringify(summary?.results?.map((r: any) => [r.node, r.exitCode, r.failures, r.error]))}`,
    );
    const state = readState();
    assert.equal(state.images.length, before + 1, 'one new image in the portal state');
    const img = state.images.find((i) => i.name === 'Ubuntu 22.04 Server x64')!;
    assert.ok(img, 'the image has the display name of actions.py');
    for (const s of state.stacks) assert.ok(s.images.includes(img.id), `registered on every stack (${s.name})`);
    assert.ok(
      ui.messages.some((m) => /installed on demo-cpu-01/.test(m) && /registered/.test(m)),
      `success notification among ${JSON.stringify(ui.messages)}`,
    );
    // The tree shows it under the node.
    const roots = await api.images.getChildren();
    const nodes = await api.images.getChildren(roots.find((r: any) => r.kind === 'env'));
    const node = nodes.find((n: any) => n.entry.name === 'demo-cpu-01');
    const items = await api.images.getChildren(node);
    assert.ok(
      items.some((c: any) => c.kind === 'image' && c.row.id === img.id),
      'the new image is under demo-cpu-01',
    );
    assert.ok(
      api.history.list({ node: 'demo-cpu-01' }).some((r: any) => r.image === 'image_ubuntu-2204' && r.exitCode === 0),
      'the run is in the history',
    );
    // History under the node, with its log.
    const history = items.find((c: any) => c.kind === 'history');
    const runs = await api.images.getChildren(history);
    assert.equal(runs[0].run.image, 'image_ubuntu-2204');
    await vscode.commands.executeCommand('aysRecipes.history.openLog', runs[0]);
    await waitFor(
      'the run log in an editor',
      () => vscode.window.activeTextEditor?.document.uri.fsPath === runs[0].run.logPath,
    );
    assert.match(vscode.window.activeTextEditor!.document.getText(), /ays install -n '\\''image_ubuntu-2204'\\''/);
  });

  it('a failing recipe puts a diagnostic on the recipe file', async () => {
    await openRecipe('image_centos-7', 'service.hrd');
    const ui = answerPrompts(['demo-cpu-02'], {
      error: 'Install Anyway',
      'uncommitted|unpushed': 'Install What Is Pushed',
    });
    let summary: any;
    try {
      summary = await vscode.commands.executeCommand('aysRecipes.install', recipeUri('image_centos-7'));
    } finally {
      ui.restore();
    }
    assert.equal(summary?.ok, false, `the install failed (prompts: ${JSON.stringify(ui.messages)})`);
    const diags = await waitFor('an install diagnostic on the recipe', () => {
      const d = [
        ...vscode.languages.getDiagnostics(recipeUri('image_centos-7', 'service.hrd')),
        ...vscode.languages.getDiagnostics(recipeUri('image_centos-7', 'actions.py')),
      ].filter((x) => x.source === 'ays install');
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /ays install on demo-cpu-02 failed/);
  });

  it('Add Environment writes a validated definition to the workspace settings', async () => {
    const w = vscode.window as any;
    const saved = { input: w.showInputBox, pick: w.showQuickPick, info: w.showInformationMessage };
    // the portal on a closed loopback port: the tree's refresh must not look up an outside name
    const answers = [
      'staging',
      'ovc-git.staging.example',
      '2202',
      '/opt/code/github/gig-projects/staging',
      'https://127.0.0.1:9',
      'admin',
    ];
    w.showInputBox = async () => answers.shift();
    w.showQuickPick = async (items: any[]) => (await items).find((i: any) => i.label === 'authkey');
    w.showInformationMessage = async () => undefined;
    const config = () => vscode.workspace.getConfiguration('aysRecipes');
    const before = config().get<any[]>('environments')!;
    try {
      await vscode.commands.executeCommand('aysRecipes.addEnvironment');
      const envs = config().get<any[]>('environments')!;
      const added = envs.find((e) => e.name === 'staging');
      assert.deepEqual(added, {
        name: 'staging',
        ovcGit: { host: 'ovc-git.staging.example', port: 2202 },
        repoPath: '/opt/code/github/gig-projects/staging',
        nodes: 'discovered',
        portal: { url: 'https://127.0.0.1:9', auth: 'authkey', username: 'admin' },
      });
      assert.equal(envs.length, before.length + 1);
    } finally {
      w.showInputBox = saved.input;
      w.showQuickPick = saved.pick;
      w.showInformationMessage = saved.info;
      await config().update('environments', before, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Cancel (closing the run terminal) stops the remote ays: nothing is left running on ovc_git', async () => {
    const control = process.env.AYS_E2E_CONTROL!;
    await fetch(`${control}/slow-download?ms=60000`);
    try {
      const run = api.installs.run('clean-reinstall', recipeUri('image_windows-2019').fsPath, {
        environment: 'sandbox',
        nodes: ['demo-cpu-03'],
        skipConfirm: true,
      });
      const aysRunning = async () =>
        (JSON.parse(await (await fetch(`${control}/ays-processes`)).text()) as number[]).length > 0;
      await waitFor('ays running on ovc_git', aysRunning, 30000);
      const terminal = await waitFor('the run terminal', () =>
        vscode.window.terminals.find((t) => /^windows-2019 · demo-cpu-03 · running/.test(t.name)),
      );
      terminal.dispose();
      const summary = await run;
      assert.equal(summary.cancelled, true, 'the run reports the cancel');
      assert.equal(summary.ok, false);
      await waitFor('no ays process left', async () => !(await aysRunning()), 15000);
    } finally {
      await fetch(`${control}/reset`);
    }
  });

  it('a run reuses the terminal of the last finished run on that node; its name says recipe, node and result', async () => {
    const folder = recipeUri('image_ubuntu-2204').fsPath;
    const onNode = () => vscode.window.terminals.filter((t) => / · demo-cpu-02 · /.test(t.name));
    const first = await api.installs.run('reinstall', folder, {
      environment: 'sandbox',
      nodes: ['demo-cpu-02'],
      skipConfirm: true,
    });
    assert.ok(first?.ok, 'the first run succeeded');
    const term = await waitFor('the terminal named after the result', () =>
      onNode().find((t) => t.name === 'ubuntu-2204 · demo-cpu-02 · ✓ done'),
    );
    const count = vscode.window.terminals.length;
    const second = await api.installs.run('reinstall', folder, {
      environment: 'sandbox',
      nodes: ['demo-cpu-02'],
      skipConfirm: true,
    });
    assert.ok(second?.ok, 'the second run succeeded');
    assert.equal(vscode.window.terminals.length, count, 'no new terminal');
    assert.deepEqual(onNode(), [term], 'one terminal for the node, reused');
    await waitFor(
      'the reused terminal named after the second result',
      () => term.name === 'ubuntu-2204 · demo-cpu-02 · ✓ done' || undefined,
    );
  });
});
