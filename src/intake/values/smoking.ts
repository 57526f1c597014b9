import type { TextSpan } from '../../clinical/span.js';
import { parseNumber } from './common.js';

/** Smoking status (current / former / never) and pack-years. */

export type SmokingStatus = 'current' | 'former' | 'never';

export interface SmokingMention {
  readonly status?: SmokingStatus;
  readonly packYears?: number;
  readonly sourceSpan: TextSpan;
}

const PACK_YEARS = /\b(\d{1,3}(?:[.,]\d)?)\s*[- ]?(?:pack[- ]?(?:years?|yrs?)|py|pk[- ]?yrs?)\b/gi;
const NEVER_SMOKER =
  /\b(?:never[- ]smok(?:er|ed)|non[- ]?smoker|never smoked|does not smoke|doesn't smoke|denies (?:any )?(?:smoking|tobacco(?: use)?|cigarettes?))\b/gi;
const FORMER_SMOKER =
  /\b(?:ex[- ]?smoker|former smoker|quit smoking|stopped smoking|gave up smoking|previous smoker|used to smoke|smoked for)\b/gi;
const CURRENT_SMOKER =
  /\b(?:current(?:ly)? smok(?:er|es|ing)|smokes|smoker|smoking \d+|still smokes|active smoker|\d+\s*(?:cigarettes|cigs)\s*(?:a|per)\s*day)\b/gi;

/** Smoking status (current / former / never) and pack-years. */
export function extractSmoking(text: string, offset = 0): SmokingMention[] {
  const found: SmokingMention[] = [];
  const taken: [number, number][] = [];
  const add = (match: RegExpMatchArray, mention: Omit<SmokingMention, 'sourceSpan'>) => {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    if (taken.some(([s, e]) => at < e && end > s)) return;
    taken.push([at, end]);
    found.push({ ...mention, sourceSpan: { start: offset + at, end: offset + end, text: match[0] } });
  };
  for (const match of text.matchAll(NEVER_SMOKER)) add(match, { status: 'never' });
  for (const match of text.matchAll(FORMER_SMOKER)) add(match, { status: 'former' });
  for (const match of text.matchAll(CURRENT_SMOKER)) add(match, { status: 'current' });
  for (const match of text.matchAll(PACK_YEARS)) add(match, { packYears: parseNumber(match[1]!) });
  return found.sort((a, b) => a.sourceSpan.start - b.sourceSpan.start);
}

/** LOINC code for tobacco pack-years (Observation value in `{pack-years}`). */
export const PACK_YEARS_LOINC = '8664-6';
