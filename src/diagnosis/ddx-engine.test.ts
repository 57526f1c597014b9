import { describe, expect, it } from 'vitest';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import { ddxEngine } from './ddx-engine.js';
import { DdxInputError } from './kb-bridge.js';

const engine = ddxEngine();
const chestPain = {
  patient: { ageYears: 58, sex: 'male' as const },
  findings: [
    { conceptId: 'pain', status: 'present' as const },
    { conceptId: 'pain.character', status: 'present' as const, value: ['heavy'] },
    { conceptId: 'dyspnea', status: 'present' as const },
    { conceptId: 'fever', status: 'absent' as const },
  ],
};

function inputError(run: () => unknown): DdxInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof DdxInputError) return error;
    throw error;
  }
  throw new Error('expected a DdxInputError');
}

describe('DdxEngine', () => {
  it('returns a ranked differential with ICD-10, must-not-miss flags and explanations in KB ids', () => {
    const concept = engine.bridge.kb.concept('pain.character');
    const heavy = concept?.values?.find((v) => v.id === 'heavy');
    const input = heavy
      ? chestPain
      : { ...chestPain, findings: chestPain.findings.filter((f) => f.conceptId !== 'pain.character') };
    const { output, explanation, provenance } = engine.run(input);
    const entries = output.differential.entries;
    expect(entries.length).toBeGreaterThan(1);
    expect(entries[0]!.probability).toBeGreaterThanOrEqual(entries[1]!.probability);
    expect(entries.every((e) => e.icd10 && /^[a-z0-9-]+$/.test(e.conditionId))).toBe(true);
    expect(entries.some((e) => e.mustNotMiss)).toBe(true);
    const sum =
      entries[0]!.explanation.baseline + explanation.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(entries[0]!.explanation.score, 6);
    expect(explanation.contributions.some((c) => c.input === 'dyspnea')).toBe(true);
    expect(provenance.engineId).toBe('diagnosis.ddx');
    expect(output.questions.length).toBeGreaterThan(0);
    const question = output.questions[0]!;
    expect(question.text.length).toBeGreaterThan(5);
    expect(question.why).toMatch(/narrow the differential/);
    expect(question.expectedGainNats).toBeGreaterThan(0);
    expect(question.separates.length).toBeGreaterThan(0);
  });

  it('words questions for a child answered by a caregiver differently from an adult', () => {
    const adult = engine.run({
      patient: { ageYears: 30 },
      findings: [{ conceptId: 'cough', status: 'present' }],
    });
    const q = adult.output.questions[0]!;
    const concept = engine.bridge.kb.concept(q.conceptId)!;
    expect(q.text).toBe(concept.questions.adult);
    const child = engine.proposeQuestions(
      engine.stateOf({ ageYears: 4 }, [{ conceptId: 'cough', status: 'present' }]),
      { ageYears: 4, caregiverAnswering: true },
      5,
    );
    expect(child.length).toBe(5);
    const cough = engine.bridge.kb.concept('cough')!;
    const code = cough.ddxplusCode;
    expect(engine.bridge.question(code, { ageYears: 4, caregiverAnswering: true }).text).toBe(
      cough.questions.child,
    );
    expect(engine.bridge.question(code, { ageYears: 80 }).text).toBe(cough.questions.olderAdult);
    // A caregiver answering for an adult gets the adult register: the child register is for under-16s only.
    expect(engine.bridge.question(code, { ageYears: 30, caregiverAnswering: true }).text).toBe(
      cough.questions.adult,
    );
  });

  it('names the field of unknown concepts, wrong value types and contradictions', () => {
    expect(
      inputError(() => engine.run({ findings: [{ conceptId: 'no-such-thing', status: 'present' }] }))
        .fieldErrors,
    ).toEqual([{ field: '/findings/0/conceptId', message: "unknown concept id 'no-such-thing'" }]);
    expect(
      inputError(() =>
        engine.run({ findings: [{ conceptId: 'pain.intensity', status: 'present', value: 'high' }] }),
      ).fieldErrors[0]!.field,
    ).toBe('/findings/0/value');
    expect(
      inputError(() =>
        engine.run({
          findings: [
            { conceptId: 'fever', status: 'present' },
            { conceptId: 'fever', status: 'absent' },
          ],
        }),
      ).fieldErrors[0]!.field,
    ).toBe('/findings/1/conceptId');
    expect(
      inputError(() =>
        engine.run({
          findings: [
            { conceptId: 'pain', status: 'absent' },
            { conceptId: 'pain.intensity', status: 'present', value: 6 },
          ],
        }),
      ).fieldErrors[0]!.field,
    ).toBe('/findings/1/status');
  });

  it('lists the rejected findings structurally, for callers that leave them out', () => {
    const error = inputError(() =>
      engine.run({
        findings: [
          { conceptId: 'cough', status: 'present' },
          { conceptId: 'no-such-thing', status: 'present' },
          { conceptId: 'pain.intensity', status: 'present', value: 'high' },
        ],
      }),
    );
    expect(error.rejectedFindings).toEqual([1, 2]);
    expect(error.details).toEqual({ rejectedFindings: [1, 2] });
    expect(error.code).toBe('unprocessable');
  });

  it('rejects ages outside 0–120 through its schema', () => {
    expect(() => engine.run({ patient: { ageYears: 130 }, findings: [] })).toThrow();
  });

  it('reconciles a case whose findings, read from text, contradict each other (no 422 on the case path)', () => {
    const clinicalCase: ClinicalCase = {
      id: 'c2',
      title: 't',
      patient: { ageYears: 50, sex: 'male' },
      findings: [
        { conceptId: 'cough', status: 'absent' },
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'pain', status: 'present' },
        { conceptId: 'pain.character', status: 'absent', value: 'burning' },
      ],
      observations: [],
      images: [],
      createdAt: '',
      updatedAt: '',
    };
    expect(() =>
      engine.run({ patient: clinicalCase.patient, findings: [...clinicalCase.findings] }),
    ).toThrow();
    const input = engine.fromCase(clinicalCase)!;
    expect(input.findings).toContainEqual({ conceptId: 'cough', status: 'present' });
    expect(engine.run(input).output.differential.entries.length).toBeGreaterThan(0);
  });

  it('gives no ranked list from age and sex alone', () => {
    const result = engine.run({ patient: { ageYears: 45, sex: 'male' }, findings: [] });
    expect(result.output.differential.entries).toEqual([]);
    expect(result.output.warnings.join(' ')).toMatch(/chief complaint/);
  });

  it('builds its input from a case and a CDS card from an assessment', () => {
    const clinicalCase: ClinicalCase = {
      id: 'c1',
      title: 't',
      patient: { ageYears: 70, sex: 'female' },
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'not-in-kb', status: 'present' },
        { conceptId: 'fever', status: 'present', experiencer: 'other' },
      ],
      observations: [],
      images: [],
      createdAt: '',
      updatedAt: '',
    };
    const input = engine.fromCase(clinicalCase)!;
    expect(input.findings.map((f) => f.conceptId)).toEqual(['cough']);
    expect(engine.fromCase({ ...clinicalCase, findings: [] })).toBeUndefined();
    const result = engine.run(input);
    const assessment: Assessment = {
      id: 'a1',
      caseId: 'c1',
      engineId: engine.id,
      differential: result.output.differential,
      explanation: result.explanation,
      provenance: result.provenance,
      createdAt: '',
    };
    const card = engine.toCard(assessment)!;
    expect(card.summary).toContain(result.output.differential.entries[0]!.label);
    expect(card.summary.length).toBeLessThan(140);
    expect(card.source.topic?.code).toBe(result.output.differential.entries[0]!.icd10);
    expect(engine.toCard({ ...assessment, differential: { entries: [] } })).toBeUndefined();
  });
});
