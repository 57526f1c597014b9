import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../ml/random.js';
import {
  Coordinator,
  type CoordinatorStore,
  memoryStore,
  type RunConfig,
  type RunState,
} from './coordinator.js';
import { createCoordinatorServer } from './coordinator-server.js';
import { FEATURE_COUNT, featurise, type HeartRow, type Standardiser, siteStatistics } from './heart.js';
import { generateIdentity, type SiteIdentity } from './identity.js';
import type { Algorithm, DpPlan } from './protocol.js';
import { noiseForBudget } from './rdp.js';
import { Site, type SiteData } from './site.js';
import type { SiteLauncher } from './site-process.js';

/**
 * Hyper-parameters of the heart-disease logistic model, chosen by `scripts/tune-federated.ts` on validation folds of
 * the benchmark's TRAINING rows only (4 stratified folds of 25 %; the test rows are never read there). λ is also the
 * pooled and local baselines' L2 penalty. See docs/federated.md.
 */
export const HEART_TRAINING = { localSteps: 20, learningRate: 0.1, lambda: 0.1, mu: 0.3 } as const;
/**
 * DP-SGD plan (same tuning): 5 local steps per round at learning rate 0.05, Poisson rate 0.25, clipping norm 0.25;
 * σ calibrated to the budget over rounds × 5 steps.
 */
export const HEART_DP = { localSteps: 5, learningRate: 0.05, q: 0.25, clip: 0.25 } as const;

export function heartSiteData(rows: readonly HeartRow[]): SiteData {
  return {
    statistics: () => siteStatistics(rows),
    dataset: (standardiser) => ({ x: featurise(rows, standardiser), y: rows.map((r) => r.label) }),
  };
}

export interface LoopbackRunOptions {
  readonly sites: ReadonlyMap<string, SiteData>;
  readonly rounds: number;
  readonly algorithm?: Algorithm;
  readonly secure?: boolean;
  readonly dp?: { epsilon: number; delta: number };
  /** Seed of the sites' DP-SGD randomness (one stream per site); a CSPRNG when omitted. */
  readonly seed?: number;
  readonly roundTimeoutMs?: number;
  readonly joinTimeoutMs?: number;
  /** Sites in the run's configuration that never start (test of the join deadline). */
  readonly absent?: readonly string[];
  readonly store?: CoordinatorStore;
  readonly crashAtRound?: Readonly<Record<string, number>>;
  /** Sites' own privacy budgets (default: the run's). */
  readonly budgets?: Readonly<Record<string, { epsilon: number; delta: number }>>;
  readonly onRound?: Coordinator['onRound'];
  readonly modelLength?: number;
  readonly statsLength?: number;
  /**
   * Start each site as its own process (`siteProcessLauncher`, as `healthgpt eval federated` does) instead of a
   * client in this process; `sites` then still gives each site's name (its rows are read by the process itself).
   */
  readonly launchSite?: SiteLauncher;
  /**
   * In-process sites: give each an identity key and every site the others' identity keys (the administrators'
   * out-of-band exchange, done here by the caller who runs them all), so each verifies the signed masking keys.
   * Default true; false runs them unverified.
   */
  readonly pinKeys?: boolean;
  /** The run's configuration for another model (the DDXPlus model); the heart-disease logistic model's by default. */
  readonly config?: (runId: string) => RunConfig;
}

export interface LoopbackRun {
  readonly state: RunState;
  readonly sites: ReadonlyMap<string, Site>;
  readonly url: string;
  readonly tokens: ReadonlyMap<string, string>;
  /** A site's own model: the global one, with its own intercept under `fedavg-site-bias`. */
  readonly personalModel: (site: string, global: readonly number[]) => readonly number[];
}

