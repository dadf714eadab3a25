/**
 * Plain, vscode-free descriptors of the "AYS Images" tree built from a `JoinResult`; the extension's
 * tree provider maps each one 1:1 to a TreeItem. Both groupings: Node → images (and those not on it),
 * Image → nodes where it is / is not available. Pure.
 */
import { ImageEntry, ImageRow, JoinResult, NodeEntry, NodeRef } from './joinNodes';

export interface TreeItemDescriptor {
  /** Stable id (for reveal / expansion state). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** For `when` clauses of context menus: aysNode, aysNodeMissing, aysImage, aysImageNotHere, aysGroup. */
  contextValue: string;
  /** Codicon id. */
  icon: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Image id or stack id the item stands for. */
  imageId?: number;
  stackId?: number;
  /** Recipe folder matched to the image. */
  recipeFolder?: string;
  children?: TreeItemDescriptor[];
}

export function stackStatusIcon(status: string | undefined): string {
  switch (status) {
    case 'ENABLED': return 'vm-running';
    case 'MAINTENANCE': return 'tools';
    case 'DECOMMISSIONED': return 'circle-slash';
    case 'ERROR': return 'error';
    case undefined: return 'question';
    default: return 'vm-outline';
  }
}

export function imageStatusIcon(status: string): string {
  switch (status) {
    case 'CREATED': return 'file-binary';
    case 'CREATING': return 'loading~spin';
    case 'DISABLED': return 'circle-slash';
    case 'DELETED': case 'DESTROYED': return 'trash';
    default: return 'question';
  }
}

function imageDescription(r: ImageRow): string {
  return [r.type, `${r.size} GB`, r.status, r.bootType].filter(Boolean).join(' · ');
}

function imageTooltip(r: ImageRow): string {
  const lines = [`${r.name}`, `id ${r.id}`, `type ${r.type}, ${r.size} GB, ${r.status}${r.bootType ? `, ${r.bootType}` : ''}`];
  if (r.referenceId) lines.push(`referenceId ${r.referenceId}`);
  if (r.recipe) lines.push(`recipe ${r.recipe.folder} (by ${r.recipe.by}${r.recipe.others ? `; also ${r.recipe.others.join(', ')}` : ''})`);
  return lines.join('\n');
}

/** Per-image strings, computed once per image and shared by the up to (nodes + 1) items that show it. */
interface ImageText { description: string; notHere: string; tooltip: string; icon: string }

function textCache(): (r: ImageRow) => ImageText {
  const cache = new Map<ImageRow, ImageText>();
  return (r) => {
    let t = cache.get(r);
    if (!t) {
      const description = imageDescription(r);
      t = { description, notHere: `not on this node · ${description}`, tooltip: imageTooltip(r), icon: imageStatusIcon(r.status) };
      cache.set(r, t);
    }
    return t;
  };
}

function imageItem(idPrefix: string, r: ImageRow, here: boolean, text: ImageText): TreeItemDescriptor {
  const d: TreeItemDescriptor = {
    id: `${idPrefix}/image:${r.id}`,
    label: r.name || `image ${r.id}`,
    description: here ? text.description : text.notHere,
    tooltip: text.tooltip,
    contextValue: here ? 'aysImage' : 'aysImageNotHere',
    icon: here ? text.icon : 'circle-large-outline',
    collapsible: 'none',
    imageId: r.id,
  };
  if (r.recipe) d.recipeFolder = r.recipe.folder;
  return d;
}

function nodeItem(env: string, n: NodeEntry, notHere: ImageRow[], text: (r: ImageRow) => ImageText): TreeItemDescriptor {
  const id = `${env}/node:${n.name}`;
  const children = n.images.map((r) => imageItem(id, r, true, text(r)));
  if (notHere.length) {
    children.push({
      id: `${id}/not-here`, label: 'Not on this node', description: String(notHere.length), contextValue: 'aysGroup',
      icon: 'circle-large-outline', collapsible: 'collapsed', children: notHere.map((r) => imageItem(id, r, false, text(r))),
    });
  }
  const s = n.stack;
  const tooltip = s
    ? `${n.name}\nstack id ${s.id}\nreferenceId ${s.referenceId}\nstatus ${s.status}${n.match === 'stack-only' ? '\nno node.ssh instance with this name' : ''}${n.unknownImageIds.length ? `\nunknown image ids: ${n.unknownImageIds.join(', ')}` : ''}`
    : `${n.name}\nno portal stack named "${n.name}"`;
  return {
    id, label: n.name,
    description: s ? `${s.status} · ${n.images.length} image${n.images.length === 1 ? '' : 's'}${n.match === 'stack-only' ? ' · no node.ssh' : ''}` : 'no stack in the portal',
    tooltip, contextValue: s ? 'aysNode' : 'aysNodeMissing', icon: stackStatusIcon(s?.status),
    collapsible: children.length ? 'collapsed' : 'none', stackId: s?.id, children,
  };
}

/** Environment → Node → images (then a "Not on this node" group). */
export function nodeTreeItems(env: string, join: JoinResult): TreeItemDescriptor[] {
  const all = join.images.map((e) => e.image);
  const text = textCache();
  return join.nodes.map((n) => {
    if (!n.stack) return nodeItem(env, n, [], text);
    const here = new Set(n.images);
    return nodeItem(env, n, all.filter((r) => !here.has(r)), text);
  });
}

interface RefText { label: string; description: string; tooltip: string; icon: string }

function nodeRefItem(prefix: string, ref: NodeRef, here: boolean, cache: Map<NodeRef, RefText>): TreeItemDescriptor {
  let t = cache.get(ref);
  if (!t) {
    const label = ref.node ?? ref.stackName;
    t = { label, description: `${ref.status}${ref.node ? '' : ' · no node.ssh'}`, tooltip: `${label}\nstack id ${ref.stackId}\nstatus ${ref.status}`, icon: stackStatusIcon(ref.status) };
    cache.set(ref, t);
  }
  return {
    id: `${prefix}/${here ? 'on' : 'off'}:${ref.stackId}`, label: t.label, description: t.description, tooltip: t.tooltip,
    contextValue: here ? 'aysNode' : 'aysNodeWithout', icon: here ? t.icon : 'circle-large-outline',
    collapsible: 'none', stackId: ref.stackId,
  };
}

/** Environment → Image → "Available on" / "Not available on" nodes. */
export function imageTreeItems(env: string, join: JoinResult): TreeItemDescriptor[] {
  const text = textCache();
  const refs = new Map<NodeRef, RefText>();
  return join.images.map((e: ImageEntry) => {
    const id = `${env}/image:${e.image.id}`;
    const item = imageItem(env, e.image, true, text(e.image));
    item.id = id;
    item.description = `${imageDescription(e.image)} · ${e.availableOn.length}/${e.availableOn.length + e.notAvailableOn.length} nodes`;
    item.collapsible = 'collapsed';
    item.children = [
      { id: `${id}/on`, label: 'Available on', description: String(e.availableOn.length), contextValue: 'aysGroup', icon: 'check',
        collapsible: 'expanded', children: e.availableOn.map((r) => nodeRefItem(id, r, true, refs)) },
      { id: `${id}/off`, label: 'Not available on', description: String(e.notAvailableOn.length), contextValue: 'aysGroup', icon: 'circle-slash',
        collapsible: 'collapsed', children: e.notAvailableOn.map((r) => nodeRefItem(id, r, false, refs)) },
    ];
    return item;
  });
}
