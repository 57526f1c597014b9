/**
 * The text side's input: TF-IDF weights of word unigrams and bigrams over a vocabulary fixed at training time
 * (Salton & Buckley 1988 weighting: (1 + ln tf) · idf, L2-normalised). A trained projection maps it into the shared
 * space. Free of TensorFlow.js.
 */

const STOPWORDS = new Set(
  'a an the of and or in on at to with without for from by is are was were be been this that these there which as it its into within than then image images shows show shown demonstrates demonstrating reveals revealed seen noted'.split(
    ' ',
  ),
);

/** Spelling variants folded to one token so that "MRI" and "MR", "T2-weighted" and "T2" meet. */
const SYNONYMS: Readonly<Record<string, string>> = {
  mri: 'mr',
  magnetic: 'mr',
  resonance: 'mr',
  ct: 'ct',
  cta: 'ct',
  computed: 'ct',
  tomography: 'ct',
  weighted: '',
  lungs: 'lung',
  kidneys: 'kidney',
  masses: 'mass',
  lesions: 'lesion',
  nodules: 'nodule',
  vertebrae: 'vertebra',
  brain: 'brain',
  cerebral: 'brain',
  hepatic: 'liver',
  renal: 'kidney',
  pulmonary: 'lung',
};

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw === '' || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    const word = SYNONYMS[raw] ?? raw;
    if (word !== '' && out[out.length - 1] !== word) out.push(word);
  }
  return out;
}

/** Unigrams and adjacent-word bigrams (`a_b`). */
export function terms(text: string): string[] {
  const t = tokens(text);
  const out = [...t];
  for (let i = 0; i + 1 < t.length; i++) out.push(`${t[i]}_${t[i + 1]}`);
  return out;
}

export interface TextVocabulary {
  readonly terms: readonly string[];
  readonly idf: readonly number[];
}

/** Terms in at least `minDocs` documents, the `maxTerms` most frequent (ties by name), with smoothed idf. */
export function buildVocabulary(texts: readonly string[], maxTerms: number, minDocs = 2): TextVocabulary {
  const df = new Map<string, number>();
  for (const text of texts) for (const term of new Set(terms(text))) df.set(term, (df.get(term) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDocs)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms);
  const n = texts.length;
  return { terms: kept.map(([t]) => t), idf: kept.map(([, d]) => Math.log((n + 1) / (d + 1)) + 1) };
}

/** The L2-normalised TF-IDF vector of a text (all zeros when no term is in the vocabulary). */
export function textFeatures(
  text: string,
  vocabulary: TextVocabulary,
  index = vocabularyIndex(vocabulary),
): Float32Array {
  const out = new Float32Array(vocabulary.terms.length);
  const counts = new Map<number, number>();
  for (const term of terms(text)) {
    const i = index.get(term);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  let norm = 0;
  for (const [i, tf] of counts) {
    const v = (1 + Math.log(tf)) * (vocabulary.idf[i] as number);
    out[i] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (const i of counts.keys()) out[i] = (out[i] as number) * s;
  }
  return out;
}

const indexCache = new WeakMap<TextVocabulary, Map<string, number>>();

export function vocabularyIndex(vocabulary: TextVocabulary): Map<string, number> {
  let index = indexCache.get(vocabulary);
  if (!index) {
    index = new Map(vocabulary.terms.map((t, i) => [t, i]));
    indexCache.set(vocabulary, index);
  }
  return index;
}

/** How many of a text's terms the vocabulary knows (0 → the text cannot be placed in the shared space). */
export function knownTermCount(text: string, vocabulary: TextVocabulary): number {
  const index = vocabularyIndex(vocabulary);
  return terms(text).filter((t) => index.has(t)).length;
}
