import { describe } from 'vitest';
import { datasetsDir, findDataset } from '../src/app/datasets.js';

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
  if (path) {
    describe(name, () => suite(path));
    return;
  }
  const reason = `data set '${parts.join('/')}' not found under ${datasetsDir()} (set HEALTHGPT_DATA_DIR)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`${reason}; CI=true, so this suite fails instead of skipping`);
    });
    return;
  }
  console.warn(`skipping '${name}': ${reason}`);
  describe.skip(name, () => suite(''));
}
