import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import type { Registration, StateReader } from '../../../common/install/registration';
import { PortalSessions } from '../portal/PortalSessions';
import { ImagesTreeProvider } from '../tree/ImagesTreeProvider';
import { TreeNode } from '../tree/treeNodes';

/**
 * The extension side of the registration result (common/install/registration.ts computes it in the
 * install session): the portal reader of an environment, and the result shown in the tree (a new
 * image is highlighted and revealed).
 */
export class RegistrationWatcher implements vscode.Disposable {
  /** A registered image to reveal once the view is shown (it was hidden during the install). */
  private pending: { env: ResolvedEnvironment; imageId: number } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: PortalSessions,
    private readonly tree: ImagesTreeProvider,
    private readonly view: vscode.TreeView<TreeNode>,
  ) {
    this.subscription = view.onDidChangeVisibility((e) => {
      const p = this.pending;
      if (e.visible && p) {
        this.pending = undefined;
        void this.reveal(p.env, p.imageId);
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** The portal state reader of an environment for the install session (undefined: no portal). */
  reader(env: ResolvedEnvironment): StateReader | undefined {
    if (!env.portal) return undefined;
    return async (signal) => {
      const c = await this.sessions.client(env);
      return c.ok ? c.value.fetchState({ signal }) : c;
    };
  }

  /** Shows the session's registration result: refreshes the tree, highlights and reveals a registered image. */
  async show(env: ResolvedEnvironment, r: Registration | undefined): Promise<void> {
    this.tree.refresh(env.name);
    if (r?.kind !== 'registered') return;
    this.tree.setHighlight(env.name, r.imageId, `registered by the last install · id ${r.imageId}`);
    await this.reveal(env, r.imageId);
  }

  private async reveal(env: ResolvedEnvironment, imageId: number): Promise<void> {
    if (!this.view.visible) {
      this.pending = { env, imageId };
      return;
    }
    try {
      const roots = await this.tree.getChildren();
      const root = roots.find((r) => r.kind === 'env' && r.env.name === env.name);
      if (!root) return;
      for (const group of await this.tree.getChildren(root)) {
        const kids =
          group.kind === 'node' || group.kind === 'imageGroup' ? await this.tree.getChildren(group) : [group];
        const hit = [group, ...kids].find(
          (k) =>
            (k.kind === 'image' && k.row.id === imageId) || (k.kind === 'imageGroup' && k.entry.image.id === imageId),
        );
        if (hit) {
          await this.view.reveal(hit, { select: true, focus: false, expand: true });
          return;
        }
      }
    } catch {
      /* revealing is a convenience */
    }
  }
}
