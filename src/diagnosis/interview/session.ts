import { randomUUID } from 'node:crypto';
import type { Finding } from '../../clinical/finding.js';
import type { PatientContext } from '../../clinical/patient.js';
import type { DdxEngine, DdxEntry, ProposedQuestion } from '../ddx-engine.js';
import { DdxInputError } from '../kb-bridge.js';
import { DEFAULT_INTERVIEW_OPTIONS } from './options.js';

export type InterviewStatus = 'in-progress' | 'complete';
export type StopReason = 'confident' | 'budget' | 'no-informative-question';

/** A stored interview: what the patient said so far and the question awaiting an answer. */
export interface InterviewRecord {
  readonly id: string;
  readonly caseId?: string;
  readonly patient: PatientContext;
  readonly maxTurns: number;
  /** The opening findings, then one finding per answered question, in order. */
  readonly findings: readonly Finding[];
  readonly initialFindingCount: number;
  /** The concept id of the question awaiting an answer (absent once complete). */
  readonly pendingConceptId?: string;
  readonly status: InterviewStatus;
  readonly stopReason?: StopReason;
  readonly modelVersion: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An interview as the API returns it: the record plus the current differential and question. */
export interface InterviewView extends InterviewRecord {
  readonly turns: number;
  readonly question?: ProposedQuestion;
  readonly differential: { readonly entries: readonly DdxEntry[] };
}

export interface NewInterview {
  readonly patient: PatientContext;
  readonly findings: readonly Finding[];
  readonly maxTurns?: number;
  readonly caseId?: string;
}

/**
 * The interview as a pure state machine over records (the adapters store them): `start` validates the opening
 * findings and picks the first question; `answer` accepts only an answer to the pending question, re-validates
 * everything, and either asks the next question or completes (top condition confident, budget reached, or nothing
 * informative left). Invalid input throws `DdxInputError` and leaves the record untouched.
 */
export class InterviewMachine {
  constructor(
    readonly engine: DdxEngine,
    readonly confidence: number = DEFAULT_INTERVIEW_OPTIONS.confidence,
  ) {}

  start(input: NewInterview, now = new Date()): InterviewRecord {
    const record: InterviewRecord = {
      id: randomUUID(),
      ...(input.caseId ? { caseId: input.caseId } : {}),
      patient: input.patient,
      maxTurns: input.maxTurns ?? DEFAULT_INTERVIEW_OPTIONS.maxTurns,
      findings: input.findings,
      initialFindingCount: input.findings.length,
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
      const asked = record.findings
        .slice(record.initialFindingCount)
        .some((f) => f.conceptId === answer.conceptId);
      throw new DdxInputError([
        {
          field: '/conceptId',
          message: asked
            ? `'${answer.conceptId}' was already answered; the pending question is '${record.pendingConceptId}'`
            : `'${answer.conceptId}' was never asked; the pending question is '${record.pendingConceptId}'`,
        },
      ]);
    }
    const findings = [...record.findings, answer];
    // Validates the answer (value type, contradictions) against everything said before.
    this.engine.stateOf(record.patient, findings, '/findings');
    return this.advance({ ...record, findings, updatedAt: now.toISOString() }, now);
  }

  /** The current differential and pending question of a record. */
  view(record: InterviewRecord): InterviewView {
    const state = this.engine.stateOf(record.patient, record.findings);
    const question = record.pendingConceptId
      ? this.engine
          .proposeQuestions(state, record.patient, 1)
          .find((q) => q.conceptId === record.pendingConceptId)
      : undefined;
    return {
      ...record,
      turns: record.findings.length - record.initialFindingCount,
      ...(question ? { question } : {}),
      differential: { entries: this.engine.differential(state) },
    };
  }

  private advance(record: InterviewRecord, now: Date): InterviewRecord {
    const { pendingConceptId: _previous, stopReason: _reason, ...rest } = record;
    const state = this.engine.stateOf(record.patient, record.findings);
    const p = this.engine.model.predict(state);
    const turns = record.findings.length - record.initialFindingCount;
    const complete = (stopReason: StopReason): InterviewRecord => ({
      ...rest,
      status: 'complete',
      stopReason,
      updatedAt: now.toISOString(),
    });
    if (Math.max(...p) >= this.confidence) return complete('confident');
    if (turns >= record.maxTurns) return complete('budget');
    const [next] = this.engine.proposeQuestions(state, record.patient, 1);
    if (!next || next.expectedGainNats + next.mustNotMissGainNats < DEFAULT_INTERVIEW_OPTIONS.minGainNats) {
      return complete('no-informative-question');
    }
    return { ...rest, status: 'in-progress', pendingConceptId: next.conceptId, updatedAt: now.toISOString() };
  }
}
