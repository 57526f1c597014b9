/**
 * `npm run bench`: runs every benchmark — every `bench:<name>` script in package.json — one after the other (each
 * writes its section of `docs/benchmarks.json`, which re-renders `docs/benchmarks.md` and the numbers marked in the
 * docs). `npm run bench -- risk intake` runs only those. Slow ones (vision, ddx, forecast) take minutes each on two
 * cores; run benchmarks one at a time on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { benchmarkScripts } from './lib/bench-scripts.js';

const all = benchmarkScripts();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const failed: string[] = [];
for (const bench of wanted.length ? all.filter((b) => wanted.includes(b.name)) : all) {
  console.log(`\n=== bench:${bench.name} (${bench.file}) ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench.file], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(bench.name);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
