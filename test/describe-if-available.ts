import { describe, it } from 'vitest';

/**
 * `describe` for a suite that needs something outside the project (a data set, Chromium, PostgreSQL): when
 * `unavailableReason` is set, the suite is skipped with that reason printed — except with `CI=true`, where a suite
 * that cannot run is a failure.
 */
export function describeIfAvailable(
  name: string,
  unavailableReason: string | undefined,
  suite: () => void,
): void {
  if (unavailableReason === undefined) {
    describe(name, suite);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`${unavailableReason}; CI=true, so this suite fails instead of skipping`);
    });
    return;
  }
  // The suite's body is not collected: it may read what is missing. One skipped test carries the reason.
  console.warn(`skipping '${name}': ${unavailableReason}`);
  describe(name, () => {
    it.skip(`skipped: ${unavailableReason}`, () => {});
  });
}
