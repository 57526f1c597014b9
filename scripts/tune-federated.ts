/**
 * Tunes the heart-disease federated hyper-parameters on the TRAINING rows of the benchmark's split only
 * (`publicHeartSplit(dir).train`; its test rows are discarded here, never featurised nor scored).
 *
 * Validation: per site, the training rows are cut into 4 stratified folds (by label, seed 2026); each fold in turn is
 * a 25 % validation split, the model is trained on the other 75 % (standardisation from those rows' summed
 * statistics, as the protocol computes it) and scored on the fold, all sites' validation rows together. The
 * criterion is the mean validation accuracy over the 4 folds, ties broken by the lower mean validation log-loss.
 *
 * The federated algorithms are simulated in process with the same functions the protocol's sites and coordinator
 * use (`trainLocal` of each site from the global model, row-weighted mean of the sites' models, per-site intercepts
 * under `fedavg-site-bias`, DP-SGD with σ from `noiseForBudget`); secure aggregation only adds fixed-point rounding
 * (2⁻²⁰), so it is left out here. Rounds are fixed at the evaluation contract's default (100).
 *
 * Order: (1) L2 λ on the pooled model (central gradient descent to convergence, as the baselines); (2) FedAvg
 * learning rate and local steps at that λ; (3) FedProx μ at FedAvg's choice; (4) DP FedAvg at ε = 1, δ = 1e-5:
 * learning rate, clipping norm, Poisson sampling rate q (σ follows from the budget) and local steps per round,
 * averaged over 3 noise seeds per fold.
 *
 * Run: `nice -n 10 npx tsx scripts/tune-federated.ts` (a few minutes on one core). Prints the chosen values; the
 * defaults in `src/federated/heart-run.ts` are set by hand from its output.
 */
import { findDataset } from '../src/app/datasets.js';
import { featurise, type HeartRow, siteStatistics, standardiserFrom } from '../src/federated/heart.js';
import { publicHeartSplit } from '../src/federated/heart-split.js';
import { accuracy, type Dataset, logLoss, trainCentral, trainLocal } from '../src/federated/logistic.js';
import { noiseForBudget } from '../src/federated/rdp.js';
import { seededRandom, shuffle } from '../src/ml/random.js';

const ROUNDS = 100;
const FOLDS = 4;
const FOLD_SEED = 2026;
const DP_SEEDS = [1, 2, 3];

const heartDir = findDataset('federated', 'heart_disease_4site');
if (!heartDir) throw new Error('federated/heart_disease_4site not found (set HEALTHGPT_DATA_DIR)');
const training = publicHeartSplit(heartDir).train; // the test rows are not kept

/** Fold of every row of a site: stratified by label, shuffled with a seeded generator, dealt round-robin. */
function foldsOf(rows: readonly HeartRow[], seed: number): number[] {
  const fold = new Array<number>(rows.length).fill(0);
  const random = seededRandom(seed);
  for (const label of [0, 1]) {
    const members = shuffle(
      rows.flatMap((r, i) => (r.label === label ? [i] : [])),
      random,
    );
    members.forEach((index, k) => {
      fold[index] = k % FOLDS;
    });
  }
  return fold;
}

interface FoldData {
  sites: { name: string; train: Dataset }[];
  pooled: Dataset;
  validation: { site: string; data: Dataset }[];
}

const folds: FoldData[] = [];
const siteFolds = new Map([...training].map(([site, rows], s) => [site, foldsOf(rows, FOLD_SEED + s)]));
for (let f = 0; f < FOLDS; f++) {
  const trainRows = new Map<string, HeartRow[]>();
  const validRows = new Map<string, HeartRow[]>();
  for (const [site, rows] of training) {
    const assignment = siteFolds.get(site) as number[];
    trainRows.set(
      site,
      rows.filter((_, i) => assignment[i] !== f),
    );
    validRows.set(
      site,
      rows.filter((_, i) => assignment[i] === f),
    );
  }
  const summed = [...trainRows.values()]
    .map((rows) => siteStatistics(rows))
    .reduce((a, b) => a.map((v, j) => v + (b[j] as number)));
  const standardiser = standardiserFrom(summed);
  const data = (rows: readonly HeartRow[]): Dataset => ({
    x: featurise(rows, standardiser),
    y: rows.map((r) => r.label),
  });
  const sites = [...trainRows].map(([name, rows]) => ({ name, train: data(rows) }));
  folds.push({
    sites,
    pooled: { x: sites.flatMap((s) => s.train.x), y: sites.flatMap((s) => s.train.y) },
    validation: [...validRows].map(([site, rows]) => ({ site, data: data(rows) })),
  });
}
const validationRows = folds.reduce((n, f) => n + f.validation.reduce((m, v) => m + v.data.x.length, 0), 0);
console.log(
  `training rows ${[...training.values()].reduce((n, r) => n + r.length, 0)} (${[...training].map(([s, r]) => `${s} ${r.length}`).join(', ')}); ${FOLDS} folds, ${validationRows} validation rows in all`,
);

