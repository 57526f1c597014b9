/**
 * The one seeded random source of HealthGPT: Mulberry32 (public domain, Tommy Ettinger), a small 32-bit generator
 * giving floats in [0, 1). Same seed → same sequence on every machine, so splits, bootstraps and training replay
 * exactly from their seed. Every seed is used as given (`seed >>> 0`), including 0.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array (the input is not changed). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Fisher–Yates shuffle of 0…n−1 (the same draws as `shuffle` of an n-item list). */
export function shuffledIndices(n: number, random: () => number): number[] {
  return shuffle(
    Array.from({ length: n }, (_, i) => i),
    random,
  );
}

/** Standard normal draw (Box–Muller) from a uniform source; uses two uniforms. */
export function normalFrom(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
