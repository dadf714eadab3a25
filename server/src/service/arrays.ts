/**
 * `out.push(...items)` passes every item as a call argument and overflows the call stack above ~120k items
 * (issue 10 item 3): append with a loop wherever the array is not small by construction.
 */
export function pushAll<T>(out: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
  return out;
}
