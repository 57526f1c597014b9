import { createHash } from 'node:crypto';
import type { DdxLogisticModel } from '../diagnosis/model/logistic.js';
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

/** The registry family of the DDXPlus diagnosis models trained by federated runs (`ddx.ts`). */
export const DDX_FAMILY = 'federated-ddx';

export function federatedRegistry(
  documents: DocumentStore,
  stateDir: string,
  family: typeof HEART_FAMILY | typeof DDX_FAMILY = HEART_FAMILY,
): FamilyRegistry {
  return new FamilyRegistry(documents, stateDir, family);
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
  const dp = state.config.training.dp;
  const run = runRecord(
    state,
    dp ? Math.max(0, ...Object.values(state.privacy).map((p) => p.epsilon)) : null,
  );
  return registry.addCandidatePayload(version, model, {
    modelVersion: `${HEART_FAMILY}-${version}-${state.config.runId}`,
    dataHash: sha256Of({
      runId: state.config.runId,
      sites: state.config.sites,
      standardiser: state.standardiser,
      rows: run.last?.rows,
    }),
    data: {
      description:
        'UCI heart-disease rows (processed 14-column format) held at each site; only sums of statistics and of n-weighted models left the sites',
      ...run.data,
      rows: run.last?.rows ?? null,
      ...run.training,
      privacy: dp
        ? {
            budget: { epsilon: dp.epsilon, delta: dp.delta },
            perSite: state.privacy,
          }
        : null,
      dataHashIs:
        'sha256 of the run id, sites, pooled standardisation and row count (the coordinator sees no row)',
    },
    metrics: run.metrics,
    card: cardMarkdown(model, version, state),
    by,
  });
}

function sha256Of(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** What every federated registry record says of its run, beside the model-specific fields. */
function runRecord(state: RunState, overallEpsilon: number | null) {
  const rounds = state.history.filter((h) => h.kind === 'train' && h.outcome === 'aggregated');
  const last = rounds.at(-1);
  return {
    last,
    data: {
      runId: state.config.runId,
      sites: state.config.sites,
      withdrawn: state.withdrawn,
    },
    training: {
      rounds: state.config.rounds,
      algorithm: state.config.training.algorithm,
      secureAggregation: state.config.secure,
      keysVerified: state.keysVerified ?? {},
    },
    metrics: {
      roundsCompleted: rounds.length,
      ...(last?.loss !== undefined ? { finalTrainingLoss: last.loss } : {}),
      meanRoundMs: rounds.length ? rounds.reduce((sum, h) => sum + h.ms, 0) / rounds.length : 0,
      overallEpsilon,
      promotion: promotionCheck(state, rounds.length),
    },
  };
}

/**
 * Registers the DDXPlus diagnosis model of a finished federated run (`ddx.ts`) as a candidate of `federated-ddx`:
 * the payload is the model file the diagnosis engine reads (`DdxLogisticModel.toJSON`), with what it was trained on
 * (sites, rounds, secure aggregation; patients per condition and the answer table are sums over sites, never a
 * patient), its metrics, the promotion check and a card. The data hash fingerprints the run's summed statistics.
 */
export function registerFederatedDdxModel(
  registry: FamilyRegistry,
  state: RunState,
  model: DdxLogisticModel,
  by: string,
): ModelVersionRecord {
  const version = registry.nextVersion();
  const run = runRecord(state, null);
  const patients = model.conditionCounts.reduce((a, b) => a + b, 0);
  const card = [
    `# Federated DDXPlus diagnosis model ${version} (run ${state.config.runId})`,
    '',
    'Predicts: a differential over the 49 DDXPlus conditions from reported evidences (synthetic data set; research use).',
    '',
    '## Training',
    '',
    `- Sites: ${state.config.sites.join(', ')}`,
    `- Patients: ${patients} (a sum over sites: the coordinator sees no patient)`,
    `- Rounds: ${run.metrics.roundsCompleted} of ${state.config.rounds}, ${state.config.training.algorithm === 'fedprox' ? 'FedProx' : 'FedAvg'} of both heads, one local epoch a round; secure aggregation ${state.config.secure ? 'on' : 'off'}`,
    `- Site keys verified against pinned identity keys: ${state.config.sites.map((s) => `${s} ${state.keysVerified?.[s] ? 'yes' : 'NO'}`).join(', ')}`,
    '- Differential privacy: none (no DP-SGD for this model)',
    '',
    '## Limits',
    '',
    "- The multi-choice questions' answer table counts each value on its own, not the exact combinations patients reported (the interview's answer predictions for those five questions are per value); the scores do not use the table.",
    '- Trained on synthetic DDXPlus patients; not validated for care.',
    '- The coordinator holds no patient: nothing here measured the model on held-out patients (bench:federated does).',
    '',
  ].join('\n');
  return registry.addCandidatePayload(version, model.toJSON(), {
    modelVersion: `${DDX_FAMILY}-${version}-${state.config.runId}`,
    dataHash: sha256Of({
      runId: state.config.runId,
      sites: state.config.sites,
      statistics: state.statistics,
    }),
    data: {
      description:
        'DDXPlus patients held at each site; only sums of spec-defined statistics and of patient-weighted model heads left the sites',
      ...run.data,
      patients,
      ...run.training,
      privacy: null,
      dataHashIs: 'sha256 of the run id, sites and summed statistics (the coordinator sees no patient)',
    },
    metrics: run.metrics,
    card,
    by,
  });
}
