import { describe, expect, it } from 'vitest';
import { article } from './fixtures/article.js';
import {
  FUSION_FEATURES,
  fusionContributions,
  fusionFeatures,
  fusionModel,
  fusionScore,
  LONG_QUERY_TERMS,
} from './fusion.js';
import { LiteratureIndex } from './index-db.js';
import { lexicalSignals, prfTerms } from './lexical.js';
import { type DenseCorpus, fuseCandidates } from './retrieval.js';
import { terms } from './text.js';

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
    const c = {
      bm25: 2,
      bm25Rank: 1,
      cosine: 0.5,
      denseRank: 3,
      abstractCosine: 0.4,
      coverage: 1,
      lexical: s.get(rowid('a'))!,
    };
    const context = {
      maxBm25: 4,
      maxCosine: 0.6,
      maxAbstractCosine: 0.7,
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
    const at = (name: string) => FUSION_FEATURES.indexOf(name);
    expect(short[at('abstract_cosine')]).toBe(0.4);
    expect(short[at('abstract_cosine_gap')]).toBeCloseTo(-0.3, 12);
    expect(fusionModel()?.features).toEqual(FUSION_FEATURES);
  });

  it('gives each candidate its whole-abstract cosine when the abstract vectors are at hand', () => {
    const rows = index.all();
    const v = (x: number, y: number) => Float32Array.from([x, y]);
    // The query vector points at (1, 0); title vectors say nothing, abstract vectors differ per article.
    const titleVectors = rows.map(() => v(0, 1));
    const abstractVectors = rows.map((_, i) => v(Math.cos(i / 2), Math.sin(i / 2)));
    const qt = terms('breast cancer');
    const dense = { rowids: rows.map((r) => r.rowid), vectors: titleVectors };
    const withAbstracts = fuseCandidates(index, qt, v(1, 0), { ...dense, abstractVectors }, null);
    for (const c of withAbstracts) {
      const i = rows.findIndex((r) => r.rowid === c.rowid);
      expect(c.abstractCosine).toBeCloseTo(Math.cos(i / 2), 6);
      expect(c.features[FUSION_FEATURES.indexOf('abstract_cosine')]).toBeCloseTo(Math.cos(i / 2), 6);
    }
    const best = Math.max(...withAbstracts.map((c) => c.abstractCosine!));
    const gap = withAbstracts.map((c) => c.features[FUSION_FEATURES.indexOf('abstract_cosine_gap')]!);
    expect(Math.max(...gap)).toBeCloseTo(0, 6);
    expect(Math.min(...gap)).toBeCloseTo(Math.min(...withAbstracts.map((c) => c.abstractCosine!)) - best, 6);
    for (const c of fuseCandidates(index, qt, v(1, 0), dense, null)) expect(c.abstractCosine).toBeUndefined();
  });

  it('adds the whole-abstract top 50 to the candidates where abstract vectors are at hand', () => {
    const big = new LiteratureIndex(':memory:');
    const filler = Array.from({ length: 60 }, (_, i) => article(`f${i}`, `Filler ${i}`, 'Nothing of note.'));
    big.add([...filler, article('late', 'Night work', 'Circadian disruption in nurses.')], 'test');
    const rows = big.all();
    const v = (x: number, y: number) => Float32Array.from([x, y]);
    // No title vector points at the query, so the title top 50 is the first 50 rows; only the last row's abstract does.
    const dense = { rowids: rows.map((r) => r.rowid), vectors: rows.map(() => v(0, 1)) };
    const abstractVectors = rows.map((r) => (r.id === 'late' ? v(1, 0) : v(0, 1)));
    const qt = terms('breast cancer');
    const ids = (d: DenseCorpus) => fuseCandidates(big, qt, v(1, 0), d, null).map((c) => c.id);
    expect(ids(dense)).not.toContain('late');
    expect(ids({ ...dense, abstractVectors })).toContain('late');
  });

  it('scores a candidate without an abstract vector as if its abstract features were at the training mean', () => {
    const m = fusionModel()!;
    const c = { bm25: 2, bm25Rank: 1, cosine: 0.5, denseRank: 3, coverage: 1, lexical: s.get(rowid('a'))! };
    const context = {
      maxBm25: 4,
      maxCosine: 0.6,
      maxAbstractCosine: 0,
      maxTitleBm25: 1,
      maxAbstractBm25: 1,
      maxPrfBm25: 1,
      queryTerms: 3,
    };
    const missing = fusionFeatures(c, context);
    expect(Number.isNaN(missing[FUSION_FEATURES.indexOf('abstract_cosine')]!)).toBe(true);
    const atMean = missing.map((x, i) => (Number.isNaN(x) ? m.mean[i]! : x));
    expect(fusionScore(m, missing)).toBeCloseTo(fusionScore(m, atMean), 12);
    expect(fusionContributions(m, missing)[FUSION_FEATURES.indexOf('abstract_cosine')]).toEqual({
      feature: 'abstract_cosine',
      value: null,
      contribution: 0,
    });
  });
});
