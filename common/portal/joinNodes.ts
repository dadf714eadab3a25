/**
 * The tree's data model (domain.md §8 "Tree view"): stacks joined with images and with the
 * environment's node.ssh names, both ways (node → images, image → nodes where it is / is not
 * available), plus recipe matching. Pure and linear in stacks × images.
 */
import { Image, Stack } from './types';

/** A recipe folder as the workspace index knows it. */
export interface RecipeRef {
  folder: string;
  /** The `name` passed to registerImage. */
  displayName?: string;
  /** url + source of the (last) web.export, which 2018.09+ portals store as `image.url`. */
  exportUrl?: string;
}

export interface RecipeMatch {
  folder: string;
  by: 'url' | 'name';
  /** Other folders that matched equally (e.g. two recipes with the same display name, §7.10). */
  others?: string[];
}

export interface ImageRow {
  id: number;
  name: string;
  type: string;
  size: number;
  status: string;
  bootType?: string;
  referenceId?: string;
  recipe?: RecipeMatch;
}

export interface NodeRef {
  stackId: number;
  stackName: string;
  /** The node.ssh name, when the stack matched one. */
  node?: string;
  status: string;
}

export interface NodeEntry {
  /** The node.ssh name, or the stack name for a stack no node matched. */
  name: string;
  /** `node-only`: no stack has this name; `stack-only`: a portal stack not among the nodes. */
  match: 'matched' | 'node-only' | 'stack-only';
  stack?: { id: number; referenceId: string; status: string; gid?: number };
  /** Images available on this node (in stack.images), sorted by name. */
  images: ImageRow[];
  /** Ids in stack.images with no image object (deleted, or hidden by a partial image list). */
  unknownImageIds: number[];
}

export interface ImageEntry {
  image: ImageRow;
  availableOn: NodeRef[];
  notAvailableOn: NodeRef[];
}

export interface JoinResult {
  nodes: NodeEntry[];
  images: ImageEntry[];
}

const byName = (a: { name: string; id: number }, b: { name: string; id: number }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;

/** Comparable form of an image URL: lower-case scheme and host, no credentials, no repeated or trailing slashes. */
export function normalizeUrl(u: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/@]*@)?([^/?#]*)([^?#]*)/i.exec(u.trim());
  if (!m) return u.trim();
  const path = m[3].replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return `${m[1].toLowerCase()}://${m[2].toLowerCase()}${path}`;
}

/**
 * The recipe of each image: by `url` when the image has one and a recipe's exportUrl equals it (several: the one
 * whose display name is the image's first), else by display name (exact, then case-insensitive). Images with no match are absent from the map.
 */
export function matchRecipes(
  images: ReadonlyArray<Pick<Image, 'id' | 'name' | 'url'>>,
  recipes: ReadonlyArray<RecipeRef>,
): Map<number, RecipeMatch> {
  const byUrl = new Map<string, string[]>();
  const byExact = new Map<string, string[]>();
  const byLower = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, folder: string) => {
    const l = m.get(k);
    if (l) l.push(folder);
    else m.set(k, [folder]);
  };
  const nameOf = new Map<string, string>();
  for (const r of recipes) {
    if (r.displayName) nameOf.set(r.folder, r.displayName.trim());
    if (r.exportUrl) add(byUrl, normalizeUrl(r.exportUrl), r.folder);
    if (r.displayName) {
      add(byExact, r.displayName.trim(), r.folder);
      add(byLower, r.displayName.trim().toLowerCase(), r.folder);
    }
  }
  const out = new Map<number, RecipeMatch>();
  const pick = (folders: string[], by: RecipeMatch['by']): RecipeMatch =>
    folders.length > 1 ? { folder: folders[0], by, others: folders.slice(1) } : { folder: folders[0], by };
  for (const image of images) {
    const name = image.name.trim();
    const u = image.url ? byUrl.get(normalizeUrl(image.url)) : undefined;
    if (u) {
      // A New Version keeps the url of its original: the folder whose display name is the image's goes first.
      const rank = (f: string) =>
        nameOf.get(f) === name ? 0 : nameOf.get(f)?.toLowerCase() === name.toLowerCase() ? 1 : 2;
      out.set(image.id, pick(u.length > 1 ? [...u].sort((a, b) => rank(a) - rank(b)) : u, 'url'));
      continue;
    }
    const n = byExact.get(name) ?? byLower.get(name.toLowerCase());
    if (n) out.set(image.id, pick(n, 'name'));
  }
  return out;
}

