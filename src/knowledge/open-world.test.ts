import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { loadKnowledgeBase } from './index.js';
import { ageBandOf, loadOpenWorldKnowledge, openWorldConcepts } from './open-world.js';

const ow = loadOpenWorldKnowledge();

describe('open-world knowledge', () => {
  it('holds hundreds of conditions, each coded, graded and with sourced findings', () => {
    expect(ow.conditions.length).toBeGreaterThan(500);
    const ids = new Set<string>();
    for (const c of ow.conditions) {
      expect(ids.has(c.id), c.id).toBe(false);
      ids.add(c.id);
      expect(c.icd10, c.id).toMatch(/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/);
      expect([1, 2, 3, 4, 5], c.id).toContain(c.severity);
      expect(c.ageOdds, c.id).toHaveLength(8);
      expect(c.findings.length, c.id).toBeGreaterThan(0);
      for (const a of c.findings) {
        expect(ow.finding(a.finding), `${c.id} → ${a.finding}`).toBeDefined();
        expect(a.p).toBeGreaterThan(0);
        expect(a.p).toBeLessThanOrEqual(1);
        expect(a.sources.length).toBeGreaterThan(0);
      }
    }
  });

  it('flags the emergencies a clinician must not miss, and codes the DDXPlus fixes right', () => {
    for (const id of [
      'appendicitis',
      'meningitis',
      'pulmonary-embolism',
      'aortic-dissection',
      'ectopic-pregnancy',
    ])
      expect(ow.condition(id)?.mustNotMiss, id).toBe(true);
    expect(ow.condition('common-cold')?.mustNotMiss).toBe(false);
    expect(ow.condition('systemic-lupus-erythematosis-sle')?.icd10).toMatch(/^M32/);
    expect(ow.condition('pneumonia')?.icd10).toMatch(/^J18/);
    const kb = loadKnowledgeBase();
    expect(kb.condition('sle')?.icd10).toBe('M32.9');
    expect(kb.condition('pneumonia')?.icd10).toBe('J18.9');
  });

  it('has exam signs and laboratory patterns as findings, with phrases the intake reads', () => {
    for (const id of [
      'sign.non-blanching-rash',
      'sign.raised-respiratory-rate',
      'sign.low-oxygen-saturation',
      'lab.raised-wcc',
    ]) {
      const finding = ow.finding(id);
      expect(finding?.phrases.length, id).toBeGreaterThan(0);
    }
    const concepts = openWorldConcepts(ow);
    expect(concepts).toHaveLength(ow.findings.length);
    expect(concepts.every((c) => c.type === 'binary')).toBe(true);
    expect(concepts.filter((c) => !c.id.startsWith('sx.')).every((c) => c.synonyms.length > 0)).toBe(true);
    // Vague SymCat groupings ("symptoms of the eye") have no phrase of their own; they are few.
    expect(concepts.filter((c) => c.synonyms.length === 0).length).toBeLessThan(concepts.length / 10);
  });

  it('bands ages as SymCat does', () => {
    expect([0, 0.5, 1, 4.9, 5, 14, 15, 29, 30, 45, 60, 74, 75, 100].map(ageBandOf)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 7,
    ]);
  });
});

describeWithDataset('open-world ICD-10 codes against ICD-10-CM', ['knowledge', 'icd10cm'], (dir) => {
  it('every code exists in the ICD-10-CM release (newer codes: their 2026 category)', () => {
    const codes = new Set(
      gunzipSync(readFileSync(join(dir, 'icd10cm_2019_all_codes.tsv.gz')))
        .toString('utf8')
        .split('\n')
        .map((line) => line.split('\t')[0]!),
    );
    const categories = new Set(
      readFileSync(join(dir, 'icd10cm-categories-April-1-2026.csv'), 'utf8')
        .split('\n')
        .map((line) => line.slice(0, 3)),
    );
    const missing = ow.conditions.filter(
      (c) => !codes.has(c.icd10.replace('.', '')) && !categories.has(c.icd10.slice(0, 3)),
    );
    expect(missing.map((c) => `${c.id} ${c.icd10}`)).toEqual([]);
    const newer = ow.conditions.filter((c) => !codes.has(c.icd10.replace('.', '')));
    expect(newer.map((c) => c.icd10).sort()).toEqual(['K76.82', 'U07.1']);
  });
});
