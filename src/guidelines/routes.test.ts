import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResponsive, healthzDuring } from '../../test/healthz-during.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { guidelinesCapability } from './capability.js';
import { cosine, localSentenceEncoder, sentenceEncoder } from './embeddings.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer([guidelinesCapability]);
});
afterAll(async () => {
  await server.close();
});

describe('GET /v1/guidelines/search with the sentence encoder in the worker pool', () => {
  it('answers /healthz within 200 ms while the first search loads the encoder and embeds the passages', async () => {
    // The first fused search loads Universal Sentence Encoder lite and embeds every passage (8–10 s; it held the
    // event loop for all of it when it ran in the server's thread).
    const { status, body, checks } = await healthzDuring(server.baseUrl, () =>
      fetch(
        `${server.baseUrl}/v1/guidelines/search?q=${encodeURIComponent('anticoagulation in atrial fibrillation')}`,
      ),
    );
    expect(status).toBe(200);
    // The embedding signal is there (the encoder ran in the worker, not the lexical fallback).
    expect(body.method).not.toMatch(/unavailable/);
    expect(body.hits.some((h: { embedding?: unknown }) => h.embedding !== undefined)).toBe(true);
    expectResponsive(checks);
  }, 120_000);

  it('gives the vectors this thread would give', async () => {
    const texts = ['Anticoagulation by CHA2DS2-VA score', 'Fleischner solid nodule follow-up'];
    const pooled = await (await sentenceEncoder()).embed(texts);
    const local = await (await localSentenceEncoder()).embed(texts);
    expect(pooled).toHaveLength(2);
    pooled.forEach((v, i) => {
      expect(v).toHaveLength(512);
      expect(cosine(v, local[i]!)).toBeGreaterThan(0.9999);
    });
    expect(await (await sentenceEncoder()).embed([])).toEqual([]);
  }, 60_000);
});
