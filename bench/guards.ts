/**
 * `npm run bench:guards`: how long the input guards take to refuse hostile input (the unit tests check that they
 * refuse; timings live here, not in tests). Each refusal is timed 20 times after 3 warm-up calls; median and max.
 * - a two-row hourly CSV spanning year 1 to 9999 (the forecast must refuse before allocating the span);
 * - a 69-byte PNG declaring 1 × 40,000,000 pixels (the image input must answer 413 before decoding).
 */

import { ingestHourlyCsv } from '../src/forecast/ingest-hourly.js';
import { decodeImage } from '../src/vision/image-input.js';
import { bombPng } from '../test/security/bombs.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

async function time(run: () => unknown, repeats = 20): Promise<{ median: number; max: number }> {
  const once = async () => {
    const started = performance.now();
    try {
      await run();
    } catch {
      // refusals are the point
    }
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

const csv = 'timestamp,count\n0001-01-01T00:00:00Z,1\n9999-12-31T23:00:00Z,1\n';
const bomb = bombPng(1, 40_000_000);
const rows: string[][] = [];
for (const [label, run] of [
  ['forecast: two-row CSV spanning years 1–9999 refused', () => ingestHourlyCsv(csv)],
  [`vision: ${bomb.length}-byte PNG declaring 1 × 40,000,000 px answered 413`, () => decodeImage(bomb)],
] as const) {
  const t = await time(run);
  rows.push([label, t.median.toFixed(2), t.max.toFixed(2)]);
}
const body = [
  'Time to refuse hostile input (20 timed calls after 3 warm-up calls, one process). The unit tests check that these inputs are refused; how fast is measured here.',
  '',
  markdownTable(['input', 'median ms', 'max ms'], rows),
].join('\n');
updateBenchmarkSection('guards', 'Input guards: time to refuse', 'npm run bench:guards', body);
console.log(body);
