import { datasetsDir, findDataset } from '../src/app/datasets.js';
import { describeIfAvailable } from './describe-if-available.js';

/**
 * `describe` for a suite that needs a public data set: skipped, with the reason, when the data set is not there —
 * except in CI (`CI=true`), where a suite that cannot run is a failure.
 */
export function describeWithDataset(
  name: string,
  parts: readonly string[],
  suite: (path: string) => void,
): void {
  const path = findDataset(...parts);
  const reason = path
    ? undefined
    : `data set '${parts.join('/')}' not found under ${datasetsDir()} (set HEALTHGPT_DATA_DIR)`;
  describeIfAvailable(name, reason, () => suite(path ?? ''));
}
