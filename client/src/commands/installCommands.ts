import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InstallKind } from '../../../common/install/commands';
import { isRecipeServiceHrd } from '../../../common/install/recipeFolder';
import { InstallController, InstallPreset } from '../install/InstallController';
import { TreeNode } from '../tree/treeNodes';

const COMMAND_OF: Record<InstallKind, string> = {
  install: 'aysRecipes.install',
  reinstall: 'aysRecipes.reinstall',
  'clean-reinstall': 'aysRecipes.cleanReinstall',
};

/** The recipe folder of a command argument: a folder, a file in it, the active editor, or a pick. */
export async function recipeFolder(arg: unknown): Promise<string | undefined> {
  let p: string | undefined;
  if (arg instanceof vscode.Uri) p = arg.fsPath;
  else if (typeof arg === 'string') p = arg;
  else if (arg && typeof arg === 'object' && typeof (arg as { folder?: unknown }).folder === 'string')
    p = (arg as { folder: string }).folder;
  else if (vscode.window.activeTextEditor?.document.uri.scheme === 'file')
    p = vscode.window.activeTextEditor.document.uri.fsPath;
  if (p) {
    const dir = fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p);
    if (fs.existsSync(path.join(dir, 'service.hrd'))) return dir;
  }
  const found = await vscode.workspace.findFiles(
    '**/servicetemplates/**/service.hrd',
    '**/{node_modules,.git}/**',
    2000,
  );
  const folders = found.map((u) => path.dirname(u.fsPath)).sort();
  if (!folders.length) {
    void vscode.window.showErrorMessage('No recipe folder (a folder with service.hrd) in the workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: path.basename(f), description: vscode.workspace.asRelativePath(f), folder: f })),
    { placeHolder: 'Recipe' },
  );
  return pick?.folder;
}

function presetOf(arg: unknown): InstallPreset {
  if (arg && typeof arg === 'object' && 'environment' in arg) return arg as InstallPreset;
  return {};
}

/** CodeLens on service.hrd of a template folder: Install / Reinstall / Clean Reinstall on a node. */
export class InstallCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRecipeServiceHrd(doc.uri.fsPath)) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    const folder = path.dirname(doc.uri.fsPath);
    return [
      new vscode.CodeLens(range, {
        title: '$(cloud-upload) Install on node…',
        command: 'aysRecipes.install',
        arguments: [vscode.Uri.file(folder)],
        tooltip: 'ays install -n <image> --targettype node.ssh --targetname <node>',
      }),
      new vscode.CodeLens(range, {
        title: 'Reinstall…',
        command: 'aysRecipes.reinstall',
        arguments: [vscode.Uri.file(folder)],
        tooltip: 'ays install -r … (edits of existing keys do not reach an existing instance)',
      }),
      new vscode.CodeLens(range, {
        title: 'Clean reinstall…',
        command: 'aysRecipes.cleanReinstall',
        arguments: [vscode.Uri.file(folder)],
        tooltip: 'Removes the instance on ovc_git first, so every edit of the recipe is installed',
      }),
    ];
  }
}

export function registerInstallCommands(
  context: vscode.ExtensionContext,
  controller: InstallController,
  recipeOfImage: (n: TreeNode) => string | undefined,
): void {
  for (const kind of Object.keys(COMMAND_OF) as InstallKind[]) {
    context.subscriptions.push(
      vscode.commands.registerCommand(COMMAND_OF[kind], async (arg?: unknown, second?: unknown) => {
        // Explorer multi-select passes (clicked, selected[]): install each selected recipe in turn.
        const targets = Array.isArray(second) && second.length > 1 ? second : [arg];
        for (const t of targets) {
          const folder = await recipeFolder(t);
          if (!folder) return undefined;
          const r = await controller.run(kind, folder, presetOf(t));
          if (targets.length === 1) return r;
        }
        return undefined;
      }),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('aysRecipes.images.reinstallOnNode', async (n?: TreeNode) => {
      if (!n || (n.kind !== 'image' && n.kind !== 'node')) {
        void vscode.window.showInformationMessage('Run this from a node or an image in the AYS Images view.');
        return;
      }
      const node = n.kind === 'node' ? n.entry.name : n.node;
      const folder = n.kind === 'image' ? recipeOfImage(n) : undefined;
      const chosen = folder ?? (await recipeFolder(undefined));
      if (!chosen) return;
      await controller.run('reinstall', chosen, { environment: n.env.name, nodes: node ? [node] : undefined });
    }),
    vscode.commands.registerCommand('aysRecipes.history.openLog', async (n?: TreeNode) => {
      if (n?.kind !== 'run' || !n.run.logPath) return;
      await vscode.window.showTextDocument(vscode.Uri.file(n.run.logPath), { preview: true });
    }),
    vscode.commands.registerCommand('aysRecipes.history.rerun', async (n?: TreeNode) => {
      if (n?.kind !== 'run') return;
      const found = await vscode.workspace.findFiles(
        `**/servicetemplates/**/${n.run.image}/service.hrd`,
        '**/{node_modules,.git}/**',
        2,
      );
      if (!found.length) {
        void vscode.window.showErrorMessage(`The recipe ${n.run.image} is not in the workspace.`);
        return;
      }
      await controller.run(n.run.kind, path.dirname(found[0].fsPath), {
        environment: n.run.environment,
        nodes: [n.run.node],
      });
    }),
  );
}
