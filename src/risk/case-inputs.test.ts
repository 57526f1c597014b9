import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import {
  findingStatus,
  matchesConcept,
  observationValue,
  prefillFromCase,
  RISK_LOINC,
} from './case-inputs.js';
import { RISK_CDS_SPECS, riskCardsForCase } from './cds.js';
import { riskEngine } from './engines.js';

function makeCase(partial: Partial<ClinicalCase>): ClinicalCase {
  return {
    id: 'c1',
    title: 'test',
    patient: {},
    findings: [],
    observations: [],
    images: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...partial,
  };
}
const loinc = (code: string, value: number, unit: string, effectiveDateTime?: string) => ({
  code: { system: 'http://loinc.org', code },
  value: { value, unit },
  ...(effectiveDateTime ? { effectiveDateTime } : {}),
});

describe('reading risk inputs from a case', () => {
  it('matches own ids, SNOMED codes and ICD-10 prefixes', () => {
    expect(matchesConcept('smoker', 'smoker')).toBe(true);
    expect(matchesConcept('http://snomed.info/sct|8517006', 'smoker')).toBe(true);
    expect(matchesConcept('http://hl7.org/fhir/sid/icd-10|I48.91', 'atrialFibrillation')).toBe(true);
    expect(matchesConcept('http://hl7.org/fhir/sid/icd-10|I10', 'atrialFibrillation')).toBe(false);
  });

  it('takes the latest observation and converts units (glucose mmol/L → mg/dL)', () => {
    const c = makeCase({
      observations: [
        loinc('1558-6', 120, 'mg/dL', '2025-01-01T00:00:00Z'),
        loinc('14771-0', 7.5, 'mmol/L', '2026-01-01T00:00:00Z'),
      ],
    });
    expect(observationValue(c, ['1558-6', '14771-0'], 'mg/dL')).toBeCloseTo(7.5 * 18.016, 6);
    // An unconvertible unit is skipped, never read as if it were the right one.
    expect(
      observationValue(makeCase({ observations: [loinc('2039-6', 6.2, 'mmol/L')] }), ['2039-6'], 'ng/mL'),
    ).toBeUndefined();
  });

  it('CURB-65 from vitals, BUN and a confusion finding; nothing guessed for missing vitals', () => {
    const c = makeCase({
      patient: { ageYears: 77, sex: 'female' },
      findings: [
        { conceptId: 'confusion', status: 'present' },
        { conceptId: 'pneumonia', status: 'present' },
      ],
      observations: [
        loinc('3094-0', 40, 'mg/dL'),
        loinc('9279-1', 23, '/min'),
        loinc('8480-6', 105, 'mm[Hg]'),
        loinc('8462-4', 52, 'mm[Hg]'),
      ],
    });
    const prefill = prefillFromCase('curb65', c);
    expect(prefill.values).toEqual({
      confusion: true,
      bunMgDl: 40,
      respiratoryRate: 23,
      systolicBp: 105,
      diastolicBp: 52,
      age: 77,
    });
    expect(prefill.sources.bunMgDl).toMatch(/3094-0/);
    expect(riskEngine('curb65')?.fromCase?.(c)).toBeDefined();
    const noRr = makeCase({ ...c, observations: c.observations.filter((o) => o.code.code !== '9279-1') });
    expect(riskEngine('curb65')?.fromCase?.(noRr)).toBeUndefined();
  });

  it('qSOFA applies with an infection finding or a temperature of 38 °C or more, not when infection is ruled out', () => {
    const vitals = [loinc('9279-1', 24, '/min'), loinc('8480-6', 95, 'mm[Hg]')];
    const febrile = makeCase({
      patient: { ageYears: 70, sex: 'male' },
      findings: [{ conceptId: 'confusion', status: 'absent' }],
      observations: [...vitals, loinc(RISK_LOINC.bodyTemperatureC[0]!, 38.6, 'Cel')],
    });
    const qsofa = riskEngine('qsofa') as unknown as {
      caseInputs(c: ClinicalCase): { notApplicable?: string };
    };
    expect(qsofa.caseInputs(febrile).notApplicable).toBeUndefined();
    expect(riskEngine('qsofa')?.fromCase?.(febrile)).toBeDefined();
    const afebrile = makeCase({ ...febrile, observations: vitals });
    expect(qsofa.caseInputs(afebrile).notApplicable).toMatch(/suspected infection/);
    const ruledOut = makeCase({
      ...febrile,
      findings: [...febrile.findings, { conceptId: 'suspected-infection', status: 'absent' }],
    });
    expect(qsofa.caseInputs(ruledOut).notApplicable).toMatch(/suspected infection/);
  });

  it('CHA₂DS₂-VASc runs from a case only when AF is recorded; facts not recorded stay unknown', () => {
    const c = makeCase({
      patient: { ageYears: 72, sex: 'female' },
      findings: [
        { conceptId: 'http://hl7.org/fhir/sid/icd-10|I48.0', status: 'present' },
        { conceptId: 'http://hl7.org/fhir/sid/icd-10|I10', status: 'present' },
      ],
    });
    const prefill = prefillFromCase('cha2ds2-vasc', c);
    expect(prefill.values).toMatchObject({ hypertension: true });
    expect(prefill.values.diabetes).toBeUndefined();
    expect(prefill.unknown).toEqual(
      expect.arrayContaining([
        'congestiveHeartFailure',
        'diabetes',
        'strokeTiaThromboembolism',
        'vascularDisease',
      ]),
    );
    expect(prefill.assumedAbsent).toEqual([]);
    const spec = RISK_CDS_SPECS.find((s) => s.id === 'af-stroke-risk')!;
    const cards = riskCardsForCase(spec, c);
    // Known: age 65–74 1 + female 1 + hypertension 1 = 3; the four unknown factors add 0–5 → 3–8. CHA₂DS₂-VA is
    // ≥ 2 whatever they are, so OAC is recommended (ESC 2024) in every case, and the card says so.
    expect(cards[0]?.summary).toMatch(/score 3–8/);
    expect(cards[0]?.detail).toMatch(/Oral anticoagulation is recommended/);
    expect(cards[0]?.detail).toMatch(/left unknown/);
    expect(riskCardsForCase(spec, makeCase({ patient: { ageYears: 72, sex: 'female' } }))).toEqual([]);
  });

  it('a relative’s finding is not the patient’s, except for family history', () => {
    const c = makeCase({
      findings: [
        { conceptId: 'smoker', status: 'present', experiencer: 'other' },
        { conceptId: 'family-history.lung-cancer', status: 'present', experiencer: 'other' },
      ],
    });
    const prefill = prefillFromCase('brock', c);
    expect(prefill.values.familyHistoryLungCancer).toBe(true);
    expect(prefillFromCase('mayo', c).unknown).toContain('smoker');
  });

  it('TI-RADS from thyroid nodule findings', () => {
    const c = makeCase({
      findings: [
        { conceptId: 'thyroid-nodule.composition', status: 'present', value: 'solid' },
        { conceptId: 'thyroid-nodule.echogenicity', status: 'present', value: 'hypoechoic' },
        { conceptId: 'thyroid-nodule.shape', status: 'present', value: 'wider-than-tall' },
        { conceptId: 'thyroid-nodule.margin', status: 'present', value: 'smooth' },
        { conceptId: 'thyroid-nodule.echogenic-foci', status: 'present', value: ['none'] },
        { conceptId: 'thyroid-nodule.max-diameter-mm', status: 'present', value: 16 },
      ],
    });
    const spec = RISK_CDS_SPECS.find((s) => s.id === 'thyroid-nodule-tirads')!;
    expect(riskCardsForCase(spec, c)[0]?.summary).toMatch(
      /score 4, category TR4. Next: Fine-needle aspiration/,
    );
    const incomplete = makeCase({ findings: c.findings.slice(0, 2) });
    expect(riskCardsForCase(spec, incomplete)[0]?.detail).toMatch(
      /Missing or invalid in the record: .*shape/,
    );
  });
});

