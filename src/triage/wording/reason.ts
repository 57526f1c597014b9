import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../../ml/model-file.js';
import { moreUrgent, TRIAGE_ADVICE, TRIAGE_RANK } from '../assess.js';
import type { OnsetCourse } from '../onset.js';
import type { TriageReason, TriageResult } from '../types.js';
import { type WordingInput, wordingFeatures } from './features.js';
import { EMERGENCY_WORDING_FORMAT, type EmergencyWordingJson, EmergencyWordingModel } from './model.js';

export const EMERGENCY_WORDING_RULE_ID = 'learned.emergency-wording';
/** How many of the features that pushed hardest are named in the reason. */
const NAMED_FEATURES = 6;

let committed: EmergencyWordingModel | undefined;

/** The committed model (`models/triage/emergency-wording.json`, `npm run train:emergency-wording`). */
export function emergencyWordingModel(): EmergencyWordingModel {
  committed ??= EmergencyWordingModel.fromJSON(
    readModelJson<EmergencyWordingJson>(
      join(committedModelsDir('triage'), 'emergency-wording.json'),
      EMERGENCY_WORDING_FORMAT,
    ),
  );
  return committed;
}

/**
 * Courses the model speaks for: a story begun within the week, or one whose course the note does not tell. Over
 * stories of a week or more it raised more notes wrongly and found no emergency the rules had missed (validation in
 * models/triage/MODEL_CARD.md): it reads acuity words, and a weeks-long story keeps them.
 */
const ACUTE_COURSES: ReadonlySet<OnsetCourse> = new Set(['new', 'unknown']);

/** Whether the model speaks for a story of this course. */
export const wordingSpeaksFor = (course: OnsetCourse): boolean => ACUTE_COURSES.has(course);

/**
 * The model's reason for a note, when the story is acute (`course` new or unknown, `onset.ts`) and the note reads
 * like an emergency (probability at or above the model's threshold): level `emergency`, with the words and findings
 * that pushed it as evidence.
 */
export function emergencyWordingReason(
  input: WordingInput & { readonly course: OnsetCourse },
  model: EmergencyWordingModel = emergencyWordingModel(),
): TriageReason | undefined {
  if (!wordingSpeaksFor(input.course)) return undefined;
  const features = wordingFeatures(input);
  const probability = model.predict(features);
  if (probability < model.threshold) return undefined;
  const pushes = model
    .explain(features)
    .filter((c) => c.contribution > 0)
    .slice(0, NAMED_FEATURES);
  return {
    ruleId: EMERGENCY_WORDING_RULE_ID,
    level: 'emergency',
    source: 'learned',
    text:
      `The note reads like the emergencies the wording model was trained on (probability ${probability.toFixed(2)}, ` +
      `threshold ${model.threshold}): ${pushes.map((c) => c.label).join(', ')}. A learned signal, not a rule: check for an emergency now.`,
    citation: `Model ${model.modelId} ${model.modelVersion} (models/triage/MODEL_CARD.md)`,
    evidence: pushes.map((c) => c.input),
  };
}

/**
 * Whether the model may raise the rules' result: not a `self-care` that the short, self-limiting complaints alone
 * gave (`default.self-care`: a food poisoning going round the family), where the model's acuity words (vomiting,
 * "hours ago") are weaker evidence; it found no emergency among those. A self-care read from the differential it may
 * raise: the differential can be wrong where the words are not (an appendicitis read as a cold).
 */
export const wordingMayRaise = (result: Pick<TriageResult, 'level' | 'reasons'>): boolean =>
  result.level !== 'self-care' || !result.reasons.some((r) => r.ruleId === 'default.self-care');

/** `result` with `reason` added: the level raised to the reason's where it is more urgent, reasons most urgent first. */
export function withReason(result: TriageResult, reason: TriageReason | undefined): TriageResult {
  if (!reason) return result;
  const level = moreUrgent(result.level, reason.level);
  const reasons = [...result.reasons, reason].sort((a, b) => TRIAGE_RANK[b.level] - TRIAGE_RANK[a.level]);
  // A reason that raises the level is something to go on, also where the rules found nothing (a note of despair
  // and saved-up tablets that no finding names).
  const insufficient = result.insufficient && level === result.level;
  return { ...result, level, reasons, insufficient, advice: TRIAGE_ADVICE[level] };
}

/** The rules' `result` with the model's `reason` added where the model may raise it (`wordingMayRaise`). */
export function raiseByWording(result: TriageResult, reason: TriageReason | undefined): TriageResult {
  return wordingMayRaise(result) ? withReason(result, reason) : result;
}
