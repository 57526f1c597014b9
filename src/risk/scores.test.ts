import { describe, expect, it } from 'vitest';
import { adaDiabetesEngine } from './ada-diabetes.js';
import { cha2ds2VascEngine } from './cha2ds2-vasc.js';
import { curb65Engine } from './curb65.js';
import { qsofaEngine } from './qsofa.js';
import { explanationTotal } from './risk-engine.js';
import { wellsPeEngine } from './wells-pe.js';

describe('CURB-65 (Lim, Thorax 2003)', () => {
  it('MedCalc-Bench example 45: 77 F, confused, BUN 40 mg/dL, RR 23, BP 105/52 → 4', () => {
    // age ≥ 65: 1; confusion: 1; BUN 40/2.8 = 14.3 mmol/L > 7: 1; RR 23 < 30: 0; DBP 52 ≤ 60: 1 → 4
    const result = curb65Engine.run({
      confusion: true,
      bunMgDl: 40,
      respiratoryRate: 23,
      systolicBp: 105,
      diastolicBp: 52,
      age: 77,
    });
    expect(result.output.score).toBe(4);
    expect(explanationTotal(result.explanation)).toBe(4);
    expect(result.output.recommendations.map((r) => r.action)).toEqual(['hospital', 'icu']);
  });

  it('thresholds are inclusive where the paper says so: RR ≥ 30, DBP ≤ 60, age ≥ 65; urea strictly > 7', () => {
    const at = curb65Engine.run({
      confusion: false,
      ureaMmolL: 7,
      respiratoryRate: 30,
      systolicBp: 90,
      diastolicBp: 60,
      age: 65,
    });
    // urea 7.0 → 0; RR 30 → 1; SBP 90 (not < 90) but DBP 60 ≤ 60 → 1; age 65 → 1 → 3
    expect(at.output.score).toBe(3);
    expect(
      curb65Engine.run({
        confusion: false,
        ureaMmolL: 7.1,
        respiratoryRate: 29,
        systolicBp: 120,
        diastolicBp: 61,
        age: 64,
      }).output.score,
    ).toBe(1);
  });

  it('BUN is converted exactly (19.6 mg/dL = 7 mmol/L): 19.6 → 0, 20 → 1', () => {
    const low = { confusion: false, respiratoryRate: 16, systolicBp: 120, diastolicBp: 80, age: 40 };
    expect(curb65Engine.run({ ...low, bunMgDl: 19.6 }).output.score).toBe(0);
    expect(curb65Engine.run({ ...low, bunMgDl: 20 }).output.score).toBe(1);
    expect(curb65Engine.run({ ...low, bunMgDl: 20 }).output.recommendations[0]?.action).toBe('outpatient');
  });

  it('rejects mixed-up or missing units and swapped blood pressure, naming the field', () => {
    const low = { confusion: false, respiratoryRate: 16, systolicBp: 120, diastolicBp: 80, age: 40 };
    const both = curb65Engine.inputSchema.safeParse({ ...low, ureaMmolL: 5, bunMgDl: 14 });
    expect(both.error?.issues[0]).toMatchObject({
      path: ['bunMgDl'],
      message: 'give ureaMmolL or bunMgDl, not both',
    });
    const none = curb65Engine.inputSchema.safeParse(low);
    expect(none.error?.issues[0]?.path).toEqual(['ureaMmolL']);
    const mgInMmol = curb65Engine.inputSchema.safeParse({ ...low, ureaMmolL: 140 });
    expect(mgInMmol.error?.issues[0]?.message).toMatch(/use bunMgDl/);
    const swapped = curb65Engine.inputSchema.safeParse({
      ...low,
      ureaMmolL: 5,
      systolicBp: 70,
      diastolicBp: 110,
    });
    expect(swapped.error?.issues[0]?.path).toEqual(['diastolicBp']);
  });

  it('is not applicable to children', () => {
    const child = curb65Engine.run({
      confusion: false,
      ureaMmolL: 5,
      respiratoryRate: 30,
      systolicBp: 100,
      diastolicBp: 60,
      age: 8,
    });
    expect(child.output.applicable).toBe(false);
    expect(child.output.score).toBeUndefined();
  });
});

