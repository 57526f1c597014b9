import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import type { DdxSpec } from '../diagnosis/model/spec.js';
import type { TrainOptions } from '../diagnosis/model/train.js';
import type { AuditOptions } from '../fairness/audit.js';
import { auditSubgroups, DEMOGRAPHIC_ATTRIBUTES } from '../fairness/audit.js';
import { compareOnSameItems } from '../fairness/compare.js';
import { type DdxFairnessReport, ddxAuditItems, toDdxFairnessReport } from '../fairness/ddx-fairness.js';
import { trainCandidate } from './candidate.js';
import { dedupeRecords, isCheckRecord, type TrainingRecord } from './dataset.js';
import { decidePromotion, type PromotionDecision } from './promotion.js';
import type { ModelRegistry, ModelVersionRecord } from './registry.js';

/**
 * One turn of the learning loop — what `healthgpt learn diagnosis`, the scheduled job and `healthgpt eval feedback`
 * all run: train a candidate on the base records plus clinician-confirmed cases (deduplicated, capped weights, the
 * check part held out), register it, measure it and the active model on the same held-out check cases (the base
 * check part plus every confirmed case in the check part: the candidate's shadow run on cases it never saw), decide
 * with the promotion rule, and promote only when the rule says yes and `autoPromote` is set.
 */
export interface LearnInput {
  readonly registry: ModelRegistry;
  readonly spec: DdxSpec;
  readonly records: readonly TrainingRecord[];
  readonly by: string;
  readonly autoPromote: boolean;
  readonly seed?: number;
  readonly train?: Partial<TrainOptions>;
  readonly audit?: AuditOptions;
  readonly now?: () => Date;
}

export interface LearnResult {
  readonly candidate: ModelVersionRecord;
  readonly decision: PromotionDecision;
  readonly promoted: boolean;
  readonly active: ModelVersionRecord;
  readonly check: { readonly active: DdxFairnessReport; readonly candidate: DdxFairnessReport };
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** The held-out check patients of a record set. */
export function checkPatients(records: readonly TrainingRecord[]): DdxplusPatient[] {
  return dedupeRecords(records)
    .filter((r) => isCheckRecord(r))
    .map((r) => r.patient);
}

export function learnOnce(input: LearnInput): LearnResult {
  const { registry } = input;
  const activeRecord = registry.active();
  const activeModel = registry.load(activeRecord.version);
  const version = registry.nextVersion();
  const date = (input.now?.() ?? new Date()).toISOString().slice(0, 10);
  const trained = trainCandidate(input.spec, input.records, {
    version: `ddx-logistic-${version}-${date}`,
    calibrationFrom: activeModel,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.train ? { train: input.train } : {}),
    ...(input.now ? { now: input.now } : {}),
  });
  const check = checkPatients(input.records);
  const activeItems = ddxAuditItems(activeModel, check);
  const candidateItems = ddxAuditItems(trained.model, check);
  const auditOptions = { attributes: DEMOGRAPHIC_ATTRIBUTES, ...input.audit };
  const activeReport = toDdxFairnessReport(
    auditSubgroups(activeItems, auditOptions),
    activeModel.modelVersion,
  );
  const candidateReport = toDdxFairnessReport(
    auditSubgroups(candidateItems, auditOptions),
    trained.model.modelVersion,
  );
  const changes = compareOnSameItems(activeItems, candidateItems, DEMOGRAPHIC_ATTRIBUTES, {
    ...(input.audit?.resamples !== undefined ? { resamples: input.audit.resamples } : {}),
    ...(input.audit?.minGroupSize !== undefined ? { minGroupSize: input.audit.minGroupSize } : {}),
  });
  const decision = decidePromotion(activeReport, candidateReport, changes);
  const summary = (r: DdxFairnessReport) => ({
    n: r.n,
    gtpa_at_1: r.overall.gtpa_at_1,
    ci_low: r.overall.ci_low,
    ci_high: r.overall.ci_high,
    flagged: r.groups.filter((g) => g.flagged).map((g) => `${g.attribute} ${g.value}`),
  });
  const candidate = registry.addCandidate(version, trained.model, {
    parent: activeRecord.version,
    dataHash: trained.dataHash,
    data: {
      trainingRecords: trained.trainingRecords,
      baseRecords: trained.baseRecords,
      confirmedRecords: trained.confirmedRecords,
      checkCases: check.length,
    },
    metrics: {
      check: summary(candidateReport),
      activeOnCheck: { version: activeRecord.version, ...summary(activeReport) },
      promotion: decision,
      trainingSeconds: Number(trained.seconds.toFixed(1)),
    },
    card: modelCard(version, activeRecord.version, trained, candidateReport, decision),
    by: input.by,
  });
  let promoted = false;
  let active = activeRecord;
  if (decision.promote && input.autoPromote) {
    active = registry.promote(version, input.by, 'promotion rule passed');
    promoted = true;
  }
  return {
    candidate: promoted ? active : candidate,
    decision,
    promoted,
    active,
    check: { active: activeReport, candidate: candidateReport },
    seconds: trained.seconds,
    cpuSeconds: trained.cpuSeconds,
  };
}

function modelCard(
  version: string,
  parent: string,
  trained: ReturnType<typeof trainCandidate>,
  report: DdxFairnessReport,
  decision: PromotionDecision,
): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `# Diagnosis model ${version} (${trained.model.modelVersion})`,
    '',
    `Trained by the learning loop to replace ${parent}: the project's DDXPlus trainer on ${trained.baseRecords} base records and ${trained.confirmedRecords} clinician-confirmed cases (deduplicated, weight per case at most 3; one in five records held out as check cases). Data hash ${trained.dataHash.slice(0, 16)}. Calibration (temperatures, differential list) carried over from ${parent}.`,
    '',
    `Held-out check cases: ${report.n}; GTPA@1 (full evidence) ${pct(report.overall.gtpa_at_1)} (95 % bootstrap ${pct(report.overall.ci_low)}–${pct(report.overall.ci_high)}).`,
    `Flagged groups: ${
      report.groups
        .filter((g) => g.flagged)
        .map((g) => `${g.attribute} ${g.value}`)
        .join(', ') || 'none'
    }.`,
    `Promotion rule: ${decision.rule}. Decision: ${decision.promote ? 'may be promoted' : `not promoted (${decision.reasons.join('; ')})`}.`,
    '',
    'Synthetic training data (DDXPlus) plus confirmed cases: decision support for clinicians, not a diagnosis.',
  ].join('\n');
}
