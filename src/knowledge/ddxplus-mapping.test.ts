import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { loadKnowledgeBase } from './knowledge-base.js';

interface ReleaseEvidence {
  readonly name: string;
  readonly code_question: string;
  readonly question_en: string;
  readonly is_antecedent: boolean;
  readonly default_value: string | number;
  readonly data_type: 'B' | 'C' | 'M';
  readonly 'possible-values': readonly (string | number)[];
}

interface ReleaseCondition {
  readonly 'icd10-id': string;
  readonly severity: number;
  readonly symptoms: Record<string, unknown>;
  readonly antecedents: Record<string, unknown>;
}

/** Splits one CSV line on commas outside double quotes (the DDXPlus patient files quote their list columns). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Word-level longest-common-subsequence similarity (2·LCS / total words), in 0–1. */
function wordSimilarity(a: string, b: string): number {
  const words = (text: string) =>
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z]+/g, ' ')
      .trim()
      .split(' ');
  const x = words(a);
  const y = words(b);
  const row = new Array<number>(y.length + 1).fill(0);
  for (const wordX of x) {
    let diagonal = 0;
    for (let j = 0; j < y.length; j++) {
      const above = row[j + 1]!;
      row[j + 1] = wordX === y[j] ? diagonal + 1 : Math.max(above, row[j]!);
      diagonal = above;
    }
  }
  return (2 * row[y.length]!) / (x.length + y.length);
}

describeWithDataset('knowledge base ↔ DDXPlus release', ['ddxplus'], (dir) => {
  const kb = loadKnowledgeBase();
  const evidences = JSON.parse(readFileSync(join(dir, 'release_evidences.json'), 'utf8')) as Record<
    string,
    ReleaseEvidence
  >;
  const conditions = JSON.parse(readFileSync(join(dir, 'release_conditions.json'), 'utf8')) as Record<
    string,
    ReleaseCondition
  >;

  it('maps every evidence, with its type, kind, parent and default value', () => {
    expect(Object.keys(evidences)).toHaveLength(223);
    for (const [code, evidence] of Object.entries(evidences)) {
      const mapped = kb.fromDdxplusEvidence(code);
      expect(mapped, code).toBeDefined();
      const concept = kb.concept(mapped!.conceptId)!;
      expect(kb.toDdxplus(concept.id), code).toBe(code);
      expect(concept.kind, code).toBe(evidence.is_antecedent ? 'antecedent' : 'symptom');
      const numeric = evidence['possible-values'].every((value) => typeof value === 'number');
      const expectedType =
        evidence.data_type === 'B'
          ? 'binary'
          : evidence.data_type === 'M'
            ? 'multi-choice'
            : numeric
              ? 'scale-0-10'
              : 'categorical';
      expect(concept.type, code).toBe(expectedType);
      const parentCode = evidence.code_question;
      const expectedParent =
        parentCode !== code && evidences[parentCode] ? kb.fromDdxplusEvidence(parentCode) : undefined;
      expect(concept.parentId, code).toBe(expectedParent?.conceptId);
      if (evidence.data_type !== 'B') {
        expect(kb.toDdxplus(concept.id, concept.defaultValue), code).toBe(
          `${code}_@_${evidence.default_value}`,
        );
      }
    }
  });

  it('maps every value of every categorical and multi-choice evidence, both ways', () => {
    let values = 0;
    for (const [code, evidence] of Object.entries(evidences)) {
      for (const value of evidence['possible-values']) {
        const coded = `${code}_@_${value}`;
        const mapped = kb.fromDdxplusEvidence(coded);
        expect(mapped?.value, coded).toBeDefined();
        expect(kb.toDdxplus(mapped!.conceptId, mapped!.value), coded).toBe(coded);
        values++;
      }
    }
    expect(values).toBeGreaterThan(700);
  });

  const ICD10_CORRECTIONS: Record<string, { release: string[]; knowledgeBase: string }> = {
    SLE: { release: ['M34'], knowledgeBase: 'M32.9' },
    Pneumonia: { release: ['J17', 'J18'], knowledgeBase: 'J18.9' },
  };

  it('maps every condition, with its ICD-10 code, severity and linked evidences', () => {
    expect(Object.keys(conditions)).toHaveLength(49);
    for (const [name, release] of Object.entries(conditions)) {
      const condition = kb.fromDdxplusCondition(name);
      expect(condition, name).toBeDefined();
      expect(condition!.severity, name).toBe(release.severity);
      const releaseCodes = release['icd10-id'].toUpperCase().split(/\s*,\s*/);
      // Two release codes are wrong and corrected in the knowledge base: SLE is M32 (M34 is systemic sclerosis);
      // pneumonia is J18 (the release's "j17, j18" adds J17, pneumonia in diseases classified elsewhere).
      const corrected = ICD10_CORRECTIONS[name];
      if (corrected) {
        expect(releaseCodes, name).toEqual(corrected.release);
        expect(condition!.icd10, name).toBe(corrected.knowledgeBase);
      } else expect(releaseCodes, name).toContain(condition!.icd10);
      const linked = [...Object.keys(release.symptoms), ...Object.keys(release.antecedents)].map(
        (code) => kb.fromDdxplusEvidence(code)?.conceptId,
      );
      expect([...condition!.typicalConceptIds].sort(), name).toEqual([...linked].sort());
    }
  });

  it('maps every evidence, initial evidence, pathology and differential entry of the dev patients', () => {
    const [header, ...rows] = readFileSync(join(dir, 'patients_dev.csv'), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE');
    expect(rows.length).toBeGreaterThan(1000);
    const unmapped = new Set<string>();
    for (const row of rows) {
      const [, differential, , pathology, evidenceList, initial] = csvFields(row);
      for (const code of [...evidenceList!.matchAll(/'([^']+)'/g)]
        .map((match) => match[1]!)
        .concat(initial!)) {
        if (!kb.fromDdxplusEvidence(code)) unmapped.add(code);
      }
      for (const name of [...differential!.matchAll(/\['([^']+)',/g)]
        .map((match) => match[1]!)
        .concat(pathology!)) {
        if (!kb.fromDdxplusCondition(name)) unmapped.add(name);
      }
    }
    expect([...unmapped]).toEqual([]);
  });

  it('words every question in its own words, not as DDXPlus does', () => {
    const tooClose: string[] = [];
    for (const concept of kb.concepts) {
      if (concept.extension) continue;
      const theirs = evidences[concept.ddxplusCode]!.question_en;
      for (const [register, ours] of Object.entries(concept.questions)) {
        if (wordSimilarity(ours, theirs) >= 0.75) tooClose.push(`${concept.id} (${register}): ${ours}`);
      }
    }
    expect(tooClose).toEqual([]);
  });
});
