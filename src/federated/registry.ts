import { createHash } from 'node:crypto';
import { FamilyRegistry, type ModelVersionRecord } from '../learning/registry.js';
import type { DocumentStore } from '../store/store.js';
import type { RunState } from './coordinator.js';
import { type FederatedModelJson, federatedModelJson } from './model-file.js';

/** The registry family of the heart-disease logistic models trained by federated runs. */
export const HEART_FAMILY = 'federated-heart-logistic';

/**
 * The promotion check of a federated model. The coordinator holds no rows, so it cannot measure the model on
 * held-out patients; what it can check is that the run did what it was configured to do.
 */
export const FEDERATED_PROMOTION_RULE =
  'the run finished (status done) with every planned round aggregated and every site within its privacy budget; the coordinator holds no rows, so there is no held-out check (measure with healthgpt eval federated)';

export function federatedRegistry(documents: DocumentStore, stateDir: string): FamilyRegistry {
  return new FamilyRegistry(documents, stateDir, HEART_FAMILY);
}

function promotionCheck(
  state: RunState,
  rounds: number,
): { promote: boolean; reasons: string[]; rule: string } {
  const reasons: string[] = [];
  if (state.status !== 'done')
    reasons.push(`the run ${state.status}${state.reason ? `: ${state.reason}` : ''}`);
  if (rounds < state.config.rounds)
    reasons.push(`${rounds} of ${state.config.rounds} planned rounds were aggregated`);
  const dp = state.config.training.dp;
  for (const [site, p] of Object.entries(state.privacy))
    if (dp && p.epsilon > dp.epsilon + 1e-9)
      reasons.push(`${site} reports ε ${p.epsilon.toFixed(3)}, above the run's ${dp.epsilon}`);
  return { promote: reasons.length === 0, reasons, rule: FEDERATED_PROMOTION_RULE };
}

function cardMarkdown(model: FederatedModelJson, version: string, state: RunState): string {
  const t = model.card.training;
  const dp = t.differentialPrivacy;
  const verified = t.sites.map((site) => [site, t.keysVerified[site] === true] as const);
  return [
    `# Federated heart-disease logistic model ${version} (run ${model.runId})`,
    '',
    `Predicts: ${model.card.predicts}.`,
    '',
    '## Training',
    '',
    `- Sites: ${t.sites.join(', ')}${
      Object.keys(state.withdrawn).length
        ? ` (withdrawn: ${Object.entries(state.withdrawn)
            .map(([s, why]) => `${s} — ${why}`)
            .join('; ')})`
        : ''
    }`,
    `- Rows in the last round: ${t.rows ?? 'unknown'} (the coordinator learns only the sum over sites)`,
    `- Rounds: ${t.rounds} of ${state.config.rounds}, algorithm ${t.algorithm}, secure aggregation ${t.secureAggregation ? 'on' : 'off'}`,
    `- Site keys verified against pinned identity keys: ${verified.map(([s, v]) => `${s} ${v ? 'yes' : 'NO'}`).join(', ')}`,
    `- Differential privacy: ${dp ? `DP-SGD, ε ${dp.epsilon.toFixed(3)} (largest site), δ ${dp.delta}, noise multiplier ${dp.noiseMultiplier.toFixed(2)}, clip ${dp.clip}, sampling rate ${dp.samplingRate}` : 'none'}`,
    `- Features (${model.features.length}): ${model.features.join(', ')}; standardised with the pooled mean and SD from the summed site statistics`,
    '',
    '## Limits',
    '',
    ...model.card.limits.map((l) => `- ${l}`),
    '',
  ].join('\n');
}

/**
 * Registers a finished run's model as a candidate of `federated-heart-logistic`: what it was trained on (sites,
 * rounds, algorithm, secure aggregation, ε/δ spent per site, a description of the data — never a row), its metrics,
 * the promotion check and its card. The data hash is a fingerprint of the run (id, sites, pooled standardisation,
 * rows), as the coordinator never sees the data itself.
 */
export function registerFederatedModel(
  registry: FamilyRegistry,
  state: RunState,
  by: string,
): ModelVersionRecord {
  const version = registry.nextVersion();
  const model = federatedModelJson(state, version);
  const trainRounds = state.history.filter((h) => h.kind === 'train' && h.outcome === 'aggregated');
  const last = trainRounds.at(-1);
  const dp = state.config.training.dp;
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        runId: state.config.runId,
        sites: state.config.sites,
        standardiser: state.standardiser,
        rows: last?.rows,
      }),
    )
    .digest('hex');
  return registry.addCandidatePayload(version, model, {
    modelVersion: `${HEART_FAMILY}-${version}-${state.config.runId}`,
    dataHash: fingerprint,
    data: {
      description:
        'UCI heart-disease rows (processed 14-column format) held at each site; only sums of statistics and of n-weighted models left the sites',
      runId: state.config.runId,
      sites: state.config.sites,
      withdrawn: state.withdrawn,
      rows: last?.rows ?? null,
      rounds: state.config.rounds,
      algorithm: state.config.training.algorithm,
      secureAggregation: state.config.secure,
      keysVerified: state.keysVerified ?? {},
      privacy: dp
        ? {
            budget: { epsilon: dp.epsilon, delta: dp.delta },
            perSite: state.privacy,
          }
        : null,
      dataHashIs:
        'sha256 of the run id, sites, pooled standardisation and row count (the coordinator sees no row)',
    },
    metrics: {
      roundsCompleted: trainRounds.length,
      ...(last?.loss !== undefined ? { finalTrainingLoss: last.loss } : {}),
      meanRoundMs: trainRounds.length ? trainRounds.reduce((s, h) => s + h.ms, 0) / trainRounds.length : 0,
      overallEpsilon: dp ? Math.max(0, ...Object.values(state.privacy).map((p) => p.epsilon)) : null,
      promotion: promotionCheck(state, trainRounds.length),
    },
    card: cardMarkdown(model, version, state),
    by,
  });
}
