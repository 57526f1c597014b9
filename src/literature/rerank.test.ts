import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiteratureIndex } from './index-db.js';
import { importArticles, searchLibrary } from './library.js';

const xml = readFileSync(join(import.meta.dirname, 'fixtures', 'pubmed-small.xml'), 'utf8');

describe('search re-ranked with sentence embeddings and the learned fusion', () => {
  it('adds each hit’s cosine and fused score, stores the vectors, and says which method ranked', async () => {
    const index = new LiteratureIndex(':memory:');
    importArticles(index, xml, 'small.xml');
    const r = await searchLibrary(index, 'exercise for knee arthritis', { rerank: true, now: 2024 });
    expect(r.method).toMatch(/^BM25 \+ use-lite-512 .*learned fusion$/);
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect(h.dense?.cosine).toBeGreaterThan(-1);
      expect(typeof h.fused).toBe('number');
    }
    const stored = index.db.prepare('SELECT count(*) AS n FROM article_vectors').get() as { n: number };
    expect(stored.n).toBe(r.total);
  }, 120_000);
});
