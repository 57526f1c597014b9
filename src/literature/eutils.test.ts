import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EutilsClient } from './eutils.js';

/** Hand-written responses in the shapes E-utilities returns (esearch JSON, efetch PubMed XML). */
const esearch = JSON.stringify({
  header: { type: 'esearch' },
  esearchresult: { count: '2', retmax: '2', retstart: '0', idlist: ['90000001', '90000002'] },
});
const efetch = readFileSync(join(import.meta.dirname, 'fixtures', 'pubmed-small.xml'), 'utf8');

function recorded(responses: Record<string, { status?: number; body: string }>) {
  const calls: string[] = [];
  const f = (async (url: string | URL | Request) => {
    const u = String(url);
    calls.push(u);
    const key = Object.keys(responses).find((k) => u.includes(k));
    if (!key) throw new Error(`no recorded response for ${u}`);
    const r = responses[key]!;
    return new Response(r.body, { status: r.status ?? 200 });
  }) as typeof fetch;
  return { f, calls };
}

describe('PubMed E-utilities client (recorded responses)', () => {
  it('searches, fetches and parses, sending tool, email and the API key, and caches by URL', async () => {
    const { f, calls } = recorded({ 'esearch.fcgi': { body: esearch }, 'efetch.fcgi': { body: efetch } });
    const c = new EutilsClient({ fetch: f, apiKey: 'k123', email: 'lib@example.org' });
    const s = await c.search('knee osteoarthritis exercise');
    expect(s).toEqual({ count: 2, ids: ['90000001', '90000002'] });
    const arts = await c.fetch(s.ids);
    expect(arts.map((a) => a.id)).toEqual(['90000001', '90000002', '90000003']);
    await c.search('knee osteoarthritis exercise');
    expect(calls).toHaveLength(2);
    const u = new URL(calls[0]!);
    expect(u.searchParams.get('api_key')).toBe('k123');
    expect(u.searchParams.get('tool')).toBe('healthgpt');
    expect(u.searchParams.get('email')).toBe('lib@example.org');
    expect(u.searchParams.get('term')).toBe('knee osteoarthritis exercise');
    expect(new URL(calls[1]!).searchParams.get('id')).toBe('90000001,90000002');
  });

  it('keeps 3 requests a second without a key and 10 with one', async () => {
    let clock = 0;
    const waits: number[] = [];
    const { f } = recorded({ 'esearch.fcgi': { body: esearch } });
    const opts = {
      fetch: f,
      cacheTtlMs: 0,
      now: () => clock,
      sleep: async (ms: number) => {
        waits.push(ms);
        clock += ms;
      },
    };
    const c = new EutilsClient(opts);
    for (let i = 0; i < 4; i++) await c.search(`q${i}`);
    expect(waits).toEqual([1000]);
    const keyed = new EutilsClient({ ...opts, apiKey: 'k' });
    waits.length = 0;
    for (let i = 0; i < 10; i++) await keyed.search(`k${i}`);
    expect(waits).toEqual([]);
    expect(keyed.rateLimit).toBe(10);
  });

  it('turns failures into clear errors', async () => {
    const c429 = new EutilsClient({
      fetch: recorded({ esearch: { status: 429, body: '{"error":"API rate limit exceeded"}' } }).f,
    });
    await expect(c429.search('x')).rejects.toMatchObject({ code: 'rate-limited' });
    const c500 = new EutilsClient({ fetch: recorded({ efetch: { status: 502, body: 'bad gateway' } }).f });
    await expect(c500.fetch(['1'])).rejects.toMatchObject({ code: 'upstream-failed' });
    const broken = new EutilsClient({ fetch: recorded({ efetch: { body: '<PubmedArticleSet><oops>' } }).f });
    await expect(broken.fetch(['1'])).rejects.toThrow(/malformed XML/);
    const c = new EutilsClient({ fetch: recorded({}).f });
    await expect(c.fetch(['12a'])).rejects.toThrow(/not a PMID/);
    await expect(c.search('x'.repeat(10_001))).rejects.toMatchObject({ code: 'too-large' });
  });
});