describe('reading risk inputs from findings the intake wrote (knowledge-base concept ids)', () => {
  it('fills smoking, cancer, heart failure, hypertension, diabetes, stroke and VTE history', () => {
    const kbIds: Record<string, string> = {
      'lifestyle.former-smoker': 'smoker',
      'family.lung-cancer': 'familyHistoryLungCancer',
      'history.active-cancer': 'knownCancer',
      'history.immunosuppression': 'immunosuppressed',
      'history.recent-surgery': 'immobilizationOrRecentSurgery',
      'history.heart-failure': 'congestiveHeartFailure',
      'history.hypertension': 'hypertension',
      'history.diabetes': 'diabetes',
      'history.stroke': 'strokeTiaThromboembolism',
      'history.dvt': 'previousPeOrDvt',
    };
    for (const [conceptId, riskConcept] of Object.entries(kbIds)) {
      expect(matchesConcept(conceptId, riskConcept), conceptId).toBe(true);
    }
    const c = makeCase({
      patient: { ageYears: 67, sex: 'female' },
      findings: [{ conceptId: 'lifestyle.former-smoker', status: 'present', temporality: 'historical' }],
    });
    expect(prefillFromCase('mayo', c).values).toMatchObject({ smoker: true });
  });
});

describe('records imported from FHIR', () => {
  it('COPD does not tick emphysema; a smoking status answer decides "smoker"; oral temperature is body temperature', () => {
    const snomed = (code: string, status: 'present' | 'absent' = 'present') => ({
      conceptId: `http://snomed.info/sct|${code}`,
      status,
    });
    expect(matchesConcept('http://snomed.info/sct|13645005', 'emphysema')).toBe(false);
    expect(matchesConcept('history.copd', 'emphysema')).toBe(false);
    expect(matchesConcept('http://hl7.org/fhir/sid/icd-10|J44.9', 'emphysema')).toBe(false);
    expect(matchesConcept('http://snomed.info/sct|87433001', 'emphysema')).toBe(true);
    const copd = makeCase({
      findings: [snomed('13645005'), { conceptId: 'history.copd', status: 'present' }],
    });
    expect(prefillFromCase('brock', copd).values.emphysema).not.toBe(true);

    const never = makeCase({
      findings: [{ conceptId: 'lifestyle.smoking', status: 'absent', value: '266919005' }],
    });
    expect(findingStatus(never, 'smoker')).toBe(false);
    // "Not smoking now" alone says nothing about former smoking.
    const notNow = makeCase({ findings: [{ conceptId: 'lifestyle.smoking', status: 'absent' }] });
    expect(findingStatus(notNow, 'smoker')).toBeUndefined();
    const former = makeCase({
      findings: [
        { conceptId: 'lifestyle.smoking', status: 'absent' },
        { conceptId: 'lifestyle.former-smoker', status: 'present' },
      ],
    });
    expect(findingStatus(former, 'smoker')).toBe(true);

    const oral = makeCase({
      observations: [
        { code: { system: 'http://loinc.org', code: '8331-1' }, value: { value: 38.6, unit: 'Cel' } },
      ],
    });
    expect(observationValue(oral, RISK_LOINC.bodyTemperatureC, 'Cel')).toBe(38.6);
  });
});