interface Score {
  accuracy: number;
  logLoss: number;
}

/** Validation accuracy and log-loss of one fold, all sites together; `modelFor` gives a site's model. */
function scoreFold(fold: FoldData, modelFor: (site: string) => readonly number[]): Score {
  let right = 0;
  let loss = 0;
  let n = 0;
  for (const { site, data } of fold.validation) {
    const model = modelFor(site);
    right += accuracy(model, data) * data.x.length;
    loss += logLoss(model, data) * data.x.length;
    n += data.x.length;
  }
  return { accuracy: right / n, logLoss: loss / n };
}

const meanScore = (scores: readonly Score[]): Score => ({
  accuracy: scores.reduce((s, v) => s + v.accuracy, 0) / scores.length,
  logLoss: scores.reduce((s, v) => s + v.logLoss, 0) / scores.length,
});
const better = (a: Score, b: Score) =>
  a.accuracy > b.accuracy + 1e-12 || (Math.abs(a.accuracy - b.accuracy) <= 1e-12 && a.logLoss < b.logLoss);
const fmt = (s: Score) => `acc ${(100 * s.accuracy).toFixed(2)} %  loss ${s.logLoss.toFixed(4)}`;

interface FedParams {
  algorithm: 'fedavg' | 'fedprox' | 'fedavg-site-bias';
  localSteps: number;
  learningRate: number;
  lambda: number;
  mu: number;
  dp?: { q: number; clip: number; sigma: number; seed: number };
}

/** The protocol's training rounds, in process: local training from the global model, row-weighted mean. */
function simulate(fold: FoldData, p: FedParams): (site: string) => readonly number[] {
  const d = (fold.pooled.x[0]?.length ?? 0) + 1;
  let global = new Array<number>(d).fill(0);
  const intercepts = new Map<string, number>();
  const randoms = new Map(fold.sites.map((s, i) => [s.name, seededRandom((p.dp?.seed ?? 0) * 1000 + i + 1)]));
  for (let round = 0; round < ROUNDS; round++) {
    const sum = new Array<number>(d).fill(0);
    let rows = 0;
    for (const site of fold.sites) {
      const start = [...global];
      const own = intercepts.get(site.name);
      if (p.algorithm === 'fedavg-site-bias' && own !== undefined) start[d - 1] = own;
      const local = trainLocal(
        start,
        site.train,
        {
          steps: p.localSteps,
          learningRate: p.learningRate,
          lambda: p.lambda,
          mu: p.algorithm === 'fedprox' ? p.mu : 0,
          ...(p.dp
            ? {
                dp: {
                  q: p.dp.q,
                  sigma: p.dp.sigma,
                  clip: p.dp.clip,
                  random: randoms.get(site.name) as () => number,
                },
              }
            : {}),
        },
        global,
      );
      if (p.algorithm === 'fedavg-site-bias') intercepts.set(site.name, local[d - 1] as number);
      const n = site.train.x.length;
      for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + (local[j] as number) * n;
      rows += n;
    }
    global = sum.map((v) => v / rows);
  }
  return (site) => {
    const model = [...global];
    const own = intercepts.get(site);
    if (own !== undefined) model[d - 1] = own;
    return model;
  };
}

const federatedScore = (p: FedParams, seeds: readonly number[] = [0]): Score =>
  meanScore(
    folds.flatMap((fold) =>
      seeds.map((seed) => scoreFold(fold, simulate(fold, p.dp ? { ...p, dp: { ...p.dp, seed } } : p))),
    ),
  );

function pick<T>(label: string, candidates: readonly T[], scoreOf: (c: T) => Score, show: (c: T) => string) {
  let best: { c: T; s: Score } | undefined;
  for (const c of candidates) {
    const s = scoreOf(c);
    console.log(`  ${label} ${show(c)}: ${fmt(s)}`);
    if (!best || better(s, best.s)) best = { c, s };
  }
  if (!best) throw new Error('no candidate');
  console.log(`→ ${label}: ${show(best.c)} (${fmt(best.s)})`);
  return best;
}

const OLD = {
  localSteps: 5,
  learningRate: 0.5,
  lambda: 0.01,
  mu: 0.1,
  dp: { localSteps: 1, q: 0.5, clip: 1 },
};
const started = performance.now();

