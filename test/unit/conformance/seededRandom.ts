/** A small seeded PRNG (mulberry32) for the conformance generators: the same seed gives the same corpus everywhere. */
export interface Rng {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(a: readonly T[]): T;
}

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p) => next() < p, pick: (a) => a[int(a.length)] };
}

/** One random edit of `s` at a random place: insert an item of `pool`, delete 1..maxDelete characters, or replace one. */
export function randomEdit(r: Rng, s: string, pool: readonly string[], maxDelete: number): string {
  const pos = r.int(s.length + 1);
  switch (r.int(3)) {
    case 0:
      return s.slice(0, pos) + r.pick(pool) + s.slice(pos);
    case 1:
      return s.slice(0, pos) + s.slice(pos + 1 + r.int(maxDelete));
    default:
      return s.slice(0, pos) + r.pick(pool) + s.slice(pos + 1);
  }
}
