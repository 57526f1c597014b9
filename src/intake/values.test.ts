import { describe, expect, it } from 'vitest';
import {
  describeAge,
  extractDemographics,
  extractDurations,
  extractMeasurements,
  extractSmoking,
} from './values.js';

const byCode = (text: string) => new Map(extractMeasurements(text).map((o) => [o.code.code, o]));

describe('a glucose written without a unit', () => {
  const glucose = (text: string) =>
    extractMeasurements(text).find((o) => o.code.code === '2345-7')?.value as
      | { value: number; unit: string }
      | undefined;
  it('is mmol/L up to 35 or with a decimal, mg/dL from 40, unread between and after a count', () => {
    expect(glucose('sugars been 22 for two days')?.value).toBeCloseTo(22 * 18.016, 0);
    expect(glucose('BM 2.8')?.value).toBeCloseTo(2.8 * 18.016, 0);
    expect(glucose('glucose 250')?.value).toBe(250);
    expect(glucose('glucose 38')).toBeUndefined();
    expect(glucose('no sugar 2 days')).toBeUndefined();
    expect(glucose('BMI 32')).toBeUndefined();
  });
});

describe('a later reading of the same measurement in the sentence', () => {
  const values = (text: string, code: string) =>
    extractMeasurements(text)
      .filter((o) => o.code.code === code)
      .map((o) => o.value.value);
  it('is read after a word that dates it, in the unit of the first, and comes last', () => {
    expect(values('sugar was 2.9, had juice and now fine 6.5', '2345-7')).toEqual([52.25, 117.1]);
    expect(values('temp 39.2 then 37.8 after paracetamol', '8310-5')).toEqual([39.2, 37.8]);
    expect(values('sats 88%, up to 94% on 2L', '59408-5')).toEqual([88, 94]);
  });
  it('is not a count, a time or a dose', () => {
    expect(values('HR 120, now 2 days of fever', '8867-4')).toEqual([120]);
    expect(values('sugar 15 then 2 days later', '2345-7')).toHaveLength(1);
    expect(values('RR 30 then 2 puffs of inhaler', '9279-1')).toEqual([30]);
    expect(values('temp 39. Now 3 days in', '8310-5')).toEqual([39]);
  });
});

