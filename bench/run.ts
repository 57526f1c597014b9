/**
 * `npm run bench`: runs every benchmark, one after the other (each writes its section of `docs/benchmarks.json`,
 * which re-renders `docs/benchmarks.md` and the numbers marked in the docs). `npm run bench -- risk intake` runs only
 * those. Slow ones (vision, ddx, forecast) take minutes each on two cores.
 */
import { spawnSync } from 'node:child_process';

export const BENCHMARKS = ['risk', 'vision', 'intake', 'ddx', 'vignettes', 'forecast', 'guards', 'selection'] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(BENCHMARKS as readonly string[]).includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
const failed: string[] = [];
for (const name of wanted.length ? wanted : BENCHMARKS) {
  console.log(`\n=== bench:${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
