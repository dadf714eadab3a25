import * as path from 'node:path';
import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { PortalResult, Stack, availabilityChange, completeStackList, stacksWithImage } from '../../../common/portal';
import { ImagesTreeProvider } from '../tree/ImagesTreeProvider';
import { TreeNode } from '../tree/treeNodes';
import { PortalSessions } from '../portal/PortalSessions';
import { readEnvironments } from '../environments';

type ImageNode = Extract<TreeNode, { kind: 'image' | 'imageGroup' }>;

function imageOf(n: ImageNode) {
  return n.kind === 'image' ? n.row : n.entry.image;
}

function isImageNode(n: unknown): n is ImageNode {
  return !!n && typeof n === 'object' && ((n as TreeNode).kind === 'image' || (n as TreeNode).kind === 'imageGroup');
}

/** Shows a portal failure as a message (never a modal), with the next step when there is one. */
export async function reportPortalError(
  env: ResolvedEnvironment,
  what: string,
  r: PortalResult<unknown>,
  sessions: PortalSessions,
): Promise<boolean> {
  if (r.ok) return false;
  const { code, message } = r.error;
  if (code === 'auth-expired' || code === 'not-authenticated' || code === 'missing-secret') {
    const choice = await vscode.window.showErrorMessage(`${env.name}: ${what} failed: ${message}`, 'Sign In Again');
    if (choice === 'Sign In Again') await sessions.forget(env.name);
  } else {
    void vscode.window.showErrorMessage(`${env.name}: ${what} failed: ${message}`);
  }
  return true;
}

/**
 * Set Availability…: a multi-select of the environment's nodes with the current ones checked; shows
 * what changes; sends updateNodes with the COMPLETE list of enabled stacks. Removing the image from
 * every node, like disabling, needs its own explicit confirmation.
 */
async function setAvailability(tree: ImagesTreeProvider, sessions: PortalSessions, node: ImageNode): Promise<void> {
  const env = node.env;
  const image = imageOf(node);
  const data = await tree.envData(env);
  if (!data.state) {
    void vscode.window.showErrorMessage(`${env.name}: ${data.error?.message ?? 'no portal data'}`);
    return;
  }
  const gid = env.portal?.gid;
  const stacks: Stack[] = data.state.stacks.filter((s) => gid === undefined || s.gid === undefined || s.gid === gid);
  const current = stacksWithImage(stacks, image.id);
  const items = stacks.map((s) => ({
    label: s.name,
    description: `stack ${s.id} · ${s.status}`,
    picked: current.includes(s.id),
    stack: s,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    ignoreFocusOut: true,
    title: `Availability of "${image.name}" (image ${image.id}) in ${env.name}`,
    placeHolder: 'Nodes (stacks) where virtual machines of this image may be created',
  });
  if (!picked) return;
  const desired = picked.map((p) => p.stack.id);
  const change = availabilityChange(current, desired);
  if (change.unchanged) {
    void vscode.window.showInformationMessage(`"${image.name}": availability unchanged.`);
    return;
  }
  const name = (id: number) => stacks.find((s) => s.id === id)?.name ?? String(id);
  const summary = [
    change.added.length ? `add: ${change.added.map(name).join(', ')}` : '',
    change.removed.length ? `remove: ${change.removed.map(name).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const go = await vscode.window.showWarningMessage(
    `Change the availability of "${image.name}": ${summary}?`,
    { modal: true },
    'Apply',
  );
  if (go !== 'Apply') return;
  if (change.removesEverywhere) {
    const sure = await vscode.window.showWarningMessage(
      `"${image.name}" will be available on NO node: no virtual machine of this image can be created anywhere in ${env.name}.`,
      { modal: true, detail: 'The portal removes the image from every stack when the list is empty.' },
      'Remove From Every Node',
    );
    if (sure !== 'Remove From Every Node') return;
  }
  const client = await sessions.client(env);
  if ((await reportPortalError(env, 'Set Availability', client, sessions)) || !client.ok) return;
  const complete = completeStackList(data.state.stacks, image.id, gid, desired);
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Setting the availability of "${image.name}"…` },
    () => client.value.updateNodes(image.id, complete, { allowRemoveEverywhere: change.removesEverywhere }),
  );
  if (await reportPortalError(env, 'Set Availability', r, sessions)) return;
  void vscode.window.showInformationMessage(
    `"${image.name}" is now available on ${desired.length ? desired.map(name).join(', ') : 'no node'}.`,
  );
  tree.refresh(env.name);
}

