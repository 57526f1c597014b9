import { z } from 'zod';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Contribution, DifferentialEntry, Explanation } from '../clinical/outputs.js';
import type { PatientContext } from '../clinical/patient.js';
import { findingSchema, patientContextSchema } from '../clinical/schemas.js';
import type { CaseInputs } from '../engine/case-inputs.js';
import type { CdsCard } from '../engine/cds-card.js';
import {
  defineEngine,
  type EngineComputation,
  type EngineResult,
  type SyncEngine,
} from '../engine/engine.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../knowledge/index.js';
import { loadOpenWorldKnowledge } from '../knowledge/open-world.js';
import { DIFFERENTIAL_CUT } from './eval/metrics.js';
import { explainCondition } from './explain.js';
import { findingsToAnswers, type ReconcileOptions } from './findings.js';
import { type HedgedDifferential, hedgeDifferential, PrevalenceWeights } from './hedge.js';
import {
  applyLikelihoodShifts,
  type ImagingEvidence,
  imagingDependenceWarning,
  imagingEvidenceFromFindings,
  imagingEvidenceSchema,
  logLikelihoodShifts,
} from './imaging-evidence.js';
import { DEFAULT_INTERVIEW_OPTIONS } from './interview/options.js';
import { rankQuestions } from './interview/policy.js';
import { DdxInputError, KnowledgeBridge, type QuestionInfo } from './kb-bridge.js';
import type { DdxLogisticModel } from './model/logistic.js';
import type { DdxState } from './model/state.js';
import { loadDdxModel } from './model-file.js';

export const ddxInputSchema = z
  .object({
    patient: patientContextSchema.default({}),
    findings: z.array(findingSchema).max(1000),
    /** How many next questions to propose (0 for none). */
    questions: z.number().int().min(0).max(10).default(3),
    /** Likelihood ratios from image models, fused after the symptom model (see `imaging-evidence.ts`). */
    imagingEvidence: z.array(imagingEvidenceSchema).max(10).optional(),
  })
  .strict();

export type DdxInput = z.input<typeof ddxInputSchema>;

/** The engine's validated input (defaults applied). */
export type DdxParsedInput = z.output<typeof ddxInputSchema>;

/** One condition of the differential, with why. */
export interface DdxEntry extends DifferentialEntry {
  /**
   * The model's own calibrated posterior within its 49 conditions (synthetic patients). In the engine's output
   * `probability` is the share shown (`hedge.ts`: prevalence-weighted, earned by the findings present); the interview
   * and `differential()` keep the posterior in `probability`.
   */
  readonly modelProbability?: number;
  readonly severity: number;
  /** Weight of the condition in the differential head (trained on DDXPlus ground-truth differentials). */
  readonly differentialWeight: number;
  /** Baseline + contributions = the condition's calibrated score; softmax of the scores gives `probability`. */
  readonly explanation: {
    readonly baseline: number;
    readonly score: number;
    readonly contributions: readonly Contribution[];
  };
}

/** A question the interview proposes next, with why. */
export interface ProposedQuestion extends QuestionInfo {
  readonly expectedGainNats: number;
  readonly mustNotMissGainNats: number;
  readonly separates: readonly { readonly conditionId: string; readonly label: string }[];
  readonly why: string;
}

export interface DdxOutput {
  /** The model's own differential: calibrated posteriors within its 49 conditions, on synthetic patients. */
  readonly differential: { readonly entries: readonly DdxEntry[] };
  /**
   * What may be shown as the chance of each condition (`hedge.ts`): real-world prevalence (rare conditions need
   * their specific evidence) and the evidence ceiling n / (n + 6) for n findings present, with the rest "not settled /
   * something else". Empty entries when nothing is present.
   */
  readonly hedged: HedgedDifferential;
  readonly questions: readonly ProposedQuestion[];
  /** True when the top condition reached the interview's confidence threshold. */
  readonly confident: boolean;
  readonly warnings: readonly string[];
}

/**
 * The differential-diagnosis model over the knowledge base: findings (knowledge-base concept ids) and patient context
 * in, a ranked differential with calibrated probabilities, per-condition explanations and the next best questions
 * out. `engine` is it as an `Engine` (`diagnosis.ddx`, registered by the capability); the interview and the intake's
 * question ranking use the model methods. Decision support for a clinician, not a diagnosis.
 */
