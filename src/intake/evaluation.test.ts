import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import {
  binaryScores,
  evaluateContext,
  evaluateNegation,
  parseContextAnnotations,
  parseNegationAnnotations,
} from './evaluation.js';
import { locateConcept } from './mention.js';

const NEGEX_TSV = [
  'Report No.\tConcept\tSentence\tNegation',
  '1\tfever\tShe denies FEVER and chills.\tNegated',
  '1\tcough\t"The patient has a COUGH, ""productive""."\tAffirmed',
  '2\tchest pain\tNo CHEST PAIN.\tNegated',
  '2\trash\tA RASH on the arm.\tAffirmed',
].join('\r\n');

const CONTEXT_TSV = [
  'line number\tCondition\tsentence\tnegation_status (negated, affirmed, possible)\ttemporality (historical, recent, hypothetical)\texperiencer (patient, other)',
  '1\tdiabetes\tHistory of DIABETES.\tAffirmed\tHistorical\tPatient',
  '2\tasthma\tMother has ASTHMA.\tAffirmed\tHistorical\tFamily member',
  '3\tcough\tNo COUGH.\tNegated\tRecent\tPatient',
].join('\n');

describe('annotation readers', () => {
  it('read the NegEx format, undoing spreadsheet quoting', () => {
    const rows = parseNegationAnnotations(NEGEX_TSV);
    expect(rows).toHaveLength(4);
    expect(rows[1]?.sentence).toBe('The patient has a COUGH, "productive".');
    expect(rows.map((r) => r.negated)).toEqual([true, false, true, false]);
  });

  it('reject a malformed row with its line number', () => {
    expect(() => parseNegationAnnotations('1\tfever\tNo fever.\tMaybe')).toThrow(/line 1/);
  });

  it('read the ConText format', () => {
    const rows = parseContextAnnotations(CONTEXT_TSV);
    expect(rows.map((r) => [r.negated, r.historical, r.otherExperiencer])).toEqual([
      [false, true, false],
      [false, true, true],
      [true, false, false],
    ]);
  });
});

describe('scores', () => {
  it('computes precision, recall and F1', () => {
    const s = binaryScores([
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect([s.precision, s.recall, s.f1]).toEqual([0.5, 0.5, 0.5]);
  });

  it('evaluates small annotated sets end to end', () => {
    expect(evaluateNegation(parseNegationAnnotations(NEGEX_TSV))).toMatchObject({ n: 4, accuracy: 1, f1: 1 });
    const context = evaluateContext(parseContextAnnotations(CONTEXT_TSV));
    expect(context.historical.f1).toBe(1);
    expect(context.otherExperiencer.f1).toBe(1);
  });

  it('prefers the capitalised occurrence of the concept', () => {
    const sentence = 'Pain in the arm; no chest PAIN today.';
    expect(locateConcept(sentence, 'pain')).toEqual({ start: 26, end: 30 });
  });
});

describeWithDataset('NegEx / ConText development sets', ['negex', 'annotations_dev.tsv'], (path) => {
  it('reaches negation F1 ≥ 0.96 and accuracy ≥ 0.98 (development set: tuned on it)', () => {
    const result = evaluateNegation(parseNegationAnnotations(readFileSync(path, 'utf8')));
    expect(result.n).toBeGreaterThan(1000);
    expect(result.f1).toBeGreaterThanOrEqual(0.96);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.98);
  });

  it('reaches historical F1 ≥ 0.80 on the ConText set', () => {
    const file = join(path, '..', 'context_annotations_dev.tsv');
    const result = evaluateContext(parseContextAnnotations(readFileSync(file, 'utf8')));
    expect(result.historical.f1).toBeGreaterThanOrEqual(0.8);
    expect(result.negation.f1).toBeGreaterThanOrEqual(0.96);
  });
});
