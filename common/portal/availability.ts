/**
 * What an availability change does, for the confirmation the UI and the CLI show before
 * `updateNodes` (domain.md §5.3: the list sent is the complete set; empty = removed everywhere). Pure.
 */

export interface AvailabilityChange {
  /** Stacks that gain the image, sorted. */
  added: number[];
  /** Stacks that lose the image, sorted. */
  removed: number[];
  /** Stacks that keep it, sorted. */
  kept: number[];
  /** The desired list is empty while the image is somewhere now: the portal pulls it from every stack. */
  removesEverywhere: boolean;
  /** Nothing to send. */
  unchanged: boolean;
}

export function availabilityChange(current: ReadonlyArray<number>, desired: ReadonlyArray<number>): AvailabilityChange {
  const cur = new Set(current);
  const want = new Set(desired);
  const asc = (a: number, b: number) => a - b;
  const added = [...want].filter((id) => !cur.has(id)).sort(asc);
  const removed = [...cur].filter((id) => !want.has(id)).sort(asc);
  const kept = [...want].filter((id) => cur.has(id)).sort(asc);
  return {
    added,
    removed,
    kept,
    removesEverywhere: want.size === 0 && cur.size > 0,
    unchanged: added.length === 0 && removed.length === 0,
  };
}

/** The stacks an image is on now, from the stacks list. */
export function stacksWithImage(
  stacks: ReadonlyArray<{ id: number; images: ReadonlyArray<number> }>,
  imageId: number,
): number[] {
  return stacks
    .filter((s) => s.images.includes(imageId))
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

/**
 * The complete list to send when the user chose `desiredInGrid` among the stacks of grid `gid`: the
 * image's current stacks in other grids are kept (updateNodes pulls it from every stack not listed,
 * in all grids). With no gid, `desiredInGrid` is already complete.
 */
export function completeStackList(
  allStacks: ReadonlyArray<{ id: number; gid?: number; images: ReadonlyArray<number> }>,
  imageId: number,
  gid: number | undefined,
  desiredInGrid: ReadonlyArray<number>,
): number[] {
  const out = new Set(desiredInGrid);
  if (gid !== undefined) {
    for (const s of allStacks) if (s.gid !== undefined && s.gid !== gid && s.images.includes(imageId)) out.add(s.id);
  }
  return [...out].sort((a, b) => a - b);
}
