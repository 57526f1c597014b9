import type { Finding } from '../../clinical/finding.js';
import type { PatientContext } from '../../clinical/patient.js';
import { ageBandOf, type OpenWorldCondition, type OpenWorldKnowledge } from '../../knowledge/open-world.js';

/**
 * The open-world model: naive Bayes over the open-world knowledge (`src/knowledge/open-world.ts`) with a leak for
 * findings a condition's source does not list (SymCat keeps each condition's top symptoms only, so an unlisted
 * finding is unlikely, not impossible), priors from SymCat-derived prevalence times age and sex odds, and an explicit
 * "something else" class whose likelihood is each finding's marginal frequency — the share of patients whose
 * condition the knowledge does not describe. Scores are divided by a temperature (calibrated on the tuning split)
 * before normalising, so that several weak findings do not multiply into false certainty.
 */
export interface OpenWorldParams {
  /** P(finding | condition) for a finding the condition does not list. */
  readonly leak: number;
  /** Weight of absent findings' evidence (0–1; pertinent negatives in notes are chosen, not random). */
  readonly absentWeight: number;
  /** Softmax temperature over the summed log scores (≥ 1 flattens). */
  readonly temperature: number;
  /** Log prior of the "something else" class, relative to the median condition. */
  readonly otherLogPrior: number;
  /** Largest P(finding | condition) used (no finding is certain). */
  readonly maxP: number;
}

export const DEFAULT_OPEN_WORLD_PARAMS: OpenWorldParams = {
  leak: 0.02,
  absentWeight: 0.5,
  temperature: 1.6,
  otherLogPrior: 4,
  maxP: 0.95,
};

export interface OpenWorldEvidence {
  /** Open-world finding ids reported present. */
  readonly present: ReadonlySet<string>;
  /** Open-world finding ids reported absent. */
  readonly absent: ReadonlySet<string>;
}

export interface OpenWorldScore {
  readonly condition: OpenWorldCondition;
  readonly probability: number;
  /** Present findings the condition's knowledge lists. */
  readonly supportingFindings: readonly string[];
}

export interface OpenWorldPosterior {
  readonly ranked: readonly OpenWorldScore[];
  /** Posterior share of "a condition the knowledge does not describe". */
  readonly somethingElse: number;
}

/** Present and absent open-world findings of the patient (own, current or past, not hypothetical). */
export function openWorldEvidence(
  findings: readonly Finding[],
  knowledge: OpenWorldKnowledge,
): OpenWorldEvidence {
  const present = new Set<string>();
  const absent = new Set<string>();
  for (const f of findings) {
    if (f.experiencer === 'other' || f.temporality === 'hypothetical' || !knowledge.finding(f.conceptId))
      continue;
    if (f.status === 'present' && f.value !== false) present.add(f.conceptId);
    else if (f.status === 'absent') absent.add(f.conceptId);
  }
  for (const id of present) absent.delete(id);
  return { present, absent };
}

/** Compiled tables of one knowledge version: P(f | c) per condition, and each finding's marginal frequency. */
export class OpenWorldModel {
  readonly #p: Map<string, number>[];
  readonly #marginal = new Map<string, number>();

  constructor(
    readonly knowledge: OpenWorldKnowledge,
    readonly params: OpenWorldParams = DEFAULT_OPEN_WORLD_PARAMS,
  ) {
    this.#p = knowledge.conditions.map((c) => new Map(c.findings.map((a) => [a.finding, a.p])));
    // Marginal P(f): prior-weighted mean over conditions (leak where unlisted).
    const weights = knowledge.conditions.map((c) => Math.exp(c.logPrior));
    const total = weights.reduce((a, b) => a + b, 0);
    for (const f of knowledge.findings) {
      let sum = 0;
      knowledge.conditions.forEach((_, i) => {
        sum += weights[i]! * (this.#p[i]!.get(f.id) ?? params.leak);
      });
      this.#marginal.set(f.id, sum / total);
    }
  }

  withParams(params: OpenWorldParams): OpenWorldModel {
    return new OpenWorldModel(this.knowledge, params);
  }

  posterior(patient: PatientContext, evidence: OpenWorldEvidence): OpenWorldPosterior {
    const { leak, absentWeight, temperature, otherLogPrior, maxP } = this.params;
    const clip = (p: number) => Math.min(maxP, Math.max(leak, p));
    const band = patient.ageYears !== undefined ? ageBandOf(patient.ageYears) : undefined;
    const scores = this.knowledge.conditions.map((c, i) => {
      let score = c.logPrior;
      if (band !== undefined) score += Math.log(Math.max(0.01, c.ageOdds[band] ?? 1));
      if (patient.sex === 'male') score += Math.log(c.sexOdds.male);
      else if (patient.sex === 'female') score += Math.log(c.sexOdds.female);
      const table = this.#p[i]!;
      for (const f of evidence.present) score += Math.log(clip(table.get(f) ?? leak));
      for (const f of evidence.absent) score += absentWeight * Math.log(1 - clip(table.get(f) ?? leak));
      return score;
    });
    let other = otherLogPrior;
    for (const f of evidence.present) other += Math.log(clip(this.#marginal.get(f) ?? leak));
    for (const f of evidence.absent)
      other += absentWeight * Math.log(1 - clip(this.#marginal.get(f) ?? leak));
    const max = Math.max(other, ...scores);
    const weights = scores.map((s) => Math.exp((s - max) / temperature));
    const otherWeight = Math.exp((other - max) / temperature);
    const total = weights.reduce((a, b) => a + b, otherWeight);
    const ranked = this.knowledge.conditions
      .map((condition, i) => ({
        condition,
        probability: weights[i]! / total,
        supportingFindings: [...evidence.present].filter((f) => this.#p[i]!.has(f)),
      }))
      .sort((a, b) => b.probability - a.probability);
    return { ranked, somethingElse: otherWeight / total };
  }
}
