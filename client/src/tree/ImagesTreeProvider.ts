import * as vscode from 'vscode';
import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { HistoryStore } from '../../../common/install/HistoryStore';
import { JoinResult, PortalError, PortalState, RecipeRef, joinNodes } from '../../../common/portal';
import { readEnvironments } from '../environments';
import { PortalSessions } from '../portal/PortalSessions';
import { TreeNode, nodeId } from './treeNodes';
import { toTreeItem } from './treeItems';

interface EnvData {
  state?: PortalState;
  join?: JoinResult;
  error?: PortalError;
  fetchedAt: number;
  httpMs?: number;
  joinMs?: number;
}
export type GroupBy = 'node' | 'image';

/** Portal failures that mean "cannot be reached" (as opposed to refused credentials or rights). */
const UNREACHABLE = new Set(['unreachable', 'connection-refused', 'timeout', 'tls', 'upgrading', 'server-error']);

/**
 * "AYS Images": Environment → Node → registered images (+ History), or Environment → Image → nodes
 * where it is / is not available. Portal data is fetched per environment on first expansion and
 * cached until a refresh; failures become error items, never modal dialogs.
 */
export class ImagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly data = new Map<string, Promise<EnvData>>();
  private readonly parents = new Map<string, TreeNode | undefined>();
  private highlight: { env: string; imageId: number; note: string } | undefined;
  groupBy: GroupBy = 'node';

  constructor(
    private readonly sessions: PortalSessions,
    private readonly history: HistoryStore,
    private readonly recipes: () => Promise<RecipeRef[]>,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Drops cached portal data (all environments, or one) and redraws. */
  refresh(envName?: string): void {
    if (envName) this.data.delete(envName);
    else this.data.clear();
    this.changed.fire(undefined);
  }

  /** Redraws without refetching (history changed). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** Marks an image as the registration result of a run (shown until the next highlight). */
  setHighlight(env: string, imageId: number, note: string): void {
    this.highlight = { env, imageId, note };
  }

  /** Portal data of an environment (fetched once per refresh; concurrent callers share the fetch). */
  envData(env: ResolvedEnvironment): Promise<EnvData> {
    let p = this.data.get(env.name);
    if (!p) {
      p = this.fetch(env);
      this.data.set(env.name, p);
    }
    return p;
  }

  private async fetch(env: ResolvedEnvironment): Promise<EnvData> {
    const t0 = Date.now();
    const client = await this.sessions.client(env);
    if (!client.ok) return { error: client.error, fetchedAt: Date.now() };
    const state = await client.value.fetchState({ gid: env.portal?.gid });
    if (!state.ok) {
      this.output.warn(`[${env.name}] portal: ${state.error.message}`);
      if (state.error.code === 'auth-expired' || state.error.code === 'not-authenticated')
        await this.sessions.forget(env.name);
      return { error: state.error, fetchedAt: Date.now() };
    }
    const httpMs = Date.now() - t0;
    const nodes = Array.isArray(env.nodes) ? env.nodes : state.value.stacks.map((s) => s.name);
    const recipes = await this.recipes().catch(() => []);
    const t1 = Date.now();
    const join = joinNodes(state.value.stacks, state.value.images, nodes, { recipes });
    const joinMs = Date.now() - t1;
    this.output.debug(
      `[${env.name}] ${state.value.stacks.length} stack(s), ${state.value.images.length} image(s): HTTP ${httpMs} ms, join ${joinMs} ms`,
    );
    return { state: state.value, join, fetchedAt: Date.now(), httpMs, joinMs };
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const hl = this.highlight;
    const highlighted =
      !!hl &&
      (node.kind === 'image' || node.kind === 'imageGroup') &&
      hl.env === node.env.name &&
      (node.kind === 'image' ? node.row.id : node.entry.image.id) === hl.imageId;
    return toTreeItem(node, highlighted ? hl!.note : undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(nodeId(node));
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    const children = await this.children(parent);
    for (const c of children) this.parents.set(nodeId(c), parent);
    return children;
  }

  private async children(parent?: TreeNode): Promise<TreeNode[]> {
    if (!parent) {
      const { environments, errors } = readEnvironments();
      void vscode.commands.executeCommand('setContext', 'aysRecipes.environmentCount', environments.length);
      // Every portal unreachable (network, TLS, time-out): the welcome view says so, with Retry.
      const withPortal = environments.filter((e) => e.portal);
      const failures = await Promise.all(withPortal.map(async (e) => (await this.envData(e)).error));
      const unreachable =
        withPortal.length > 0 &&
        withPortal.length === environments.length &&
        !errors.length &&
        failures.every((f) => f && UNREACHABLE.has(f.code));
      void vscode.commands.executeCommand('setContext', 'aysRecipes.portalUnreachable', unreachable);
      if (unreachable) return [];
      const items: TreeNode[] = environments.map((env) => ({ kind: 'env', env }));
      for (const [i, e] of errors.entries())
        items.push({
          kind: 'message',
          id: `env-error-${i}`,
          text: e.message,
          severity: 'error',
          command: {
            command: 'workbench.action.openSettings',
            title: 'Open Settings',
            arguments: ['aysRecipes.environments'],
          },
        });
      return items;
    }
    switch (parent.kind) {
      case 'env':
        return this.envChildren(parent.env);
      case 'node': {
        const stackIds = parent.entry.stack ? [parent.entry.stack.id] : [];
        const images: TreeNode[] = parent.entry.images.map((row) => ({
          kind: 'image',
          env: parent.env,
          row,
          stackIds,
          node: parent.entry.name,
        }));
        if (parent.entry.match === 'node-only')
          images.unshift({
            kind: 'message',
            id: `nostack-${parent.env.name}-${parent.entry.name}`,
            severity: 'warning',
            text: 'No portal stack has this name',
            detail: 'Stacks are matched to node.ssh instances by name.',
          });
        const here = new Set(parent.entry.images.map((r) => r.id));
        const d = await this.envData(parent.env);
        const rows = (d.join?.images ?? []).map((e) => e.image).filter((r) => !here.has(r.id));
        if (rows.length && parent.entry.stack)
          images.push({ kind: 'notHere', env: parent.env, node: parent.entry.name, rows });
        return [...images, { kind: 'history', env: parent.env, node: parent.entry.name }];
      }
      case 'notHere':
        return parent.rows.map((row): TreeNode => ({
          kind: 'image',
          env: parent.env,
          row,
          stackIds: [],
          node: parent.node,
          notHere: true,
        }));
      case 'imageGroup':
        return [
          ...parent.entry.availableOn.map((ref): TreeNode => ({
            kind: 'nodeRef',
            env: parent.env,
            ref,
            available: true,
            imageId: parent.entry.image.id,
          })),
          ...parent.entry.notAvailableOn.map((ref): TreeNode => ({
            kind: 'nodeRef',
            env: parent.env,
            ref,
            available: false,
            imageId: parent.entry.image.id,
          })),
        ];
      case 'history':
        return this.history
          .list({ environment: parent.env.name, node: parent.node })
          .slice(0, 20)
          .map((run) => ({ kind: 'run', env: parent.env, run }));
      default:
        return [];
    }
  }

  private async envChildren(env: ResolvedEnvironment): Promise<TreeNode[]> {
    if (!env.portal) {
      const nodes = Array.isArray(env.nodes) ? env.nodes : [];
      return [
        {
          kind: 'message',
          id: `noportal-${env.name}`,
          severity: 'info',
          text: 'No portal configured: install history only',
        },
        ...nodes.map((n): TreeNode => ({ kind: 'history', env, node: n })),
      ];
    }
    const d = await this.envData(env);
    if (d.error) {
      return [
        {
          kind: 'message',
          id: `portal-${env.name}`,
          severity: 'error',
          text: d.error.message,
          error: d.error,
          command: { command: 'aysRecipes.images.refresh', title: 'Retry' },
        },
      ];
    }
    const join = d.join!;
    if (this.groupBy === 'image') {
      const ids = (e: (typeof join.images)[number]) => e.availableOn.map((r) => r.stackId);
      return join.images.map((entry) => ({ kind: 'imageGroup', env, entry, stackIds: ids(entry) }));
    }
    return join.nodes.map((entry) => ({ kind: 'node', env, entry, stacks: d.state!.stacks }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