describe('unit conversions of the prefill (by analyte)', () => {
  it('BUN in mmol/L is urea: × 2.8 to urea nitrogen mg/dL, not the glucose factor', () => {
    const bun = (unit: string, value = 5) => makeCase({ observations: [loinc('3094-0', value, unit)] });
    expect(observationValue(bun('mmol/L'), RISK_LOINC.bunMgDl, 'mg/dL')).toBeCloseTo(14, 6);
    expect(observationValue(bun('mg/dL', 14), RISK_LOINC.bunMgDl, 'mg/dL')).toBe(14);
    const curb = makeCase({
      patient: { ageYears: 50 },
      findings: [{ conceptId: 'pneumonia', status: 'present' }],
      observations: [
        loinc('6299-2', 5, 'mmol/L'),
        loinc('9279-1', 18, '/min'),
        loinc('8480-6', 125, 'mm[Hg]'),
      ],
    });
    expect(prefillFromCase('curb65', curb).values.bunMgDl).toBe(14);
    // Glucose keeps its own factor (180.16 g/mol); HbA1c in IFCC mmol/mol is NGSP % by the master equation.
    const glucose = makeCase({ observations: [loinc('2345-7', 5, 'mmol/L')] });
    expect(observationValue(glucose, RISK_LOINC.randomGlucose, 'mg/dL')).toBeCloseTo(90.08, 6);
    const hba1c = makeCase({ observations: [loinc('4548-4', 48, 'mmol/mol')] });
    expect(observationValue(hba1c, RISK_LOINC.hba1cPercent, '%')).toBeCloseTo(48 * 0.09148 + 2.152, 6);
    // A urea code in mg/dL (urea itself, not urea nitrogen) is not converted.
    expect(
      observationValue(
        makeCase({ observations: [loinc('22664-7', 30, 'mg/dL')] }),
        RISK_LOINC.ureaMmolL,
        'mmol/L',
      ),
    ).toBeUndefined();
  });

  it('°F by its UCUM code or its written unit', () => {
    for (const unit of ['[degF]', '°F', 'F', 'degF'])
      expect(
        observationValue(
          makeCase({ observations: [loinc('8331-1', 101.3, unit)] }),
          RISK_LOINC.bodyTemperatureC,
          'Cel',
        ),
        unit,
      ).toBeCloseTo(38.5, 6);
  });
});

describe('a deceased patient', () => {
  const dead = makeCase({
    patient: { ageYears: 1.3, sex: 'male' },
    findings: [
      {
        conceptId: 'http://snomed.info/sct|419099009',
        label: 'Deceased',
        status: 'present',
        onset: '1973-07-19T00:00:00Z',
      },
      { conceptId: 'atrial-fibrillation', status: 'present' },
    ],
  });

  it('no model is prefilled as if for a living patient: not applicable, and the age at death is not the age', () => {
    const prefill = prefillFromCase('cha2ds2-vasc', dead);
    expect(prefill.notApplicable).toMatch(/died on 1973-07-19/);
    expect(prefill.values.age).toBeUndefined();
    expect(riskEngine('cha2ds2-vasc')?.fromCase?.(dead)).toBeUndefined();
    const alive = makeCase({ ...dead, findings: dead.findings.slice(1) });
    expect(prefillFromCase('cha2ds2-vasc', alive).notApplicable).toBeUndefined();
    expect(prefillFromCase('cha2ds2-vasc', alive).values.age).toBe(1.3);
  });

  it('a model that needs no age is not run on a deceased patient either, and no CDS card asks for values', () => {
    const engine = riskEngine('ada-diabetes') as unknown as {
      caseInputs(c: ClinicalCase): { notApplicable?: string; input?: unknown };
    };
    const inputs = engine.caseInputs(dead);
    expect(inputs.notApplicable).toMatch(/died on 1973-07-19/);
    expect(inputs.input).toBeUndefined();
    for (const spec of RISK_CDS_SPECS) expect(riskCardsForCase(spec, dead), spec.engineId).toEqual([]);
  });
});
