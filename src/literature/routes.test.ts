import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { literatureCapability } from './capability.js';

const xml = readFileSync(join(import.meta.dirname, 'fixtures', 'pubmed-small.xml'), 'utf8');
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer([literatureCapability]);
});
afterAll(async () => {
  await server.close();
});

describe('/v1/literature', () => {
  it('imports, searches with filters and weights, and explains', async () => {
    const imp = await server.app.inject({
      method: 'POST',
      url: '/v1/literature/imports',
      payload: { name: 'small.xml', content: xml },
    });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ format: 'medline-xml', added: 3, total: 3 });
    const again = await server.app.inject({
      method: 'POST',
      url: '/v1/literature/imports',
      payload: { name: 'small.xml', content: xml },
    });
    expect(again.statusCode).toBe(409);

    const s = await server.app.inject({
      method: 'GET',
      url: '/v1/literature/search?q=knee%20osteoarthritis&maxLevel=2&wEvidence=1',
    });
    expect(s.statusCode).toBe(200);
    const body = s.json();
    expect(body.weights).toEqual({ relevance: 0.7, evidence: 1, recency: 0.1 });
    expect(body.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual(['90000002', '90000001']);
    expect(body.hits[0].evidence).toMatchObject({ design: 'systematic-review', level: 1 });
    expect(body.hits[0].matchedTerms.map((m: { word: string }) => m.word)).toEqual([
      'knee',
      'osteoarthritis',
    ]);

    const stats = await server.app.inject({ method: 'GET', url: '/v1/literature/stats' });
    expect(stats.json()).toMatchObject({ articles: 3, years: { min: 2011, max: 2023 } });
  });

  it('answers bad input with problem documents', async () => {
    const long = await server.app.inject({
      method: 'GET',
      url: `/v1/literature/search?q=${'a'.repeat(10_001)}`,
    });
    // Fastify refuses a URL this long (414) before the route's own 10,000-character check (413, tested in library.test.ts)
    expect([413, 414]).toContain(long.statusCode);
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/literature/imports',
      payload: { name: 'x.ris', content: 'TY  - JOUR\nTI  - a\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/line 1 has no ER/);
  });

  it('is closed to auditors', async () => {
    const r = await server.app.inject({
      method: 'GET',
      url: '/v1/literature/search?q=knee',
      headers: { authorization: `Bearer ${server.tokenFor('auditor')}` },
    });
    expect(r.statusCode).toBe(403);
  });

  it('runs a screening project: create, next, decide, learner ranks, export', async () => {
    const rows = ['record_id,title,abstract'];
    for (let i = 0; i < 30; i++)
      rows.push(
        i % 5 === 0
          ? `r${i},Migraine triptan trial ${i},Triptan versus placebo for migraine`
          : `r${i},Hospital parking ${i},Parking and catering survey`,
      );
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/literature/screening',
      payload: { name: 'Triptans', content: `${rows.join('\n')}\n` },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const first = await server.app.inject({
      method: 'GET',
      url: `/v1/literature/screening/${id}/next?limit=2`,
    });
    expect(first.json().next[0].probability).toBeNull();
    for (const [recordId, decision] of [
      ['r0', 'include'],
      ['r1', 'exclude'],
    ])
      expect(
        (
          await server.app.inject({
            method: 'POST',
            url: `/v1/literature/screening/${id}/decisions`,
            payload: { recordId, decision },
          })
        ).statusCode,
      ).toBe(200);
    const next = (
      await server.app.inject({ method: 'GET', url: `/v1/literature/screening/${id}/next?limit=5` })
    ).json();
    expect(next.progress).toMatchObject({ screened: 2, included: 1, excluded: 1 });
    expect(next.progress.estimatedRemainingRelevant).toBeGreaterThan(0);
    // the five most likely are the remaining migraine records
    expect(next.next.map((s: { record: { id: string } }) => s.record.id).sort()).toEqual([
      'r10',
      'r15',
      'r20',
      'r25',
      'r5',
    ]);
    const unknown = await server.app.inject({
      method: 'POST',
      url: `/v1/literature/screening/${id}/decisions`,
      payload: { recordId: 'nope', decision: 'include' },
    });
    expect(unknown.statusCode).toBe(404);
    const csv = await server.app.inject({ method: 'GET', url: `/v1/literature/screening/${id}/export` });
    expect(csv.body.split('\n')[1]).toMatch(/^r0,Migraine triptan trial 0,include,/);
  });
});
