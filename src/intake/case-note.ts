import type { NewClinicalCase, StoredClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import { appendNote, mergeIntoCase, setFindings } from '../clinical/merge.js';
import { HealthGptError } from '../engine/errors.js';
import { createCaseAudited } from '../store/audited.js';
import type { Store } from '../store/store.js';
import { createIntakeProcessor } from './default.js';
import { checkConsultationText } from './input.js';
import { diagnosisFindings, processBounded } from './pipeline.js';

/** What the intake read in a note, in the case's shape. */
export interface ReadNote {
  readonly findings: Finding[];
  readonly observations: NewClinicalCase['observations'];
  readonly patient: NewClinicalCase['patient'];
  readonly summary: { part: string; text: string }[];
  /** True when the note was too long to read whole. */
  readonly partial: boolean;
}

export interface NoteResult {
  readonly case: StoredClinicalCase;
  readonly added: { readonly findings: number; readonly observations: number };
  readonly summary: ReadNote['summary'];
  readonly partial: boolean;
}

/** Who did it, for the audit log. */
export interface NoteAudit {
  readonly actor: string;
  readonly requestId?: string;
}

/** Reads a note with the intake (the same reading as `POST /v1/intake`). */
export function readNote(text: string, referenceDate?: string): ReadNote {
  checkConsultationText(text);
  const record = processBounded(createIntakeProcessor(referenceDate ? { referenceDate } : {}), text);
  return {
    findings: diagnosisFindings(record),
    observations: record.observations,
    patient: record.patient,
    summary: record.summary.map((line) => ({ part: line.part, text: line.text })),
    partial: record.partial !== undefined,
  };
}

const counts = (
  before: { findings: readonly unknown[]; observations: readonly unknown[] },
  after: NewClinicalCase,
) => ({
  findings: after.findings.length - before.findings.length,
  observations: after.observations.length - before.observations.length,
});

/** A new case from a note: what the intake reads (findings, values, age and sex), with the note kept. */
export function createCaseFromNote(
  store: Store,
  input: { title: string; text: string; referenceDate?: string },
  audit: NoteAudit,
): NoteResult {
  const read = readNote(input.text, input.referenceDate);
  const empty = { id: 'new', title: input.title, patient: {}, findings: [], observations: [], images: [] };
  const { version: _v, ...fresh } = mergeIntoCase({ ...empty, createdAt: '', updatedAt: '' }, read);
  const created = createCaseAudited(
    store,
    { ...fresh, note: appendNote(undefined, input.text, new Date().toISOString()) },
    { ...audit, action: 'case.create-from-note' },
  );
  return { case: created, added: counts(empty, fresh), summary: read.summary, partial: read.partial };
}

/**
 * A note added to a case in one transaction: the note appended (dated) to the case's note, and what the intake reads
 * in it merged in (`mergeIntoCase`: findings and values not already there; age and sex only where the case has none).
 */
export function addNoteToCase(
  store: Store,
  caseId: string,
  input: { text: string; referenceDate?: string },
  audit: NoteAudit,
): NoteResult {
  const read = readNote(input.text, input.referenceDate);
  return store.transaction(() => {
    const current = store.cases.get(caseId);
    if (!current) throw HealthGptError.notFound('case', caseId);
    const { version: _v, ...content } = mergeIntoCase(current, read);
    const note = appendNote(current.note, input.text, new Date().toISOString());
    const updated = store.cases.update(current.id, { ...content, note }, { ifVersion: current.version });
    if (!updated) throw HealthGptError.notFound('case', caseId);
    store.audit.record({
      ...audit,
      action: 'case.add-note',
      resourceType: 'case',
      resourceId: updated.id,
      outcome: 'success',
    });
    return { case: updated, added: counts(current, content), summary: read.summary, partial: read.partial };
  });
}

/** Findings set on a case in one transaction, each replacing the same concept (interview answers, accepted results). */
export function setCaseFindings(
  store: Store,
  caseId: string,
  findings: readonly Finding[],
  audit: NoteAudit & { readonly source?: string },
): StoredClinicalCase {
  return store.transaction(() => {
    const current = store.cases.get(caseId);
    if (!current) throw HealthGptError.notFound('case', caseId);
    const { version: _v, ...content } = setFindings(current, findings);
    const stored = store.cases.update(current.id, content, { ifVersion: current.version });
    if (!stored) throw HealthGptError.notFound('case', caseId);
    store.audit.record({
      actor: audit.actor,
      ...(audit.requestId ? { requestId: audit.requestId } : {}),
      action: `case.set-findings${audit.source ? `.${audit.source}` : ''}`,
      resourceType: 'case',
      resourceId: stored.id,
      outcome: 'success',
    });
    return stored;
  });
}
