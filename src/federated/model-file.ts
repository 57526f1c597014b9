import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunState } from './coordinator.js';
import { FEATURES } from './heart.js';

export const FEDERATED_MODEL_FORMAT = 'healthgpt-federated-logistic/1';

export type FederatedModelJson = ReturnType<typeof federatedModelJson>;

/**
 * A finished run's model with its card: what it predicts, the features and their pooled standardisation, how it was
 * trained (sites, rows, rounds, algorithm, secure aggregation, privacy spent, whether the sites verified each
 * other's keys) and what it is not. The versioned file and the model registry's payload are this object.
 */
export function federatedModelJson(state: RunState, version: number | string) {
  const trainRounds = state.history.filter((h) => h.kind === 'train' && h.outcome === 'aggregated');
  const privacy = Object.values(state.privacy);
  return {
    format: FEDERATED_MODEL_FORMAT,
    version,
    runId: state.config.runId,
    createdAt: new Date().toISOString(),
    features: [...FEATURES],
    standardiser: state.standardiser,
    weights: state.model.slice(0, -1),
    intercept: state.model[state.model.length - 1],
    card: {
      predicts: 'probability of angiographic coronary artery disease (UCI num > 0) from 14 routine features',
      training: {
        sites: state.config.sites,
        rows: trainRounds.at(-1)?.rows,
        rounds: trainRounds.length,
        algorithm: state.config.training.algorithm,
        secureAggregation: state.config.secure,
        keysVerified: state.keysVerified ?? {},
        differentialPrivacy: state.config.training.dp
          ? {
              epsilon: Math.max(0, ...privacy.map((p) => p.epsilon)),
              delta: state.config.training.dp.delta,
              noiseMultiplier: state.config.training.dp.sigma,
              clip: state.config.training.dp.clip,
              samplingRate: state.config.training.dp.q,
            }
          : null,
        status: state.status,
      },
      limits: [
        'Research model on 1980s cohorts (Cleveland, Budapest, Zurich/Basel, Long Beach VA); not validated for care.',
        'Missing values are imputed with the pooled mean; cholesterol 0 is read as missing.',
        'The coordinator holds no rows: it has not measured this model on held-out patients.',
        'Not a medical device; not a diagnosis.',
      ],
    },
  };
}

/**
 * Writes a federated run's model as a versioned file (`<dir>/heart-logistic-v<N>.json`, N one more than the highest
 * there). Returns the path.
 */
export function writeFederatedModel(dir: string, state: RunState): string {
  mkdirSync(dir, { recursive: true });
  const versions = existsSync(dir)
    ? readdirSync(dir)
        .map((n) => /^heart-logistic-v(\d+)\.json$/.exec(n)?.[1])
        .filter((v): v is string => v !== undefined)
        .map(Number)
    : [];
  const version = Math.max(0, ...versions) + 1;
  const path = join(dir, `heart-logistic-v${version}.json`);
  writeFileSync(path, `${JSON.stringify(federatedModelJson(state, version), null, 2)}\n`);
  return path;
}
