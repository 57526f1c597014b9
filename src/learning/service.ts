import { join } from 'node:path';
import type { ClinicalCase } from '../clinical/case.js';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { ddxplusSplitSource } from '../diagnosis/model/fit.js';
import type { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import type { SpecIndex } from '../diagnosis/model/spec.js';
import type { DdxState } from '../diagnosis/model/state.js';
import { DDX_MODEL_PATH, loadDdxModel } from '../diagnosis/model-file.js';
import { HealthGptError } from '../engine/errors.js';
import { saveAudit } from '../fairness/alerts.js';
import type { Store } from '../store/store.js';
import { baseRecord, patientHash, type TrainingRecord } from './dataset.js';
import { type FeedbackAuthor, type FeedbackInput, type FeedbackRecord, FeedbackService } from './feedback.js';
import { lookupIcd10 } from './icd10.js';
import { type LearnResult, learnOnce } from './learn.js';
import { ModelRegistry } from './registry.js';

/** The committed model file, always (never the active pointer): registry version v1. */
let committed: DdxLogisticModel | undefined;
export function committedDdxModel(): DdxLogisticModel {
  committed ??= loadDdxModel(DDX_MODEL_PATH, { committedOnly: true });
  return committed;
}

/** A model state as a DDXPlus patient record (answers reported present become evidences). */
export function stateToPatient(
  index: SpecIndex,
  state: DdxState,
  pathology: string,
): DdxplusPatient | undefined {
  const evidences: string[] = [];
  for (const question of index.spec.questions) {
    const answer = state.answers.get(question.code);
    if (!answer || answer === 'unknown' || !index.isPresent(question, answer)) continue;
    if (question.type === 'binary') evidences.push(question.code);
    else
      for (const value of answer)
        if (value !== question.defaultValue) evidences.push(`${question.code}_@_${value}`);
  }
  const first = evidences.find((token) => !index.question(token.split('_@_')[0]!).antecedent) ?? evidences[0];
  if (!first || state.ageYears === undefined || state.sex === undefined) return undefined;
  return {
    ageYears: state.ageYears,
    sex: state.sex,
    pathology,
    evidences,
    initialEvidence: first.split('_@_')[0]!,
    differential: [[pathology, 1]],
  };
}

export interface ShadowRecord {
  readonly id: string;
  readonly caseId: string;
  readonly at: string;
  readonly active: { readonly version: string; readonly top: string };
  readonly candidate: { readonly version: string; readonly top: string };
  readonly confirmed: string;
}

/**
 * The learning loop as the product runs it: feedback on cases, the registry, training candidates from the DDXPlus
 * training split plus clinician-confirmed cases, checking them on held-out cases (the DDXPlus validation split plus
 * confirmed cases in the check part) and promoting by the rule. Shadow: while a candidate waits, every confirmed
 * diagnosis is also scored by the candidate and stored beside the active model's answer (`learning-shadow`).
 */
export class LearningService {
  readonly registry: ModelRegistry;
  readonly feedback: FeedbackService;

  constructor(
    private readonly store: Store,
    readonly stateDir: string,
    private readonly datasetsDir: string,
  ) {
    this.registry = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    this.feedback = new FeedbackService(store, () => this.registry.active().modelVersion);
  }

  addFeedback(caseId: string, input: FeedbackInput, by: FeedbackAuthor): FeedbackRecord {
    const record = this.feedback.add(caseId, input, by);
    if (record.kind === 'diagnosis') this.recordShadow(caseId, record);
    return record;
  }

  /** Clinician-confirmed cases the diagnosis model can learn from (confirmed ICD-10 is one of its conditions). */
  confirmedRecords(): TrainingRecord[] {
    const engine = ddxEngine();
    const caseIds = new Set(this.feedback.all().map((r) => r.caseId));
    const records: TrainingRecord[] = [];
    for (const caseId of caseIds) {
      const patient = this.confirmedPatient(caseId, engine);
      if (patient) records.push({ key: `case:${caseId}`, patient, source: 'confirmed', weight: 1 });
    }
    return records;
  }

  private confirmedPatient(caseId: string, engine = ddxEngine()): DdxplusPatient | undefined {
    const confirmed = this.feedback.confirmedDiagnosis(caseId);
    const clinicalCase = this.store.cases.get(caseId);
    if (!confirmed || !clinicalCase) return undefined;
    const ddxplusName = lookupIcd10(confirmed.icd10)?.ddxplusName;
    if (!ddxplusName || !engine.model.index.conditionIndex.has(ddxplusName)) return undefined;
    return this.patientOf(clinicalCase, ddxplusName, engine);
  }

  private patientOf(clinicalCase: ClinicalCase, pathology: string, engine = ddxEngine()) {
    try {
      const state = engine.stateOf(clinicalCase.patient, this.feedback.correctedFindings(clinicalCase));
      return stateToPatient(engine.model.index, state, pathology);
    } catch {
      return undefined; // findings the diagnosis model cannot read: kept as feedback, not learned from
    }
  }

  /** DDXPlus training split (trained on) and validation split (check cases), from HEALTHGPT_DATA_DIR. */
  baseRecords(): TrainingRecord[] {
    const dir = join(this.datasetsDir, 'ddxplus');
    let source: ReturnType<typeof ddxplusSplitSource>;
    try {
      source = ddxplusSplitSource(dir);
      return [
        ...source.read('train').map((p): TrainingRecord => ({ ...baseRecord(p), part: 'train' })),
        ...source.read('validation').map((p): TrainingRecord => ({ ...baseRecord(p), part: 'check' })),
      ];
    } catch (error) {
      throw new HealthGptError(
        'precondition-failed',
        `learning needs the DDXPlus data set under ${this.datasetsDir} (HEALTHGPT_DATA_DIR): ${(error as Error).message}`,
      );
    }
  }

  learn(options: { by: string; autoPromote: boolean; epochs?: number; seed?: number }): LearnResult {
    const records = [...this.baseRecords(), ...this.confirmedRecords()];
    const result = learnOnce({
      registry: this.registry,
      spec: committedDdxModel().spec,
      records,
      by: options.by,
      autoPromote: options.autoPromote,
      ...(options.epochs ? { train: { epochs: options.epochs } } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    // The served model's audit on the check cases is stored, and every flagged group raises an alert.
    const served = result.check.active;
    saveAudit(this.store.documents, {
      engine: 'diagnosis.ddx',
      by: options.by,
      source: `${served.n} check cases of learn diagnosis (model ${served.model_version})`,
      report: served,
      groups: served.groups.map((g) => ({ ...g, metric: g.gtpa_at_1 })),
    });
    return result;
  }

  private get shadow() {
    return this.store.documents.collection<ShadowRecord>('learning-shadow', (r) => r.candidate.version);
  }

  shadowRecords(version?: string): ShadowRecord[] {
    return this.shadow
      .list({ limit: 10_000, ...(version ? { key: version } : {}) })
      .items.map((i) => i.document);
  }

  private recordShadow(caseId: string, record: FeedbackRecord & { kind: 'diagnosis' }): void {
    const candidate = this.registry.candidate();
    const ddxplusName = lookupIcd10(record.icd10)?.ddxplusName;
    if (!candidate || !ddxplusName) return;
    const engine = ddxEngine();
    const clinicalCase = this.store.cases.get(caseId);
    if (!clinicalCase) return;
    let state: DdxState;
    try {
      state = engine.stateOf(clinicalCase.patient, this.feedback.correctedFindings(clinicalCase));
    } catch {
      return;
    }
    const top = (model: DdxLogisticModel) => {
      const p = model.predict(state);
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
      return model.spec.conditions[best]!.name;
    };
    const active = this.registry.active();
    this.shadow.put(record.id, {
      id: record.id,
      caseId,
      at: record.at,
      active: { version: active.version, top: top(this.registry.load(active.version)) },
      candidate: { version: candidate.version, top: top(this.registry.load(candidate.version)) },
      confirmed: ddxplusName,
    });
  }
}

export { patientHash };