export class DdxEngine {
  readonly bridge: KnowledgeBridge;
  #prevalence: PrevalenceWeights | undefined;
  readonly engine: SyncEngine<typeof ddxInputSchema, DdxOutput> & {
    caseInputs(clinicalCase: ClinicalCase): CaseInputs;
  };

  constructor(
    readonly model: DdxLogisticModel = loadDdxModel(),
    kb: KnowledgeBase = loadKnowledgeBase(),
  ) {
    this.bridge = new KnowledgeBridge(kb, model.index);
    const engine: SyncEngine<typeof ddxInputSchema, DdxOutput> = defineEngine({
      id: 'diagnosis.ddx',
      outputKind: 'differential',
      title: 'Differential diagnosis (learned, DDXPlus conditions)',
      version: '1.0.0',
      modelVersion: model.modelVersion,
      description:
        'Ranks 49 conditions from findings present, absent or unknown with a calibrated logistic model trained on DDXPlus, explains each probability and proposes the most informative next questions.',
      source: 'Fansi Tchango et al., DDXPlus, NeurIPS 2022 Datasets and Benchmarks (arXiv 2205.09148)',
      validation: {
        // DDXPlus patients are synthetic: no measurement on real patients yet.
        status: 'experimental',
        metrics: [
          {
            name: 'GTPA@1 (interactive)',
            value: 0.9925,
            dataset: 'DDXPlus dev, validation split of 398 synthetic patients (seed 6)',
            evidence: 'benchmark',
            reference: 'docs/benchmarks.md',
            cell: {
              section: 'ddx',
              table: 1,
              row: ['HealthGPT ddx-logistic…', 'interactive'],
              column: 'GTPA@1',
            },
            note: 'synthetic patients; 5.24 questions on average',
          },
          {
            name: 'DDF1 (interactive)',
            value: 0.7007,
            dataset: 'DDXPlus dev, validation split of 398 synthetic patients (seed 6)',
            evidence: 'benchmark',
            reference: 'docs/benchmarks.md',
            cell: {
              section: 'ddx',
              table: 1,
              row: ['HealthGPT ddx-logistic…', 'interactive'],
              column: 'DDF1',
            },
          },
        ],
      },
      inputSchema: ddxInputSchema,
      exampleInput: {
        patient: { ageYears: 45, sex: 'male' },
        findings: [
          { conceptId: 'cough', status: 'present' },
          { conceptId: 'fever', status: 'present' },
        ],
      },
      // The explanation is the top condition's: baseline + contributions = its softmax score.
      additiveTotal: (output) => output.differential.entries[0]?.explanation.score,
      compute: (input) => this.compute(input),
      fromCase: (clinicalCase) => this.fromCase(clinicalCase),
      toCard: (assessment) => this.toCard(assessment),
    });
    // What the engine reads from a case and what is missing, so that `POST /v1/cases/{id}/assessments` names it.
    this.engine = Object.assign(engine, { caseInputs: (c: ClinicalCase) => this.caseInputs(c) });
  }

  get id(): string {
    return this.engine.id;
  }

  get modelVersion(): string {
    return this.model.modelVersion;
  }

  /** The model state of a patient and findings (throws `DdxInputError` naming bad findings). */
  stateOf(
    patient: PatientContext,
    findings: readonly Finding[],
    fieldPrefix = '/findings',
    options: ReconcileOptions = {},
  ): DdxState {
    const answers = findingsToAnswers(this.bridge, findings, fieldPrefix, options);
    return {
      ...(patient.ageYears !== undefined ? { ageYears: patient.ageYears } : {}),
      ...(patient.sex === 'male'
        ? { sex: 'M' as const }
        : patient.sex === 'female'
          ? { sex: 'F' as const }
          : {}),
      answers,
    };
  }

