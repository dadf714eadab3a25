import * as path from 'node:path';
import * as vscode from 'vscode';
import { HistoryStore } from '../../../common/install/HistoryStore';
import { PATHS } from '../../../common/portal/PortalClient';
import { PortalSessions } from '../portal/PortalSessions';
import { TreeNode } from '../tree/treeNodes';

export const IMAGE_DETAILS_SCHEME = 'ays-image';

/**
 * Image Details (read-only, the portal page of the seed's last step): every field the portal gives for
 * the image, the nodes that have it, the recipe that made it and its runs, as a Markdown document.
 */
export class ImageDetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly pages = new Map<string, string>();

  constructor(
    private readonly sessions: PortalSessions,
    private readonly history: HistoryStore,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.pages.get(uri.toString()) ??
      'Image details are no longer available: open them again from the AYS Images view.'
    );
  }

  async show(n: TreeNode | undefined): Promise<void> {
    if (n?.kind !== 'image' && n?.kind !== 'imageGroup') {
      void vscode.window.showInformationMessage('Run Image Details from an image in the AYS Images view.');
      return;
    }
    const row = n.kind === 'image' ? n.row : n.entry.image;
    const env = n.env;
    const lines = [`# ${row.name} (image ${row.id}) · ${env.name}`, ''];
    const c = await this.sessions.client(env);
    let raw: Record<string, unknown> | undefined;
    let stacks: Array<{ name: string; images: number[] }> = [];
    if (c.ok) {
      const [r, s] = await Promise.all([
        c.value.call('GET', `${PATHS.images}/${row.id}`, {}),
        c.value.listStacks({ gid: null }),
      ]);
      if (r.ok && r.value && typeof r.value === 'object') raw = r.value as Record<string, unknown>;
      else if (!r.ok)
        lines.push(
          `_The full record could not be read (${r.error.message}); the fields below come from the list._`,
          '',
        );
      if (s.ok) stacks = s.value.stacks;
    } else lines.push(`_The portal could not be read: ${c.error.message}_`, '');
    const fields = raw ?? (row as unknown as Record<string, unknown>);
    lines.push('| field | value |', '|---|---|');
    for (const k of Object.keys(fields)
      .filter((x) => x !== 'recipe')
      .sort()) {
      lines.push(`| ${k} | ${JSON.stringify(fields[k]).replace(/\|/g, '\\|')} |`);
    }
    const on = stacks.filter((s) => s.images.includes(row.id)).map((s) => s.name);
    lines.push('', `**Available on:** ${on.length ? on.join(', ') : 'no node'}`, '');
    const folder = row.recipe?.folder;
    lines.push(
      `**Recipe:** ${folder ? `[${path.basename(folder)}](${vscode.Uri.file(path.join(folder, 'service.hrd')).toString()})` : 'no recipe of the workspace matches this image'}`,
      '',
    );
    if (folder) {
      const runs = this.history.list({ environment: env.name, image: path.basename(folder) });
      lines.push(`**Runs** (${runs.length}):`, '');
      for (const r of runs.slice(0, 20))
        lines.push(
          `- ${r.time} · ${r.kind} on ${r.node} · ${r.outcome ?? (r.exitCode === 0 ? 'ok' : 'failed')}${r.commit ? ` · commit ${r.commit.slice(0, 8)}` : ''}`,
        );
    }
    const uri = vscode.Uri.from({ scheme: IMAGE_DETAILS_SCHEME, path: `/${env.name}/image-${row.id}.md` });
    this.pages.set(uri.toString(), lines.join('\n') + '\n');
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    });
  }
}
