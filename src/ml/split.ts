import { seededRandom, shuffle } from './random.js';

/**
 * Deterministic, stratified splits. Within each class (classes in sorted order of their string form), the members'
 * indices are shuffled with one seeded generator (`seededRandom`) and the first `round(share × n)` go to the held-out
 * part. Same data + seed → same split, on every machine.
 */
export function stratifiedSplitIndices(
  classes: readonly (string | number)[],
  share: number,
  seed: number,
): { kept: number[]; heldOut: number[] } {
  const byClass = new Map<string, number[]>();
  classes.forEach((cls, index) => {
    const key = String(cls);
    const list = byClass.get(key) ?? [];
    list.push(index);
    byClass.set(key, list);
  });
  const random = seededRandom(seed);
  const held = new Set<number>();
  for (const key of [...byClass.keys()].sort()) {
    const members = shuffle(byClass.get(key) as number[], random);
    const count = Math.round(share * members.length);
    for (const index of members.slice(0, count)) held.add(index);
  }
  const kept: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < classes.length; i++) (held.has(i) ? heldOut : kept).push(i);
  return { kept, heldOut };
}

/**
 * Stratified split of items into train and validation: `validationFraction` of each class (by `classOf`) to
 * validation, item order kept within each part.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  classOf: (item: T) => string,
  validationFraction: number,
  seed: number,
): { train: T[]; validation: T[] } {
  const { kept, heldOut } = stratifiedSplitIndices(items.map(classOf), validationFraction, seed);
  return { train: kept.map((i) => items[i] as T), validation: heldOut.map((i) => items[i] as T) };
}

/**
 * Split by group (e.g. patient: every item of one group lands in one part), stratified by the given group strata.
 * Each stratum (in the order given, its groups sorted) is shuffled with one seeded generator and cut at the
 * cumulative shares `cuts` (e.g. `[0.7, 0.85]` → parts 0, 1, 2 of 70 / 15 / 15 %, each cut at `round(cut × n)`).
 * Returns the part index of every group.
 */
export function groupSplit(
  strata: readonly (readonly string[])[],
  cuts: readonly number[],
  seed: number,
): Map<string, number> {
  const random = seededRandom(seed);
  const part = new Map<string, number>();
  for (const stratum of strata) {
    const order = shuffle([...stratum].sort(), random);
    const bounds = cuts.map((c) => Math.round(order.length * c));
    for (const [i, group] of order.entries()) {
      const k = bounds.findIndex((b) => i < b);
      part.set(group, k === -1 ? bounds.length : k);
    }
  }
  return part;
}
