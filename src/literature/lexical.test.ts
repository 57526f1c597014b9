import { describe, expect, it } from 'vitest';
import { FUSION_FEATURES, fusionFeatures, fusionModel, LONG_QUERY_TERMS } from './fusion.js';
import { LiteratureIndex } from './index-db.js';
import { lexicalSignals, prfTerms } from './lexical.js';
import { terms } from './text.js';
import type { Article } from './types.js';

const article = (id: string, title: string, abstract: string): Article => ({
  id,
  title,
  abstract,
  authors: [],
  publicationTypes: [],
  mesh: [],
});

describe('lexical signals for the learned fusion', () => {
  const index = new LiteratureIndex(':memory:');
  index.add(
    [
      article(
        'a',
        'Breast cancer risk in night-shift nurses',
        'A cohort of nurses followed for twenty years.',
      ),
      article(
        'b',
        'Dietary fibre and outcomes',
        'Risk was lower with fibre. Among many other outcomes studied over two decades in a large cohort of women, cancer of the colon and, separately, breast tissue density were recorded.',
      ),
      article('c', 'Sleep and shift work', 'Melatonin, light at night and circadian disruption.'),
      article(
        'd',
        'Soy intake and breast cancer',
        'Soy isoflavones and breast cancer recurrence in survivors.',
      ),
    ],
    'test',
  );
  const rowid = (id: string) => index.getById(id)!.rowid;
  const q = [...new Set(terms('breast cancer risk'))];
  const bm = index.bm25(q, 10);
  const s = lexicalSignals(
    index,
    q,
    ['a', 'b', 'c', 'd'].map(rowid),
    bm.map((h) => ({ rowid: h.rowid, score: h.score })),
  );

  it('scores proximity: neighbouring query words together beat the same words far apart', () => {
    const a = s.get(rowid('a'))!;
    const b = s.get(rowid('b'))!;
    expect(a.adjacentPairs).toBe(1);
    expect(a.windowPairs).toBe(1);
    expect(b.coverage).toBe(1);
    expect(b.adjacentPairs).toBe(0);
    expect(b.windowPairs).toBeLessThan(1);
  });

  it('splits title from abstract and weighs coverage by rarity', () => {
    const a = s.get(rowid('a'))!;
    const b = s.get(rowid('b'))!;
    const c = s.get(rowid('c'))!;
    expect(a.titleCoverage).toBe(1);
    expect(b.titleCoverage).toBe(0);
    expect(a.titleBm25).toBeGreaterThan(0);
    expect(b.titleBm25).toBe(0);
    expect(b.abstractBm25).toBeGreaterThan(0);
    expect(c.coverage).toBe(0);
    expect(c.idfCoverage).toBe(0);
    // "risk" is in fewer documents than "breast"/"cancer" here, so it weighs more than a third.
    const d = s.get(rowid('d'))!;
    expect(d.coverage).toBeCloseTo(2 / 3, 6);
    expect(d.idfCoverage).toBeLessThan(2 / 3);
  });

  it('expands the query from the top documents, never with its own words', () => {
    const top = [
      { tokens: terms('soy isoflavones breast cancer soy recurrence'), score: 2 },
      { tokens: terms('soy intake breast cancer survivors'), score: 1 },
    ];
    const expansion = prfTerms(top, q, () => 1, 100);
    expect(expansion[0]).toBe('soi');
    for (const t of q) expect(expansion).not.toContain(t);
    // Terms in over half the library carry no information and are left out.
    expect(prfTerms(top, q, () => 60, 100)).toEqual([]);
  });

  it('gives long queries their own copy of every feature, and the committed model reads these features', () => {
    const c = { bm25: 2, bm25Rank: 1, cosine: 0.5, denseRank: 3, coverage: 1, lexical: s.get(rowid('a'))! };
    const context = {
      maxBm25: 4,
      maxCosine: 0.6,
      maxTitleBm25: 1,
      maxAbstractBm25: 1,
      maxPrfBm25: 1,
      queryTerms: 3,
    };
    const short = fusionFeatures(c, context);
    const long = fusionFeatures(c, { ...context, queryTerms: LONG_QUERY_TERMS });
    const half = FUSION_FEATURES.length / 2;
    expect(short).toHaveLength(FUSION_FEATURES.length);
    expect(short.slice(half).every((x) => x === 0)).toBe(true);
    expect(long.slice(half)).toEqual(long.slice(0, half));
    expect(short[0]).toBe(0.5);
    expect(fusionModel()?.features).toEqual(FUSION_FEATURES);
  });
});