  /**
   * The differential of a state: conditions above the 0.01 cut in posterior or differential head, by posterior. With
   * imaging evidence, the posterior is updated by each likelihood ratio (odds × LR, the rest renormalised) and the
   * condition's explanation gains the signed contribution ln LR, so baseline + contributions still equal its score.
   */
  differential(state: DdxState, imaging: readonly ImagingEvidence[] = []): DdxEntry[] {
    const shifts = logLikelihoodShifts(imaging, (id) => this.conditionIndex(id));
    const p = applyLikelihoodShifts(this.model.predict(state), shifts);
    const weights = this.model.differential(state);
    const entries: DdxEntry[] = [];
    p.forEach((probability, c) => {
      if (probability <= DIFFERENTIAL_CUT && weights[c]! <= DIFFERENTIAL_CUT) return;
      const info = this.bridge.condition(c);
      const explanation = explainCondition(this.model, this.bridge, state, c);
      const imagingTerms: Contribution[] = imaging
        .filter((e) => e.conditionId === info.conditionId)
        .map((e, i) => ({
          input: `imaging:${i}`,
          label: `${e.source} → LR ${e.likelihoodRatio.toFixed(2)}`,
          value: e.likelihoodRatio,
          contribution: Math.log(e.likelihoodRatio),
          unit: 'log-likelihood-ratio' as const,
        }));
      const shift = imagingTerms.reduce((sum, t) => sum + t.contribution, 0);
      entries.push({
        conditionId: info.conditionId,
        label: info.label,
        icd10: info.icd10,
        probability,
        mustNotMiss: info.mustNotMiss,
        severity: info.severity,
        differentialWeight: weights[c]!,
        explanation: {
          ...explanation,
          score: explanation.score + shift,
          contributions: [...imagingTerms, ...atMost(explanation.contributions, 12 - imagingTerms.length)],
        },
      });
    });
    return entries.sort(
      (a, b) => b.probability - a.probability || b.differentialWeight - a.differentialWeight,
    );
  }

  /** Distinct questions answered present, follow-ups (a present parent's details) not counted again. */
  presentFindingCount(state: DdxState): number {
    const index = this.model.index;
    let n = 0;
    for (const [code, answer] of state.answers) {
      if (answer === 'unknown') continue;
      const question = index.question(code);
      if (question.parent && state.answers.has(question.parent)) continue;
      if (index.isPresent(question, answer)) n++;
    }
    return n;
  }