function row(image: Image, recipe: RecipeMatch | undefined): ImageRow {
  const r: ImageRow = { id: image.id, name: image.name, type: image.type, size: image.size, status: image.status };
  if (image.bootType !== undefined) r.bootType = image.bootType;
  if (image.referenceId !== undefined) r.referenceId = image.referenceId;
  if (recipe) r.recipe = recipe;
  return r;
}

/**
 * Joins stacks, images and node names. A stack belongs to the node whose name equals `stack.name`
 * (exactly, else case-insensitively; a convention, not a guarantee). Nodes come in `nodeNames`
 * order, then unmatched stacks by name; images by name.
 */
export function joinNodes(
  stacks: ReadonlyArray<Stack>,
  images: ReadonlyArray<Image>,
  nodeNames: ReadonlyArray<string>,
  options: { recipes?: ReadonlyArray<RecipeRef> } = {},
): JoinResult {
  const recipes = options.recipes?.length ? matchRecipes(images, options.recipes) : undefined;
  // One sort of the images; every per-node list is then a filtered (already sorted) pass over it.
  const rows: ImageRow[] = images.map((image) => row(image, recipes?.get(image.id))).sort(byName);
  const known = new Set<number>(rows.map((r) => r.id));
  const sets = new Map<number, Set<number>>();
  for (const s of stacks) sets.set(s.id, new Set(s.images));

  // stack ↔ node
  const stackByName = new Map<string, Stack>();
  const stackByLower = new Map<string, Stack>();
  for (const s of stacks) {
    if (!stackByName.has(s.name)) stackByName.set(s.name, s);
    if (!stackByLower.has(s.name.toLowerCase())) stackByLower.set(s.name.toLowerCase(), s);
  }
  const nodeOf = new Map<number, string>();
  const nodes: NodeEntry[] = [];
  const entryFor = (name: string, match: NodeEntry['match'], s: Stack | undefined): NodeEntry => {
    const entry: NodeEntry = { name, match, images: [], unknownImageIds: [] };
    if (!s) return entry;
    entry.stack = { id: s.id, referenceId: s.referenceId, status: s.status };
    if (s.gid !== undefined) entry.stack.gid = s.gid;
    const has = sets.get(s.id)!;
    for (const r of rows) if (has.has(r.id)) entry.images.push(r);
    for (const id of has) if (!known.has(id)) entry.unknownImageIds.push(id);
    return entry;
  };
  for (const name of new Set(nodeNames)) {
    let s = stackByName.get(name) ?? stackByLower.get(name.toLowerCase());
    if (s && nodeOf.has(s.id)) s = undefined;
    if (s) nodeOf.set(s.id, name);
    nodes.push(entryFor(name, s ? 'matched' : 'node-only', s));
  }
  const extra = stacks.filter((s) => !nodeOf.has(s.id)).sort(byName);
  for (const s of extra) nodes.push(entryFor(s.name, 'stack-only', s));

  // image → nodes
  const refs: Array<{ ref: NodeRef; has: Set<number> }> = stacks.map((s) => {
    const ref: NodeRef = { stackId: s.id, stackName: s.name, status: s.status };
    const node = nodeOf.get(s.id);
    if (node !== undefined) ref.node = node;
    return { ref, has: sets.get(s.id)! };
  });
  const entries: ImageEntry[] = [];
  for (const r of rows) {
    const availableOn: NodeRef[] = [];
    const notAvailableOn: NodeRef[] = [];
    for (const { ref, has } of refs) (has.has(r.id) ? availableOn : notAvailableOn).push(ref);
    entries.push({ image: r, availableOn, notAvailableOn });
  }
  return { nodes, images: entries };
}
