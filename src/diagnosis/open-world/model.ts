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
  /**
   * Background leak of a symptom or sign a condition does not list, as a multiple of that finding's mean listed
   * frequency over all conditions (0 or absent: the flat `leak` only). A finding many conditions list (fever, cough,
   * fatigue) is then not strong evidence against a condition whose source simply kept other symptoms; a rare,
   * specific one (stridor, a non-blanching rash) still is. Never above the condition's own least frequent listed
   * finding: SymCat keeps each condition's most frequent symptoms, so an unlisted one is rarer than those.
   */
  readonly backgroundScale?: number;
  /**
   * Weight of the conditions' log priors (1 or absent: as derived). SymCat's priors are visit frequencies in which
   * injuries and colds dominate; below 1 they count for less against the findings' evidence.
   */
  readonly priorWeight?: number;
}

/**
 * How often a history item or risk factor is reported in a patient whose condition is not linked to it: its
 * population frequency, not a leak. Without this an ex-smoker's note counted as 1-in-200 evidence against every
 * condition but the few the editorial tables link to smoking (the "COPD 35 %, pneumonia 2 %" case).
 * Approximate adult frequencies, rounded down for notes that do not record them:
 * - ever smoked (current or former), US adults: about 12 % current + 22 % former (CDC NHIS 2021) → 0.3;
 * - diagnosed diabetes: 11 % of the US population (CDC National Diabetes Statistics Report 2022) → 0.1;
 * - a recent injury, recent travel, sick contacts, unprotected sex, a tick bite, animal contact, fava beans, a
 *   choking episode, breastfeeding: mentioned in a small share of consultations for other reasons → 0.02–0.05;
 * - symptoms on exertion: reported by many older patients with any cardiorespiratory complaint → 0.05.
 */
export const HISTORY_BACKGROUND: Readonly<Record<string, number>> = {
  'sign.smoker': 0.3,
  'sign.diabetes-history': 0.1,
  'sign.exertional-pain': 0.05,
  'sign.trauma': 0.03,
  'sign.travel': 0.03,
  'sign.sick-contacts': 0.05,
  'sign.unsafe-sex': 0.02,
  'sign.tick-bite': 0.01,
  'sign.animal-contact': 0.01,
  'sign.fava-beans': 0.005,
  'sign.choking-episode': 0.005,
  'sign.postpartum-breastfeeding': 0.02,
  // About one adult in twelve in primary care takes an ACE inhibitor (project estimate from prescribing volumes).
  'sign.ace-inhibitor': 0.08,
  // About 3 % of adults take an oral anticoagulant (AF, clots, valves), more with age (project estimate).
  'sign.anticoagulant': 0.03,
  // Epilepsy: about 1 % of people (NICE NG217).
  'sign.known-epilepsy': 0.01,
  'lab.covid-exposure': 0.02,
};

/**
 * A specific finding implies the general one it is a kind of (green sputum is coughed-up sputum, which is a cough),
 * so a condition whose source lists only the general finding is not penalised when the note names the specific one.
 * An explicit "no <general finding>" in the note wins (the implied finding is not added).
 */
export const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'sx.pus-in-sputum': ['sx.coughing-up-sputum', 'sx.cough'],
  'sx.coughing-up-sputum': ['sx.cough'],
  'sx.hemoptysis': ['sx.cough'],
  'sign.barking-cough': ['sx.cough'],
  'sign.thunderclap-headache': ['sx.headache'],
  'sign.unilateral-leg-swelling': ['sx.leg-swelling'],
  'sign.podagra': ['sx.foot-or-toe-pain'],
  'sign.exertional-syncope': ['sx.fainting'],
};

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
  for (const id of [...present])
    for (const general of IMPLIES[id] ?? [])
      if (!absent.has(general) && knowledge.finding(general)) present.add(general);
  for (const id of present) absent.delete(id);
  return { present, absent };
}

/** Compiled tables of one knowledge version: P(f | c) per condition, and each finding's marginal frequency. */
export class OpenWorldModel {
  readonly #p: Map<string, number>[];
  readonly #marginal = new Map<string, number>();
  /** P(finding | condition) for a finding the condition does not list, before the per-condition cap. */
  readonly #background = new Map<string, number>();
  /** Per condition: its least frequent listed symptom (an unlisted one is rarer). */
  readonly #minListed: number[];

  constructor(
    readonly knowledge: OpenWorldKnowledge,
    readonly params: OpenWorldParams = DEFAULT_OPEN_WORLD_PARAMS,
  ) {
    this.#p = knowledge.conditions.map((c) => new Map(c.findings.map((a) => [a.finding, a.p])));
    this.#minListed = knowledge.conditions.map((c) =>
      Math.max(
        params.leak,
        Math.min(1, ...c.findings.filter((a) => a.finding.startsWith('sx.')).map((a) => a.p)),
      ),
    );
    const scale = params.backgroundScale ?? 0;
    for (const f of knowledge.findings) {
      const history = HISTORY_BACKGROUND[f.id];
      if (history !== undefined) {
        this.#background.set(f.id, Math.max(params.leak, history));
        continue;
      }
      let listed = 0;
      for (const table of this.#p) listed += table.get(f.id) ?? 0;
      this.#background.set(f.id, Math.max(params.leak, (scale * listed) / knowledge.conditions.length));
    }
    // Marginal P(f): prior-weighted mean over conditions (leak where unlisted).
    const weights = knowledge.conditions.map((c) => Math.exp(c.logPrior));
    const total = weights.reduce((a, b) => a + b, 0);
    for (const f of knowledge.findings) {
      let sum = 0;
      knowledge.conditions.forEach((_, i) => {
        sum += weights[i]! * (this.#p[i]!.get(f.id) ?? this.#unlisted(f.id, i));
      });
      this.#marginal.set(f.id, sum / total);
    }
  }

  /** P(f | condition i) for a finding condition i does not list. */
  #unlisted(finding: string, i: number): number {
    const background = this.#background.get(finding) ?? this.params.leak;
    if (HISTORY_BACKGROUND[finding] !== undefined) return background;
    return Math.min(background, this.#minListed[i]!);
  }

  withParams(params: OpenWorldParams): OpenWorldModel {
    return new OpenWorldModel(this.knowledge, params);
  }

  posterior(patient: PatientContext, evidence: OpenWorldEvidence): OpenWorldPosterior {
    const { leak, absentWeight, temperature, otherLogPrior, maxP } = this.params;
    const clip = (p: number) => Math.min(maxP, Math.max(leak, p));
    const band = patient.ageYears !== undefined ? ageBandOf(patient.ageYears) : undefined;
    const priorWeight = this.params.priorWeight ?? 1;
    const scores = this.knowledge.conditions.map((c, i) => {
      let score = priorWeight * c.logPrior;
      if (band !== undefined) score += Math.log(Math.max(0.01, c.ageOdds[band] ?? 1));
      if (patient.sex === 'male') score += Math.log(c.sexOdds.male);
      else if (patient.sex === 'female') score += Math.log(c.sexOdds.female);
      const table = this.#p[i]!;
      for (const f of evidence.present) score += Math.log(clip(table.get(f) ?? this.#unlisted(f, i)));
      for (const f of evidence.absent)
        score += absentWeight * Math.log(1 - clip(table.get(f) ?? this.#unlisted(f, i)));
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
