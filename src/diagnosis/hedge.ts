import type { PatientContext } from '../clinical/patient.js';
import { ageBandOf, type OpenWorldKnowledge } from '../knowledge/open-world.js';
import type { ConditionInfo } from './kb-bridge.js';
import { ddxCounterparts } from './open-world/combine.js';

/**
 * What the DDXPlus model's differential is allowed to claim outside its synthetic world (issue 11: "Confidence must
 * be earned by evidence"; "Ebola 73 %" for a confused patient). Two steps, the same for every path that shows the
 * model's differential on its own (the engine on a case or on findings, the interview):
 *
 * 1. **Real-world prevalence, one-sided.** The model's softmax is closed over its 49 conditions and its structure
 *    prior rules out every condition a finding is not linked to, so one finding linked to a single rare condition
 *    (confusion → Ebola) hands that condition most of the mass. Each condition's posterior is multiplied by
 *    min(1, π(c) / π̃), π(c) its prevalence in the open-world knowledge (SymCat-derived visit prevalence × the
 *    patient's age-band and sex odds, summed over its ICD-10 counterparts) and π̃ the median of π over the 49
 *    conditions, then renormalised (a prior shift, Saerens et al. 2002). Only downwards: the DDXPlus generator's
 *    class shares are roughly flat, and the counterpart mapping is too coarse to raise a condition. A rare condition
 *    keeps its mass only when its specific evidence (e.g. Ebola contact, travel) makes the model's likelihood ratio
 *    outweigh its rarity. Conditions without an open-world counterpart keep weight 1.
 * 2. **Evidence ceiling.** With n findings present, the named conditions share n / (n + 6) (`HEDGE_K`, the same as the
 *    free-text path's `evidenceK`); the rest is "not settled / something else". Absent findings do not earn a named
 *    condition anything in an open world: they rule conditions out, not in. One finding: at most 1/7 ≈ 14 %.
 *
 * A display rule over the model's output, not a recalibration: the model's own posterior is kept beside each share.
 */
export const HEDGE_K = 6;

/** The share of the differential that n findings present earn: n / (n + 6). */
export function evidenceWeight(presentFindings: number): number {
  return presentFindings <= 0 ? 0 : presentFindings / (presentFindings + HEDGE_K);
}

export interface HedgedEntry {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10?: string;
  /** Share of the whole probability (the "not settled" share included) shown for the condition. */
  readonly share: number;
  /** The DDXPlus model's own posterior, within its 49 conditions. */
  readonly modelProbability: number;
  readonly mustNotMiss?: boolean;
}

export interface HedgedDifferential {
  /** Findings present that the shares rest on. */
  readonly establishedFindings: number;
  /** The share of the differential the evidence has earned, n / (n + 6). */
  readonly evidenceWeight: number;
  /** Share not settled yet / something else: 1 − the named shares. */
  readonly notSettled: number;
  readonly entries: readonly HedgedEntry[];
}

/** Per-condition prevalence weights min(1, π(c) / median π) for the DDXPlus conditions and one patient. */
export class PrevalenceWeights {
  readonly #counterparts: Map<string, number>;

  constructor(
    readonly conditions: readonly ConditionInfo[],
    readonly knowledge: OpenWorldKnowledge,
  ) {
    this.#counterparts = ddxCounterparts(conditions, knowledge.conditions);
  }

  weights(patient: PatientContext): number[] {
    const band = patient.ageYears !== undefined ? ageBandOf(patient.ageYears) : undefined;
    const mass = new Array<number>(this.conditions.length).fill(0);
    for (const c of this.knowledge.conditions) {
      const d = this.#counterparts.get(c.id);
      if (d === undefined) continue;
      let logP = c.logPrior;
      if (band !== undefined) logP += Math.log(Math.max(0.01, c.ageOdds[band] ?? 1));
      if (patient.sex === 'male') logP += Math.log(c.sexOdds.male);
      else if (patient.sex === 'female') logP += Math.log(c.sexOdds.female);
      mass[d]! += Math.exp(logP);
    }
    const known = mass.filter((m) => m > 0).sort((a, b) => a - b);
    if (known.length === 0) return mass.map(() => 1);
    const median = known[Math.floor(known.length / 2)]!;
    return mass.map((m) => (m > 0 ? Math.min(1, m / median) : 1));
  }
}

/**
 * The hedged differential of a full posterior over the model's conditions (index-aligned with `weights` and
 * `info`): prevalence-weighted, renormalised, scaled by the evidence weight; the top `limit` entries.
 */
export function hedgeDifferential(
  probabilities: ArrayLike<number>,
  weights: readonly number[],
  presentFindings: number,
  info: (condition: number) => {
    readonly conditionId: string;
    readonly label: string;
    readonly icd10?: string;
    readonly mustNotMiss?: boolean;
  },
  limit = 5,
): HedgedDifferential {
  const w = evidenceWeight(presentFindings);
  const q = Array.from(probabilities, (p, c) => p * (weights[c] ?? 1));
  const total = q.reduce((a, b) => a + b, 0);
  const entries =
    total > 0 && w > 0
      ? q
          .map((x, c) => ({ c, share: (x / total) * w }))
          .sort((a, b) => b.share - a.share)
          .slice(0, limit)
          .map(({ c, share }) => {
            const i = info(c);
            return {
              conditionId: i.conditionId,
              label: i.label,
              ...(i.icd10 ? { icd10: i.icd10 } : {}),
              share,
              modelProbability: probabilities[c]!,
              ...(i.mustNotMiss !== undefined ? { mustNotMiss: i.mustNotMiss } : {}),
            };
          })
      : [];
  return {
    establishedFindings: Math.max(0, presentFindings),
    evidenceWeight: w,
    notSettled: total > 0 ? 1 - w : 1,
    entries,
  };
}
