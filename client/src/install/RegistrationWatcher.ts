import * as path from 'node:path';
import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import type { RecipeInfo } from '../../../common/protocol';
import { PortalSessions } from '../portal/PortalSessions';
import { ImagesTreeProvider } from '../tree/ImagesTreeProvider';
import { TreeNode } from '../tree/treeNodes';

/**
 * The registration result of an install (domain.md §4.2): the portal's image ids before and after
 * the run. A new id is the registered image (highlighted and revealed in the tree); no new id means
 * an image with the same template name already existed, so nothing was registered.
 */
export class RegistrationWatcher implements vscode.Disposable {
  /** A registered image to reveal once the view is shown (it was hidden during the install). */
  private pending: { env: ResolvedEnvironment; imageId: number } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: PortalSessions,
    private readonly tree: ImagesTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly recipes: () => Promise<RecipeInfo[]>,
  ) {
    this.subscription = view.onDidChangeVisibility((e) => {
      const p = this.pending;
      if (e.visible && p) { this.pending = undefined; void this.reveal(p.env, p.imageId); }
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** Image ids known before the run (undefined: no portal, or it could not be read). */
  async snapshot(env: ResolvedEnvironment): Promise<Set<number> | undefined> {
    if (!env.portal) return undefined;
    const c = await this.sessions.client(env);
    if (!c.ok) return undefined;
    const s = await c.value.fetchState();
    return s.ok ? new Set(s.value.images.map((i) => i.id)) : undefined;
  }

  /** Compares with the snapshot, refreshes the tree, highlights and reveals; returns a short note. */
  async after(env: ResolvedEnvironment, image: string, before: Set<number> | undefined): Promise<string | undefined> {
    this.tree.refresh(env.name);
    if (!before) return undefined;
    const data = await this.tree.envData(env);
    if (!data.state) return undefined;
    const fresh = data.state.images.filter((i) => !before.has(i.id));
    if (!fresh.length) {
      const recipe = (await this.recipes().catch(() => [])).find((r) => path.basename(r.folder) === image);
      return `nothing registered: the template name${recipe?.templateName ? ` "${recipe.templateName}"` : ''} already exists on the storage, so registerImage kept the existing image (give dest a new file name to publish a new image)`;
    }
    const img = fresh[fresh.length - 1];
    const note = `registered by the last install · id ${img.id}`;
    this.tree.setHighlight(env.name, img.id, note);
    await this.reveal(env, img.id);
    return `registered "${img.name}" as image ${img.id}, available on ${data.state.stacks.filter((s) => s.images.includes(img.id)).length} node(s)`;
  }

  private async reveal(env: ResolvedEnvironment, imageId: number): Promise<void> {
    if (!this.view.visible) { this.pending = { env, imageId }; return; }
    try {
      const roots = await this.tree.getChildren();
      const root = roots.find((r) => r.kind === 'env' && r.env.name === env.name);
      if (!root) return;
      for (const group of await this.tree.getChildren(root)) {
        const kids = group.kind === 'node' || group.kind === 'imageGroup' ? await this.tree.getChildren(group) : [group];
        const hit = [group, ...kids].find((k) => (k.kind === 'image' && k.row.id === imageId) || (k.kind === 'imageGroup' && k.entry.image.id === imageId));
        if (hit) { await this.view.reveal(hit, { select: true, focus: false, expand: true }); return; }
      }
    } catch { /* revealing is a convenience */ }
  }
}
