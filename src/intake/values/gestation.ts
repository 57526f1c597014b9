import { LOINC, type Observation } from '../../clinical/observation.js';
import { parseNumber } from './common.js';

/** LOINC 49051-6 "Gestational age in weeks", UCUM `wk`. */
export const GESTATIONAL_AGE_LOINC = '49051-6';

const WEEKS_WORD =
  '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty)';

/**
 * "8 weeks pregnant", "nine weeks pregnant by her dates", "32 weeks' gestation", "28 weeks of gestation", "9/40",
 * "34 weeks into her first pregnancy", "at 28 weeks gestation", "32-weeks pregnant", "7 weeks along", and the weeks
 * said right after the pregnancy ("pregnancy test positive, 6 weeks", "pregnant (about 8 wks)"). Not a time since an
 * event ("two weeks ago", "a 6-week history", "pregnant, bleeding for 2 weeks"). "Week 8 of pregnancy", the obstetric shorthand "G1P0 at 36 weeks"
 * and "33+5" or "8+3 wks" (weeks and days) too.
 */
const GESTATION = new RegExp(
  `(?<![\\w.])(?:${WEEKS_WORD}(?:\\s*\\+\\s*\\d)?\\s*-?\\s*(?:weeks?|wks?)['’]?\\s*(?:-?\\s*pregnant|(?:estimated )?gestation(?:al age)?|of (?:gestation|pregnancy)|into (?:her|my|the|this)(?: \\w+)? pregnancy|along)|(\\d{1,2})\\s*\\/\\s*40\\b)` +
    `|\\b(?:pregnant|pregnancy test (?:was |is )?positive|positive pregnancy test)\\s*[,(:-]?\\s*(?:about |around |approx\\.? |at |roughly |~\\s*)?${WEEKS_WORD}\\s*(?:weeks?|wks?)\\b(?!\\s*(?:ago|of\\b|history|hx))` +
    `|\\bweek\\s+(\\d{1,2})\\s+of\\s+(?:my\\s+|her\\s+|the\\s+|this\\s+)?pregnancy\\b` +
    // An obstetric shorthand: "G1P0 at 36 weeks", "33+5" (weeks and days, read from two-digit weeks only).
    `|\\bG\\d{1,2}\\s*P\\d{1,2}(?:\\s*\\+\\s*\\d)?\\b[^.;]{0,12}?\\bat\\s+(\\d{1,2})\\s*(?:weeks?|wks?)\\b` +
    `|(?<![\\w.+/])(\\d{2})\\s*\\+\\s*[0-6](?![\\d.+/])` +
    // Weeks and days with the unit ("8+3 wks by dates"): a gestation whatever follows.
    `|(?<![\\w.+/])(\\d{1,2})\\s*\\+\\s*[0-6]\\s*(?:weeks?|wks?)\\b`,
  'gi',
);

/** Gestational ages written in `text` (offsets shifted by `offset`), in weeks. */
export function extractGestationalAge(text: string, offset = 0): Observation[] {
  const out: Observation[] = [];
  for (const match of text.matchAll(GESTATION)) {
    const written = (match[1] ??
      match[2] ??
      match[3] ??
      match[4] ??
      match[5] ??
      match[6] ??
      match[7])!.toLowerCase();
    const weeks = parseNumber(written);
    if (!(weeks >= 1 && weeks <= 44)) continue;
    // "33+5" is a gestation only in the weeks a pregnancy lasts.
    if (match[6] !== undefined && !(weeks >= 4 && weeks <= 42)) continue;
    const at = match.index ?? 0;
    out.push({
      code: { system: LOINC, code: GESTATIONAL_AGE_LOINC, display: 'Gestational age in weeks' },
      value: { value: weeks, unit: 'wk' },
      sourceSpan: { start: offset + at, end: offset + at + match[0].length, text: match[0] },
    });
  }
  return out;
}
