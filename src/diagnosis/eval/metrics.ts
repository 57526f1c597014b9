/**
 * DDXPlus evaluation metrics (Fansi Tchango et al., NeurIPS 2022, §4.3 and App. A.7; official code
 * `mila-iqia/ddxplus` `code/aarlc/ddxplus_code/metrics.py`): both the predicted and the ground-truth differentials
 * are cut at probability 0.01 (entries with mass ≤ 0.01 removed); GTPA = the true pathology is in the predicted
 * differential; GTPA@k = it is among the top k (and above the cut); DDR / DDP / DDF1 = set recall / precision / F1
 * between the two cut differentials, per patient, averaged.
 */
export const DIFFERENTIAL_CUT = 0.01;

/** One predicted differential: condition names, highest first, each with its probability. */
export type RankedDifferential = readonly { readonly name: string; readonly probability: number }[];

export interface PatientOutcome {
  readonly pathology: string;
  readonly groundTruth: readonly (readonly [string, number])[];
  /** The predicted differential, best first, already cut (see `DIFFERENTIAL_CUT`). */
  readonly predicted: RankedDifferential;
  readonly turns: number;
  /** True when the true pathology is must-not-miss (severity ≤ 2). */
  readonly mustNotMiss: boolean;
}

export interface DdxMetrics {
  readonly n: number;
  readonly gtpa: number;
  readonly gtpa_at_1: number;
  readonly gtpa_at_3: number;
  readonly gtpa_at_5: number;
  readonly gtpa_at_10: number;
  readonly ddr: number;
  readonly ddp: number;
  readonly ddf1: number;
  readonly avg_turns: number;
  /** Share of patients whose true pathology has severity ≤ 2 with it in the top 5 (issue 6). */
  readonly must_not_miss_recall: number;
  readonly must_not_miss_n: number;
}

/** Removes entries at or below the cut. */
export function cutDifferential<T extends { probability: number }>(
  entries: readonly T[],
  cut = DIFFERENTIAL_CUT,
): T[] {
  return entries.filter((entry) => entry.probability > cut);
}

/** Aggregates per-patient outcomes into the DDXPlus metrics. */
export function ddxMetrics(outcomes: readonly PatientOutcome[]): DdxMetrics {
  const n = outcomes.length;
  let gtpa = 0;
  const at = { 1: 0, 3: 0, 5: 0, 10: 0 } as Record<1 | 3 | 5 | 10, number>;
  let ddr = 0;
  let ddp = 0;
  let ddf1 = 0;
  let turns = 0;
  let mnmN = 0;
  let mnmHit = 0;
  for (const outcome of outcomes) {
    const names = outcome.predicted.map((entry) => entry.name);
    const rank = names.indexOf(outcome.pathology);
    if (rank >= 0) gtpa++;
    for (const k of [1, 3, 5, 10] as const) if (rank >= 0 && rank < k) at[k]++;
    const truth = new Set(outcome.groundTruth.filter(([, p]) => p > DIFFERENTIAL_CUT).map(([name]) => name));
    const predicted = new Set(names);
    let common = 0;
    for (const name of predicted) if (truth.has(name)) common++;
    const recall = truth.size ? common / truth.size : 0;
    const precision = predicted.size ? common / predicted.size : 0;
    ddr += recall;
    ddp += precision;
    ddf1 += recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
    turns += outcome.turns;
    if (outcome.mustNotMiss) {
      mnmN++;
      if (rank >= 0 && rank < 5) mnmHit++;
    }
  }
  const mean = (x: number) => (n ? x / n : 0);
  return {
    n,
    gtpa: mean(gtpa),
    gtpa_at_1: mean(at[1]),
    gtpa_at_3: mean(at[3]),
    gtpa_at_5: mean(at[5]),
    gtpa_at_10: mean(at[10]),
    ddr: mean(ddr),
    ddp: mean(ddp),
    ddf1: mean(ddf1),
    avg_turns: mean(turns),
    must_not_miss_recall: mnmN ? mnmHit / mnmN : 1,
    must_not_miss_n: mnmN,
  };
}
