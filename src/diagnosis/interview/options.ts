/**
 * Default interview settings, chosen on the training patients (never the validation split): stop when the top
 * condition reaches `confidence`, or after `maxTurns` questions (DDXPlus experiments use 30).
 */
export const DEFAULT_INTERVIEW_OPTIONS = {
  maxTurns: 30,
  confidence: 0.995,
  mustNotMissWeight: 0.5,
  minGainNats: 1e-4,
} as const;
