/**
 * Issue 12, the flow's details in a real VS Code on the sandbox: remembered nodes are proposed but
 * never run without the confirmation that lists them; a cancelled run is information, not an error;
 * the missing-file quick fix (Ctrl+.); New Version of This Recipe; Image Details; the recipe status item.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, readState, recipeUri, waitFor, workspaceRoot } from './util';

type Stubs = { restore(): void };
/** Replaces window dialogs for one test; `restore()` puts the real ones back. */
function stubWindow(o: {
  pick?: (items: any[], opts: any) => any;
  modal?: (m: string, detail: string, choices: string[]) => string | undefined;
  info?: string[];
  error?: string[];
  input?: (opts: vscode.InputBoxOptions) => string | undefined;
}): Stubs {
  const w = vscode.window as any;
  const saved = {
    pick: w.showQuickPick,
    info: w.showInformationMessage,
    warn: w.showWarningMessage,
    err: w.showErrorMessage,
    input: w.showInputBox,
  };
  const message =
    (sink: string[] | undefined) =>
    (m: string, ...rest: any[]) => {
      const opts = rest.find((x) => x && typeof x === 'object' && !Array.isArray(x));
      const choices = rest.filter((x) => typeof x === 'string');
      if (opts?.modal) return Promise.resolve(o.modal?.(m, String(opts.detail ?? ''), choices));
      sink?.push(m);
      return Promise.resolve(undefined);
    };
  w.showQuickPick = async (items: any, opts: any) => {
    const list = await items;
    if (o.pick) return o.pick(list, opts ?? {});
    return opts?.canPickMany
      ? list.filter((i: any) => i.label === 'sandbox')
      : list.find((i: any) => i.label === 'sandbox');
  };
  w.showInformationMessage = message(o.info);
  w.showWarningMessage = message(o.error);
  w.showErrorMessage = message(o.error);
  if (o.input) w.showInputBox = async (opts: vscode.InputBoxOptions) => o.input!(opts);
  return {
    restore() {
      w.showQuickPick = saved.pick;
      w.showInformationMessage = saved.info;
      w.showWarningMessage = saved.warn;
      w.showErrorMessage = saved.err;
      w.showInputBox = saved.input;
    },
  };
}

const git = (...a: string[]) => execFileSync('git', a, { cwd: workspaceRoot(), encoding: 'utf8' });

