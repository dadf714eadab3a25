import { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { ImageEntry, ImageRow, NodeEntry, NodeRef, PortalError, Stack } from '../../../common/portal';
import { RunRecord } from '../../../common/install/HistoryStore';

/** The data behind each row of the "AYS Images" view (the TreeItem is built from it on demand). */
export type TreeNode =
  | { kind: 'env'; env: ResolvedEnvironment }
  | { kind: 'node'; env: ResolvedEnvironment; entry: NodeEntry; stacks: Stack[] }
  | { kind: 'image'; env: ResolvedEnvironment; row: ImageRow; stackIds: number[]; node?: string; notHere?: boolean }
  | { kind: 'imageGroup'; env: ResolvedEnvironment; entry: ImageEntry; stackIds: number[] }
  | { kind: 'nodeRef'; env: ResolvedEnvironment; ref: NodeRef; available: boolean; imageId: number }
  | { kind: 'notHere'; env: ResolvedEnvironment; node: string; rows: ImageRow[] }
  | { kind: 'history'; env: ResolvedEnvironment; node: string }
  | { kind: 'run'; env: ResolvedEnvironment; run: RunRecord }
  | {
      kind: 'message';
      id: string;
      text: string;
      detail?: string;
      severity: 'error' | 'warning' | 'info';
      command?: { command: string; title: string; arguments?: unknown[] };
      error?: PortalError;
    };

export function nodeId(n: TreeNode): string {
  switch (n.kind) {
    case 'env':
      return `env:${n.env.name}`;
    case 'node':
      return `node:${n.env.name}:${n.entry.name}`;
    case 'image':
      return `image:${n.env.name}:${n.node ?? '*'}:${n.notHere ? 'x' : ''}${n.row.id}`;
    case 'notHere':
      return `notHere:${n.env.name}:${n.node}`;
    case 'imageGroup':
      return `imageGroup:${n.env.name}:${n.entry.image.id}`;
    case 'nodeRef':
      return `nodeRef:${n.env.name}:${n.imageId}:${n.ref.stackId}`;
    case 'history':
      return `history:${n.env.name}:${n.node}`;
    case 'run':
      return `run:${n.run.id}`;
    case 'message':
      return `message:${n.id}`;
  }
}
