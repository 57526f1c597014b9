import type { PatientContext } from '../clinical/patient.js';
import type { TextSpan } from '../clinical/span.js';
import { isFamilyHistoryConcept } from './family-history.js';
import type { KnowledgeBaseLike } from './kb-adapter.js';
import type { Lexicon } from './lexicon.js';
import type { IntakeFinding, KeyQuestion } from './record.js';
import type { Section, Sentence } from './segment.js';

/** One question the diagnosis model would ask next, and how much it expects the answer to tell. */
export interface RankedQuestion {
  readonly conceptId: string;
  /** What the model ranks by, higher first (for the default ranker: expected gain, must-not-miss weighted, nats). */
  readonly score: number;
  /** Expected reduction of the entropy of the condition posterior (nats), when the ranker knows it. */
  readonly expectedGainNats?: number;
}

/**
 * The diagnosis model's most informative next questions for the findings so far and the patient (expected
 * information gain or a learned policy), best first. Optional: without it the checklist comes from the knowledge
 * base alone. `modelQuestionRanker` (`model-ranker.ts`) wires the diagnosis engine's interview policy.
 */
export type QuestionRanker = (
  findings: readonly IntakeFinding[],
  patient: PatientContext,
) => readonly RankedQuestion[];

const COMPLAINT_CUE =
  /\b(?:c\/o|complain(?:s|ing|ed)? of|present(?:s|ed|ing)? with|came in with|chief complaint|reason for (?:visit|consultation)|here (?:for|with)|concerned about)\b/i;

/**
 * The chief complaint: the first present, recent, patient finding in the chief-complaint section; else in a sentence
 * with a complaint cue ("c/o", "presents with"); else the first such finding of the history of present illness or
 * the opening text.
 */
export function findChiefComplaint(
  findings: readonly IntakeFinding[],
  sentences: readonly Sentence[],
  sections: readonly Section[],
  text: string,
): { conceptId: string; label: string; sourceSpan: TextSpan } | undefined {
  const eligible = findings.filter(
    (f) => f.status === 'present' && f.experiencer === 'patient' && f.temporality === 'recent',
  );
  const pick = (f: IntakeFinding | undefined) =>
    f ? { conceptId: f.conceptId, label: f.label, sourceSpan: f.sourceSpan } : undefined;
  const inComplaint = eligible.find((f) => f.section === 'chief-complaint');
  if (inComplaint) return pick(inComplaint);
  const cued = eligible.find((f) => {
    const sentence = sentences.find((s) => s.start <= f.sourceSpan.start && s.end >= f.sourceSpan.end);
    if (!sentence) return false;
    const cue = COMPLAINT_CUE.exec(text.slice(sentence.start, f.sourceSpan.start));
    return cue !== null;
  });
  if (cued) return pick(cued);
  void sections;
  return pick(eligible.find((f) => f.section === 'history-present-illness' || f.section === 'preamble'));
}

/**
 * The checklist for the chief complaint: the knowledge base's conditions whose typical findings include the
 * complaint, and the union of their typical findings, weighted by how many of those conditions involve each
 * (must-not-miss conditions count double). With the diagnosis model's ranker, the questions it proposes come first,
 * in its order (expected information gain), and any it proposes beyond the knowledge-base list join it; the rest
 * follow by weight. Each item is answered when the text states it present or absent (a patient finding, any
 * temporality).
 */
export function keyQuestions(input: {
  readonly chiefComplaintIds: readonly string[];
  readonly findings: readonly IntakeFinding[];
  readonly lexicon: Lexicon;
  readonly knowledgeBase?: KnowledgeBaseLike;
  readonly ranker?: QuestionRanker;
  readonly patient?: PatientContext;
  readonly limit?: number;
}): KeyQuestion[] {
  const { knowledgeBase, chiefComplaintIds, findings, lexicon } = input;
  if (!knowledgeBase || chiefComplaintIds.length === 0) return [];
  const linked = knowledgeBase.conditions.filter((c) =>
    c.typicalConceptIds.some((id) => chiefComplaintIds.includes(id)),
  );
  const weights = new Map<string, { weight: number; conditionIds: string[] }>();
  for (const condition of linked) {
    for (const id of condition.typicalConceptIds) {
      if (chiefComplaintIds.includes(id)) continue;
      const entry = weights.get(id) ?? { weight: 0, conditionIds: [] };
      entry.weight += condition.mustNotMiss ? 2 : 1;
      entry.conditionIds.push(condition.id);
      weights.set(id, entry);
    }
  }
  const known = new Set(knowledgeBase.concepts.map((c) => c.id));
  const ranked = new Map<string, RankedQuestion>();
  for (const question of input.ranker?.(findings, input.patient ?? {}) ?? []) {
    // Only concepts the knowledge base (and so the lexicon) names; the complaint itself is not a question.
    if (!known.has(question.conceptId) || chiefComplaintIds.includes(question.conceptId)) continue;
    if (ranked.has(question.conceptId)) continue;
    ranked.set(question.conceptId, question);
    if (!weights.has(question.conceptId)) weights.set(question.conceptId, { weight: 0, conditionIds: [] });
  }
  // The patient's own findings, and family history (a relative's condition recorded as a family concept).
  const patientFindings = findings.filter(
    (f) =>
      (f.experiencer === 'patient' || isFamilyHistoryConcept(f.conceptId)) &&
      f.temporality !== 'hypothetical',
  );
  // A follow-up (pain character, rash colour …) is asked only once its parent is known present.
  const parentOf = new Map(
    knowledgeBase.concepts.flatMap((c) => (c.parentId ? [[c.id, c.parentId] as const] : [])),
  );
  const presentIds = new Set(patientFindings.filter((f) => f.status === 'present').map((f) => f.conceptId));
  for (const id of [...weights.keys()]) {
    const parent = parentOf.get(id);
    if (parent && !presentIds.has(parent) && !chiefComplaintIds.includes(parent)) weights.delete(id);
  }
  const questions = [...weights.entries()].map(([conceptId, { weight, conditionIds }]) => {
    // A refinement present (fever.pattern.continuous) answers its parent (fever) as present.
    const answer =
      patientFindings.find((f) => f.conceptId === conceptId && f.status !== 'unknown') ??
      patientFindings.find((f) => f.conceptId.startsWith(`${conceptId}.`) && f.status === 'present') ??
      patientFindings.find((f) => f.conceptId === conceptId);
    const status = answer && answer.conceptId !== conceptId ? 'present' : answer?.status;
    const model = ranked.get(conceptId);
    return {
      conceptId,
      label: lexicon.label(conceptId),
      conditionIds,
      weight,
      ...(model ? { modelScore: model.score } : {}),
      ...(model?.expectedGainNats !== undefined ? { expectedGainNats: model.expectedGainNats } : {}),
      answered: status !== undefined && status !== 'unknown',
      ...(answer && status ? { status, sourceSpan: answer.sourceSpan } : {}),
    } satisfies KeyQuestion;
  });
  questions.sort(
    (a, b) =>
      (b.modelScore ?? Number.NEGATIVE_INFINITY) - (a.modelScore ?? Number.NEGATIVE_INFINITY) ||
      b.weight - a.weight ||
      a.conceptId.localeCompare(b.conceptId),
  );
  return questions.slice(0, input.limit ?? 25);
}
