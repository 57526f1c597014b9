import type { Finding } from '../clinical/finding.js';
import type { FieldError } from '../engine/errors.js';
import { DdxInputError, type KnowledgeBridge } from './kb-bridge.js';
import type { Answer } from './model/spec.js';
import { withAnswer } from './model/state.js';

/**
 * Turns public findings into the model's answers, checking them: unknown concepts and wrong value types (from the
 * bridge), the same question answered twice differently, and follow-ups reported present while their parent is
 * reported absent are errors naming the finding (`/findings/i/...`). Value concepts of one multi-choice question
 * are merged; a follow-up reported present implies its parent is present. Collects every error before throwing.
 */
export function findingsToAnswers(
  bridge: KnowledgeBridge,
  findings: readonly Finding[],
  fieldPrefix = '/findings',
  options: ReconcileOptions = {},
): Map<string, Answer> {
  const index = bridge.index;
  const reconcile = options.reconcile === true;
  const note = (message: string) => options.notes?.push(message);
  const errors: FieldError[] = [];
  const rejected = new Set<number>();
  const given = new Map<string, { answer: Answer; at: number; partial: boolean }>();
  findings.forEach((finding, i) => {
    const field = `${fieldPrefix}/${i}`;
    if (finding.experiencer === 'other' || finding.temporality === 'hypothetical') return;
    let resolved: ReturnType<KnowledgeBridge['resolveFinding']>;
    try {
      resolved = bridge.resolveFinding(finding, field);
    } catch (error) {
      if (error instanceof DdxInputError) {
        if (reconcile) {
          note(
            `${field} (${finding.conceptId}) left out: ${error.fieldErrors.map((e) => e.message).join('; ')}`,
          );
          return;
        }
        errors.push(...error.fieldErrors);
        rejected.add(i);
        return;
      }
      throw error;
    }
    if (!resolved) return;
    const previous = given.get(resolved.code);
    if (!previous) {
      given.set(resolved.code, { answer: resolved.answer, at: i, partial: resolved.partial ?? false });
      return;
    }
    const question = index.question(resolved.code);
    if (
      previous.answer !== 'unknown' &&
      resolved.answer !== 'unknown' &&
      (previous.partial || resolved.partial)
    ) {
      if (index.isPresent(question, previous.answer) && index.isPresent(question, resolved.answer)) {
        const merged = index.normalise(question, [...previous.answer, ...resolved.answer]);
        given.set(resolved.code, {
          answer: merged,
          at: previous.at,
          partial: previous.partial && (resolved.partial ?? false),
        });
        return;
      }
    }
    if (sameAnswer(previous.answer, resolved.answer)) return;
    if (reconcile) {
      const answer = reconciled(index, question, previous.answer, resolved.answer);
      given.set(resolved.code, { answer, at: previous.at, partial: false });
      note(
        `${fieldPrefix}/${previous.at} and ${field} answer '${finding.conceptId}' differently: kept ${index.isPresent(question, answer) ? 'present' : 'absent'}`,
      );
      return;
    }
    rejected.add(i);
    errors.push({
      field: `${field}/conceptId`,
      message: `contradicts ${fieldPrefix}/${previous.at}: '${finding.conceptId}' is answered twice differently`,
    });
  });
  for (const [code, { answer, at }] of given) {
    const question = index.question(code);
    if (!question.parent || !index.isPresent(question, answer)) continue;
    const parent = given.get(question.parent);
    if (
      parent &&
      parent.answer !== 'unknown' &&
      index.questionByCode.has(question.parent) &&
      !index.isPresent(index.question(question.parent), parent.answer)
    ) {
      if (reconcile) {
        // A present refinement outweighs a bare "no": the parent is present.
        if (index.question(question.parent).type === 'binary')
          given.set(question.parent, { answer: ['yes'], at: parent.at, partial: false });
        note(
          `${fieldPrefix}/${at} is a follow-up of ${fieldPrefix}/${parent.at}, reported absent: kept present`,
        );
        continue;
      }
      rejected.add(at);
      errors.push({
        field: `${fieldPrefix}/${at}/status`,
        message: `contradicts ${fieldPrefix}/${parent.at}: a follow-up of '${bridge.conceptIdOf(question.parent)}' is present while it is absent`,
      });
    }
  }
  if (errors.length > 0)
    throw new DdxInputError(
      errors,
      [...rejected].sort((a, b) => a - b),
    );
  const answers = new Map<string, Answer>();
  for (const [code, { answer }] of given) {
    const question = index.question(code);
    // Some DDXPlus follow-ups name a parent question that the release does not define: nothing to imply then.
    const parentCode = question.parent;
    if (
      parentCode &&
      index.questionByCode.has(parentCode) &&
      index.isPresent(question, answer) &&
      !given.has(parentCode)
    ) {
      const parent = index.question(parentCode);
      if (parent.type === 'binary') answers.set(parent.code, ['yes']);
    }
  }
  for (const [code, { answer }] of given) withAnswer(index, answers, code, answer);
  return answers;
}

/** How `findingsToAnswers` treats findings that contradict each other or that the model cannot use. */
export interface ReconcileOptions {
  /**
   * Reconcile instead of failing (findings read from free text, where a note can say "no cough … cough since
   * Monday"): a finding the model cannot use is left out; of two different answers to one question a present one
   * outweighs an absent or unknown one, present values of a multi-choice question are merged, a 0–10 rating keeps
   * the higher value, a categorical one the first value; a present follow-up makes its parent present.
   */
  readonly reconcile?: boolean;
  /** Receives one line per finding left out or reconciled. */
  readonly notes?: string[];
}

function reconciled(
  index: KnowledgeBridge['index'],
  question: ReturnType<KnowledgeBridge['index']['question']>,
  a: Answer,
  b: Answer,
): Answer {
  if (a === 'unknown') return b;
  if (b === 'unknown') return a;
  const aPresent = index.isPresent(question, a);
  const bPresent = index.isPresent(question, b);
  if (aPresent !== bPresent) return aPresent ? a : b;
  if (!aPresent) return a;
  if (question.type === 'multi') return index.normalise(question, [...a, ...b]);
  if (question.type === 'scale') return Number(b[0]) > Number(a[0]) ? b : a;
  return a;
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  if (a === 'unknown' || b === 'unknown') return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