describe('deploy flow details (issue 12, sandbox)', () => {
  let api: any;
  before(async () => {
    api = await activeApi();
    await api.ready;
  });

  it('remembered nodes are proposed, never pre-ticked, and every run asks the confirmation that lists its nodes', async function () {
    this.timeout(180000);
    const folder = recipeUri('image_ubuntu-2204');
    const pickerItems: any[][] = [];
    const confirmations: string[] = [];
    const stages: string[] = [];
    let choose: string[] = [];
    let answer: string | undefined;
    const ui = stubWindow({
      pick: (items, opts) => {
        if (/nodes of sandbox/.test(opts.title ?? '')) {
          pickerItems.push(items.map((i: any) => ({ ...i })));
          return items.filter((i: any) => choose.includes(i.label));
        }
        return items.find((i: any) => i.label === 'sandbox');
      },
      modal: (m, detail, choices) => {
        confirmations.push(`${m}\n${detail}`);
        stages.push(api.status.snapshot().text);
        assert.ok(choices.includes('Run'), `the confirmation offers Run: ${choices.join(', ')}`);
        return answer;
      },
    });
    const runs = () => api.history.list({ image: 'image_ubuntu-2204' }).length;
    try {
      // 1: two nodes ticked, the confirmation dismissed: nothing runs, the two nodes are remembered.
      choose = ['demo-cpu-01', 'demo-cpu-02'];
      answer = undefined;
      const before = runs();
      assert.equal(
        await vscode.commands.executeCommand('aysRecipes.install', folder),
        undefined,
        'nothing ran without the confirmation',
      );
      assert.equal(confirmations.length, 1);
      assert.match(confirmations[0], /Nodes: (demo-cpu-01, demo-cpu-02|demo-cpu-02, demo-cpu-01)\n/);
      assert.equal(runs(), before, 'no run in the history');
      // 2: the remembered nodes come first, marked, but not ticked; a click on one node runs on one node, after the confirmation.
      choose = ['demo-cpu-01'];
      answer = 'Run';
      const summary: any = await vscode.commands.executeCommand('aysRecipes.install', folder);
      const items = pickerItems[1];
      assert.deepEqual(
        items
          .slice(0, 2)
          .map((i) => [i.label, i.description])
          .sort(),
        [
          ['demo-cpu-01', 'last used'],
          ['demo-cpu-02', 'last used'],
        ],
      );
      assert.ok(
        items.slice(2).every((i) => !i.description),
        'only the remembered nodes are marked',
      );
      assert.ok(
        items.every((i) => !i.picked),
        `no node is pre-ticked: ${JSON.stringify(items)}`,
      );
      assert.equal(confirmations.length, 2, 'the second run was confirmed too');
      assert.match(confirmations[1], /Nodes: demo-cpu-01\n/);
      assert.doesNotMatch(confirmations[1], /demo-cpu-02/);
      assert.ok(
        summary?.ok,
        `the run succeeded: ${JSON.stringify(summary?.results?.map((r: any) => [r.node, r.exitCode, r.error]))}`,
      );
      assert.deepEqual(
        summary.results.map((r: any) => r.node),
        ['demo-cpu-01'],
        'it ran on the one node picked',
      );
      assert.equal(runs(), before + 1);
      // The status item showed the running session's stage while the confirmation was open.
      assert.match(stages[1], /AYS image_ubuntu-2204: confirm/);
      // 3: a run after a confirmed one is confirmed again ("Don't ask again" is an explicit opt-in).
      answer = undefined;
      assert.equal(await vscode.commands.executeCommand('aysRecipes.install', folder), undefined);
      assert.equal(confirmations.length, 3, 'the third run asked again');
      assert.equal(runs(), before + 1, 'the dismissed confirmation ran nothing');
    } finally {
      ui.restore();
    }
  });

  it('a cancelled install or deploy is reported as cancelled, as information and not as an error', async function () {
    this.timeout(180000);
    const control = process.env.AYS_E2E_CONTROL!;
    const folder = recipeUri('image_windows-2019').fsPath;
    const aysRunning = async () =>
      (JSON.parse(await (await fetch(`${control}/ays-processes`)).text()) as number[]).length > 0;
    const cancelWhenRunning = async () => {
      await waitFor('ays running on ovc_git', aysRunning, 60000);
      const terminal = await waitFor('the run terminal', () =>
        vscode.window.terminals.find((t) => /^windows-2019 · demo-cpu-03 · running/.test(t.name)),
      );
      terminal.dispose();
    };
    const info: string[] = [];
    const error: string[] = [];
    const ui = stubWindow({ info, error });
    await fetch(`${control}/slow-download?ms=60000`);
    try {
      const install = api.installs.run('install', folder, {
        environment: 'sandbox',
        nodes: ['demo-cpu-03'],
        skipConfirm: true,
      });
      await cancelWhenRunning();
      const summary = await install;
      assert.equal(summary.cancelled, true);
      assert.ok(
        info.some((m) => /windows-2019: cancelled on demo-cpu-03/.test(m)),
        `an information message says cancelled: ${JSON.stringify(info)}`,
      );
      assert.deepEqual(error, [], 'no error message');
      await waitFor('no ays process left', async () => !(await aysRunning()), 15000);

      const deploy = vscode.commands.executeCommand<any>('aysRecipes.deploy', vscode.Uri.file(folder), {
        environment: 'sandbox',
        node: 'demo-cpu-03',
        availableOn: ['demo-cpu-03'],
        skipConfirm: true,
      });
      await cancelWhenRunning();
      const result = await deploy;
      assert.equal(result.ok, false);
      assert.equal(result.cancelled, true, `the deploy reports the cancel: ${result.message}`);
      assert.ok(
        info.some((m) => /step 3 \(install\) cancelled/.test(m)),
        `an information message says the deploy was cancelled: ${JSON.stringify(info)}`,
      );
      assert.deepEqual(error, [], 'no error message');
      await waitFor('no ays process left', async () => !(await aysRunning()), 15000);
    } finally {
      ui.restore();
      await fetch(`${control}/reset`);
    }
  });

  it('Ctrl+. on a folder with only service.hrd offers "Create the missing file"; applying it creates actions.py and instance.hrd', async function () {
    this.timeout(90000);
    const dir = path.join(workspaceRoot(), 'servicetemplates', 'image_quickfix-e2e');
    const svcText = fs
      .readFileSync(recipeUri('image_ubuntu-2204', 'service.hrd').fsPath, 'utf8')
      .replace('ubuntu-22.04-server-cloudimg-amd64.qcow2', 'quickfix-e2e.qcow2');
    fs.mkdirSync(dir);
    try {
      fs.writeFileSync(path.join(dir, 'service.hrd'), svcText);
      const uri = vscode.Uri.file(path.join(dir, 'service.hrd'));
      const editor = await vscode.window.showTextDocument(uri);
      const missing = () =>
        vscode.languages
          .getDiagnostics(uri)
          .filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'recipe-missing-file');
      const diags = await waitFor(
        'two missing-file diagnostics',
        () => (missing().length === 2 ? missing() : undefined),
        30000,
      );
      // What Ctrl+. lists at the diagnostics (both are at the top of the file).
      const listed = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diags[0].range,
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.deepEqual(
        listed
          .map((a) => a.title)
          .filter((t) => /^Create the missing file/.test(t))
          .sort(),
        ['Create the missing file actions.py', 'Create the missing file instance.hrd'],
      );
      // Ctrl+. then Enter, twice: the editor's own quick-fix action applies the first fix at the cursor.
      for (let n = 1; n <= 2; n++) {
        editor.selection = new vscode.Selection(diags[0].range.start, diags[0].range.start);
        await vscode.commands.executeCommand('editor.action.codeAction', {
          kind: vscode.CodeActionKind.QuickFix.value,
          apply: 'first',
        });
        await waitFor(
          `${n} of the missing files created`,
          () => ['actions.py', 'instance.hrd'].filter((f) => fs.existsSync(path.join(dir, f))).length === n,
          15000,
        );
      }
      const actions = fs.readFileSync(path.join(dir, 'actions.py'), 'utf8');
      assert.match(actions, /class Actions\(ActionsBase\)/);
      assert.match(actions, /registerImage\(serviceObj, /);
      assert.equal(fs.readFileSync(path.join(dir, 'instance.hrd'), 'utf8'), '');
      await waitFor('the missing-file diagnostics are gone', () => missing().length === 0, 30000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('New Version of This Recipe: a new folder, a new dest basename and a versioned display name, zero diagnostics', async function () {
    this.timeout(90000);
    const original = recipeUri('image_ubuntu-2204').fsPath;
    const info: string[] = [];
    const error: string[] = [];
    const ui = stubWindow({ info, error });
    let folder: string | undefined;
    try {
      folder = await vscode.commands.executeCommand<string>('aysRecipes.newVersion', vscode.Uri.file(original));
      assert.ok(folder, `a folder was created (${JSON.stringify({ info, error })})`);
      assert.notEqual(folder, original);
      assert.equal(path.dirname(folder!), path.dirname(original));
      const dest = (f: string) => /dest:'([^']+)'/.exec(fs.readFileSync(path.join(f, 'service.hrd'), 'utf8'))![1];
      assert.notEqual(
        path.basename(dest(folder!)),
        path.basename(dest(original)),
        'a new dest basename (a new template name)',
      );
      assert.equal(path.dirname(dest(folder!)), path.dirname(dest(original)));
      assert.ok(fs.existsSync(path.join(folder!, 'actions.py')) && fs.existsSync(path.join(folder!, 'instance.hrd')));
      const nameOf = (f: string) => /name = '([^']+)'/.exec(fs.readFileSync(path.join(f, 'actions.py'), 'utf8'))![1];
      assert.equal(nameOf(folder!), `${nameOf(original)} v2`, 'the display name gets the version');
      assert.ok(
        info.some((m) => m.includes(path.basename(folder!))),
        `the new folder is announced: ${JSON.stringify(info)}`,
      );
      await waitFor(
        'service.hrd of the new version opened',
        () => vscode.window.activeTextEditor?.document.uri.fsPath === path.join(folder!, 'service.hrd'),
      );
      // The language server has indexed the new recipe, then its files and the original stay clean.
      await waitFor(
        'the language server knows the new recipe',
        async () => {
          const list: any[] = await api.client.sendRequest('aysRecipes/recipes');
          return list.some((r) => path.resolve(r.folder) === path.resolve(folder!));
        },
        30000,
      );
      const problems = () =>
        [folder!, original].flatMap((f) =>
          ['service.hrd', 'actions.py'].flatMap((n) =>
            vscode.languages
              .getDiagnostics(vscode.Uri.file(path.join(f, n)))
              .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
              .map((d) => `${n}: ${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.message}`),
          ),
        );
      // Zero must stay zero: watch the diagnostics for a moment after the index has the recipe.
      const end = Date.now() + 2000;
      while (Date.now() < end) {
        assert.deepEqual(problems(), []);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(error, []);
    } finally {
      ui.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (folder && folder !== original) fs.rmSync(folder, { recursive: true, force: true });
    }
    assert.equal(
      git('status', '--porcelain', '--', path.relative(workspaceRoot(), folder!)).trim(),
      '',
      'nothing of the new version is left',
    );
  });

  it('Image Details shows every field of the portal, the nodes, the recipe that made the image and its runs', async function () {
    this.timeout(90000);
    // A fresh tree: the recipes of the workspace as the language server knows them now (a recipe removed by
    // an earlier test may still be matched by a tree read before).
    let seen = '';
    const item = await waitFor(
      'an image of image_ubuntu-2204 under demo-cpu-01',
      async () => {
        api.images.refresh();
        const roots = await api.images.getChildren();
        const nodes = await api.images.getChildren(roots.find((r: any) => r.kind === 'env'));
        const items = await api.images.getChildren(nodes.find((n: any) => n.entry.name === 'demo-cpu-01'));
        seen = items
          .map((c: any) => `${c.row?.name} (${c.row?.recipe ? path.basename(c.row.recipe.folder) : '-'})`)
          .join(', ');
        return items.find(
          (c: any) =>
            c.kind === 'image' &&
            c.row.recipe &&
            path.basename(c.row.recipe.folder) === 'image_ubuntu-2204' &&
            !c.row.recipe.others,
        );
      },
      30000,
    ).catch((e) => assert.fail(`${e.message}; seen: ${seen}`));
    await vscode.commands.executeCommand('aysRecipes.images.details', item);
    const id = item.row.id;
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'ays-image', path: `/sandbox/image-${id}.md` }),
    );
    const text = doc.getText();
    assert.match(text, new RegExp(`^# ${item.row.name.replace(/[.()]/g, '\\$&')} \\(image ${id}\\) · sandbox`));
    const portal = readState();
    const record = portal.images.find((i) => i.id === id) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(record))
      assert.ok(
        text.includes(`| ${k} | ${JSON.stringify(v).replace(/\|/g, '\\|')} |`),
        `field ${k} of the portal:\n${text}`,
      );
    const on = portal.stacks.filter((s) => s.images.includes(id)).map((s) => s.name);
    assert.ok(text.includes(`**Available on:** ${on.join(', ')}`), text);
    assert.match(text, /\*\*Recipe:\*\* \[image_ubuntu-2204\]\(file:/);
    const runs = api.history.list({ environment: 'sandbox', image: 'image_ubuntu-2204' });
    assert.ok(runs.length > 0, 'the first test ran this recipe');
    assert.ok(text.includes(`**Runs** (${runs.length}):`), text);
    assert.ok(text.includes(`- ${runs[0].time} · ${runs[0].kind} on ${runs[0].node} · `), text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the recipe status item: environment and profile on recipe files, hidden elsewhere, a click shows the output', async () => {
    await vscode.window.showTextDocument(recipeUri('image_centos-7', 'service.hrd'));
    const shown = await waitFor('the status item on service.hrd', () => {
      const s = api.status.snapshot();
      return s.visible ? s : undefined;
    });
    assert.equal(shown.text, '$(cloud) sandbox · current');
    assert.match(shown.tooltip, /environment sandbox, registerImage profile current/);
    assert.equal(shown.command, 'aysRecipes.showOutput');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), '.vscode', 'settings.json')));
    await waitFor('the status item hidden on a non-recipe file', () => !api.status.snapshot().visible);
    await vscode.commands.executeCommand(shown.command);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
