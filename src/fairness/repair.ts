import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import type { DdxSpec } from '../diagnosis/model/spec.js';
import type { TrainOptions } from '../diagnosis/model/train.js';
import { trainCandidate } from '../learning/candidate.js';
import { baseRecord, MAX_RECORD_WEIGHT, type TrainingRecord } from '../learning/dataset.js';
import { seededRandom } from '../ml/random.js';
import { demographicAttributes } from './audit.js';
import { type DdxFairnessReport, ddxFairnessReport, worstGroupGap } from './ddx-fairness.js';

/**
 * Repair when a group falls behind: change what the model trains on, then compare before and after on held-out
 * patients with the effect on every group.
 * - `reweight`: each sex × age-band group weighs as much in total as every other (weight N / (G · n_g), capped at
 *   `MAX_RECORD_WEIGHT`, so a tiny group cannot be blown up from a handful of cases);
 * - `balanced`: group-balanced sampling — N / G draws with replacement from each group (seeded), a record's weight
 *   = how often it was drawn (capped);
 * - more data for the group from feedback is the learning loop itself (`healthgpt eval feedback`).
 */
export type RepairStrategy = 'none' | 'reweight' | 'balanced';
export const REPAIR_STRATEGIES: readonly RepairStrategy[] = ['none', 'reweight', 'balanced'];

const groupOf = (record: TrainingRecord) => demographicAttributes(record.patient).sex_x_age_band ?? 'unknown';

export function reweightByGroup(records: readonly TrainingRecord[]): TrainingRecord[] {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(groupOf(r), (counts.get(groupOf(r)) ?? 0) + 1);
  const G = counts.size;
  return records.map((r) => ({
    ...r,
    weight: Math.min(MAX_RECORD_WEIGHT, (r.weight * records.length) / (G * counts.get(groupOf(r))!)),
  }));
}

export function balancedSample(records: readonly TrainingRecord[], seed: number): TrainingRecord[] {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const list = groups.get(groupOf(r)) ?? [];
    list.push(i);
    groups.set(groupOf(r), list);
  });
  const random = seededRandom(seed);
  const draws = new Array<number>(records.length).fill(0);
  const perGroup = Math.round(records.length / groups.size);
  for (const key of [...groups.keys()].sort()) {
    const members = groups.get(key)!;
    for (let k = 0; k < perGroup; k++) draws[members[Math.floor(random() * members.length)]!]!++;
  }
  return records.map((r, i) => ({ ...r, weight: Math.min(MAX_RECORD_WEIGHT, draws[i]!) }));
}

export function applyRepair(
  strategy: RepairStrategy,
  records: readonly TrainingRecord[],
  seed: number,
): TrainingRecord[] {
  if (strategy === 'reweight') return reweightByGroup(records);
  if (strategy === 'balanced') return balancedSample(records, seed);
  return [...records];
}

export interface RepairResult {
  readonly strategy: RepairStrategy;
  readonly gtpa_at_1: number;
  readonly worst_group_gap: number;
  /** Per sex × age-band group: GTPA@1 and the change from `none`. */
  readonly groups: readonly {
    value: string;
    n: number;
    gtpa_at_1: number;
    change: number;
    ci_low: number;
    ci_high: number;
    flagged: boolean;
  }[];
  readonly report: DdxFairnessReport;
}

/** Trains one model per strategy on `train` (all of it: no check part here) and audits each on `test`. */
export function compareRepairs(
  spec: DdxSpec,
  train: readonly DdxplusPatient[],
  test: readonly DdxplusPatient[],
  options: {
    strategies?: readonly RepairStrategy[];
    seed?: number;
    train?: Partial<TrainOptions>;
    resamples?: number;
  } = {},
): RepairResult[] {
  const seed = options.seed ?? 6;
  // Keys that are never in the check part: every training patient is used.
  const records = train.map((p, i) => ({ ...baseRecord(p), key: `repair:${i}` }));
  const reports: { strategy: RepairStrategy; report: DdxFairnessReport }[] = [];
  for (const strategy of options.strategies ?? REPAIR_STRATEGIES) {
    const trained = trainCandidate(spec, applyRepair(strategy, records, seed), {
      version: `repair-${strategy}`,
      seed,
      includeCheckPart: true,
      ...(options.train ? { train: options.train } : {}),
    });
    reports.push({
      strategy,
      report: ddxFairnessReport(trained.model, test, { resamples: options.resamples ?? 1000 }),
    });
  }
  const baseline = reports.find((r) => r.strategy === 'none')?.report;
  return reports.map(({ strategy, report }) => ({
    strategy,
    gtpa_at_1: report.overall.gtpa_at_1,
    worst_group_gap: worstGroupGap(report),
    groups: report.groups
      .filter((g) => g.attribute === 'sex_x_age_band')
      .map((g) => ({
        value: g.value,
        n: g.n,
        gtpa_at_1: g.gtpa_at_1,
        change:
          g.gtpa_at_1 -
          (baseline?.groups.find((b) => b.attribute === g.attribute && b.value === g.value)?.gtpa_at_1 ??
            g.gtpa_at_1),
        ci_low: g.ci_low,
        ci_high: g.ci_high,
        flagged: g.flagged,
      })),
    report,
  }));
}
