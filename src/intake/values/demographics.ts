import type { Sex } from '../../clinical/patient.js';
import type { TextSpan } from '../../clinical/span.js';

/** Age and sex written in consultation text ("58-year-old man", "62M", "F 45"). */

export interface Demographics {
  readonly ageYears?: number;
  readonly sex?: Sex;
  readonly sourceSpan: TextSpan;
}

const SEX_WORDS: Readonly<Record<string, Sex>> = {
  man: 'male',
  male: 'male',
  gentleman: 'male',
  boy: 'male',
  m: 'male',
  gent: 'male',
  guy: 'male',
  woman: 'female',
  female: 'female',
  lady: 'female',
  girl: 'female',
  f: 'female',
};

const AGE_PATTERN =
  /(?<![\d.,])\b(\d{1,3})(?:[- ]?(?:years?|yrs?|y)[- ]?(?:old|o)\b|\s*y\.?\/?o\.?\b|\s*yo\b|(?=\s*[MF]\b)|(?=[MF]\b))[\s,-]*(man|male|gentleman|gent|guy|woman|female|lady|boy|girl|m|f)?\b/gi;

/** "58-year-old man", "74 YO WOMAN", "45M", "a 30 y/o female": age in years and sex. */
export function extractDemographics(text: string, offset = 0): Demographics[] {
  const found: Demographics[] = [];
  for (const match of text.matchAll(AGE_PATTERN)) {
    const age = Number(match[1]);
    const sexWord = match[2]?.toLowerCase();
    const compact = !/year|yr|y|o/i.test(match[0].slice(match[1]!.length).replace(sexWord ?? '', ''));
    if (compact && !sexWord) continue;
    if (compact && sexWord && !/^[mf]$/.test(sexWord)) continue;
    if (!(age >= 0 && age <= 120)) continue;
    const start = offset + (match.index ?? 0);
    let end = start + match[0].length;
    while (end > start && /[\s,-]/.test(text[end - 1 - offset] ?? '')) end--;
    found.push({
      ageYears: age,
      ...(sexWord ? { sex: SEX_WORDS[sexWord] ?? 'unknown' } : {}),
      sourceSpan: { start, end, text: text.slice(start - offset, end - offset) },
    });
  }
  return found;
}
