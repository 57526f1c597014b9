import { describe, expect, it } from 'vitest';
import { type SparseVector, tfidfVectors, withDense } from './features.js';
import { recallAtFraction, wssAt, wssCohen } from './metrics.js';
import {
  combineStandardised,
  DEFAULT_LEARNER,
  doubleBalanceWeights,
  NaiveBayesModel,
  simulateScreening,
} from './screening.js';

describe('WSS@95 and recall as asreview-insights computes them (order after the priors)', () => {
  it('takes the largest relevant count at or below 95 % and a rounded random baseline', () => {
    // 10 records, 2 relevant found first. Level: 1 of 2 (2 of 2 is above 95 %), reached at index 0. Random order:
    // round(2 i / 9) first reaches 1 at i = 3. WSS = (3 − 0) / 10.
    expect(wssAt([1, 1, 0, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(0.3, 12);
    // Cohen 2006 on the same order: both relevant after 2 records, (10 − 2) / 10 − 0.05.
    expect(wssCohen([1, 1, 0, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(0.75, 12);
    expect(wssCohen([1, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toBeCloseTo(-0.05, 12);
  });

  it('rounds the random baseline half to even, as numpy does', () => {
    // n = 5, 2 relevant: 2 i / 4 = 0, .5, 1, 1.5, 2 → 0, 0, 1, 2, 2; level 1 first at i = 2 (half-up would say 1).
    expect(wssAt([1, 0, 0, 0, 1])).toBeCloseTo(0.4, 12);
  });

  it('with one relevant record uses it (the level below 95 % would be 0)', () => {
    // 1 relevant at index 1; random: round(i / 3) = 0, 0, 1, 1 → 2. WSS = (2 − 1) / 4.
    expect(wssAt([0, 1, 0, 0])).toBeCloseTo(0.25, 12);
  });

  it('is 95 % of a large set minus the share read when the order is perfect', () => {
    const order = [...Array(100).fill(1), ...Array(1900).fill(0)];
    // level 95 at index 94; random reaches 95 at the first i with round(100 i / 1999) ≥ 95: i = 1890.
    expect(wssAt(order)).toBeCloseTo((1890 - 94) / 2000, 12);
  });

  it('recall after a screened share counts the largest k with k / N at or below the share', () => {
    expect(recallAtFraction([0, 1, 0, 0, 0, 0, 0, 0, 0, 1], 0.1)).toBe(0);
    expect(recallAtFraction([0, 1, 0, 0, 0, 0, 0, 0, 0, 1], 0.2)).toBe(0.5);
    expect(recallAtFraction([1, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.05)).toBe(0);
  });
});

describe("ASReview's double balance", () => {
  it('keeps at least one included copy and room for two excluded ones', () => {
    expect(doubleBalanceWeights(1, 1)).toEqual({ one: 1, zero: 1 });
  });

  it('upweights the rare included records as ASReview does (a = 2.155, alpha = 0.94, b = 0.789)', () => {
    // 10 included, 990 excluded: w₁ = 2.155 · 99^0.94 ≈ 161.94, w₀ = 1 − 0.211 / (1 + ln 1000) ≈ 0.9733;
    // included copies = 161.94 · 10 · 1000 / (1619.4 + 963.6) ≈ 626.9 of the 1,000 training rows.
    const w = doubleBalanceWeights(10, 990);
    expect(w.one * 10).toBeCloseTo(626.94, 1);
    expect(w.one * 10 + w.zero * 990).toBeCloseTo(1000, 9);
  });
});

describe('naive Bayes', () => {
  const records = [
    { title: 'Atomoxetine in children with ADHD', abstract: 'A randomised trial of atomoxetine.' },
    { title: 'Hip fracture surgery', abstract: 'Outcomes of hip surgery in older adults.' },
    { title: 'Atomoxetine versus placebo', abstract: 'Children with ADHD improved on atomoxetine.' },
    { title: 'Fracture healing in older adults', abstract: 'Bone healing after hip fracture.' },
  ];
  const { vectors, dim } = tfidfVectors(records, DEFAULT_LEARNER.features);

  it('added decision by decision scores the same as fitted at once', () => {
    const a = new NaiveBayesModel(dim);
    a.fit([vectors[0]!, vectors[1]!], [1, 0], 3.822, 'double');
    const b = new NaiveBayesModel(dim);
    b.add(vectors[1]!, 0);
    b.add(vectors[0]!, 1);
    b.refresh(3.822, 'double');
    for (const x of vectors) expect(b.logOdds(x)).toBeCloseTo(a.logOdds(x), 12);
  });

  it('ranks a record like the included one above one like the excluded one', () => {
    const m = new NaiveBayesModel(dim);
    m.fit([vectors[0]!, vectors[1]!], [1, 0], 3.822, 'double');
    expect(m.logOdds(vectors[2]!)).toBeGreaterThan(m.logOdds(vectors[3]!));
  });
});

describe('learner options', () => {
  it('standardised scores are averaged with the given weight', () => {
    const up = Float64Array.from([1, 2, 3]);
    const down = Float64Array.from([3, 2, 1]);
    expect([...combineStandardised([up, down], 0.5)].map((x) => Math.abs(x))).toEqual([0, 0, 0]);
    const first = combineStandardised([up, down], 1);
    expect(first[2]!).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('feature options change the vectors as documented', () => {
    // Record 0 has two features of the same idf: "opioid" (3 times) and its keyword (once).
    const r = [
      { title: 'Opioid', abstract: 'opioid opioid', keywords: ['Analgesics, Opioid'] },
      { title: 'Tea', abstract: 'green tea', keywords: [] },
    ];
    const o = { bigrams: false, keywords: true, minDf: 1 };
    const ratio = (v: SparseVector) => Math.min(...v.val) / Math.max(...v.val);
    expect(ratio(tfidfVectors(r, o).vectors[0]!)).toBeCloseTo(1 / (1 + Math.log(3)), 6);
    expect(ratio(tfidfVectors(r, { ...o, rawTf: true }).vectors[0]!)).toBeCloseTo(1 / 3, 6);
    expect(ratio(tfidfVectors(r, { ...o, rawTf: true, keywordWeight: 2 }).vectors[0]!)).toBeCloseTo(2 / 3, 6);
    const nnz = (v: SparseVector) => v.idx.length;
    expect(nnz(tfidfVectors(r, { ...o, charNgrams: 4 }).vectors[0]!)).toBe(2 + 3); // + opio, pioi, ioid
  });
});

describe('sentence vectors appended to the words', () => {
  it('puts the scaled dense block after the sparse features', () => {
    const sparse = [{ idx: Int32Array.from([0, 2]), val: Float32Array.from([0.6, 0.8]) }];
    const { vectors, dim } = withDense(sparse, 3, [Float32Array.from([1, 0])], 0.5);
    expect(dim).toBe(5);
    expect([...vectors[0]!.idx]).toEqual([0, 2, 3, 4]);
    expect([...vectors[0]!.val]).toEqual([0.6000000238418579, 0.800000011920929, 0.5, 0]);
  });

  it('a learner that weighs sentence vectors refuses to run without them', () => {
    expect(() =>
      simulateScreening(
        [
          { id: '1', title: 'a', abstract: 'b' },
          { id: '2', title: 'c', abstract: 'd' },
        ],
        [1, 0],
        { ...DEFAULT_LEARNER, dense: 1 },
      ),
    ).toThrow(/sentence vectors/);
  });
});

describe('simulation', () => {
  // 40 records: the 6 included ones share distinctive words; WSS is computed without the two priors.
  const records = Array.from({ length: 40 }, (_, i) => ({
    id: String(i),
    title: i < 6 ? `Atomoxetine trial ${i} in ADHD` : `Unrelated topic ${i} on bone and tea`,
    abstract: i < 6 ? 'Randomised atomoxetine placebo children' : `Record ${i} about fracture healing`,
  }));
  const labels = records.map((_, i) => (i < 6 ? 1 : 0));

  it.each([
    ['logistic regression', DEFAULT_LEARNER],
    ['naive Bayes with double balance', { ...DEFAULT_LEARNER, classifier: 'naive-bayes', balance: 'double' }],
    ['both', { ...DEFAULT_LEARNER, classifier: 'ensemble', balance: 'double' }],
  ] as const)('%s finds the distinctive included records first', (_, o) => {
    const r = simulateScreening(records, labels, o);
    // After the priors: 38 records, 5 relevant, level 4 (4/5 ≤ 95 %) at index 3 at best; random: round(5 i / 37)
    // reaches 4 at i = 26. Best WSS = (26 − 3) / 38.
    for (const s of r.perSeed) expect(s.wss_at_95).toBeCloseTo(23 / 38, 12);
    expect(r.recall_at_10pct).toBe(0.6); // 3 of the 38 screened (3/38 ≤ 10 %): 3 of 5 relevant
  });
});