describe('Wells score for PE (Wells, Thromb Haemost 2000)', () => {
  const none = {
    age: 50,
    clinicalSignsDvt: false,
    peMostLikely: false,
    heartRate: 80,
    immobilizationOrRecentSurgery: false,
    previousPeOrDvt: false,
    hemoptysis: false,
    malignancy: false,
  };
  it('MedCalc-Bench example 8: HR 150 only → 1.5, low, PE unlikely → D-dimer', () => {
    const result = wellsPeEngine.run({ ...none, heartRate: 150 });
    expect([result.output.score, result.output.threeLevel, result.output.twoLevel]).toEqual([
      1.5,
      'low',
      'pe-unlikely',
    ]);
    expect(result.output.recommendations[0]?.action).toBe('d-dimer');
  });
  it('all criteria → 12.5 (maximum), high, PE likely → CTPA', () => {
    const result = wellsPeEngine.run({
      age: 50,
      clinicalSignsDvt: true,
      peMostLikely: true,
      heartRate: 101,
      immobilizationOrRecentSurgery: true,
      previousPeOrDvt: true,
      hemoptysis: true,
      malignancy: true,
    });
    // 3 + 3 + 1.5 + 1.5 + 1.5 + 1 + 1 = 12.5
    expect(result.output.score).toBe(12.5);
    expect(explanationTotal(result.explanation)).toBe(12.5);
    expect(result.output.recommendations[0]?.action).toBe('ctpa');
  });
  it('4 is PE unlikely, 4.5 PE likely; HR 100 scores 0', () => {
    // DVT signs 3 + haemoptysis 1 = 4 → unlikely
    expect(
      wellsPeEngine.run({ ...none, clinicalSignsDvt: true, hemoptysis: true, heartRate: 100 }).output
        .twoLevel,
    ).toBe('pe-unlikely');
    // 3 + 1.5 = 4.5 → likely, moderate
    const r = wellsPeEngine.run({ ...none, peMostLikely: true, previousPeOrDvt: true });
    expect([r.output.twoLevel, r.output.threeLevel]).toEqual(['pe-likely', 'moderate']);
  });
});

describe('CHA₂DS₂-VASc (Lip, Chest 2010)', () => {
  const none = {
    age: 50,
    sex: 'male',
    congestiveHeartFailure: false,
    hypertension: false,
    diabetes: false,
    strokeTiaThromboembolism: false,
    vascularDisease: false,
  } as const;
  it('MedCalc-Bench example 4: 62 M with prior stroke → 2', () => {
    expect(cha2ds2VascEngine.run({ ...none, age: 62, strokeTiaThromboembolism: true }).output.score).toBe(2);
  });
  it('maximum 9: 80 F with every risk factor', () => {
    // CHF 1 + HTN 1 + age ≥ 75 2 + DM 1 + stroke 2 + vascular 1 + female 1 = 9 (age bands exclusive)
    const r = cha2ds2VascEngine.run({
      age: 80,
      sex: 'female',
      congestiveHeartFailure: true,
      hypertension: true,
      diabetes: true,
      strokeTiaThromboembolism: true,
      vascularDisease: true,
    });
    expect([r.output.score, r.output.cha2ds2vaScore]).toEqual([9, 8]);
    expect(explanationTotal(r.explanation)).toBe(9);
  });
  it('ESC 2024 (current, CHA₂DS₂-VA) vs ESC 2020 (superseded): a 66-year-old woman', () => {
    // VASc = age 65–74 1 + female 1 = 2; VA = 1
    const current = cha2ds2VascEngine.run({ ...none, age: 66, sex: 'female' });
    expect(current.output.recommendations[0]?.action).toBe('consider-anticoagulation');
    expect(current.output.guideline).toMatchObject({ version: '2024', current: true });
    const old = cha2ds2VascEngine.run({ ...none, age: 66, sex: 'female', guidelineVersion: '2020' });
    expect(old.output.recommendations[0]?.action).toBe('consider-anticoagulation'); // women: 2 → consider
    expect(old.output.guideline).toMatchObject({ version: '2020', current: false });
    expect(old.explanation.warnings?.[0]).toMatch(/superseded/);
    // A woman with only the sex point: 2020 → no OAC (1 in women); 2024 → VA 0 → no OAC.
    expect(cha2ds2VascEngine.run({ ...none, sex: 'female' }).output.recommendations[0]?.action).toBe(
      'no-anticoagulation',
    );
    // A man with hypertension and diabetes: VA 2 → recommended in both.
    expect(
      cha2ds2VascEngine.run({ ...none, hypertension: true, diabetes: true }).output.recommendations[0]
        ?.action,
    ).toBe('anticoagulate');
  });
  it('does not apply with a mechanical valve', () => {
    const r = cha2ds2VascEngine.run({ ...none, mechanicalValveOrMitralStenosis: true });
    expect(r.output.applicable).toBe(false);
  });
});

