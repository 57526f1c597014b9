/**
 * A deterministic stratified split: within each class, items are shuffled with a seeded PRNG (mulberry32) and the
 * first `round(validationFraction × n)` go to validation. Same data + seed → same split, on every machine.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  classOf: (item: T) => string,
  validationFraction: number,
  seed: number,
): { train: T[]; validation: T[] } {
  const byClass = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = classOf(item);
    const list = byClass.get(key) ?? [];
    list.push(index);
    byClass.set(key, list);
  });
  const random = mulberry32(seed);
  const validationIndices = new Set<number>();
  for (const key of [...byClass.keys()].sort()) {
    const indices = shuffle(byClass.get(key)!, random);
    const count = Math.round(validationFraction * indices.length);
    for (const index of indices.slice(0, count)) validationIndices.add(index);
  }
  const train: T[] = [];
  const validation: T[] = [];
  items.forEach((item, index) => {
    (validationIndices.has(index) ? validation : train).push(item);
  });
  return { train, validation };
}

/** mulberry32: a small, fast, seedable 32-bit PRNG (public domain, Tommy Ettinger). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
