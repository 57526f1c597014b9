import { seededRandom } from '../ml/random.js';

/**
 * Synthetic hourly arrivals for tests, demos and fixtures (never real data): Poisson counts around a daily × weekly
 * profile, from the shared seeded generator (`src/ml/random.ts`) so every run is the same.
 */

/** A Poisson draw (Knuth's method below 30, normal approximation above). */
export function poissonDraw(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Expected arrivals in an hour: a daytime peak, quieter weekends (weekday 0 = Monday). */
export function syntheticRate(hourOfDay: number, weekday: number, level = 6): number {
  const daily =
    1 + 0.8 * Math.sin((2 * Math.PI * (hourOfDay - 8)) / 24) + 0.2 * Math.cos((4 * Math.PI * hourOfDay) / 24);
  const weekly = weekday === 0 ? 1.15 : weekday >= 5 ? 0.9 : 1;
  return level * Math.max(daily, 0.15) * weekly;
}

/** `hours` of synthetic counts from `startMs` (UTC, wall-clock grid). */
export function syntheticCounts(startMs: number, hours: number, seed = 7, level = 6): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(hours);
  for (let i = 0; i < hours; i++) {
    const d = new Date(startMs + i * 3_600_000);
    out[i] = poissonDraw(syntheticRate(d.getUTCHours(), (d.getUTCDay() + 6) % 7, level), random);
  }
  return out;
}

/** The same as a `timestamp,count` CSV. */
export function syntheticCsv(startIso: string, hours: number, seed = 7, level = 6): string {
  const start = Date.parse(startIso);
  const counts = syntheticCounts(start, hours, seed, level);
  const lines = ['timestamp,count'];
  for (let i = 0; i < hours; i++)
    lines.push(`${new Date(start + i * 3_600_000).toISOString().slice(0, 13)}:00:00Z,${counts[i]}`);
  return lines.join('\n');
}