  /** Real-world prevalence weights min(1, π(c) / median π) of the model's conditions for a patient (`hedge.ts`). */
  prevalenceWeights(patient: PatientContext): number[] {
    this.#prevalence ??= new PrevalenceWeights(
      this.model.index.spec.conditions.map((_, c) => this.bridge.condition(c)),
      loadOpenWorldKnowledge(),
    );
    return this.#prevalence.weights(patient);
  }

  /**
   * The hedged differential (`hedge.ts`) of a state: the model's posterior (after any imaging likelihood ratios)
   * weighted by real-world prevalence for the patient and scaled to the share n present findings earn.
   */
  hedged(
    patient: PatientContext,
    state: DdxState,
    imaging: readonly ImagingEvidence[] = [],
    limit = 5,
  ): HedgedDifferential {
    const shifts = logLikelihoodShifts(imaging, (id) => this.conditionIndex(id));
    const p = applyLikelihoodShifts(this.model.predict(state), shifts);
    // An image finding counts as one finding present.
    const n = this.presentFindingCount(state) + (imaging.length > 0 ? 1 : 0);
    return hedgeDifferential(p, this.prevalenceWeights(patient), n, (c) => this.bridge.condition(c), limit);
  }

  /** The model index of a public condition id (throws `DdxInputError` naming the imaging evidence field). */
  private conditionIndex(conditionId: string): number {
    const c = this.bridge.conditionIndexOf(conditionId);
    if (c === undefined) {
      throw new DdxInputError([
        {
          field: '/imagingEvidence/conditionId',
          message: `unknown condition '${conditionId}' (not in the differential)`,
        },
      ]);
    }
    return c;
  }

  /** The best next questions for a state, with why each was chosen. */
  proposeQuestions(state: DdxState, patient: PatientContext, limit: number): ProposedQuestion[] {
    if (limit === 0) return [];
    const choices = rankQuestions(
      this.model,
      this.model.table,
      state,
      {
        mustNotMissWeight: DEFAULT_INTERVIEW_OPTIONS.mustNotMissWeight,
        mustNotMiss: this.model.index.mustNotMiss,
      },
      limit,
    );
    return choices.map((choice) => {
      const separates = choice.separates.map(({ condition }) => {
        const info = this.bridge.condition(condition);
        return { conditionId: info.conditionId, label: info.label };
      });
      return {
        ...this.bridge.question(choice.code, patient),
        expectedGainNats: choice.expectedGainNats,
        mustNotMissGainNats: choice.mustNotMissGainNats,
        separates,
        // Plain words for the clinician; the information gains (in nats) stay in the fields above for programs.
        why: `the answer is expected to narrow the differential${choice.mustNotMissGainNats >= 0.5 * choice.expectedGainNats ? ', mostly among conditions not to miss' : ''}; it separates ${separates.map((s) => s.label).join(', ')}`,
      };
    });
  }

  /** Runs the engine: validates (an `invalid` error naming each field), computes, stamps provenance. */
  run(input: DdxInput): EngineResult<DdxOutput> {
    return this.engine.run(input);
  }

  private compute(parsed: DdxParsedInput): EngineComputation<DdxOutput> {
    const state = this.stateOf(parsed.patient, parsed.findings);
    const imaging = parsed.imagingEvidence ?? [];
    const unknown = imaging.flatMap((e, i) =>
      this.bridge.conditionIndexOf(e.conditionId) === undefined
        ? [
            {
              field: `/imagingEvidence/${i}/conditionId`,
              message: `unknown condition '${e.conditionId}' (not in the differential)`,
            },
          ]
        : [],
    );
    if (unknown.length > 0) throw new DdxInputError(unknown);
    // No ranked list from age and sex alone: without a finding reported present (or image evidence) the
    // differential is empty and the warning says to ask for the complaint.
    const anyPresent = [...state.answers].some(
      ([code, answer]) =>
        answer !== 'unknown' && this.model.index.isPresent(this.model.index.question(code), answer),
    );
    const modelEntries = anyPresent || imaging.length > 0 ? this.differential(state, imaging) : [];
    // Questions stop on the model's own confidence; what is shown is the share the evidence has earned.
    const confident = (modelEntries[0]?.probability ?? 0) >= DEFAULT_INTERVIEW_OPTIONS.confidence;
    const hedgedAll =
      modelEntries.length > 0
        ? this.hedged(parsed.patient, state, imaging, this.model.conditionCount)
        : { establishedFindings: 0, evidenceWeight: 0, notSettled: 1, entries: [] };
    const shareOf = new Map(hedgedAll.entries.map((e) => [e.conditionId, e.share]));
    const entries: DdxEntry[] = modelEntries
      .map((e) => ({ ...e, probability: shareOf.get(e.conditionId) ?? 0, modelProbability: e.probability }))
      .sort(
        (a, b) =>
          b.probability - a.probability ||
          b.modelProbability - a.modelProbability ||
          b.differentialWeight - a.differentialWeight,
      );
    const hedged = { ...hedgedAll, entries: hedgedAll.entries.slice(0, 10) };
    const top = entries[0];
    const warnings: string[] = [];
    if (entries.length === 0 && !anyPresent)
      warnings.push(
        'no finding reported present: no differential from age and sex alone; ask for the chief complaint',
      );
    const unworded = [...state.answers.keys()].filter((code) =>
      this.bridge.conceptIdOf(code).startsWith('ddxplus:'),
    );
    if (unworded.length > 0)
      warnings.push(`${unworded.length} finding(s) have no knowledge-base concept yet`);
    if (imaging.length > 0)
      warnings.push(
        imagingDependenceWarning(imaging, (id) => this.bridge.condition(this.conditionIndex(id)).label),
      );
    const explanation: Explanation = top
      ? {
          summary: `${top.label}: ${(top.probability * 100).toFixed(1)} % on ${hedged.establishedFindings} finding(s) present, not settled ${(hedged.notSettled * 100).toFixed(0)} % (the model alone, within its 49 conditions: ${((top.modelProbability ?? 0) * 100).toFixed(1)} %). Contributions are in the condition's softmax score (log-odds scale); baseline plus contributions give the score.`,
          baseline: top.explanation.baseline,
          contributions: top.explanation.contributions,
          warnings,
        }
      : { contributions: [], warnings };
    return {
      output: {
        differential: { entries },
        hedged,
        questions: confident ? [] : this.proposeQuestions(state, parsed.patient, parsed.questions),
        confident,
        warnings,
      },
      explanation,
    };
  }

  /**
   * What the engine reads from a case: the findings it knows and any image-model evidence. Without a finding the
   * model knows recorded present (nor an image finding) the engine does not run — no ranked list from age, sex and
   * denials alone — and `missing` names the presenting complaint. `fromCase` is exactly `input`.
   */
  caseInputs(clinicalCase: ClinicalCase): CaseInputs {
    const input = this.caseFindings(clinicalCase);
    const known = input?.findings.length ?? 0;
    const anyPresent =
      input !== undefined &&
      (input.imagingEvidence !== undefined ||
        this.presentFindingCount(this.stateOf(input.patient ?? {}, input.findings)) > 0);
    const values = input ? { patient: input.patient, findings: input.findings } : {};
    const sources: Record<string, string> = input
      ? {
          patient: 'case patient',
          findings: `case findings (${known} of ${clinicalCase.findings.length} known to the model, reconciled)`,
          ...(input.imagingEvidence ? { imagingEvidence: 'image-model findings of the case' } : {}),
        }
      : {};
    if (anyPresent) return { values, sources, assumedAbsent: [], missing: [], input };
    return {
      values,
      sources,
      assumedAbsent: [],
      missing: [
        {
          field: '/findings',
          message:
            'a presenting complaint: no finding the model knows is recorded present on the case (record the complaint, or start the interview)',
        },
      ],
      notApplicable:
        known > 0
          ? 'no presenting complaint: the findings the model knows are all absent or unknown (record the complaint, or start the interview)'
          : 'no presenting complaint: the case holds no finding the model knows (record the complaint, or start the interview)',
    };
  }

  /** A case's input for the model: `caseInputs(…).input` (undefined without a finding present). */
  fromCase(clinicalCase: ClinicalCase): DdxInput | undefined {
    return this.caseInputs(clinicalCase).input as DdxInput | undefined;
  }

  /**
   * Findings of the case the model knows (others, and findings about relatives or hypothetical ones, are left out),
   * and image-model findings for a differential condition (e.g. `imaging.chest-xray.pneumonia`) as imaging evidence;
   * undefined when there are none. The interview opens from these, denials included.
   */
  caseFindings(clinicalCase: ClinicalCase): DdxInput | undefined {
    const findings = clinicalCase.findings.filter((finding, i) => {
      if (finding.experiencer === 'other' || finding.temporality === 'hypothetical') return false;
      try {
        return this.bridge.resolveFinding(finding, `/findings/${i}`) !== undefined;
      } catch (error) {
        if (error instanceof DdxInputError) return false;
        throw error;
      }
    });
    const imagingEvidence = imagingEvidenceFromFindings(clinicalCase.findings);
    if (findings.length === 0 && imagingEvidence.length === 0) return undefined;
    // A case's findings often come from reading text ("no cough … cough since Monday"): reconciled into one
    // consistent answer per question rather than refused.
    const answers = findingsToAnswers(this.bridge, findings, '/findings', { reconcile: true });
    return {
      patient: clinicalCase.patient,
      findings: [...answers].map(([code, answer]) => this.bridge.toFinding(code, answer)),
      ...(imagingEvidence.length > 0 ? { imagingEvidence } : {}),
    };
  }

  /** A CDS Hooks card for the top of a stored differential. */
  toCard(assessment: Assessment): CdsCard | undefined {
    const entries = assessment.differential?.entries ?? [];
    const top = entries[0];
    if (!top) return undefined;
    const severe = entries.filter((e) => e.mustNotMiss && e.probability >= 0.05);
    const others = entries
      .slice(0, 5)
      .map((e) => `${e.label}${e.icd10 ? ` (${e.icd10})` : ''}: ${(e.probability * 100).toFixed(1)} %`);
    return {
      summary: `Differential: ${top.label} ${(top.probability * 100).toFixed(0)} %`.slice(0, 139),
      detail: [
        `Top of the differential: ${others.join('; ')}.`,
        severe.length > 0 ? `Must not miss: ${severe.map((e) => e.label).join(', ')}.` : '',
        'Decision support from a model trained on synthetic DDXPlus patients; not a diagnosis.',
      ]
        .filter(Boolean)
        .join('\n'),
      indicator: severe.length > 0 ? 'warning' : 'info',
      source: {
        label: 'HealthGPT differential diagnosis',
        ...(top.icd10
          ? { topic: { code: top.icd10, system: 'http://hl7.org/fhir/sid/icd-10', display: top.label } }
          : {}),
      },
    };
  }
}

/**
 * The largest `limit` contributions as they come (largest first), the rest summed into one `other` contribution, so
 * that baseline + contributions still equal the score.
 */
function atMost(contributions: readonly Contribution[], limit: number): Contribution[] {
  if (contributions.length <= limit) return [...contributions];
  const kept = contributions.slice(0, limit - 1);
  const rest = contributions.slice(limit - 1);
  return [
    ...kept,
    {
      input: 'other',
      label: `${rest.length} other findings and factors`,
      contribution: rest.reduce((sum, c) => sum + c.contribution, 0),
      unit: rest[0]!.unit,
    },
  ];
}

let shared: DdxEngine | undefined;

/** The engine over the committed model and knowledge base, built on first use. */
export function ddxEngine(): DdxEngine {
  shared ??= new DdxEngine();
  return shared;
}
