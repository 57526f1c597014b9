import { join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import { featurise, type HeartRow, readSiteFolder, siteStatistics, standardiserFrom } from './heart.js';
import { HEART_TRAINING, heartSiteData, runLoopback } from './heart-run.js';
import { type Dataset, score, trainCentral } from './logistic.js';
import type { Algorithm } from './protocol.js';
import { type SiteLauncher, siteProcessLauncher } from './site-process.js';

/**
 * `healthgpt eval federated`: pooled, federated and local logistic regression on UCI heart-disease sites, accuracy
 * on all test rows together. Pooled and local training are central gradient descent to convergence (no DP); the
 * federated run goes through the site/coordinator protocol over loopback HTTP with secure aggregation, and with
 * DP-SGD at every site when a budget is given (then `epsilon` is the largest any site spent, `delta` the run's).
 */
export interface FederatedEvaluation {
  sites: string[];
  rounds: number;
  algorithm: Algorithm;
  secure_aggregation: boolean;
  pooled: { accuracy: number };
  federated: {
    accuracy: number;
    rounds_completed: number;
    mean_round_ms: number;
    status: string;
    /** `processes`: each site its own `healthgpt federated site` process; `in-process`: site clients here. */
    sites_ran_as: 'processes' | 'in-process';
    /**
     * Whether every site verified every peer's signed masking key against pinned identity keys (the evaluation pins
     * them for its own sites; false if any site ran without a trust file).
     */
    keys_verified: boolean;
  };
  local: Record<string, { accuracy: number }>;
  epsilon: number | null;
  delta: number | null;
  privacy: Record<string, { epsilon: number; delta: number; steps: number }>;
  train_rows: Record<string, number>;
  test_rows: number;
}

const sum = (vectors: number[][]) =>
  (vectors[0] ?? []).map((_, j) => vectors.reduce((s, v) => s + (v[j] as number), 0));

function testAccuracy(
  test: ReadonlyMap<string, HeartRow[]>,
  modelFor: (site: string) => { model: readonly number[]; standardiser: Parameters<typeof featurise>[1] },
): number {
  let right = 0;
  let total = 0;
  for (const [site, rows] of test) {
    const { model, standardiser } = modelFor(site);
    const x = featurise(rows, standardiser);
    x.forEach((row, i) => {
      if ((score(model, row) >= 0 ? 1 : 0) === rows[i]?.label) right++;
      total++;
    });
  }
  return total ? right / total : Number.NaN;
}

export async function evaluateFederatedHeart(options: {
  sites: ReadonlyMap<string, HeartRow[]>;
  test: ReadonlyMap<string, HeartRow[]>;
  rounds: number;
  algorithm?: Algorithm;
  dp?: { epsilon: number; delta: number };
  seed?: number;
  secure?: boolean;
  /** Run each site as its own `healthgpt federated site` process (the CLI's evaluation does). */
  launchSite?: SiteLauncher;
}): Promise<FederatedEvaluation> {
  const names = [...options.sites.keys()];
  if (names.length < 2) throw HealthGptError.invalid('federated training needs at least 2 sites');
  for (const [name, rows] of options.sites)
    if (rows.length === 0) throw HealthGptError.invalid(`site '${name}' has no row`);
  const testRows = [...options.test.values()].reduce((n, rows) => n + rows.length, 0);
  if (testRows === 0) throw HealthGptError.invalid('the test folder holds no row');
  const algorithm = options.algorithm ?? 'fedavg';

  // Pooled: the same standardisation the protocol computes (sums of the sites' statistics), rows pooled.
  const pooledStandardiser = standardiserFrom(
    sum(names.map((n) => siteStatistics(options.sites.get(n) ?? []))),
  );
  const pooledData: Dataset = {
    x: names.flatMap((n) => featurise(options.sites.get(n) ?? [], pooledStandardiser)),
    y: names.flatMap((n) => (options.sites.get(n) ?? []).map((r) => r.label)),
  };
  const pooledModel = trainCentral(pooledData, HEART_TRAINING.lambda);
  const pooled = testAccuracy(options.test, () => ({ model: pooledModel, standardiser: pooledStandardiser }));

  const local: Record<string, { accuracy: number }> = {};
  for (const name of names) {
    const rows = options.sites.get(name) ?? [];
    const standardiser = standardiserFrom(siteStatistics(rows));
    const model = trainCentral(
      { x: featurise(rows, standardiser), y: rows.map((r) => r.label) },
      HEART_TRAINING.lambda,
    );
    local[name] = { accuracy: testAccuracy(options.test, () => ({ model, standardiser })) };
  }

  const run = await runLoopback({
    sites: new Map(names.map((n) => [n, heartSiteData(options.sites.get(n) ?? [])])),
    rounds: options.rounds,
    algorithm,
    secure: options.secure ?? true,
    ...(options.dp ? { dp: options.dp } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.launchSite ? { launchSite: options.launchSite } : {}),
  });
  const { state } = run;
  if (!state.standardiser)
    throw new HealthGptError('unavailable', `the federated run ${state.status}: ${state.reason ?? ''}`);
  const standardiser = state.standardiser;
  const federated = testAccuracy(options.test, (site) => ({
    model: [...run.personalModel(site, state.model)],
    standardiser,
  }));
  const trainRounds = state.history.filter((h) => h.kind === 'train' && h.outcome === 'aggregated');
  const privacy = state.privacy;
  const epsilons = Object.values(privacy).map((p) => p.epsilon);
  return {
    sites: names,
    rounds: options.rounds,
    algorithm,
    secure_aggregation: options.secure ?? true,
    pooled: { accuracy: pooled },
    federated: {
      accuracy: federated,
      rounds_completed: trainRounds.length,
      mean_round_ms: trainRounds.length ? trainRounds.reduce((s, h) => s + h.ms, 0) / trainRounds.length : 0,
      status: state.status,
      sites_ran_as: options.launchSite ? 'processes' : 'in-process',
      keys_verified: names.every((n) => state.keysVerified?.[n] === true),
    },
    local,
    epsilon: options.dp ? Math.max(0, ...epsilons) : null,
    delta: options.dp ? options.dp.delta : null,
    privacy,
    train_rows: Object.fromEntries(names.map((n) => [n, options.sites.get(n)?.length ?? 0])),
    test_rows: testRows,
  };
}

export async function evaluateFederatedFolders(options: {
  sitesDir: string;
  testDir: string;
  rounds: number;
  algorithm?: Algorithm;
  dp?: { epsilon: number; delta: number };
  seed?: number;
  secure?: boolean;
  /** Each site its own process (default), or clients in this process (`false`). */
  processes?: boolean;
}): Promise<FederatedEvaluation> {
  const { sitesDir, testDir, processes, ...rest } = options;
  const sites = readSiteFolder(sitesDir);
  const launchSite =
    processes === false
      ? undefined
      : siteProcessLauncher({
          dataFile: (site) => join(sitesDir, `${site}.data`),
          sites: [...sites.keys()],
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
  return evaluateFederatedHeart({
    sites,
    test: readSiteFolder(testDir),
    ...rest,
    ...(launchSite ? { launchSite } : {}),
  });
}
