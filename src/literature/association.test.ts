import { describe, expect, it } from 'vitest';
import {
  ASSOCIATION_FORMAT,
  associationScore,
  buildAssociationRows,
  expansionOf,
  knownShare,
  loadedAssociation,
  packRows,
  type TermAssociation,
  termAssociation,
} from './association.js';
import { article } from './fixtures/article.js';
import { fusionModel } from './fusion.js';
import { LiteratureIndex } from './index-db.js';
import { fuseCandidates } from './retrieval.js';
import { terms } from './text.js';

describe('learned term association', () => {
  // Background: 100 documents; 'nitrit' in 5 of them, 'studi' in 50.
  const df = (t: string) => ({ nitrit: 5, studi: 50, colorect: 10 })[t] ?? 1;
  const examples = [
    { qterms: ['bacon'], relevant: [{ stems: new Set(['nitrit', 'studi']), grade: 2 }] },
    { qterms: ['bacon', 'ham'], relevant: [{ stems: new Set(['nitrit', 'colorect']), grade: 1 }] },
  ];

  it('keeps the stems relevant documents hold more often than documents in general, strongest first', () => {
    const rows = buildAssociationRows(examples, df, 100, { prior: 0, perRow: 10, minQueries: 1 });
    const bacon = rows.get('bacon')!;
    // p(nitrit | bacon) = 1 against a background of 0.05: log 20; p(studi | bacon) = 0.5 against 0.5: dropped.
    expect(bacon[0]![0]).toBe('nitrit');
    expect(bacon[0]![1]).toBeCloseTo(Math.log(20), 10);
    expect(bacon.map(([t]) => t)).not.toContain('studi');
    expect(rows.get('ham')!.map(([t]) => t)).toEqual(['nitrit', 'colorect']);
    const common = buildAssociationRows(examples, df, 100, { prior: 0, perRow: 10, minQueries: 2 });
    expect([...common.keys()]).toEqual(['bacon']);
  });

  it('shrinks a row seen in few queries towards the background and caps its length', () => {
    const shrunk = buildAssociationRows(examples, df, 100, { prior: 2, perRow: 1, minQueries: 1 });
    expect(shrunk.get('bacon')).toHaveLength(1);
    // (2 + 2·0.05) / (2 + 2) against 0.05.
    expect(shrunk.get('bacon')![0]![1]).toBeCloseTo(Math.log((2 + 2 * 0.05) / 4 / 0.05), 10);
  });

  it('scores a document by the share of the expansion weight it holds', () => {
    const e = expansionOf(
      (t) =>
        t === 'bacon'
          ? [
              ['nitrit', 3],
              ['colorect', 1],
            ]
          : undefined,
      ['bacon', 'eggs'],
    );
    expect(associationScore(e, new Set(['nitrit']))).toBeCloseTo(0.75, 12);
    expect(associationScore(e, new Set(['colorect', 'nitrit']))).toBe(1);
    expect(associationScore(new Map(), new Set(['nitrit']))).toBe(0);
  });

  it('packs rows into a shared vocabulary and reads them back', () => {
    const rows = buildAssociationRows(examples, df, 100, { prior: 0, perRow: 10, minQueries: 1 });
    const packed = packRows(rows);
    const model: TermAssociation = {
      format: ASSOCIATION_FORMAT,
      trainedOn: 'test',
      weight: { short: 1, long: 0 },
      ...packed,
    };
    const loaded = loadedAssociation(model);
    expect(packed.vocabulary.filter((t) => t === 'nitrit')).toHaveLength(1);
    expect(loaded.rows('ham')!.map(([t]) => t)).toEqual(['nitrit', 'colorect']);
    expect(loaded.rows('constructor')).toBeUndefined();
  });

  it('raises a candidate holding the associated stems in the fused order, by the short-query weight', () => {
    const index = new LiteratureIndex(':memory:');
    index.add(
      [
        article('plain', 'Bacon and breakfast habits', 'Bacon eaten at breakfast in a survey.'),
        article('linked', 'Nitrite in cured meat', 'Nitrite and colorectal cancer; bacon mentioned once.'),
      ],
      'test',
    );
    const rows = index.all();
    const v = Float32Array.from([1, 0]);
    const dense = { rowids: rows.map((r) => r.rowid), vectors: rows.map(() => v) };
    const table = (short: number) =>
      loadedAssociation({
        format: ASSOCIATION_FORMAT,
        trainedOn: 'test',
        weight: { short, long: 0 },
        vocabulary: ['nitrit'],
        rows: { bacon: [[0, 1]] },
      });
    const model = fusionModel()!;
    const qt = terms('bacon');
    const without = fuseCandidates(index, qt, v, dense, model, null);
    const plain = fuseCandidates(index, qt, v, dense, model, table(0));
    const strong = fuseCandidates(index, qt, v, dense, model, table(100));
    expect(plain.map((c) => c.id)).toEqual(without.map((c) => c.id));
    expect(strong[0]!.id).toBe('linked');
    // Gated: with 'nitrat' unknown to the table only half the query's stems have a row, under a gate of 0.75.
    const gated = loadedAssociation({ ...table(100).model, minKnown: 0.75 });
    const both = terms('bacon nitrate');
    expect(knownShare(gated.rows, both)).toBe(0.5);
    expect(fuseCandidates(index, both, v, dense, model, gated).map((c) => c.id)).toEqual(
      fuseCandidates(index, both, v, dense, model, null).map((c) => c.id),
    );
    expect(fuseCandidates(index, qt, v, dense, model, gated)[0]!.id).toBe('linked');
    expect(strong.find((c) => c.id === 'linked')!.lexical.association).toBe(1);
    expect(strong.find((c) => c.id === 'plain')!.lexical.association).toBe(0);
  });

  it('ships a table whose weights were chosen by its script', () => {
    const t = termAssociation();
    expect(t).not.toBeNull();
    expect(t!.model.weight.short).toBeGreaterThanOrEqual(0);
    expect(Object.keys(t!.model.rows).length).toBeGreaterThan(100);
  });
});
