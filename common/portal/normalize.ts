/**
 * Turns portal JSON (OSIS objects from /restextmachine, dicts from /restmachine) into `Stack` / `Image`
 * values (domain.md §5.4). Tolerant of the variants seen across versions; pure.
 */
import { Image, Stack } from './types';

function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/**
 * The list of objects of a list answer. Accepts a plain array, an OSIS search answer `[count, obj, …]`,
 * or an object wrapping the list (`{ items | result | data: [...] }`). Undefined when it is none of these.
 */
export function listOf(value: unknown): Record<string, unknown>[] | undefined {
  let v = value;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    v = o.items ?? o.result ?? o.data ?? o.objects;
  }
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
}

/** A stack, or undefined when it has no usable id. */
export function toStack(o: Record<string, unknown>): Stack | undefined {
  const id = int(o.id);
  if (id === undefined) return undefined;
  const images: number[] = [];
  if (Array.isArray(o.images)) {
    for (const x of o.images) {
      const n = int(x);
      if (n !== undefined) images.push(n);
    }
  }
  const stack: Stack = {
    id,
    name: str(o.name) ?? '',
    referenceId: str(o.referenceId) ?? '',
    status: str(o.status) ?? 'UNKNOWN',
    images,
  };
  const gid = int(o.gid);
  if (gid !== undefined) stack.gid = gid;
  return stack;
}

/** An image, or undefined when it has no usable id. */
export function toImage(o: Record<string, unknown>): Image | undefined {
  const id = int(o.id);
  if (id === undefined) return undefined;
  const image: Image = {
    id,
    name: str(o.name) ?? '',
    type: str(o.type) ?? '',
    size: int(o.size) ?? 0,
    status: str(o.status) ?? 'UNKNOWN',
  };
  const optional: Array<[keyof Image, unknown]> = [
    ['bootType', str(o.bootType)],
    ['referenceId', str(o.referenceId)],
    ['url', str(o.url)],
    ['gid', int(o.gid)],
    ['accountId', int(o.accountId)],
    ['username', str(o.username)],
    ['uncPath', str(o.UNCPath)],
  ];
  for (const [k, v] of optional) if (v !== undefined && v !== '') (image as unknown as Record<string, unknown>)[k] = v;
  return image;
}

/** The records that normalise; the others (malformed) are left out. */
function normalizeAll<T>(list: Record<string, unknown>[], one: (o: Record<string, unknown>) => T | undefined): T[] {
  return list.map(one).filter((x): x is T => x !== undefined);
}

export function toStacks(list: Record<string, unknown>[]): Stack[] {
  return normalizeAll(list, toStack);
}

export function toImages(list: Record<string, unknown>[]): Image[] {
  return normalizeAll(list, toImage);
}
