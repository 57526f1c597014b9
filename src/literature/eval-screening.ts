import { HealthGptError } from '../engine/errors.js';
import { parseScreeningCsv } from './cohen.js';
import { readTextFile } from './eval-retrieval.js';
import { DEFAULT_LEARNER, type ScreeningReport, type SeedResult, simulateScreening } from './screening.js';

/** `healthgpt eval screening --records FILE.csv`: the ASReview-style simulation on one labelled record set. */
export function evaluateScreeningFile(path: string): ScreeningReport & { perSeed: SeedResult[] } {
  const { records, labels } = parseScreeningCsv(readTextFile(path, 'records'), path);
  const missing = labels.indexOf(undefined);
  if (missing >= 0)
    throw HealthGptError.invalid(
      `${path}: record ${records[missing]!.id} has no label_included (0 or 1); a simulation needs every label`,
    );
  return simulateScreening(records, labels as number[], DEFAULT_LEARNER);
}