describe('extractDemographics', () => {
  it('reads "child of 7 years" and "a man of 64 years": the person, then the age', () => {
    expect(extractDemographics('Child of 7 years with a rash and fever.').map((d) => d.ageYears)).toEqual([
      7,
    ]);
    const man = extractDemographics('A man of 64 years with chest pain.');
    expect(man.map((d) => [d.ageYears, d.sex])).toEqual([[64, 'male']]);
  });
  it("reads a relative's age in apposition, with the sex the relative word names", () => {
    const read = (text: string) => extractDemographics(text).map((d) => [d.ageYears, d.sex]);
    expect(read('my husband, 60, is sweaty and confused')).toEqual([[60, 'male']]);
    expect(read('Dad (74) woke up with a droopy face')).toEqual([[74, 'male']]);
    expect(read('Mum, 81yo, fell this morning')).toEqual([[81, 'female']]);
    expect(read('son is 6, allergic to peanuts')).toEqual([[6, 'male']]);
    expect(read('my daughter is 15 and has a sore throat')).toEqual([[15, 'female']]);
    expect(read('dad 81 on warfarin slipped')).toEqual([[81, 'male']]);
    // A count or a measure after a relative word is no age.
    expect(read('my husband, 3 times today, vomited')).toEqual([]);
    expect(read('my son is 3 times more tired')).toEqual([]);
    expect(read('my dad is 5 foot 6')).toEqual([]);
    expect(read('My little boy is 2')).toEqual([[2, 'male']]);
    expect(read('elderly lady 88, fell at home')).toEqual([[88, 'female']]);
  });
  it('reads an age said with she\'s / he\'s / im, and a baby\'s age said with "is" (no "old")', () => {
    const read = (text: string) => extractDemographics(text).map((d) => [d.ageYears, d.sex]);
    expect(read('shes 79 and confused')).toEqual([[79, 'female']]);
    expect(read('hes 81')).toEqual([[81, 'male']]);
    expect(extractDemographics('im 58 female')[0]).toMatchObject({ ageYears: 58, firstPerson: true });
    expect(read('My son is 10 months. He keeps screaming')[0]?.[0]).toBeCloseTo(10 / 12, 6);
    // Not ages: a pregnancy, a height, a temperature, a late period.
    expect(read("she's 34 weeks pregnant")).toEqual([]);
    expect(read("he's 5 foot 2")).toEqual([]);
    expect(read("she's 39 degrees")).toEqual([]);
    expect(read("she's 2 weeks late")).toEqual([]);
    // A compact infant age at the start of a note or before the person, and "child 7".
    expect(read('14mo boy, screaming episodes')[0]?.[0]).toBeCloseTo(14 / 12, 6);
    expect(read('baby 9mo with fever')[0]?.[0]).toBeCloseTo(0.75, 6);
    expect(read('cough for 3 mo')).toEqual([]);
    expect(read('child 7 with a limp')).toEqual([[7, undefined]]);
    // "Aged" or "age" before an infant's age in months, weeks or days.
    expect(extractDemographics('baby aged 3 months, off feeds')[0]).toMatchObject({
      writtenAge: { value: 3, unit: 'mo' },
    });
    expect(extractDemographics('age 10 days, jaundiced')[0]).toMatchObject({
      writtenAge: { value: 10, unit: 'd' },
    });
    expect(read('he is 3 days post-op')).toEqual([]);
  });
  it.each([
    ['A 58-year-old man', 58, 'male'],
    ['74 YO WOMAN', 74, 'female'],
    ['45M with cough', 45, 'male'],
    ['Caller mum, pt 7y F, cough', 7, 'female'],
    ['a 30 y/o female', 30, 'female'],
    ['6-year-old boy', 6, 'male'],
  ])('%s', (text, age, sex) => {
    const [found] = extractDemographics(text);
    expect(found?.ageYears).toBe(age);
    expect(found?.sex).toBe(sex);
    expect(text.slice(found!.sourceSpan.start, found!.sourceSpan.end)).toBe(found!.sourceSpan.text);
  });

  it.each([
    ['An 8-month-old boy', 8 / 12, { value: 8, unit: 'mo' }, 'male', '8-month-old'],
    ['my 6 weeks old daughter', (6 * 7) / 365.25, { value: 6, unit: 'wk' }, 'female', '6-week-old'],
    ['a 10-day-old baby', 10 / 365.25, { value: 10, unit: 'd' }, undefined, '10-day-old'],
    ['an 18 month old', 1.5, { value: 18, unit: 'mo' }, undefined, '18-month-old'],
  ] as const)('%s: an infant age in months, weeks or days', (text, years, written, sex, described) => {
    const [found] = extractDemographics(text);
    expect(found?.ageYears).toBeCloseTo(years, 9);
    expect(found?.writtenAge).toEqual(written);
    expect(found?.sex).toBe(sex);
    expect(describeAge(found!.ageYears!)).toBe(described);
  });

  it.each([
    ["I'm 24, sharp pain in my belly", 24],
    ['I am 62 and have a cough', 62],
    ['Woman aged 45 with headache', 45],
    ['Age: 70', 70],
  ])('%s: an age said in words', (text, age) => {
    expect(extractDemographics(text)[0]?.ageYears).toBe(age);
  });

  it.each(["I'm 34 weeks pregnant", 'I am 5 foot 2', "I'm 3 days post-op", 'I am 2 kg lighter'])(
    '%s: not an age',
    (text) => {
      expect(extractDemographics(text)).toEqual([]);
    },
  );

  it('keeps years for older children and adults, and refuses implausible infant ages', () => {
    expect(describeAge(58)).toBe('58-year-old');
    expect(describeAge(2)).toBe('2-year-old');
    expect(extractDemographics('a 90-month-old')).toEqual([]);
  });

  it('does not read a temperature in °F as an age', () => {
    expect(extractDemographics('temp 101.3 F')).toEqual([]);
  });
});

