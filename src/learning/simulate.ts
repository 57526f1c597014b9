import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import type { DdxSpec } from '../diagnosis/model/spec.js';
import type { TrainOptions } from '../diagnosis/model/train.js';
import { type AuditItem, auditSubgroups, DEMOGRAPHIC_ATTRIBUTES } from '../fairness/audit.js';
import {
  type DdxFairnessReport,
  ddxAuditItems,
  toDdxFairnessReport,
  worstGroupGap,
} from '../fairness/ddx-fairness.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { trainCandidate } from './candidate.js';
import { baseRecord, patientHash, type TrainingRecord } from './dataset.js';
import { learnOnce } from './learn.js';
import type { PromotionDecision } from './promotion.js';
import { ModelRegistry } from './registry.js';

/**
 * `healthgpt eval feedback`: a fresh model trained on the initial patients only (registered as v1 of a throw-away
 * registry), then the stream fed month by month as clinician-confirmed cases through the product's learning path
 * (`learnOnce`: candidate, held-out check, promotion rule), reporting the active model on the test patients after
 * each month. The test patients are never trained on and never used to decide a promotion.
 */
export interface FeedbackMonth {
  readonly month: number;
  readonly added: number;
  readonly promoted: boolean;
  readonly gtpa_at_1: number;
  readonly worst_group_gap: number;
  readonly active_version: string;
  readonly candidate_version: string;
  readonly reasons: readonly string[];
  readonly training_seconds: number;
  readonly training_cpu_seconds: number;
}

export interface FeedbackEvaluation {
  readonly months: readonly FeedbackMonth[];
  readonly initial: { readonly gtpa_at_1: number; readonly worst_group_gap: number };
  readonly final: { readonly gtpa_at_1: number; readonly worst_group_gap: number };
  readonly n: { readonly initial: number; readonly stream: number; readonly test: number };
  /** The test-set audits of the initial and of every active model (keyed by registry version). */
  readonly audits: Readonly<Record<string, DdxFairnessReport>>;
  /** Per test patient, right or not, for the same models (same order as the test file): for paired comparisons. */
  readonly testItems: Readonly<Record<string, readonly AuditItem[]>>;
  readonly decisions: readonly PromotionDecision[];
}

export interface FeedbackOptions {
  readonly months: number;
  readonly seed?: number;
  readonly train?: Partial<TrainOptions>;
  /** Reweights records before each training (the repair step); default: every record weight 1. */
  readonly reweight?: (records: readonly TrainingRecord[]) => TrainingRecord[];
  readonly resamples?: number;
  readonly onMonth?: (month: FeedbackMonth) => void;
}

/** Month `m` (0-based) of `n` items cut into `months` consecutive, near-equal parts. */
export function monthSlice<T>(items: readonly T[], m: number, months: number): T[] {
  const start = Math.round((m * items.length) / months);
  const end = Math.round(((m + 1) * items.length) / months);
  return items.slice(start, end);
}

export function evaluateFeedbackLoop(
  spec: DdxSpec,
  initial: readonly DdxplusPatient[],
  stream: readonly DdxplusPatient[],
  test: readonly DdxplusPatient[],
  options: FeedbackOptions,
): FeedbackEvaluation {
  const stateDir = mkdtempSync(join(tmpdir(), 'healthgpt-feedback-'));
  const store = openSqliteStore(':memory:');
  try {
    const reweight = options.reweight ?? ((r: readonly TrainingRecord[]) => [...r]);
    let records: TrainingRecord[] = initial.map(baseRecord);
    const first = trainCandidate(spec, reweight(records), {
      version: 'ddx-logistic-v1-initial',
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.train ? { train: options.train } : {}),
    });
    const registry = new ModelRegistry(store.documents, stateDir, () => first.model);
    const audit = { resamples: options.resamples ?? 1000 };
    const testItems: Record<string, AuditItem[]> = {};
    const testReport = (version: string) => {
      const model = registry.load(version);
      testItems[version] = ddxAuditItems(model, test);
      return toDdxFairnessReport(
        auditSubgroups(testItems[version], { attributes: DEMOGRAPHIC_ATTRIBUTES, ...audit }),
        model.modelVersion,
      );
    };
    const audits: Record<string, DdxFairnessReport> = { v1: testReport('v1') };
    const summary = (r: DdxFairnessReport) => ({
      gtpa_at_1: r.overall.gtpa_at_1,
      worst_group_gap: worstGroupGap(r),
    });
    const months: FeedbackMonth[] = [];
    const decisions: PromotionDecision[] = [];
    for (let m = 0; m < options.months; m++) {
      const arriving = monthSlice(stream, m, options.months);
      const seen = new Set(records.map((r) => r.key));
      const fresh = arriving
        .map(
          (patient): TrainingRecord => ({
            key: `case:${patientHash(patient)}`,
            patient,
            source: 'confirmed',
            weight: 1,
          }),
        )
        .filter((r) => !seen.has(r.key) && !seen.has(`ddxplus:${r.key.slice(5)}`));
      records = [...records, ...fresh];
      const result = learnOnce({
        registry,
        spec,
        records: reweight(records),
        by: 'eval feedback',
        autoPromote: true,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.train ? { train: options.train } : {}),
        audit,
      });
      decisions.push(result.decision);
      const activeVersion = result.active.version;
      audits[activeVersion] ??= testReport(activeVersion);
      const month: FeedbackMonth = {
        month: m + 1,
        added: fresh.length,
        promoted: result.promoted,
        ...summary(audits[activeVersion]!),
        active_version: activeVersion,
        candidate_version: result.candidate.version,
        reasons: result.decision.reasons,
        training_seconds: Number(result.seconds.toFixed(2)),
        training_cpu_seconds: Number(result.cpuSeconds.toFixed(2)),
      };
      months.push(month);
      options.onMonth?.(month);
    }
    const finalVersion = registry.active().version;
    return {
      months,
      initial: summary(audits.v1!),
      final: summary(audits[finalVersion]!),
      n: { initial: initial.length, stream: stream.length, test: test.length },
      audits,
      testItems,
      decisions,
    };
  } finally {
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
