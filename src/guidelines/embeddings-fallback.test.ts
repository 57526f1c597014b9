import { describe, expect, it, vi } from 'vitest';

vi.mock('@energetic-ai/embeddings', () => {
  throw new Error('package missing (simulated)');
});

describe('searchGuidelinesSemantic when the sentence encoder cannot load', () => {
  it('answers from the lexical signals and names the failure in method', async () => {
    const { searchGuidelinesSemantic } = await import('./library.js');
    const r = await searchGuidelinesSemantic('qSOFA as a screening tool for sepsis');
    expect(r.method).toMatch(/sentence embeddings unavailable/);
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.embedding === undefined)).toBe(true);
    expect(r.hits[0]!.passage.guideline).toBe('ssc');
  });
});
