import { describe, expect, it } from 'vitest';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import { LOINC, type Observation } from '../clinical/observation.js';
import { toAssessment } from '../engine/to-assessment.js';
import { notAssessedTriage } from './assess.js';
import { triageCard } from './cds-card.js';
import { triageEngine } from './engine.js';

const obs = (code: string, value: number, unit: string): Observation => ({
  code: { system: LOINC, code },
  value: { value, unit },
});

function clinicalCase(partial: Partial<ClinicalCase>): ClinicalCase {
  return {
    id: 'c1',
    title: 'test',
    patient: { ageYears: 64, sex: 'female' },
    findings: [],
    observations: [],
    images: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...partial,
  };
}

/** What the `patient-view` service does: `fromCase`, run, store as an assessment, `toCard`. */
function cardFor(c: ClinicalCase) {
  const input = triageEngine.fromCase?.(c);
  if (input === undefined) return { input, card: undefined };
  const result = triageEngine.run(input);
  const assessment: Assessment = {
    ...toAssessment(c.id, triageEngine.id, result),
    id: 'a1',
    createdAt: '2026-01-01T00:00:00Z',
  };
  return { input, result, card: triageEngine.toCard?.(assessment) };
}

describe('triage CDS Hooks card', () => {
  it('respiration rate 28 and SpO2 90 %: a critical card with the reasons that set the level and NEWS2', () => {
    const { card, result } = cardFor(
      clinicalCase({ observations: [obs('9279-1', 28, '/min'), obs('59408-5', 90, '%')] }),
    );
    expect(result?.output.level).toBe('emergency');
    expect(card).toBeDefined();
    expect(card!.summary).toBe('Triage: emergency — emergency care now');
    expect(card!.indicator).toBe('critical');
    expect(card!.source.label).toBe(`HealthGPT triage ${triageEngine.version}`);
    // Each reason that set the level, in words with the guidance it follows.
    const deciding = result!.output.reasons.filter((r) => r.level === 'emergency');
    expect(deciding.length).toBeGreaterThanOrEqual(2);
    for (const r of deciding) expect(card!.detail).toContain(`- ${r.text} (${r.citation})`);
    expect(card!.detail).toMatch(/Oxygen saturation below 92 %/);
    expect(card!.detail).toMatch(/Breathing 25 or more times a minute/);
    // The less urgent NEWS2 reason (one parameter scoring 3) is counted, not listed; NEWS2 itself is shown.
    expect(card!.detail).toContain('1 less urgent reason also noted.');
    expect(card!.detail).toMatch(/NEWS2 not complete \(no total\): .* not given/);
    expect(card!.detail).toContain('- Respiration rate: 28 breaths/min (+3)');
    expect(card!.detail).toContain('- Oxygen saturation (SpO2): 90 % (+3)');
    expect(card!.detail).not.toMatch(/respiratoryRate|spo2Percent|airOrOxygen/);
  });

  it('NEWS2 5 from a complete set of vital signs: an urgent (warning) card with the total', () => {
    const { card, result } = cardFor(
      clinicalCase({
        observations: [
          obs('9279-1', 22, '/min'),
          obs('59408-5', 94, '%'),
          obs('3151-8', 0, 'L/min'),
          obs('8480-6', 105, 'mm[Hg]'),
          obs('8867-4', 105, '/min'),
          obs('9269-2', 15, '{score}'),
          obs('8310-5', 37.8, 'Cel'),
        ],
      }),
    );
    // RR 22 (2) + SpO2 94 (1) + air (0) + SBP 105 (1) + pulse 105 (1) + alert (0) + 37.8 (0) = 5
    expect(result?.output.news2?.total).toBe(5);
    expect(card!.summary).toBe('Triage: urgent — same-day assessment (NEWS2 5)');
    expect(card!.indicator).toBe('warning');
    expect(card!.detail).toMatch(
      /^\*\*Why urgent:\*\*\n\n- NEWS2 is 5 \(5–6\): urgent response\. \(Royal College/,
    );
    expect(card!.detail).toContain('**NEWS2 5 (medium clinical response; SpO2 scale 1):**');
    expect(card!.detail).toContain('- Air or supplemental oxygen: room air (+0)');
  });

  it('an empty case, or one with only denied or past findings, gives no input and so no card', () => {
    expect(cardFor(clinicalCase({})).input).toBeUndefined();
    const nothingNow = clinicalCase({
      findings: [
        { conceptId: 'chest-pain', status: 'absent' },
        { conceptId: 'cough', status: 'present', temporality: 'historical' },
        { conceptId: 'fever', status: 'present', experiencer: 'other' },
      ],
      observations: [obs('2345-7', 5.4, 'mmol/L')], // a glucose: no vital sign
    });
    expect(cardFor(nothingNow)).toEqual({ input: undefined, card: undefined });
  });

  it('a triage that is not assessed gives no card', () => {
    // A patient the record says has died: not assessed, whatever the old findings say.
    const dead = cardFor(
      clinicalCase({
        findings: [
          { conceptId: 'http://snomed.info/sct|419099009', label: 'Deceased', status: 'present' },
          { conceptId: 'hematemesis', status: 'present' },
        ],
      }),
    );
    expect(dead.input).toBeDefined();
    expect(dead.result?.output.reasons.map((r) => r.ruleId)).toEqual(['not-applicable.deceased']);
    expect(dead.card).toBeUndefined();
    // Normal vital signs and no complaint: NEWS2 is low and the level is only "not enough to go on"
    // (default.insufficient), though `insufficient` is false because vital signs were given.
    const vitalsOnly = cardFor(
      clinicalCase({ observations: [obs('9279-1', 16, '/min'), obs('8867-4', 72, '/min')] }),
    );
    expect(vitalsOnly.input).toBeDefined();
    expect(vitalsOnly.result?.output.insufficient).toBe(false);
    expect(vitalsOnly.result?.output.reasons.some((r) => r.ruleId === 'default.insufficient')).toBe(true);
    expect(vitalsOnly.card).toBeUndefined();
    // A note the reader abstained on (default.not-assessed).
    const abstained = notAssessedTriage(
      { ruleId: 'default.not-assessed', text: 'Not assessed: the note holds only background.' },
      'the note holds only background.',
    );
    const base = cardFor(clinicalCase({ findings: [{ conceptId: 'cough', status: 'present' }] }));
    expect(base.card).toBeDefined();
    const assessment = {
      ...toAssessment('c1', triageEngine.id, base.result!),
      output: abstained,
      id: 'a2',
      createdAt: '2026-01-01T00:00:00Z',
    };
    expect(triageCard(assessment)).toBeUndefined();
    // An output that is not a triage result is no card either.
    expect(triageCard({ ...assessment, output: { level: 'loud' } })).toBeUndefined();
  });
});
