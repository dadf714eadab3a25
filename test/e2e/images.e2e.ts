import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, answerPrompts, readState, waitFor } from './util';

describe('AYS Images view (sandbox portal)', () => {
  let api: any;
  before(async () => {
    api = await activeApi();
    await vscode.commands.executeCommand('workbench.view.extension.aysImages');
  });

  it('shows the sandbox nodes and their images', async () => {
    const roots = await api.images.getChildren();
    const env = roots.find((r: any) => r.kind === 'env');
    assert.ok(env, `an environment among ${JSON.stringify(roots.map((r: any) => r.kind))}`);
    const nodes = await waitFor('nodes from the portal', async () => {
      api.images.refresh();
      const c = await api.images.getChildren(env);
      return c.some((n: any) => n.kind === 'node') ? c : undefined;
    });
    assert.deepEqual(
      nodes.map((n: any) => n.entry.name),
      ['demo-cpu-01', 'demo-cpu-02', 'demo-cpu-03'],
    );
    const state = readState();
    const onFirst = await api.images.getChildren(nodes[0]);
    const names = onFirst
      .filter((c: any) => c.kind === 'image')
      .map((c: any) => c.row.name)
      .sort();
    const expected = state.images
      .filter((i) => state.stacks.find((s) => s.name === 'demo-cpu-01')!.images.includes(i.id))
      .map((i) => i.name)
      .sort();
    assert.deepEqual(names, expected);
  });

  it('Set Availability removes an image from one node and the portal agrees', async () => {
    const roots = await api.images.getChildren();
    const env = roots.find((r: any) => r.kind === 'env');
    const nodes = await api.images.getChildren(env);
    const node = nodes.find((n: any) => n.entry.name === 'demo-cpu-02');
    const image = (await api.images.getChildren(node)).find((c: any) => c.kind === 'image');
    assert.ok(image, 'an image on demo-cpu-02');
    const stack02 = readState().stacks.find((s) => s.name === 'demo-cpu-02')!;
    // Answer the multi-select (everything but demo-cpu-02) and the confirmation, as a user would.
    const ui = answerPrompts(['demo-cpu-01', 'demo-cpu-03'], { 'Change the availability': 'Apply' });
    try {
      await vscode.commands.executeCommand('aysRecipes.images.setAvailability', image);
    } finally {
      ui.restore();
    }
    await waitFor(
      'the portal state to drop the image from demo-cpu-02',
      () =>
        !readState()
          .stacks.find((s) => s.id === stack02.id)!
          .images.includes(image.row.id),
    );
    const others = readState().stacks.filter((s) => s.name !== 'demo-cpu-02');
    for (const s of others) assert.ok(s.images.includes(image.row.id), `still on ${s.name}`);
  });

  it('shows the "portal cannot be reached" welcome instead of a tree when no portal answers', async () => {
    const config = vscode.workspace.getConfiguration('aysRecipes');
    const envs = config.get<any[]>('environments')!;
    const broken = envs.map((e) => ({ ...e, portal: { ...e.portal, url: 'https://127.0.0.1:9' } }));
    await config.update('environments', broken, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('an empty tree (the welcome view shows)', async () => {
        api.images.refresh();
        const roots = await api.images.getChildren();
        return roots.length === 0 ? true : undefined;
      });
    } finally {
      await config.update('environments', envs, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the tree back', async () => {
      api.images.refresh();
      return (await api.images.getChildren()).length ? true : undefined;
    });
  });
});
