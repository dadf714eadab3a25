/**
 * The registration result of an install (domain.md §4.2), shared by the extension and the CLI: the
 * portal's image ids before the run, compared with those after it. A new id is the registered image;
 * no new id means the template name (basename of `dest` without extension) already existed on the
 * storage, so registerImage kept the old image and registered nothing.
 */
import type { PortalResult, PortalState } from '../portal/types';

export type Registration =
  | { kind: 'registered'; imageId: number; name: string; nodes: string[] }
  | { kind: 'nothing-registered'; templateName?: string; message: string }
  | { kind: 'unknown'; message: string };

/** Reads the portal state (a PortalClient's fetchState, bound to its options). */
export type StateReader = (signal?: AbortSignal) => Promise<PortalResult<PortalState>>;

/** The OVS template name of a recipe: `splitext(basename(dest))[0]` (§4.2). */
export function templateNameOf(dest: string): string {
  const base = dest.split('/').pop() ?? dest;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function nothingRegisteredMessage(templateName?: string): string {
  return `nothing registered: template name${templateName ? ` "${templateName}"` : ''} already exists, so registerImage kept the existing image (fix: New Version of This Recipe, which gives dest a new file name)`;
}

/** Compares the image ids of `before` with `after`; the newest fresh id is the registered image. */
export function registrationDiff(before: ReadonlySet<number>, after: PortalState, templateName?: string): Registration {
  const fresh = after.images.filter((i) => !before.has(i.id)).sort((a, b) => a.id - b.id);
  if (!fresh.length)
    return { kind: 'nothing-registered', templateName, message: nothingRegisteredMessage(templateName) };
  const img = fresh[fresh.length - 1];
  return {
    kind: 'registered',
    imageId: img.id,
    name: img.name,
    nodes: after.stacks
      .filter((s) => s.images.includes(img.id))
      .map((s) => s.name)
      .sort(),
  };
}

export function describeRegistration(r: Registration): string {
  if (r.kind === 'registered')
    return `registered "${r.name}" as image ${r.imageId}, available on ${r.nodes.length ? r.nodes.join(', ') : 'no node'}`;
  return r.message;
}

/** Image ids before a run; undefined when the portal could not be read (the result is then "unknown"). */
export async function snapshotImages(read: StateReader, signal?: AbortSignal): Promise<Set<number> | undefined> {
  const s = await read(signal);
  return s.ok ? new Set(s.value.images.map((i) => i.id)) : undefined;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
  templateName?: string;
}

/**
 * Polls the portal until a new image shows up (bounded, cancellable). Ends with "nothing registered"
 * at the deadline, and with an error result when the portal cannot be read.
 */
export async function waitForRegistration(
  read: StateReader,
  before: ReadonlySet<number>,
  o: WaitOptions = {},
): Promise<{ ok: true; registration: Registration } | { ok: false; cancelled?: boolean; message: string }> {
  const deadline = Date.now() + (o.timeoutMs ?? 20000);
  for (;;) {
    if (o.signal?.aborted) return { ok: false, cancelled: true, message: 'cancelled while waiting for the portal' };
    const s = await read(o.signal);
    if (!s.ok)
      return {
        ok: false,
        cancelled: s.error.code === 'cancelled',
        message: `the portal could not be read: ${s.error.message}`,
      };
    const r = registrationDiff(before, s.value, o.templateName);
    if (r.kind === 'registered' || Date.now() >= deadline) return { ok: true, registration: r };
    await new Promise((res) => setTimeout(res, Math.min(o.intervalMs ?? 1000, Math.max(0, deadline - Date.now()))));
  }
}
