import { describe, expect, it } from 'vitest';
import { createIntakeProcessor } from '../default.js';
import { narratorsChild } from './narrators-child.js';

describe('narratorsChild', () => {
  it.each([
    ['My son has had a runny nose for 2 days.', 'son'],
    // A worry that opens the note names whom it is about.
    ["I'm so worried about my husband. He has not eaten for days.", 'husband'],
    ['My 8 month old son is feeding less well.', 'son'],
    ['Hi, my 2-year-old daughter has a fever.', 'daughter'],
    ['Our youngest child keeps vomiting.', 'child'],
    ['My little son has a cough.', 'son'],
    // A parent telling it in the third person, and a relative's body in the possessive.
    ['Mum noticed that her 8 year old son has a rash on his legs.', 'son'],
    ["My husband's face has dropped on one side.", 'husband'],
    ["Son noticed his father's speech was slurred.", 'father'],
    // A caller speaking for an adult: present-tense opening, and no word of their own state.
    ['my husband is sweaty and talking nonsense', 'husband'],
    ['My dad collapsed in the garden.', 'dad'],
    // Without "my", and with the relative's age in apposition.
    ['Dad has sudden weakness in his right arm and slurred speech.', 'dad'],
    ['Hi, mum is confused and very drowsy', 'mum'],
    ['my husband, 60, is sweaty, shaking and confused', 'husband'],
    ['Dad (74) woke up with a droopy face.', 'dad'],
    ['dad 81 on warfarin slipped and banged his head', 'dad'],
    ['son is 6, allergic to peanuts, now coughing', 'son'],
    ['husband cant lift his right arm and his words are jumbled', 'husband'],
    ['husband has slurred speech', 'husband'],
    ['husbands face has dropped on one side', 'husband'],
    ["111 call. caller's wife 45yrs, v short of breath", 'wife'],
    ["Call handler: caller's wife very sweaty and confused", 'wife'],
    ['child 7 limping with hip pain, temp 38.5', 'child'],
    ['brother has been vomiting all night', 'brother'],
    ['grandson 3 bumped his head on the coffee table', 'grandson'],
    ['Caller is wife. Husband aged 72, sudden facial droop 30 mins ago.', 'husband'],
    ["Caller is the patient's daughter. Mum 84, fell and can't get up.", 'mum'],
    ['Dad on phone. Daughter 18 months, vomiting since yesterday.', 'daughter'],
    ["Blood everywhere!! my son's nose started pouring.", 'son'],
    ["Son's eczema flaring for weeks on the backs of his knees.", 'son'],
    ['My partner had our baby 6 days ago and has not slept for 3 nights.', 'partner'],
    ["My partner had our baby 6 days ago. I'm scared to leave her alone.", 'partner'],
    ['Help! My dad collapsed in the garden.', 'dad'],
    ['My granddaughter has a high temperature and a rash.', 'granddaughter'],
  ])('%s → %s', (text, word) => {
    expect(narratorsChild(text)).toBe(word);
  });

  it.each([
    'A 58-year-old man whose son has the flu; he has chest pain.',
    'I have a cough. My son had one last week.',
    'My mother had asthma.',
    'My husband thinks my son is unwell.',
    // Not possessive: the husband's cold is his own, the narrator is the patient.
    'My husband has a cold and now I have a cough.',
    "My husband has a cold and I've got a sore throat.",
    'A woman whose son has the flu; her daughter is well.',
    'Dad has a cold and I have a sore throat.',
    // A clinician's family-history line.
    'Sister has asthma.',
    'Father has diabetes.',
    'Father has a history of diabetes.',
    'mothers side has diabetes',
    'Dad says I have had a fever since Monday.',
  ])('is not the opening subject: %s', (text) => {
    expect(narratorsChild(text)).toBeUndefined();
  });
});

describe("a parent's story in the intake", () => {
  const processor = createIntakeProcessor();

  it("reads the narrator's child as the patient, with an infant's age, and keeps other relatives as family", () => {
    const record = processor.process(
      'My 8 month old son has had a runny nose for 2 days. My mother had asthma.',
    );
    expect(record.patient.ageYears).toBeCloseTo(8 / 12, 6);
    expect(record.patient.sex).toBe('male');
    const age = record.observations.find((o) => o.code.code === '30525-0');
    expect(age?.value).toEqual({ value: 8, unit: 'mo' });
    const nose = record.findings.find((f) => f.sourceSpan.text === 'runny nose');
    expect(nose?.experiencer).toBe('patient');
    expect(nose?.status).toBe('present');
    const asthma = record.findings.find((f) => f.sourceSpan.text === 'asthma');
    expect(asthma?.experiencer).toBe('other');
    expect(record.summary[0]?.text).toMatch(/^8-month-old male/);
  });

  it('takes the age and sex of an adult relative spoken for', () => {
    const record = processor.process('my husband, 60, is sweaty, shaking and confused');
    expect(record.patient).toMatchObject({ ageYears: 60, sex: 'male' });
    expect(record.findings.find((f) => f.sourceSpan.text === 'confused')?.experiencer).toBe('patient');
    const dad = processor.process('Dad has sudden weakness in his right arm and slurred speech.');
    expect(dad.patient.sex).toBe('male');
    expect(dad.findings.every((f) => f.experiencer === 'patient')).toBe(true);
    // A call note's heading before "caller's wife" does not make her someone else.
    const call = processor.process("Call handler: caller's wife, 45, very sweaty, shaking and confused");
    expect(call.patient).toMatchObject({ ageYears: 45, sex: 'female' });
    expect(call.findings.find((f) => f.sourceSpan.text === 'confused')?.experiencer).toBe('patient');
  });

  it("does not take the parent's own age for the child's", () => {
    const record = processor.process('My son has had a cough for 3 days. I am 32 and have asthma myself.');
    expect(record.patient.ageYears).toBeUndefined();
    expect(processor.process('I am 32 and have had a cough for 3 days.').patient.ageYears).toBe(32);
  });

  it("still reads a relative's illness in a patient's own story as someone else's", () => {
    const record = processor.process('I have had a cough for a week. My son has a runny nose too.');
    expect(record.findings.find((f) => f.sourceSpan.text === 'runny nose')?.experiencer).toBe('other');
    expect(record.findings.find((f) => f.sourceSpan.text === 'cough')?.experiencer).toBe('patient');
  });
});
