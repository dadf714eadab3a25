import * as vscode from 'vscode';
import { imageStatusIcon, stackStatusIcon } from '../../../common/portal';
import { TreeNode, nodeId } from './treeNodes';

const ERROR_COLOR = new vscode.ThemeColor('list.errorForeground');
const WARN_COLOR = new vscode.ThemeColor('list.warningForeground');
const OK_COLOR = new vscode.ThemeColor('testing.iconPassed');
const HIGHLIGHT_COLOR = new vscode.ThemeColor('charts.green');

function icon(id: string, color?: vscode.ThemeColor): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color);
}

function ago(iso: string): string {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return new Date(iso).toLocaleString();
}

/** Builds the TreeItem of a node. `highlight` is the registration result note of the last install. */
export function toTreeItem(n: TreeNode, highlight?: string): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (n.kind) {
    case 'env': {
      item = new vscode.TreeItem(n.env.name, C.Expanded);
      item.description = n.env.portal ? new URL(n.env.portal.url).host : `${n.env.ovcGit.host}:${n.env.ovcGit.port}`;
      item.tooltip = `${n.env.name}\novc_git ${n.env.ovcGit.user}@${n.env.ovcGit.host}:${n.env.ovcGit.port}\nrepository ${n.env.repoPath}${n.env.portal ? `\nportal ${n.env.portal.url} (${n.env.portal.auth})` : ''}`;
      item.iconPath = icon('cloud');
      item.contextValue = 'aysEnv';
      break;
    }
    case 'node': {
      const st = n.entry.stack;
      item = new vscode.TreeItem(n.entry.name, C.Collapsed);
      const count = n.entry.images.length;
      item.description = [
        st?.status ?? (n.entry.match === 'node-only' ? 'no stack' : ''),
        `${count} image${count === 1 ? '' : 's'}`,
      ]
        .filter(Boolean)
        .join(' · ');
      item.tooltip = st
        ? `${n.entry.name}\nstack id ${st.id}\nreferenceId ${st.referenceId}\nstatus ${st.status}`
        : `${n.entry.name}\nno portal stack with this name`;
      item.iconPath = icon(
        stackStatusIcon(st?.status),
        st?.status === 'ENABLED' ? undefined : st ? WARN_COLOR : ERROR_COLOR,
      );
      item.contextValue = n.entry.match === 'stack-only' ? 'aysStackOnly' : 'aysNode';
      break;
    }
    case 'image':
    case 'imageGroup': {
      const r = n.kind === 'image' ? n.row : n.entry.image;
      item = new vscode.TreeItem(r.name, n.kind === 'imageGroup' ? C.Collapsed : C.None);
      const where =
        n.kind === 'imageGroup'
          ? `on ${n.entry.availableOn.length}/${n.entry.availableOn.length + n.entry.notAvailableOn.length} nodes`
          : undefined;
      item.description = [highlight, r.type, `${r.size} GB`, r.status, r.bootType, where].filter(Boolean).join(' · ');
      item.tooltip = new vscode.MarkdownString(
        [
          `**${r.name}**`,
          '',
          `id \`${r.id}\` · type ${r.type} · ${r.size} GB · ${r.status}${r.bootType ? ` · ${r.bootType}` : ''}`,
          r.referenceId ? `referenceId \`${r.referenceId}\`` : '',
          r.recipe ? `recipe \`${r.recipe.folder}\` (matched by ${r.recipe.by})` : 'no recipe of the workspace matched',
          highlight ? `\n$(check) ${highlight}` : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
        true,
      );
      const notHere = n.kind === 'image' && n.notHere;
      if (notHere) item.description = ['not on this node', r.type, r.status].join(' · ');
      item.iconPath = highlight
        ? icon('pass-filled', HIGHLIGHT_COLOR)
        : notHere
          ? icon('circle-slash')
          : icon(imageStatusIcon(r.status), r.status === 'CREATED' ? undefined : WARN_COLOR);
      item.contextValue = `aysImage-${r.status.toLowerCase()}${r.recipe ? '-recipe' : ''}`;
      break;
    }
    case 'nodeRef': {
      item = new vscode.TreeItem(n.ref.node ?? n.ref.stackName, C.None);
      item.description = n.available ? `available · ${n.ref.status}` : 'not available';
      item.iconPath = n.available ? icon('check', OK_COLOR) : icon('circle-slash');
      item.tooltip = `stack ${n.ref.stackId} (${n.ref.stackName})`;
      item.contextValue = n.available ? 'aysNodeRefAvailable' : 'aysNodeRefMissing';
      break;
    }
    case 'notHere': {
      item = new vscode.TreeItem('Not on this node', C.Collapsed);
      item.description = `${n.rows.length} image${n.rows.length === 1 ? '' : 's'}`;
      item.tooltip =
        "Images of the portal that virtual machines cannot use on this node (not in the stack's images). Set Availability… adds them.";
      item.iconPath = icon('circle-slash');
      item.contextValue = 'aysNotHere';
      break;
    }
    case 'history': {
      item = new vscode.TreeItem('History', C.Collapsed);
      item.iconPath = icon('history');
      item.contextValue = 'aysHistory';
      break;
    }
    case 'run': {
      const r = n.run;
      const ok = r.exitCode === 0;
      item = new vscode.TreeItem(`${r.kind} ${r.image}`, C.None);
      item.description = `${ok ? 'ok' : (r.outcome ?? `exit ${r.exitCode ?? '–'}`)} · ${ago(r.time)} · ${(r.durationMs / 1000).toFixed(1)} s`;
      item.tooltip = `${r.kind} ${r.image} on ${r.node} (${r.environment})\n${r.time}\nexit ${r.exitCode ?? 'none'}${r.commit ? `\ncommit ${r.commit}` : ''}${r.logPath ? `\nlog ${r.logPath}` : ''}`;
      item.iconPath = ok ? icon('pass', OK_COLOR) : icon('error', ERROR_COLOR);
      item.contextValue = r.logPath ? 'aysRun-log' : 'aysRun';
      if (r.logPath) item.command = { command: 'aysRecipes.history.openLog', title: 'Open Log', arguments: [n] };
      break;
    }
    case 'message': {
      item = new vscode.TreeItem(n.text, C.None);
      item.description = n.detail;
      item.tooltip = n.detail ? `${n.text}\n${n.detail}` : n.text;
      item.iconPath = icon(
        n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warning' : 'info',
        n.severity === 'error' ? ERROR_COLOR : n.severity === 'warning' ? WARN_COLOR : undefined,
      );
      item.contextValue = 'aysMessage';
      if (n.command) item.command = n.command;
      break;
    }
  }
  item.id = nodeId(n);
  return item;
}
