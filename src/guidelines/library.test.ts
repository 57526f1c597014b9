import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import { GUIDELINE_SETS } from '../risk/guidelines.js';
import { findEdition, GUIDELINE_EDITIONS, GUIDELINE_SHORT_NAMES } from './editions.js';
import {
  extractiveAnswer,
  listGuidelines,
  queryTerms,
  searchGuidelines,
  searchGuidelinesSemantic,
} from './library.js';
import { GUIDELINE_PASSAGES } from './passages.js';

describe('guideline library data', () => {
  it('every passage names a registry edition, has a unique id and a short name', () => {
    const ids = new Set<string>();
    for (const p of GUIDELINE_PASSAGES) {
      expect(findEdition(p.guideline, p.edition), p.id).toBeDefined();
      expect(GUIDELINE_SHORT_NAMES[p.guideline], p.guideline).toBeDefined();
      expect(ids.has(p.id), p.id).toBe(false);
      ids.add(p.id);
      expect(p.text.length).toBeGreaterThan(80);
    }
  });

  it('reuses the risk registry editions rather than copying them', () => {
    for (const set of GUIDELINE_SETS) expect(GUIDELINE_EDITIONS).toContain(set);
    const keys = GUIDELINE_EDITIONS.map((e) => `${e.id}@${e.edition}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers every guideline and edition the issue names', () => {
    const have = new Set(GUIDELINE_PASSAGES.map((p) => `${p.guideline}@${p.edition}`));
    for (const key of [
      'lung-rads@v2022',
      'lung-rads@v1.1',
      'fleischner@2017',
      'acr-tirads@2017',
      'bts-pulmonary-nodules@2015',
      'accp-lung-nodules@2013',
      'bts-cap@2009',
      'nice-vte@2020',
      'esc-af@2020',
      'esc-af@2024',
      'sepsis-3@2016',
      'ssc@2021',
      'ada-standards@2023',
      'ada-standards@2024',
      'ada-standards@2025',
      'rcp-news@NEWS2 (2017)',
    ])
      expect(have.has(key), key).toBe(true);
  });

  it('marks on every superseded passage whether it differs from the next edition; current ones do not', () => {
    for (const p of GUIDELINE_PASSAGES) {
      const ed = findEdition(p.guideline, p.edition)!;
      if (ed.current) expect(p.changed, p.id).toBeUndefined();
      else expect(typeof p.changed, p.id).toBe('boolean');
    }
  });

  it('lists guidelines with their editions, newest first, with one current edition each', () => {
    const list = listGuidelines();
    const af = list.find((g) => g.id === 'esc-af')!;
    expect(af.editions.map((e) => [e.edition, e.status])).toEqual([
      ['2024', 'current'],
      ['2020', 'superseded'],
    ]);
    for (const g of list) expect(g.editions.filter((e) => e.current)).toHaveLength(1);
  });
});

describe('searchGuidelines', () => {
  it('finds the current ESC stroke-risk passage and flags that the 2020 edition differs', () => {
    const r = searchGuidelines(
      'At what CHA2DS2-VA score is anticoagulation recommended in atrial fibrillation?',
    );
    const top = r.hits[0]!;
    expect(top.passage.id).toBe('esc-af/2024/stroke-score');
    expect(top.current).toBe(true);
    expect(top.olderEditionsDiffer.map((o) => o.edition)).toEqual(['2020']);
    expect(top.matchedTerms).toEqual(expect.arrayContaining(['cha2ds2', 'anticoagulation']));
    expect(top.bm25?.rank).toBe(1);
    expect(top.score).toBeGreaterThan(r.hits[1]!.score);
    expect(extractiveAnswer(r)).toMatch(/^Not generated/);
    expect(extractiveAnswer(r)).toMatch(/older edition 2020 differs/);
  });

  it('prefers the current edition when the question names none, and the named one when it does', () => {
    const plain = searchGuidelines('Lung-RADS category 4A solid nodule management');
    expect(plain.hits[0]!.passage.edition).toBe('v2022');
    const named = searchGuidelines('Lung-RADS v1.1 category 4A management');
    expect(named.hits[0]!.passage.id).toBe('lung-rads/v1-1/category-4a');
    expect(named.hits[0]!.current).toBe(false);
    expect(named.hits[0]!.editionWeight).toBe(1.5);
    expect(extractiveAnswer(named)).toMatch(/superseded by v2022/);
  });

  it('counts a year as an edition only for the guideline the question names', () => {
    const nice = searchGuidelines('NICE NG158 2020 two-level Wells score for pulmonary embolism', {
      limit: 50,
    });
    const esc2020 = nice.hits.filter((h) => h.passage.guideline === 'esc-af' && h.passage.edition === '2020');
    for (const h of esc2020) expect(h.editionWeight).toBe(0.5);
    const esc = searchGuidelines('ESC 2024 stroke risk score in atrial fibrillation', { limit: 50 });
    for (const h of esc.hits.filter((x) => x.passage.guideline === 'ada-standards'))
      expect(h.editionWeight).not.toBe(1.5);
    expect(esc.hits[0]!.passage.id).toBe('esc-af/2024/stroke-score');
    expect(esc.hits[0]!.editionWeight).toBe(1.5);
  });

  it('answers the qSOFA screening question from the Surviving Sepsis Campaign 2021', () => {
    const r = searchGuidelines('Should qSOFA be used alone to screen for sepsis?');
    expect(r.hits.slice(0, 2).map((h) => h.passage.guideline)).toContain('ssc');
  });

  it('filters by guideline and to current editions', () => {
    const r = searchGuidelines('anticoagulation', { guideline: 'esc-af', limit: 10, currentOnly: true });
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect(h.passage.guideline).toBe('esc-af');
      expect(h.current).toBe(true);
    }
  });

  it('refuses an empty question and an unknown guideline with HealthGptError', () => {
    expect(() => searchGuidelines('  the of ? ')).toThrow(HealthGptError);
    expect(() => searchGuidelines('nodule', { guideline: 'nope' })).toThrow(/not found|nope/);
  });

  it('expands clinical abbreviations for the lexical signals and says so', () => {
    const r = searchGuidelines('OAC threshold in AF');
    expect(r.expansions).toEqual(['oac → oral anticoagulation', 'af → atrial fibrillation']);
    expect(r.hits[0]!.passage.guideline).toBe('esc-af');
    expect(searchGuidelines('nodule follow-up').expansions).toEqual([]);
  });

  it('tokenises questions keeping versions and dropping stop words', () => {
    expect(queryTerms('What does Lung-RADS v1.1 say about the nodule?')).toEqual([
      'lung',
      'rads',
      'v1.1',
      'say',
      'nodule',
    ]);
  });
});

describe('searchGuidelinesSemantic (sentence embeddings)', () => {
  it('adds an embedding rank to hits and still finds the current ESC passage', async () => {
    const r = await searchGuidelinesSemantic(
      'Does being a woman still count towards stroke risk in atrial fibrillation?',
    );
    expect(r.method).toMatch(/Universal Sentence Encoder/);
    expect(r.hits.some((h) => h.embedding !== undefined)).toBe(true);
    expect(r.hits.slice(0, 3).map((h) => h.passage.id)).toContain('esc-af/2024/stroke-score');
  });

  it('loads the encoder lazily: no module of the library imports it statically', () => {
    for (const file of [
      'library.ts',
      'embeddings.ts',
      'capability.ts',
      'routes.ts',
      'commands.ts',
      'qa-eval.ts',
    ])
      expect(readFileSync(join(import.meta.dirname, file), 'utf8'), file).not.toMatch(/from '@energetic-ai/);
  });

  it('refuses an empty question before loading anything', async () => {
    await expect(searchGuidelinesSemantic('?')).rejects.toThrow(HealthGptError);
  });
});
