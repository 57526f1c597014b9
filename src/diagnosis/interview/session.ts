import { randomUUID } from 'node:crypto';
import type { Finding } from '../../clinical/finding.js';
import type { PatientContext } from '../../clinical/patient.js';
import { registerFor } from '../../knowledge/question.js';
import { assessTriage } from '../../triage/assess.js';
import type { TriageResult } from '../../triage/types.js';
import type { DdxEngine, DdxEntry, ProposedQuestion } from '../ddx-engine.js';
import type { HedgedDifferential } from '../hedge.js';
import { DdxInputError } from '../kb-bridge.js';
import {
  COMPLAINTS,
  type Complaint,
  complaintById,
  complaintOfFindings,
  DURATIONS,
  type InterviewPhase,
  ONSETS,
  registerLabel,
  SCRIPTED,
  SEVERITIES,
  scriptedText,
} from './clinician.js';
import { DEFAULT_INTERVIEW_OPTIONS } from './options.js';

export type InterviewStatus = 'in-progress' | 'complete';
export type StopReason = 'confident' | 'budget' | 'no-informative-question';

/** One answer given during the interview, in order (undo removes the last). */
export interface InterviewAnswer {
  readonly conceptId: string;
  readonly status: Finding['status'];
  readonly value?: Finding['value'];
}

/** A stored interview: what the patient said so far and the question awaiting an answer. */
export interface InterviewRecord {
  readonly id: string;
  readonly caseId?: string;
  readonly patient: PatientContext;
  readonly maxTurns: number;
  /** The opening findings, then the findings the answers established, in order. */
  readonly findings: readonly Finding[];
  readonly initialFindingCount: number;
  /** Every answer, in order, including those to the interview's own questions (complaint, onset …). */
  readonly answers?: readonly InterviewAnswer[];
  /** The presenting complaint (`COMPLAINTS` id), its onset, duration band and severity once answered. */
  readonly complaint?: {
    readonly id: string;
    readonly onset?: string;
    readonly duration?: string;
    readonly severity?: string;
  };
  /** The concept id of the question awaiting an answer (absent once complete). */
  readonly pendingConceptId?: string;
  readonly status: InterviewStatus;
  readonly stopReason?: StopReason;
  readonly modelVersion: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The hedged differential shown with the interview (`../hedge.ts`: prevalence-weighted, earned by the findings present). */
export type { HedgedDifferential };

export interface InterviewProgress {
  readonly phase: InterviewPhase;
  readonly answered: number;
  /** Answers still expected at most (the scripted steps left plus the question budget). */
  readonly remainingAtMost: number;
  /** 0–1, for a progress bar. */
  readonly fraction: number;
  /** How the questions are worded for this patient (plain words, caregiver voice …). */
  readonly register: string;
}

/** An interview as the API returns it: the record plus the current differential and question. */
export interface InterviewView extends InterviewRecord {
  readonly turns: number;
  readonly question?: ProposedQuestion;
  readonly differential: { readonly entries: readonly DdxEntry[] };
  readonly progress: InterviewProgress;
  readonly hedged: HedgedDifferential;
  /** Triage of what is known so far (always shown at the end). */
  readonly triage: TriageResult;
}

export interface NewInterview {
  readonly patient: PatientContext;
  readonly findings: readonly Finding[];
  readonly maxTurns?: number;
  readonly caseId?: string;
}

/** Questions answered before the model may end the interview as "confident". */
export const MIN_DISCRIMINATING_ANSWERS = 5;
/** During history taking the first discriminating questions are about symptoms, not antecedents. */
export const SYMPTOM_FIRST_QUESTIONS = 6;
/** A condition counts as open from this posterior. */
export const OPEN_CONDITION = 0.02;

/**
 * The interview as a pure state machine over records (the adapters store them), following a clinician's order
 * (`clinician.ts`): the complaint (unless the opening findings state one), onset, duration and severity, the
 * complaint's red flags, then the knowledge base's questions ranked by expected information gain — restricted to
 * questions that separate conditions still open, symptoms before antecedents — until the model is confident on
 * enough answers, the budget is spent or nothing informative is left. `undo` takes the last answer back. Invalid
 * input throws `DdxInputError` and leaves the record untouched.
 */
export class InterviewMachine {
  constructor(
    readonly engine: DdxEngine,
    readonly confidence: number = DEFAULT_INTERVIEW_OPTIONS.confidence,
  ) {}