describe('qSOFA (Seymour, JAMA 2016)', () => {
  it('RR 24, SBP 95, GCS 15 → 2 (positive); RR 22, SBP 101, GCS 14 → 2', () => {
    expect(
      qsofaEngine.run({
        age: 70,
        suspectedInfection: true,
        respiratoryRate: 24,
        systolicBp: 95,
        alteredMentation: false,
      }).output.score,
    ).toBe(2);
    expect(
      qsofaEngine.run({
        age: 70,
        suspectedInfection: true,
        respiratoryRate: 22,
        systolicBp: 101,
        alteredMentation: true,
      }).output.score,
    ).toBe(2);
    expect(
      qsofaEngine.run({
        age: 70,
        suspectedInfection: true,
        respiratoryRate: 21,
        systolicBp: 101,
        alteredMentation: false,
      }).output.category,
    ).toBe('negative');
  });
  it('is not applicable without suspected infection', () => {
    expect(
      qsofaEngine.run({
        age: 70,
        suspectedInfection: false,
        respiratoryRate: 30,
        systolicBp: 80,
        alteredMentation: true,
      }).output.applicable,
    ).toBe(false);
  });
});

describe('ADA 2023 diagnostic criteria', () => {
  const dx = (input: Parameters<typeof adaDiabetesEngine.run>[0]) =>
    adaDiabetesEngine.run(input).output.diagnosis;
  it('worked examples from the reference notes', () => {
    expect(dx({ hba1cPercent: 6.7, fastingGlucoseMgDl: 130 })).toBe('diabetes'); // two different tests abnormal
    expect(dx({ hba1cPercent: 6.6 })).toBe('diabetes-range-unconfirmed'); // repeat the test
    expect(dx({ randomGlucoseMgDl: 250, classicSymptoms: true })).toBe('diabetes');
    expect(dx({ randomGlucoseMgDl: 250, classicSymptoms: false })).toBe('diabetes-range-unconfirmed'); // not diagnostic alone
    // Symptoms not stated: not taken as absent — the answer names both possibilities.
    const unknown = adaDiabetesEngine.run({ randomGlucoseMgDl: 250 }).output;
    expect(unknown.diagnosis).toBeUndefined();
    expect(unknown.possibleCategories).toEqual(['diabetes-range-unconfirmed', 'diabetes']);
    expect(unknown.missingInputs).toEqual(['classicSymptoms']);
    expect(dx({ hba1cPercent: 6.6, confirmedOnRepeat: true })).toBe('diabetes');
  });
  it('thresholds: A1C 6.5 / 5.7 %, FPG 126 / 100, 2-h 200 / 140 mg/dL', () => {
    expect(dx({ hba1cPercent: 6.4 })).toBe('prediabetes');
    expect(dx({ hba1cPercent: 5.7 })).toBe('prediabetes');
    expect(dx({ hba1cPercent: 5.6 })).toBe('normal');
    expect(dx({ fastingGlucoseMgDl: 125 })).toBe('prediabetes');
    expect(dx({ fastingGlucoseMgDl: 99 })).toBe('normal');
    expect(dx({ ogtt2hGlucoseMgDl: 140 })).toBe('prediabetes');
    expect(dx({ ogtt2hGlucoseMgDl: 200, fastingGlucoseMgDl: 126 })).toBe('diabetes');
  });
  it('rejects mmol/L glucose and empty input; not for pregnancy', () => {
    expect(
      adaDiabetesEngine.inputSchema.safeParse({ fastingGlucoseMgDl: 7.2 }).error?.issues[0]?.message,
    ).toMatch(/mmol\/L/);
    expect(adaDiabetesEngine.inputSchema.safeParse({}).success).toBe(false);
    expect(adaDiabetesEngine.run({ hba1cPercent: 7, pregnant: true }).output.applicable).toBe(false);
  });
});