describe('extractMeasurements', () => {
  it('reads vitals and keeps the written text', () => {
    const text = 'BP 140/90, HR 102 bpm, RR 22, T 38.5°C, SpO2 94% on RA';
    const values = byCode(text);
    expect(values.get('8480-6')?.value).toEqual({ value: 140, unit: 'mm[Hg]' });
    expect(values.get('8462-4')?.value).toEqual({ value: 90, unit: 'mm[Hg]' });
    expect(values.get('8867-4')?.value).toEqual({ value: 102, unit: '/min' });
    expect(values.get('9279-1')?.value).toEqual({ value: 22, unit: '/min' });
    expect(values.get('8310-5')?.value).toEqual({ value: 38.5, unit: 'Cel' });
    expect(values.get('59408-5')?.value).toEqual({ value: 94, unit: '%' });
    expect(values.get('8480-6')?.sourceSpan?.text).toBe('BP 140/90');
  });

  it("keeps the patient's stated usual saturation as the reading's reference range", () => {
    const spo2 = byCode('My sats are 91, usually 92-93.').get('59408-5');
    expect(spo2?.value).toEqual({ value: 91, unit: '%' });
    expect(spo2?.referenceRange).toEqual({ low: { value: 92, unit: '%' }, high: { value: 93, unit: '%' } });
    expect(
      byCode('Sats 90% on home monitor (usually 89-91)').get('59408-5')?.referenceRange?.low?.value,
    ).toBe(89);
    expect(byCode('SpO2 94% on air, temp 37.5').get('59408-5')?.referenceRange).toBeUndefined();
  });

  it('reads a peak flow, with the best or predicted written after it as the high end of its reference', () => {
    const peakFlow = byCode('PEFR 260 (best 430, 60%). HR 100').get('33452-4');
    expect(peakFlow?.value).toEqual({ value: 260, unit: 'L/min' });
    expect(peakFlow?.referenceRange).toEqual({ high: { value: 430, unit: 'L/min' } });
    expect(byCode('peak flow 210, normal 450').get('33452-4')?.referenceRange?.high?.value).toBe(450);
    expect(byCode('peak flow 380 this morning').get('33452-4')?.referenceRange).toBeUndefined();
  });

  it('reads a reading said to be over a value as that value', () => {
    expect(byCode('sugars been over 22 since Sunday').get('2345-7')?.value.value).toBeCloseTo(396.4, 0);
  });

  it('reads a blood pressure a sentence after its name', () => {
    const values = byCode("Checked my BP on my home machine 3 times this morning, it's 192/116.");
    expect(values.get('8480-6')?.value).toEqual({ value: 192, unit: 'mm[Hg]' });
    expect(values.get('8462-4')?.value).toEqual({ value: 116, unit: 'mm[Hg]' });
  });

  it('reads a blood pressure with a few words between the name and the value', () => {
    const values = byCode('His blood pressure at the pharmacy was 220/130 yesterday.');
    expect(values.get('8480-6')?.value).toEqual({ value: 220, unit: 'mm[Hg]' });
    expect(values.get('8462-4')?.value).toEqual({ value: 130, unit: 'mm[Hg]' });
    const spoken = byCode('The midwife found her blood pressure to be 148 over 96 today.');
    expect(spoken.get('8480-6')?.value).toEqual({ value: 148, unit: 'mm[Hg]' });
    expect(spoken.get('8462-4')?.value).toEqual({ value: 96, unit: 'mm[Hg]' });
    // A date far from the name is not a blood pressure.
    expect(byCode('Blood pressure was checked by his doctor in the practice on 12/10.').has('8480-6')).toBe(
      false,
    );
  });

  it('converts °F to °C', () => {
    expect(byCode('Temp 101.3 F').get('8310-5')?.value.value).toBe(38.5);
    expect(byCode('spiked to 102.2 F overnight').get('8310-5')?.value.value).toBe(39);
  });

  it('normalises laboratory units to UCUM', () => {
    const values = byCode(
      'HbA1c 53 mmol/mol, glucose 7.0 mmol/L, creatinine 88.42 umol/L, WBC 11.2 x10^9/L, urea 10 mmol/L, CEA 6.2 ng/mL',
    );
    expect(values.get('4548-4')?.value).toEqual({ value: 7, unit: '%' });
    expect(values.get('2345-7')?.value).toEqual({ value: 126.11, unit: 'mg/dL' });
    expect(values.get('2160-0')?.value).toEqual({ value: 1, unit: 'mg/dL' });
    expect(values.get('6690-2')?.value).toEqual({ value: 11.2, unit: '10*3/uL' });
    expect(values.get('3094-0')?.value).toEqual({ value: 28, unit: 'mg/dL' });
    expect(values.get('2039-6')?.value).toEqual({ value: 6.2, unit: 'ng/mL' });
  });

  it('ignores implausible values and labels without numbers', () => {
    expect(byCode('HR 900').has('8867-4')).toBe(false);
    expect(byCode('heart rate regular').size).toBe(0);
  });
});

describe('extractDurations', () => {
  it('reads a count in words only with a unit in words: "all over and" and "in and" are no day', () => {
    expect(extractDurations('Itchy rash all over and tired.')).toEqual([]);
    expect(
      extractDurations('Pain in and around the left knee for 3 months.').map((d) => d.durationDays),
    ).toEqual([91.313]);
    expect(extractDurations('cough for a day, fever for two weeks').map((d) => d.durationDays)).toEqual([
      1, 14,
    ]);
    expect(extractDurations('fever 5 d').map((d) => d.durationDays)).toEqual([5]);
  });

  it('reads durations in days', () => {
    const found = extractDurations(
      'cough for 3 days, a two-week history of fever, for about a week, 2 hours ago',
    );
    expect(found.map((d) => d.durationDays)).toEqual([3, 14, 7, 0.083]);
  });

  it('dates onsets relative to the consultation date', () => {
    // 2026-11-25 is a Wednesday.
    const found = extractDurations('since last Tuesday; since yesterday; since Monday', 0, '2026-11-25');
    expect(found.map((d) => d.onset)).toEqual(['2026-11-17', '2026-11-24', '2026-11-23']);
  });
});

describe('extractSmoking', () => {
  it('reads status and pack-years', () => {
    expect(extractSmoking('ex-smoker, 30 pack-years').map((s) => s.status ?? s.packYears)).toEqual([
      'former',
      30,
    ]);
    expect(extractSmoking('Never smoker.')[0]?.status).toBe('never');
    expect(extractSmoking('smokes 20 cigarettes a day')[0]?.status).toBe('current');
  });
});