// (1) λ on the pooled model.
const pooledScore = (lambda: number) =>
  meanScore(folds.map((fold) => scoreFold(fold, () => trainCentral(fold.pooled, lambda))));
const lambda = pick('pooled λ', [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3], pooledScore, String);

// (2) FedAvg learning rate and local steps.
const fedGrid = [0.03, 0.1, 0.3, 0.5, 1, 2].flatMap((learningRate) =>
  [1, 2, 5, 10, 20, 50].map((localSteps) => ({ learningRate, localSteps })),
);
const fedavg = pick(
  'fedavg',
  fedGrid,
  (c) => federatedScore({ algorithm: 'fedavg', lambda: lambda.c, mu: 0, ...c }),
  (c) => `lr ${c.learningRate} steps ${c.localSteps}`,
);

// (3) FedProx μ at FedAvg's learning rate and steps.
const fedprox = pick(
  'fedprox μ',
  [0.001, 0.01, 0.1, 0.3, 1],
  (mu) => federatedScore({ algorithm: 'fedprox', lambda: lambda.c, mu, ...fedavg.c }),
  String,
);
const siteBias = federatedScore({ algorithm: 'fedavg-site-bias', lambda: lambda.c, mu: 0, ...fedavg.c });
console.log(`fedavg-site-bias at FedAvg's choice: ${fmt(siteBias)}`);

// (4) DP FedAvg at ε = 1, δ = 1e-5.
const sigmas = new Map<string, number>();
const sigmaFor = (q: number, steps: number) => {
  const key = `${q}/${steps}`;
  if (!sigmas.has(key)) sigmas.set(key, noiseForBudget(q, ROUNDS * steps, 1, 1e-5));
  return sigmas.get(key) as number;
};
const dpGrid = [0.03, 0.05, 0.1, 0.25, 0.5, 1].flatMap((learningRate) =>
  [0.1, 0.25, 0.5, 1, 2].flatMap((clip) =>
    [0.25, 0.5, 1].flatMap((q) => [1, 2, 5].map((localSteps) => ({ learningRate, clip, q, localSteps }))),
  ),
);
const dp = pick(
  'dp fedavg',
  dpGrid,
  (c) =>
    federatedScore(
      {
        algorithm: 'fedavg',
        lambda: lambda.c,
        mu: 0,
        learningRate: c.learningRate,
        localSteps: c.localSteps,
        dp: { q: c.q, clip: c.clip, sigma: sigmaFor(c.q, c.localSteps), seed: 0 },
      },
      DP_SEEDS,
    ),
  (c) =>
    `lr ${c.learningRate} clip ${c.clip} q ${c.q} (σ ${sigmaFor(c.q, c.localSteps).toFixed(3)}) steps ${c.localSteps}`,
);

// The previous defaults on the same validation folds, for comparison.
const oldFedavg = federatedScore({
  algorithm: 'fedavg',
  lambda: OLD.lambda,
  mu: 0,
  learningRate: OLD.learningRate,
  localSteps: OLD.localSteps,
});
const oldDp = federatedScore(
  {
    algorithm: 'fedavg',
    lambda: OLD.lambda,
    mu: 0,
    learningRate: OLD.learningRate,
    localSteps: OLD.dp.localSteps,
    dp: { q: OLD.dp.q, clip: OLD.dp.clip, sigma: sigmaFor(OLD.dp.q, OLD.dp.localSteps), seed: 0 },
  },
  DP_SEEDS,
);
console.log(`\nprevious defaults on these folds: pooled λ ${OLD.lambda} ${fmt(pooledScore(OLD.lambda))}`);
console.log(
  `  fedavg lr ${OLD.learningRate} steps ${OLD.localSteps}: ${fmt(oldFedavg)}; dp fedavg: ${fmt(oldDp)}`,
);
console.log('\nchosen (validation folds of the training rows only):');
console.log(
  JSON.stringify(
    {
      HEART_TRAINING: {
        localSteps: fedavg.c.localSteps,
        learningRate: fedavg.c.learningRate,
        lambda: lambda.c,
        mu: fedprox.c,
      },
      HEART_DP: { localSteps: dp.c.localSteps, q: dp.c.q, clip: dp.c.clip, learningRate: dp.c.learningRate },
      validation: {
        pooled: lambda.s,
        fedavg: fedavg.s,
        fedprox: fedprox.s,
        fedavgSiteBias: siteBias,
        dpFedavg: dp.s,
      },
    },
    null,
    2,
  ),
);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
