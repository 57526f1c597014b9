/**
 * Tries screening-learner settings on the TUNING topics only (ADHD, AtypicalAntipsychotics, Estrogens by default):
 * the ASReview-style simulation with 5 seeds, printing WSS@95 per topic and the mean. The reported topics
 * (bench:literature) are never run here.
 *
 *   nice -n 10 npx tsx scripts/train-literature-screening.ts [TOPIC,TOPIC…] ['{"lambda":0.003,"features":{"bigrams":false}}']
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { parseScreeningCsv } from '../src/literature/cohen.js';
import { simulateWithLearner } from '../src/literature/eval-screening.js';
import { DEFAULT_LEARNER, type LearnerOptions } from '../src/literature/screening.js';

const dir = requireDataset('literature', 'cohen2006_sr_screening');
const topics = (process.argv[2] ?? 'ADHD,AtypicalAntipsychotics,Estrogens').split(',');
const REPORTED = ['BetaBlockers', 'CalciumChannelBlockers', 'NSAIDS', 'Opiods', 'OralHypoglycemics'];
const leak = topics.filter((t) => REPORTED.includes(t));
if (leak.length)
  throw new Error(`${leak.join(', ')} are reported topics: choose settings on the tuning topics only`);
const given = (process.argv[3] ? JSON.parse(process.argv[3]) : {}) as Partial<LearnerOptions>;
const o: LearnerOptions = {
  ...DEFAULT_LEARNER,
  ...given,
  features: { ...DEFAULT_LEARNER.features, ...(given.features ?? {}) },
};
let sum = 0;
for (const t of topics) {
  const t0 = Date.now();
  const { records, labels } = parseScreeningCsv(readFileSync(join(dir, `${t}.csv`), 'utf8'), t);
  const r = await simulateWithLearner(records, labels as number[], o);
  sum += r.wss_at_95;
  console.log(
    t,
    r.n,
    r.included,
    r.wss_at_95,
    r.recall_at_10pct,
    r.recall_at_20pct,
    r.perSeed.map((s) => s.wss_at_95.toFixed(3)).join(' '),
    `${Date.now() - t0} ms`,
  );
}
console.log('mean', (sum / topics.length).toFixed(4), JSON.stringify(o));