  start(input: NewInterview, now = new Date()): InterviewRecord {
    this.engine.stateOf(input.patient, input.findings, '/findings');
    const stated = complaintOfFindings(input.findings);
    const record: InterviewRecord = {
      id: randomUUID(),
      ...(input.caseId ? { caseId: input.caseId } : {}),
      patient: input.patient,
      maxTurns: input.maxTurns ?? DEFAULT_INTERVIEW_OPTIONS.maxTurns,
      findings: input.findings,
      initialFindingCount: input.findings.length,
      answers: [],
      ...(stated ? { complaint: { id: stated.id } } : {}),
      status: 'in-progress',
      modelVersion: this.engine.modelVersion,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    return this.advance(record, now);
  }

  answer(record: InterviewRecord, answer: Finding, now = new Date()): InterviewRecord {
    if (record.status === 'complete') {
      throw new DdxInputError([
        { field: '/conceptId', message: 'the interview is complete: no question is awaiting an answer' },
      ]);
    }
    if (answer.conceptId !== record.pendingConceptId) {
      const asked = (record.answers ?? []).some((a) => a.conceptId === answer.conceptId);
      throw new DdxInputError([
        {
          field: '/conceptId',
          message: asked
            ? `'${answer.conceptId}' was already answered; the pending question is '${record.pendingConceptId}'`
            : `'${answer.conceptId}' was never asked; the pending question is '${record.pendingConceptId}'`,
        },
      ]);
    }
    const given: InterviewAnswer = {
      conceptId: answer.conceptId,
      status: answer.status,
      ...(answer.value !== undefined ? { value: answer.value } : {}),
    };
    const next = this.replay(record, [...(record.answers ?? []), given], now);
    return this.advance(next, now);
  }

  /** Takes the last answer back and asks that question again. */
  undo(record: InterviewRecord, now = new Date()): InterviewRecord {
    const answers = record.answers ?? [];
    if (answers.length === 0)
      throw new DdxInputError([
        { field: '/', message: 'nothing to undo: no question has been answered yet' },
      ]);
    const previous = this.replay(record, answers.slice(0, -1), now);
    return this.advance(previous, now, answers[answers.length - 1]!.conceptId);
  }

  /** Rebuilds complaint details and findings from the opening findings and `answers` (validating each). */
  private replay(record: InterviewRecord, answers: readonly InterviewAnswer[], now: Date): InterviewRecord {
    const stated = complaintOfFindings(record.findings.slice(0, record.initialFindingCount));
    let complaint: InterviewRecord['complaint'] = stated ? { id: stated.id } : undefined;
    let findings: Finding[] = [...record.findings.slice(0, record.initialFindingCount)];
    for (const a of answers) {
      switch (a.conceptId) {
        case SCRIPTED.complaint: {
          const chosen = complaintById(String(a.value ?? ''));
          if (!chosen) throw scriptedValueError(COMPLAINTS.map((c) => c.id));
          complaint = { id: chosen.id };
          findings = mergeFindings(findings, chosen.findings);
          break;
        }
        case SCRIPTED.onset:
          if (a.status === 'present' && !ONSETS.some((o) => o.id === a.value))
            throw scriptedValueError(ONSETS.map((o) => o.id));
          complaint = { ...complaint!, ...(a.status === 'present' ? { onset: String(a.value) } : {}) };
          break;
        case SCRIPTED.duration: {
          const band = DURATIONS.find((d) => d.id === a.value);
          if (a.status === 'present' && !band) throw scriptedValueError(DURATIONS.map((d) => d.id));
          complaint = { ...complaint!, ...(band ? { duration: band.id } : {}) };
          if (band) {
            const main = complaintById(complaint.id)!.findings[0]!.conceptId;
            findings = findings.map((f) =>
              f.conceptId === main && f.status === 'present' ? { ...f, durationDays: band.days } : f,
            );
          }
          break;
        }
        case SCRIPTED.severity:
          if (a.status === 'present' && !SEVERITIES.some((s) => s.id === a.value))
            throw scriptedValueError(SEVERITIES.map((s) => s.id));
          complaint = { ...complaint!, ...(a.status === 'present' ? { severity: String(a.value) } : {}) };
          break;
        default:
          findings = mergeFindings(findings, [
            {
              conceptId: a.conceptId,
              status: a.status,
              ...(a.value !== undefined ? { value: a.value } : {}),
            },
          ]);
      }
    }
    // Validates every answer (value type, contradictions) against everything said before.
    this.engine.stateOf(record.patient, findings, '/findings');
    const { complaint: _c, ...rest } = record;
    return {
      ...rest,
      ...(complaint ? { complaint } : {}),
      answers,
      findings,
      updatedAt: now.toISOString(),
    };
  }

  /** The current differential, pending question, progress, hedged differential and triage of a record. */
  view(record: InterviewRecord): InterviewView {
    const state = this.engine.stateOf(record.patient, record.findings);
    const entries = this.engine.differential(state);
    const question = record.pendingConceptId ? this.questionFor(record, state) : undefined;
    const answered = (record.answers ?? []).length;
    const remainingAtMost =
      record.status === 'complete'
        ? 0
        : scriptedLeft(record) + Math.max(0, record.maxTurns - turnsOf(record));
    // Triage reads the same hedged shares as the free-text path (never the model's closed-world posterior).
    const hedged = this.engine.hedged(record.patient, state, [], 20);
    return {
      ...record,
      turns: turnsOf(record),
      ...(question ? { question } : {}),
      differential: { entries },
      progress: {
        phase: record.status === 'complete' ? 'complete' : phaseOf(record),
        answered,
        remainingAtMost,
        fraction: record.status === 'complete' ? 1 : answered / (answered + Math.max(1, remainingAtMost)),
        register: registerLabel(record.patient),
      },
      hedged: { ...hedged, entries: hedged.entries.slice(0, 5) },
      triage: assessTriage({
        patient: record.patient,
        findings: record.findings,
        differential: hedged.entries.map((e) => ({
          conditionId: e.conditionId,
          label: e.label,
          probability: e.share,
          ...(e.mustNotMiss !== undefined ? { mustNotMiss: e.mustNotMiss } : {}),
        })),
      }),
    };
  }

  private questionFor(
    record: InterviewRecord,
    state: ReturnType<DdxEngine['stateOf']>,
  ): ProposedQuestion | undefined {
    const id = record.pendingConceptId!;
    const scripted = scriptedQuestion(id, record);
    if (scripted) return scripted;
    const phase = phaseOf(record);
    if (phase === 'discriminate') {
      const ranked = this.discriminating(record, state).find((q) => q.conceptId === id);
      if (ranked) return ranked;
    }
    return this.kbQuestion(id, record, phase);
  }

  /** A knowledge-base question asked for its place in the history (characterising the complaint, a red flag). */
  private kbQuestion(
    conceptId: string,
    record: InterviewRecord,
    phase: InterviewPhase = 'red-flags',
  ): ProposedQuestion | undefined {
    const concept = this.engine.bridge.kb.concept(conceptId);
    if (!concept || concept.extension) return undefined;
    try {
      const info = this.engine.bridge.question(concept.ddxplusCode, record.patient);
      const complaint = record.complaint ? complaintById(record.complaint.id) : undefined;
      return {
        ...info,
        expectedGainNats: 0,
        mustNotMissGainNats: 0,
        separates: [],
        why:
          phase === 'characterise'
            ? 'history-taking order: the onset and severity of the complaint come first'
            : phase === 'red-flags'
              ? `a red flag for ${complaint?.label.toLowerCase() ?? 'this complaint'}: asked before anything else is weighed (see docs/triage.md)`
              : 'asked again after an undo',
      };
    } catch {
      return undefined;
    }
  }

  /** The knowledge base's questions by information gain, kept to those that separate open conditions. */
  private discriminating(
    record: InterviewRecord,
    state: ReturnType<DdxEngine['stateOf']>,
  ): ProposedQuestion[] {
    const ranked = this.engine.proposeQuestions(state, record.patient, 20);
    const open = new Set(
      this.engine
        .differential(state)
        .filter((e) => e.probability >= OPEN_CONDITION)
        .map((e) => e.conditionId),
    );
    const asked = discriminatingAsked(record);
    const symptomsFirst = asked < SYMPTOM_FIRST_QUESTIONS;
    // Only questions the knowledge base words, that move at least one condition still open.
    const relevant = ranked.filter(
      (q) =>
        this.engine.bridge.kb.concept(q.conceptId) !== undefined &&
        (q.separates.length === 0 || q.separates.some((s) => open.has(s.conditionId))),
    );
    const symptoms = relevant.filter((q) => this.engine.bridge.kb.concept(q.conceptId)?.kind === 'symptom');
    return symptomsFirst && symptoms.length > 0 ? symptoms : relevant;
  }

  private advance(record: InterviewRecord, now: Date, ask?: string): InterviewRecord {
    const { pendingConceptId: _previous, stopReason: _reason, ...rest } = record;
    const inProgress = (pendingConceptId: string): InterviewRecord => ({
      ...rest,
      status: 'in-progress',
      pendingConceptId,
      updatedAt: now.toISOString(),
    });
    const complete = (stopReason: StopReason): InterviewRecord => ({
      ...rest,
      status: 'complete',
      stopReason,
      updatedAt: now.toISOString(),
    });
    if (ask) return inProgress(ask);
    // The budget bounds every question, the interview's own included.
    if (turnsOf(record) >= record.maxTurns) return complete('budget');
    // 1. The complaint, then its onset, duration and severity.
    const step = nextScripted(record);
    if (step) return inProgress(step);
    // 2. The red flags of the complaint not yet answered.
    const flag = this.nextRedFlag(record);
    if (flag) return inProgress(flag);
    // 3. Questions that separate what is still open.
    const state = this.engine.stateOf(record.patient, record.findings);
    const p = this.engine.model.predict(state);
    const asked = discriminatingAsked(record);
    if (Math.max(...p) >= this.confidence && asked >= MIN_DISCRIMINATING_ANSWERS)
      return complete('confident');
    if (turnsOf(record) >= record.maxTurns) return complete('budget');
    const [next] = this.discriminating(record, state);
    if (!next || next.expectedGainNats + next.mustNotMissGainNats < DEFAULT_INTERVIEW_OPTIONS.minGainNats) {
      return complete('no-informative-question');
    }
    return inProgress(next.conceptId);
  }

  private nextRedFlag(record: InterviewRecord): string | undefined {
    const complaint = record.complaint ? complaintById(record.complaint.id) : undefined;
    if (!complaint) return undefined;
    const known = new Set(record.findings.map((f) => f.conceptId));
    const answered = new Set((record.answers ?? []).map((a) => a.conceptId));
    for (const id of complaint.redFlags) {
      if (known.has(id) || answered.has(id)) continue;
      if (!this.kbQuestion(id, record)) continue;
      // A follow-up (pain character, radiation) only once pain is present.
      const concept = this.engine.bridge.kb.concept(id);
      if (
        concept?.parentId &&
        !record.findings.some((f) => f.conceptId === concept.parentId && f.status === 'present')
      )
        continue;
      return id;
    }
    return undefined;
  }
}

function scriptedValueError(allowed: readonly string[]): DdxInputError {
  return new DdxInputError([{ field: '/value', message: `must be one of ${allowed.join(', ')}` }]);
}

/** Adds or replaces findings by concept id. */
function mergeFindings(findings: readonly Finding[], added: readonly Finding[]): Finding[] {
  const out = [...findings];
  for (const f of added) {
    const at = out.findIndex((x) => x.conceptId === f.conceptId && x.experiencer === f.experiencer);
    if (at >= 0) out[at] = f;
    else out.push(f);
  }
  return out;
}

function complaintOf(record: InterviewRecord): Complaint | undefined {
  return record.complaint ? complaintById(record.complaint.id) : undefined;
}

/** The next of the interview's own questions still to ask, in order. */
function nextScripted(record: InterviewRecord): string | undefined {
  const answered = new Set((record.answers ?? []).map((a) => a.conceptId));
  const complaint = complaintOf(record);
  if (!complaint) {
    // Without a stated complaint the interview asks for one; opening findings that already say something the
    // model can use but match no listed complaint go straight on.
    const anyPresent = record.findings.some((f) => f.status === 'present');
    return anyPresent || answered.has(SCRIPTED.complaint) ? undefined : SCRIPTED.complaint;
  }
  const present = (id: string) => record.findings.some((f) => f.conceptId === id && f.status !== 'unknown');
  if (complaint.pain) {
    if (!present('pain.onset-speed') && !answered.has('pain.onset-speed')) return 'pain.onset-speed';
  } else if (!answered.has(SCRIPTED.onset)) return SCRIPTED.onset;
  const mainFinding = record.findings.find((f) => f.conceptId === complaint.findings[0]!.conceptId);
  if (mainFinding?.durationDays === undefined && !answered.has(SCRIPTED.duration)) return SCRIPTED.duration;
  if (complaint.pain) {
    if (!present('pain.intensity') && !answered.has('pain.intensity')) return 'pain.intensity';
  } else if (!answered.has(SCRIPTED.severity)) return SCRIPTED.severity;
  return undefined;
}

function scriptedLeft(record: InterviewRecord): number {
  const complaint = complaintOf(record);
  const answered = (record.answers ?? []).length;
  if (!complaint) return 4 + 4;
  return Math.max(0, 3 + complaint.redFlags.length - answered);
}

function phaseOf(record: InterviewRecord): InterviewPhase {
  const pending = record.pendingConceptId;
  if (!pending) return 'complete';
  if (pending === SCRIPTED.complaint) return 'complaint';
  if (
    pending === SCRIPTED.onset ||
    pending === SCRIPTED.duration ||
    pending === SCRIPTED.severity ||
    ((pending === 'pain.onset-speed' || pending === 'pain.intensity') && nextScripted(record) === pending)
  )
    return 'characterise';
  const complaint = complaintOf(record);
  if (complaint?.redFlags.includes(pending) && discriminatingAsked(record) === 0) return 'red-flags';
  return 'discriminate';
}

/** Answers to the knowledge base's ranked questions (not the complaint's scripted steps or red flags). */
function discriminatingAsked(record: InterviewRecord): number {
  const complaint = complaintOf(record);
  const scripted = new Set<string>([...Object.values(SCRIPTED), 'pain.onset-speed', 'pain.intensity']);
  const flags = new Set(complaint?.redFlags ?? []);
  return (record.answers ?? []).filter((a) => !scripted.has(a.conceptId) && !flags.has(a.conceptId)).length;
}

function turnsOf(record: InterviewRecord): number {
  return (record.answers ?? []).length;
}

/** The interview's own question (complaint, onset, duration, severity), worded for the patient. */
function scriptedQuestion(id: string, record: InterviewRecord): ProposedQuestion | undefined {
  const base = {
    expectedGainNats: 0,
    mustNotMissGainNats: 0,
    separates: [],
    why: 'history-taking order: the complaint, its onset, duration and severity come before any other question',
  };
  const patient = record.patient;
  switch (id) {
    case SCRIPTED.complaint:
      return {
        ...base,
        conceptId: id,
        label: 'Main complaint',
        text: scriptedText('complaint', patient),
        type: 'categorical',
        values: COMPLAINTS.map((c) => ({ id: c.id, label: c.words[registerFor(patient)] })),
      };
    case SCRIPTED.onset:
      return {
        ...base,
        conceptId: id,
        label: 'Onset',
        text: scriptedText('onset', patient),
        type: 'categorical',
        values: ONSETS,
      };
    case SCRIPTED.duration:
      return {
        ...base,
        conceptId: id,
        label: 'Duration',
        text: scriptedText('duration', patient),
        type: 'categorical',
        values: DURATIONS,
      };
    case SCRIPTED.severity:
      return {
        ...base,
        conceptId: id,
        label: 'Severity',
        text: scriptedText('severity', patient),
        type: 'categorical',
        values: SEVERITIES,
      };
    default:
      return undefined;
  }
}