/** The run's configuration for the heart-disease logistic model (or any model of `modelLength`). */
export function heartRunConfig(options: LoopbackRunOptions, runId: string): RunConfig {
  const algorithm = options.algorithm ?? 'fedavg';
  const dp: DpPlan | undefined = options.dp
    ? {
        q: HEART_DP.q,
        clip: HEART_DP.clip,
        sigma: noiseForBudget(
          HEART_DP.q,
          options.rounds * HEART_DP.localSteps,
          options.dp.epsilon,
          options.dp.delta,
        ),
        epsilon: options.dp.epsilon,
        delta: options.dp.delta,
      }
    : undefined;
  const secure = options.secure ?? true;
  return {
    runId,
    task: 'heart-logistic',
    sites: [...options.sites.keys()],
    rounds: options.rounds,
    modelLength: options.modelLength ?? FEATURE_COUNT + 1,
    statsLength: options.statsLength ?? 3 * FEATURE_COUNT + 1,
    training: {
      algorithm,
      localSteps: dp ? HEART_DP.localSteps : HEART_TRAINING.localSteps,
      learningRate: dp ? HEART_DP.learningRate : HEART_TRAINING.learningRate,
      lambda: HEART_TRAINING.lambda,
      mu: algorithm === 'fedprox' ? HEART_TRAINING.mu : 0,
      ...(dp ? { dp } : {}),
    },
    secure,
    roundTimeoutMs: options.roundTimeoutMs ?? 10_000,
    minSites: secure ? 2 : 1,
    maxAttempts: 3,
    maxWeight: 1000,
    ...(options.joinTimeoutMs !== undefined ? { joinTimeoutMs: options.joinTimeoutMs } : {}),
  };
}

/**
 * One federated run over loopback HTTP: the coordinator's protocol server on 127.0.0.1 in this process, and one site
 * per entry of `sites`, each with its own token, key pair and rows — as a `Site` client in this process, or, with
 * `launchSite`, as its own `healthgpt federated site` process (the same class, run by the CLI).
 */
export async function runLoopback(options: LoopbackRunOptions): Promise<LoopbackRun> {
  const runId = `loopback-${randomBytes(4).toString('hex')}`;
  const tokens = new Map(
    [...options.sites.keys()].map((s) => [s, `hgpt_${randomBytes(24).toString('base64url')}`]),
  );
  const bySecret = new Map([...tokens].map(([site, token]) => [token, site]));
  const store = options.store ?? memoryStore();
  const coordinator = new Coordinator(options.config?.(runId) ?? heartRunConfig(options, runId), store);
  if (options.onRound) coordinator.onRound = options.onRound;
  const server = createCoordinatorServer(() => coordinator, { authenticate: (t) => bySecret.get(t) });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const sites = new Map<string, Site>();
  const identities = new Map([...options.sites.keys()].map((name) => [name, generateIdentity()]));
  const peerKeys = new Map([...identities].map(([name, identity]) => [name, identity.publicKey]));
  let index = 0;
  for (const [name, data] of options.sites) {
    index++;
    if (options.absent?.includes(name)) continue;
    sites.set(
      name,
      new Site({
        name,
        coordinatorUrl: url,
        token: tokens.get(name) as string,
        runId,
        data,
        ...(options.seed !== undefined ? { random: seededRandom(options.seed * 1000 + index) } : {}),
        ...(options.crashAtRound?.[name] !== undefined ? { crashAtRound: options.crashAtRound[name] } : {}),
        ...(options.budgets?.[name] ? { budget: options.budgets[name] } : {}),
        identity: identities.get(name) as SiteIdentity,
        ...(options.pinKeys === false ? {} : { peerKeys }),
      }),
    );
  }
  const intercepts = new Map<string, number>();
  try {
    if (options.launchSite) {
      const launch = options.launchSite;
      await Promise.all(
        [...sites.keys()].map(async (name, index) => {
          const result = await launch({
            name,
            index: index + 1,
            url,
            runId,
            token: tokens.get(name) as string,
          });
          if (result.intercept !== undefined) intercepts.set(name, result.intercept);
        }),
      );
    } else await Promise.all([...sites.values()].map((s) => s.run()));
    const state = await coordinator.whenFinished();
    const personalModel = (site: string, global: readonly number[]): readonly number[] => {
      if (!options.launchSite) return sites.get(site)?.personalModel(global) ?? global;
      const intercept = intercepts.get(site);
      return intercept === undefined ? global : [...global.slice(0, -1), intercept];
    };
    return { state, sites, url, tokens, personalModel };
  } finally {
    coordinator.dispose();
    await server.close();
  }
}

export function standardiserOf(state: RunState): Standardiser {
  if (!state.standardiser) throw new Error('the run has no standardisation statistics');
  return state.standardiser;
}
