import { describe, expect, it } from 'vitest';
import { loadDeidModel } from './detect.js';
import { FeatureScorer, noteFeatureContext, noteFeatures } from './features.js';
import { loadDictionaries } from './lexicon.js';
import { Perceptron } from './perceptron.js';
import { tokenize } from './tokens.js';

// Hand-written notes (no text from any data set): names, places, dates, numbers, a '|' and an upper-case line.
const NOTES = [
  `Pt seen by Dr. Jane Okafor this am. Pt's wife Mary called from 617-555-0142 | transferred to New Haven.
SOCIAL: LIVES IN ANNAPOLIS, MD WITH DAUGHTER ROSA. 92 yo, admitted 3/14/2019 and seen 3/9 AM.
Neuro: alert, PERRLA. PS 10/5, plan d/w NP Grace per family; f/u at Sacred Heart Hospital on the 11th.`,
  `resp: lungs clear | 2 | sats 94% on 2L. dtr lorrie aware. E. WELSH RN
cv: hr 80s, bp 120/80. ' 09 ptca. home in Edgemere.`,
];

function context(text: string, vocab: ReadonlySet<string>) {
  const tokens = tokenize(text);
  const none = new Array<undefined>(tokens.length).fill(undefined);
  // A pattern category on one token, so that the pattern features are sent too.
  const patternCategory = none.map((_, i) => (i === 3 ? ('date' as const) : undefined));
  const patternRule = none.map((_, i) => (i === 3 ? 'pattern.test' : undefined));
  return { text, tokens, patternCategory, patternRule, vocab, dict: loadDictionaries() };
}

/** Scores of every token by the scorer and from the feature strings, as lists of numbers. */
function both(p: Perceptron, scorer: FeatureScorer, text: string, vocab: ReadonlySet<string>) {
  const input = context(text, vocab);
  const ctx = noteFeatureContext(input);
  const features = noteFeatures(input);
  const fast: (number[] | undefined)[] = [];
  const slow: (number[] | undefined)[] = [];
  for (let i = 0; i < input.tokens.length; i++) {
    const s = scorer.score(ctx, i);
    fast.push(s && [...s]);
    slow.push(features[i]!.length > 0 ? [...p.scores(features[i]!)] : undefined);
  }
  return { fast, slow };
}

describe('FeatureScorer', () => {
  it('gives every token the scores its feature strings give, bit for bit (the committed model)', () => {
    const m = loadDeidModel();
    const scorer = new FeatureScorer(m.perceptron);
    for (const note of [...NOTES, ...NOTES]) {
      const { fast, slow } = both(m.perceptron, scorer, note, m.vocab);
      expect(fast.filter(Boolean).length).toBeGreaterThan(20);
      expect(fast).toStrictEqual(slow);
    }
  });

  it('gives the same scores when its memo starts afresh between notes', () => {
    const m = loadDeidModel();
    const scorer = new FeatureScorer(m.perceptron, 10);
    for (const note of [...NOTES, ...NOTES, ...NOTES]) {
      const { fast, slow } = both(m.perceptron, scorer, note, m.vocab);
      expect(fast).toStrictEqual(slow);
    }
  });

  it('keeps two models with the same vocabulary apart, and finds pair features whose words hold a "|"', () => {
    const vocab = new Set(['pt', 'by', 'the', '|', 'called', 'from', 'aware']);
    const features = noteFeatures(context(NOTES[0]!, vocab)).concat(noteFeatures(context(NOTES[1]!, vocab)));
    const names = [...new Set(features.flat())];
    expect(names.some((f) => f.startsWith('p1n1=|||'))).toBe(true);
    // Two perceptrons that weigh every feature of these notes, differently (sums of several terms, in order).
    const weigh = (seed: number) =>
      Perceptron.from(
        Object.fromEntries(names.map((f, k) => [f, [0, 1, 2].map((c) => Math.sin(k * 7.1 + c + seed) / 3)])),
        ['O', 'name', 'date'],
      );
    const [a, b] = [weigh(1), weigh(2)];
    const [sa, sb] = [new FeatureScorer(a), new FeatureScorer(b)];
    for (const note of [...NOTES, ...NOTES]) {
      const ra = both(a, sa, note, vocab);
      const rb = both(b, sb, note, vocab);
      expect(ra.fast).toStrictEqual(ra.slow);
      expect(rb.fast).toStrictEqual(rb.slow);
      expect(ra.fast).not.toStrictEqual(rb.fast);
    }
  });
});
