import { stemmer } from 'stemmer';

/**
 * Tokenisation shared by the literature index, search explanations and the screening learner: lower case,
 * diacritics removed, British spellings folded to American ones (tumour → tumor, oesophagus → esophagus,
 * haemoglobin → hemoglobin, paediatric → pediatric), hyphenated and alphanumeric terms kept whole as well as split
 * (covid-19 → covid19 covid 19; il-6 → il6 il 6), Greek letters spelled out, stop words dropped, Porter stems.
 */

const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ' +
    'ours ourselves out over own same she should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves also may might must shall us vs via et al using used use'
  ).split(' '),
);

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ω: 'omega',
  τ: 'tau',
};

/** British → American spelling folds applied to whole words before stemming. */
const SPELLING: readonly [RegExp, string][] = [
  [/^oesophag/, 'esophag'],
  [/^oestr/, 'estr'],
  [/^oedem/, 'edem'],
  [/^haem/, 'hem'],
  [/^anaem/, 'anem'],
  [/^paed/, 'ped'],
  [/^foet/, 'fet'],
  [/^orthopaed/, 'orthoped'],
  [/^leukaem/, 'leukem'],
  [/^ischaem/, 'ischem'],
  [/^diarrhoea/, 'diarrhea'],
  [/^tumour/, 'tumor'],
  [/^behaviour/, 'behavior'],
  [/^colour/, 'color'],
  [/isation/, 'ization'],
  [/ise$/, 'ize'],
  [/ised$/, 'ized'],
];

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

function fold(word: string): string {
  let w = word;
  for (const [re, to] of SPELLING) if (re.test(w)) w = w.replace(re, to);
  return w;
}

/** Lower-case surface words of a text (before stemming), Greek letters spelled out, diacritics removed. */
export function words(text: string): string[] {
  const norm = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[αβγδκλμωτ]/g, (c) => ` ${GREEK[c] ?? c} `);
  const out: string[] = [];
  for (const m of norm.matchAll(/[a-z0-9]+(?:[-/][a-z0-9]+)*/g)) {
    const token = m[0];
    if (/[-/]/.test(token)) {
      const parts = token.split(/[-/]/);
      // "covid-19", "il-6", "type-2": also keep the joined form when a part is a number or a single letter.
      if (parts.length === 2 && parts.some((p) => /^\d+$/.test(p) || p.length === 1))
        out.push(parts.join(''));
      out.push(...parts);
    } else out.push(token);
  }
  return out;
}

/** The index term of one surface word (spelling fold + Porter stem), or undefined for a stop word. */
export function termOf(word: string): string | undefined {
  if (STOPWORDS.has(word)) return undefined;
  if (/^\d+$/.test(word)) return word.length <= 4 ? word : undefined;
  return stemmer(fold(word));
}

/** Index terms of a text, in order (repeats kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const t = termOf(w);
    if (t) out.push(t);
  }
  return out;
}

/** Index terms with the first surface word seen for each (for explanations: "tumours" matched as tumor). */
export function termsWithSurface(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of words(text)) {
    const t = termOf(w);
    if (t && !out.has(t)) out.set(t, w);
  }
  return out;
}
