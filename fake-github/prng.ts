// A tiny seeded PRNG (mulberry32): the fake's data and logs must be identical on every run,
// so nothing in the fake GitHub may call Math.random.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    hex: (length) => {
      let out = '';
      while (out.length < length) out += int(0, 15).toString(16);
      return out;
    },
  };
}

/** Mixes numbers (ids, step numbers) into one 32-bit seed; ids above 2^32 keep their high part. */
export function seedFrom(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (const word of [part % 4294967296, Math.floor(part / 4294967296)]) {
      h = Math.imul(h ^ word, 0x01000193) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
    }
  }
  return h;
}
