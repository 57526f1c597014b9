import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import { HealthGptError } from '../engine/errors.js';
import type { Store } from '../store/store.js';
import { lookupIcd10 } from './icd10.js';

/**
 * Clinician feedback on a case: the final diagnosis confirmed or corrected (ICD-10), a finding corrected, or an
 * output marked wrong or unhelpful with a reason. Each record says who gave it, when, and which model version made
 * the output it is about. Stored in the document store (`learning-feedback`, keyed by case id).
 *
 * Rules: an unknown case is `not-found`; an ICD-10 code the project does not know is `unprocessable`; confirming
 * the diagnosis the case already has confirmed is a `conflict` (nothing is stored twice); a different code replaces
 * the earlier confirmation (which is kept, marked superseded). Only the latest diagnosis confirmation of a case is
 * a training label.
 */
export const feedbackInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('diagnosis'),
    icd10: z.string().min(1).max(16).describe('ICD-10 code of the final diagnosis (e.g. J18.9)'),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    kind: z.literal('finding'),
    conceptId: z.string().min(1).max(200).describe('knowledge-base concept id of the finding'),
    status: z.enum(['present', 'absent', 'unknown']).describe('what the clinician established'),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    kind: z.literal('output'),
    verdict: z.enum(['wrong', 'unhelpful']),
    reason: z.string().min(1).max(2000),
    assessmentId: z.string().max(200).optional(),
    engineId: z.string().max(200).optional(),
  }),
]);
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export interface FeedbackAuthor {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export type FeedbackRecord = FeedbackInput & {
  readonly id: string;
  readonly caseId: string;
  readonly at: string;
  readonly by: FeedbackAuthor;
  /** The model version whose output the feedback is about (the case's latest diagnosis assessment, else the active one). */
  readonly modelVersion: string;
  /** For diagnosis feedback: the label of the code, and whether the model's top condition agreed. */
  readonly label?: string;
  readonly modelTop?: { readonly icd10?: string; readonly label: string };
  readonly agreesWithModel?: boolean;
  /** Set when a later confirmation replaced this one. */
  readonly supersededBy?: string;
};

export const FEEDBACK_COLLECTION = 'learning-feedback';

export class FeedbackService {
  constructor(
    private readonly store: Store,
    private readonly activeModelVersion: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get collection() {
    return this.store.documents.collection<FeedbackRecord>(FEEDBACK_COLLECTION, (r) => r.caseId);
  }

  list(caseId: string): FeedbackRecord[] {
    this.requireCase(caseId);
    return this.listUnchecked(caseId);
  }

  private listUnchecked(caseId: string): FeedbackRecord[] {
    return this.collection
      .list({ key: caseId, limit: 10_000 })
      .items.map((i) => i.document)
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /** Every feedback record (oldest first), for export and learning. */
  all(): FeedbackRecord[] {
    const out: FeedbackRecord[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = this.collection.list({ limit: 1000, offset });
      out.push(...page.items.map((i) => i.document));
      if (page.items.length < 1000) break;
    }
    return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /** The case's current diagnosis confirmation (latest, not superseded), if any. */
  confirmedDiagnosis(caseId: string): (FeedbackRecord & { kind: 'diagnosis' }) | undefined {
    return this.listUnchecked(caseId)
      .filter((r): r is FeedbackRecord & { kind: 'diagnosis' } => r.kind === 'diagnosis' && !r.supersededBy)
      .at(-1);
  }

  add(caseId: string, input: FeedbackInput, by: FeedbackAuthor): FeedbackRecord {
    this.requireCase(caseId);
    const base = {
      id: randomUUID(),
      caseId,
      at: this.now().toISOString(),
      by,
      modelVersion: this.modelVersionFor(caseId),
    };
    if (input.kind === 'diagnosis') {
      const known = lookupIcd10(input.icd10);
      if (!known)
        throw HealthGptError.unprocessable(
          `ICD-10 code '${input.icd10}' is not one HealthGPT knows (knowledge base and open-world conditions)`,
          [{ field: '/icd10', message: 'unknown ICD-10 code' }],
        );
      const previous = this.confirmedDiagnosis(caseId);
      if (previous && previous.icd10 === known.code)
        throw new HealthGptError(
          'conflict',
          `the final diagnosis ${known.code} is already confirmed on this case`,
          {
            details: { feedbackId: previous.id },
          },
        );
      const top = this.modelTop(caseId);
      const record: FeedbackRecord = {
        ...base,
        ...input,
        icd10: known.code,
        label: known.label,
        ...(top ? { modelTop: top, agreesWithModel: top.icd10 === known.code } : {}),
      };
      this.store.transaction(() => {
        if (previous) this.collection.put(previous.id, { ...previous, supersededBy: record.id });
        this.collection.put(record.id, record);
      });
      return record;
    }
    if (input.kind === 'output' && input.assessmentId) {
      const assessment = this.store.assessments.get(input.assessmentId);
      if (!assessment || assessment.caseId !== caseId)
        throw new HealthGptError('not-found', `no assessment '${input.assessmentId}' on this case`, {
          fieldErrors: [{ field: '/assessmentId', message: 'unknown assessment' }],
        });
      const record: FeedbackRecord = {
        ...base,
        ...input,
        engineId: input.engineId ?? assessment.engineId,
        modelVersion: assessment.provenance.modelVersion ?? assessment.provenance.engineVersion,
      };
      this.collection.put(record.id, record);
      return record;
    }
    const record: FeedbackRecord = { ...base, ...input };
    this.collection.put(record.id, record);
    return record;
  }

  /** The case's findings with the clinician's corrections applied (latest correction per concept wins). */
  correctedFindings(clinicalCase: ClinicalCase): Finding[] {
    const corrections = new Map<string, 'present' | 'absent' | 'unknown'>();
    for (const r of this.listUnchecked(clinicalCase.id))
      if (r.kind === 'finding') corrections.set(r.conceptId, r.status);
    const findings = clinicalCase.findings.map((f) =>
      corrections.has(f.conceptId) ? { ...f, status: corrections.get(f.conceptId)! } : f,
    );
    for (const [conceptId, status] of corrections)
      if (!findings.some((f) => f.conceptId === conceptId)) findings.push({ conceptId, status });
    return findings;
  }

  private requireCase(caseId: string): ClinicalCase {
    const found = this.store.cases.get(caseId);
    if (!found) throw new HealthGptError('not-found', `no case '${caseId}'`);
    return found;
  }

  private latestDiagnosisAssessment(caseId: string) {
    return this.store.assessments
      .listForCase(caseId)
      .filter((a) => a.engineId === 'diagnosis.ddx' && a.differential)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1);
  }

  private modelVersionFor(caseId: string): string {
    return this.latestDiagnosisAssessment(caseId)?.provenance.modelVersion ?? this.activeModelVersion();
  }

  private modelTop(caseId: string): { icd10?: string; label: string } | undefined {
    const top = this.latestDiagnosisAssessment(caseId)?.differential?.entries[0];
    return top ? { label: top.label, ...(top.icd10 ? { icd10: top.icd10 } : {}) } : undefined;
  }
}