async function setStatus(
  tree: ImagesTreeProvider,
  sessions: PortalSessions,
  node: ImageNode,
  enable: boolean,
): Promise<void> {
  const env = node.env;
  const image = imageOf(node);
  if (!enable) {
    const sure = await vscode.window.showWarningMessage(
      `Disable "${image.name}" (image ${image.id}) in ${env.name}?`,
      { modal: true, detail: 'A disabled image cannot be used for new virtual machines until it is enabled again.' },
      'Disable',
    );
    if (sure !== 'Disable') return;
  }
  const client = await sessions.client(env);
  if ((await reportPortalError(env, enable ? 'Enable' : 'Disable', client, sessions)) || !client.ok) return;
  const r = await (enable ? client.value.enable(image.id) : client.value.disable(image.id));
  if (await reportPortalError(env, enable ? 'Enable' : 'Disable', r, sessions)) return;
  tree.refresh(env.name);
}

export function registerImageCommands(
  context: vscode.ExtensionContext,
  tree: ImagesTreeProvider,
  sessions: PortalSessions,
  requestRefresh: () => void,
): void {
  const needImage = (fn: (n: ImageNode) => unknown) => (n: unknown) => {
    if (!isImageNode(n)) {
      void vscode.window.showInformationMessage('Run this from an image in the AYS Images view.');
      return;
    }
    return fn(n);
  };
  const group = (by: 'node' | 'image') => () => {
    tree.groupBy = by;
    void context.workspaceState.update('aysRecipes.imagesGroupBy', by);
    void vscode.commands.executeCommand('setContext', 'aysRecipes.imagesGroupBy', by);
    tree.redraw();
  };
  tree.groupBy = context.workspaceState.get<'node' | 'image'>('aysRecipes.imagesGroupBy', 'node');
  void vscode.commands.executeCommand('setContext', 'aysRecipes.imagesGroupBy', tree.groupBy);

  context.subscriptions.push(
    vscode.commands.registerCommand('aysRecipes.images.refresh', () => {
      tree.refresh();
      requestRefresh();
    }),
    vscode.commands.registerCommand('aysRecipes.images.groupByImage', group('image')),
    vscode.commands.registerCommand('aysRecipes.images.groupByNode', group('node')),
    vscode.commands.registerCommand(
      'aysRecipes.images.setAvailability',
      needImage((n) => setAvailability(tree, sessions, n)),
    ),
    vscode.commands.registerCommand(
      'aysRecipes.images.enable',
      needImage((n) => setStatus(tree, sessions, n, true)),
    ),
    vscode.commands.registerCommand(
      'aysRecipes.images.disable',
      needImage((n) => setStatus(tree, sessions, n, false)),
    ),
    vscode.commands.registerCommand(
      'aysRecipes.images.copyId',
      needImage(async (n) => {
        await vscode.env.clipboard.writeText(String(imageOf(n).id));
        vscode.window.setStatusBarMessage(`Copied image id ${imageOf(n).id}`, 3000);
      }),
    ),
    vscode.commands.registerCommand(
      'aysRecipes.images.openRecipe',
      needImage(async (n) => {
        const folder = imageOf(n).recipe?.folder;
        if (!folder) return;
        await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'service.hrd')));
      }),
    ),
    vscode.commands.registerCommand('aysRecipes.portal.signOut', async () => {
      const envs = readEnvironments().environments.filter((e) => e.portal);
      const pick = await vscode.window.showQuickPick(
        envs.map((e) => ({ label: e.name, description: e.portal!.url })),
        { placeHolder: 'Forget the portal credentials of…' },
      );
      if (!pick) return;
      await sessions.forget(pick.label);
      tree.refresh(pick.label);
    }),
  );
}
