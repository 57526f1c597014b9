import type { Finding } from '../../clinical/finding.js';
import type { PatientContext } from '../../clinical/patient.js';
import type { DdxEngine, DdxEntry, ProposedQuestion } from '../ddx-engine.js';
import type { HedgedDifferential } from '../hedge.js';
import { DdxInputError } from '../kb-bridge.js';
import { InterviewMachine, type StopReason } from './session.js';

/** How the terminal interview talks: `ask` shows a prompt and returns the line typed (undefined at end of input). */
export interface InterviewIo {
  ask(prompt: string): Promise<string | undefined>;
  say(text: string): void;
}

export interface TerminalInterviewResult {
  readonly turns: number;
  readonly stopReason?: StopReason | 'end-of-input';
  readonly findings: readonly Finding[];
  /** The model's own differential (posteriors within its 49 conditions). */
  readonly differential: readonly DdxEntry[];
  /** What is shown: shares earned by the findings present, and the "not settled" rest (`../hedge.ts`). */
  readonly hedged: HedgedDifferential;
}

const DONT_KNOW = new Set(['?', "don't know", 'dont know', 'unknown', 'dk', 'not sure']);

/**
 * Parses a typed answer to a question: yes/no, a value number or id, several (comma-separated) for multi-choice,
 * 0–10 for a scale, `?` or "don't know" for unknown. Returns undefined when the line is not an answer.
 */
export function parseTypedAnswer(question: ProposedQuestion, line: string): Finding | undefined {
  const text = line.trim().toLowerCase();
  const conceptId = question.conceptId;
  if (DONT_KNOW.has(text)) return { conceptId, status: 'unknown' };
  if (question.type === 'binary') {
    if (['y', 'yes'].includes(text)) return { conceptId, status: 'present' };
    if (['n', 'no'].includes(text)) return { conceptId, status: 'absent' };
    return undefined;
  }
  if (['n', 'no', 'none'].includes(text)) return { conceptId, status: 'absent' };
  if (question.type === 'scale-0-10') {
    const value = Number(text);
    return Number.isInteger(value) && value >= 0 && value <= 10
      ? { conceptId, status: 'present', value }
      : undefined;
  }
  const values = question.values ?? [];
  const pick = (token: string) => {
    const n = Number(token);
    if (Number.isInteger(n) && n >= 1 && n <= values.length) return values[n - 1]!.id;
    return values.find((v) => v.id.toLowerCase() === token || v.label.toLowerCase() === token)?.id;
  };
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const ids = tokens.map(pick);
  if (ids.length === 0 || ids.some((id) => id === undefined)) return undefined;
  if (question.type === 'categorical')
    return ids.length === 1 ? { conceptId, status: 'present', value: ids[0]! } : undefined;
  return { conceptId, status: 'present', value: ids as string[] };
}

function prompt(question: ProposedQuestion): string {
  const lines = [question.text];
  if (question.type === 'binary') lines.push("  [y]es / [n]o / ? (don't know)");
  else if (question.type === 'scale-0-10') lines.push("  0–10 / ? (don't know)");
  else {
    for (const [i, v] of (question.values ?? []).entries()) lines.push(`  ${i + 1}. ${v.label}`);
    lines.push(
      question.type === 'multi-choice'
        ? "  numbers separated by commas / ? (don't know)"
        : "  one number / ? (don't know)",
    );
  }
  return `${lines.join('\n')}\n> `;
}

/** Runs an interview over `io` until it completes or input ends; re-asks on answers it cannot read. */
export async function runTerminalInterview(
  engine: DdxEngine,
  patient: PatientContext,
  findings: readonly Finding[],
  maxTurns: number,
  io: InterviewIo,
): Promise<TerminalInterviewResult> {
  const machine = new InterviewMachine(engine);
  let record = machine.start({ patient, findings, maxTurns });
  let view = machine.view(record);
  while (record.status === 'in-progress' && view.question) {
    const line = await io.ask(prompt(view.question));
    if (line === undefined) {
      return {
        turns: view.turns,
        stopReason: 'end-of-input',
        findings: record.findings,
        differential: view.differential.entries,
        hedged: view.hedged,
      };
    }
    const answer = parseTypedAnswer(view.question, line);
    if (!answer) {
      io.say('Sorry, I could not read that answer; please try again.');
      continue;
    }
    try {
      record = machine.answer(record, answer);
    } catch (error) {
      if (error instanceof DdxInputError) {
        io.say(error.message);
        continue;
      }
      throw error;
    }
    view = machine.view(record);
  }
  return {
    turns: view.turns,
    ...(record.stopReason ? { stopReason: record.stopReason } : {}),
    findings: record.findings,
    differential: view.differential.entries,
    hedged: view.hedged,
  };
}
