import { describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import { deidentifyText } from './deidentify.js';
import { checkText, detectPhi } from './detect.js';

// A hand-written note (no text from any data set).
const NOTE = `Pt seen by Dr. Jane Okafor this am. Pt's wife Mary called from 617-555-0142.
Admitted 3/14/2019 from Sacred Heart Hospital. 92 yo man with Parkinson disease.
Foley in place, heparin 5000 units sc, Swan-Ganz removed. BP 120/80, PS 10/5.`;

describe('detectPhi', () => {
  const spans = detectPhi(NOTE);
  const found = spans.map((s) => s.text);

  it('removes names after titles and relations, phones, dates, institutions and ages over 89', () => {
    expect(found).toEqual(
      expect.arrayContaining(['Jane Okafor', 'Mary', '617-555-0142', '3/14/2019', 'Sacred Heart', '92']),
    );
  });

  it('takes a first name, a middle initial and a last name together', () => {
    expect(detectPhi('Discussed with Abby M. Laidlaw today.', { model: null }).map((s) => s.text)).toEqual([
      'Abby M. Laidlaw',
    ]);
  });

  it('never removes clinical words on the allow-list', () => {
    for (const word of ['Parkinson', 'Foley', 'heparin', 'Swan', 'Ganz', 'units', '120/80'])
      expect(found.some((t) => t.includes(word))).toBe(false);
  });

  it('explains every removal with its layer, rule and a score in 0–1', () => {
    for (const s of spans) {
      expect(['pattern', 'context', 'dictionary', 'model']).toContain(s.source);
      expect(s.rule).toMatch(/^(pattern|context|dictionary|model)\./);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(NOTE.slice(s.start, s.end)).toBe(s.text);
    }
    expect(spans.find((s) => s.text === 'Jane Okafor')?.rule).toBe('context.title');
    expect(spans.find((s) => s.text === '617-555-0142')?.source).toBe('pattern');
  });

  it('redacts with placeholders', () => {
    const r = deidentifyText(NOTE);
    expect(r.text).toContain('Dr. [NAME]');
    expect(r.text).toContain('[PHONE]');
    expect(r.text).not.toContain('Okafor');
    expect(r.text).toContain('Foley in place');
  });
});

describe('signatures and initials', () => {
  it('removes an unknown name closing a line with a credential, and an initial after a sentence end', () => {
    const r = deidentifyText('Sputum thick, suctioned x2.\nGerhardt T. Quillenbrook, RRT\n');
    expect(r.text).not.toContain('Quillenbrook');
    expect(r.text).toContain('RRT');
    const s = deidentifyText('Lytes repleted. K. Miller aware. Will follow.');
    expect(s.text).not.toContain('Miller');
  });
  it('leaves a credential in the middle of a sentence alone', () => {
    const r = deidentifyText('Family meeting with the RN and social work today.');
    expect(r.text).toContain('Family meeting');
  });
});

describe('bad input', () => {
  it('refuses empty, binary and oversized text with clear errors', () => {
    expect(() => checkText('  ')).toThrow(/empty/);
    expect(() => checkText('ab\u0000cd')).toThrow(/NUL/);
    expect(() => checkText('x'.repeat(2_000_001))).toThrow(HealthGptError);
    try {
      checkText('x'.repeat(2_000_001));
    } catch (error) {
      expect((error as HealthGptError).code).toBe('too-large');
    }
    expect(() => deidentifyText('\uFFFD'.repeat(50))).toThrow(/UTF-8/);
  });
});
