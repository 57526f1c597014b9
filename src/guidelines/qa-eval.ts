import { HealthGptError } from '../engine/errors.js';
import {
  extractiveAnswer,
  type GuidelineSearchResult,
  searchGuidelines,
  searchGuidelinesSemantic,
} from './library.js';

export interface GuidelineQuestion {
  readonly id: string;
  readonly question: string;
}

export interface GuidelineCitation {
  readonly guideline: string;
  readonly edition: string;
  readonly current: boolean;
  readonly text: string;
}

export interface GuidelineQaResult {
  readonly n: number;
  readonly answers: { id: string; answer: string; citations: GuidelineCitation[] }[];
}

/** Citations per answer (the contract asks for at least 3). */
export const QA_CITATIONS = 5;

/**
 * Parses `{ "id", "question" }` JSON lines. Blank lines are skipped; anything else that is not such an object is
 * refused naming its line. `id` may be a string or a number (echoed as a string).
 */
export function parseQuestionsJsonl(text: string): GuidelineQuestion[] {
  const out: GuidelineQuestion[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw HealthGptError.invalid(
        `line ${i + 1} is not JSON (expected one {"id","question"} object per line)`,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw HealthGptError.invalid(`line ${i + 1} is not a JSON object`);
    const { id, question } = value as { id?: unknown; question?: unknown };
    if (typeof question !== 'string' || question.trim() === '')
      throw HealthGptError.invalid(`line ${i + 1} has no "question" string`);
    if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id)))
      throw HealthGptError.invalid(`line ${i + 1} has no "id" (string or number)`);
    out.push({ id: String(id), question });
  });
  if (out.length === 0) throw HealthGptError.invalid('the questions file has no questions');
  return out;
}

export type RetrievalMode = 'fused' | 'lexical';
export const RETRIEVAL_MODES: readonly RetrievalMode[] = ['fused', 'lexical'];

/** Search by mode: `fused` (BM25 + 4-grams + sentence embeddings, the default) or `lexical` (no model loaded). */
export async function searchByMode(
  question: string,
  mode: RetrievalMode,
  options: Parameters<typeof searchGuidelines>[1] = {},
): Promise<GuidelineSearchResult> {
  return mode === 'lexical'
    ? searchGuidelines(question, options)
    : searchGuidelinesSemantic(question, options);
}

/** Answers every question from retrieval alone (no language model): an extractive answer and ranked citations. */
export async function answerGuidelineQuestions(
  questions: readonly GuidelineQuestion[],
  mode: RetrievalMode = 'fused',
): Promise<GuidelineQaResult> {
  const answers: GuidelineQaResult['answers'] = [];
  for (const q of questions) {
    let result: GuidelineSearchResult;
    try {
      result = await searchByMode(q.question, mode, { limit: QA_CITATIONS });
    } catch (error) {
      if (error instanceof HealthGptError && error.code === 'invalid')
        throw HealthGptError.invalid(`question '${q.id}': ${error.message}`);
      throw error;
    }
    answers.push({
      id: q.id,
      answer: extractiveAnswer(result),
      citations: result.hits.map((h) => ({
        guideline: h.guideline,
        edition: h.passage.edition,
        current: h.current,
        text: h.passage.text,
      })),
    });
  }
  return { n: questions.length, answers };
}
