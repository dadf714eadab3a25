/**
 * Issue 12, the walkthrough's path with real dialogs (answered as a user would): New Image Recipe from a
 * sandbox mirror URL → Commit & Push → Deploy on one node with availability on two. The portal shows the
 * new image on exactly those two nodes, the recipe is committed on origin with a clean working copy, the
 * history has the run; and the dialogs a user answers are counted (target ≤ 8).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, readState, waitFor, workspaceRoot } from './util';

describe('publish an OS image (walkthrough path, sandbox)', () => {
  let api: any;
  before(async () => {
    api = await activeApi();
    await api.ready;
  });

  it('New Image Recipe → Commit & Push → Deploy on one node, available on two', async function () {
    this.timeout(240000); // three commands with a real install; the shared 2-core machine can be slow
    const mirror = process.env.AYS_E2E_MIRROR!;
    const imageUrl = `${mirror}/images/rocky-9-genericcloud.qcow2`;
    const w = vscode.window as any;
    const saved = {
      input: w.showInputBox,
      pick: w.showQuickPick,
      info: w.showInformationMessage,
      warn: w.showWarningMessage,
      err: w.showErrorMessage,
    };
    const dialogs: string[] = [];
    const messages: string[] = [];
    w.showInputBox = async (o: vscode.InputBoxOptions) => {
      dialogs.push(`input: ${o.title}`);
      if (/image URL/.test(o.title ?? '')) {
        assert.equal(o.validateInput?.(imageUrl), undefined);
        return imageUrl;
      }
      if (/display name/.test(o.title ?? '')) return 'Rocky 9 Cloud';
      return o.value; // Commit & Push: the prefilled message
    };
    w.showQuickPick = async (itemsP: any, o: vscode.QuickPickOptions & { canPickMany?: boolean }) => {
      const items = await itemsP;
      const title = o?.title ?? o?.placeHolder ?? '';
      dialogs.push(`pick: ${title}`);
      if (/type and minimal disk/.test(title)) return items.find((i: any) => i.label === 'Linux');
      if (/node that installs/.test(title)) return items.find((i: any) => i.label === 'demo-cpu-01');
      if (/available on exactly/.test(title))
        return items.filter((i: any) => ['demo-cpu-01', 'demo-cpu-02'].includes(i.label));
      return o?.canPickMany
        ? items.filter((i: any) => i.label === 'sandbox')
        : items.find((i: any) => i.label === 'sandbox');
    };
    const answer = (m: string, ...rest: any[]) => {
      const choices = rest.filter((x) => typeof x === 'string');
      const modal = rest.some((x) => x && typeof x === 'object' && x.modal);
      if (modal) dialogs.push(`modal: ${m}`);
      else messages.push(m);
      return Promise.resolve(choices.includes('Run') ? 'Run' : undefined);
    };
    w.showInformationMessage = answer;
    w.showWarningMessage = answer;
    w.showErrorMessage = answer;
    let folder: string | undefined;
    let deployed: any;
    const t0 = Date.now();
    const times: Record<string, number> = {};
    try {
      folder = await vscode.commands.executeCommand<string>(
        'aysRecipes.newRecipe',
        vscode.Uri.file(path.join(workspaceRoot(), 'servicetemplates')),
      );
      times.newRecipe = Date.now() - t0;
      assert.ok(folder, `a recipe folder was created (${JSON.stringify(messages)})`);
      const svc = vscode.Uri.file(path.join(folder!, 'service.hrd'));
      await waitFor('service.hrd opened', () => vscode.window.activeTextEditor?.document.uri.fsPath === svc.fsPath);
      assert.match(fs.readFileSync(svc.fsPath, 'utf8'), /checkmd5:'true'/);
      // Zero diagnostics from the language server on the new files.
      await new Promise((r) => setTimeout(r, 1500));
      for (const f of ['service.hrd', 'actions.py']) {
        const d: vscode.Diagnostic[] = vscode.languages
          .getDiagnostics(vscode.Uri.file(path.join(folder!, f)))
          .filter((x: vscode.Diagnostic) => x.severity <= vscode.DiagnosticSeverity.Warning);
        assert.deepEqual(
          d.map((x: vscode.Diagnostic) => `${String(x.code)} ${x.message}`),
          [],
          `no diagnostics on ${f}`,
        );
      }
      const t1 = Date.now();
      const pushed = await vscode.commands.executeCommand<any>('aysRecipes.commitAndPush', vscode.Uri.file(folder!));
      times.commitAndPush = Date.now() - t1;
      assert.ok(pushed?.ok, `committed and pushed (${JSON.stringify(messages)})`);
      const t2 = Date.now();
      deployed = await vscode.commands.executeCommand<any>('aysRecipes.deploy', vscode.Uri.file(folder!));
      times.deploy = Date.now() - t2;
    } finally {
      w.showInputBox = saved.input;
      w.showQuickPick = saved.pick;
      w.showInformationMessage = saved.info;
      w.showWarningMessage = saved.warn;
      w.showErrorMessage = saved.err;
    }
    assert.ok(
      deployed?.ok,
      `deployed: ${JSON.stringify({ message: deployed?.message, state: deployed?.state, messages })}`,
    );
    const state = readState();
    const img = state.images.find((i) => i.id === deployed.image.id)!;
    assert.equal(img.name, 'Rocky 9 Cloud');
    assert.deepEqual(
      state.stacks
        .filter((s) => s.images.includes(img.id))
        .map((s) => s.name)
        .sort(),
      ['demo-cpu-01', 'demo-cpu-02'],
    );
    const git = (...a: string[]) => execFileSync('git', a, { cwd: workspaceRoot(), encoding: 'utf8' });
    assert.equal(git('status', '--porcelain', '--', 'servicetemplates').trim(), '', 'the working copy is clean');
    assert.equal(
      execFileSync('git', ['log', '-1', '--format=%s'], { cwd: process.env.AYS_E2E_ORIGIN!, encoding: 'utf8' }).trim(),
      'Add image Rocky 9 Cloud',
      'the commit is on origin',
    );
    assert.ok(
      api.history
        .list({ image: path.basename(folder!) })
        .some((r: any) => r.exitCode === 0 && r.node === 'demo-cpu-01'),
      'the history shows the run',
    );
    // Dialogs a user answers from New Image Recipe to the image available on two nodes.
    console.log(
      `[bench] deploy walkthrough: ${dialogs.length} dialogs (${dialogs.join(' | ')}); ms ${JSON.stringify(times)}; steps ${JSON.stringify(deployed.steps)}`,
    );
    assert.ok(dialogs.length <= 8, `at most 8 dialogs, got ${dialogs.length}: ${dialogs.join(' | ')}`);
  });
});
