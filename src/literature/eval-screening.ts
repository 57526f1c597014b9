import { HealthGptError } from '../engine/errors.js';
import { parseScreeningCsv } from './cohen.js';
import { readTextFile } from './eval-retrieval.js';
import {
  DEFAULT_LEARNER,
  type LearnerOptions,
  type ScreeningRecordInput,
  type ScreeningReport,
  type SeedResult,
  SIMULATION_SEEDS,
  simulateScreening,
} from './screening.js';
import { abstractEmbeddingText, embedAll } from './vectors.js';

/**
 * The simulation with a learner's whole input: when the learner weighs sentence vectors, the records' title and
 * abstract are embedded first (cached on disk by content hash, see `vectors.ts`).
 */
export async function simulateWithLearner(
  records: readonly ScreeningRecordInput[],
  labels: readonly number[],
  o: LearnerOptions = DEFAULT_LEARNER,
): Promise<ScreeningReport & { perSeed: SeedResult[] }> {
  const dense = o.dense
    ? await embedAll(records.map((r) => abstractEmbeddingText(r.title, r.abstract)))
    : undefined;
  return simulateScreening(records, labels, o, SIMULATION_SEEDS, dense);
}

/** `healthgpt eval screening --records FILE.csv`: the ASReview-style simulation on one labelled record set. */
export async function evaluateScreeningFile(
  path: string,
): Promise<ScreeningReport & { perSeed: SeedResult[] }> {
  const { records, labels } = parseScreeningCsv(readTextFile(path, 'records'), path);
  const missing = labels.indexOf(undefined);
  if (missing >= 0)
    throw HealthGptError.invalid(
      `${path}: record ${records[missing]!.id} has no label_included (0 or 1); a simulation needs every label`,
    );
  // The simulation starts from one included and one excluded prior, left out of the counts: with a single included
  // record nothing relevant is left to find, and WSS and recall would read 0 for want of data.
  const included = labels.filter((l) => l === 1).length;
  if (included === 1)
    throw HealthGptError.invalid(
      `${path}: only one record is labelled included and it is a prior: nothing relevant is left to screen after the priors (needs at least 2 included and 1 excluded)`,
    );
  return simulateWithLearner(records, labels as number[], DEFAULT_LEARNER);
}
