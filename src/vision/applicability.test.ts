import { describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../test/fixtures/dicom.js';
import { APPLICABILITY, checkApplicability, type ImageFacts } from './applicability.js';
import { ageYearsOf } from './dicom/read-dicom.js';
import { decodeImage } from './image-input.js';
import { VISION_TASKS } from './tasks.js';
import { visionValidation } from './validation.js';

const chestXray: ImageFacts = {
  format: 'dicom',
  widthPx: 512,
  heightPx: 600,
  colourFraction: 0,
  modality: 'DX',
  bodyPartExamined: 'CHEST',
};

describe('vision applicability', () => {
  it('declares modality, body part, population and input kind for every model', () => {
    for (const task of VISION_TASKS) {
      const a = APPLICABILITY[task];
      expect(a.modalities.length).toBeGreaterThan(0);
      expect(a.bodyParts.length).toBeGreaterThan(0);
      expect(a.population.label).not.toBe('');
      expect(a.inputKind).not.toBe('');
    }
    expect(APPLICABILITY.pneumonia.population.label).toMatch(/children/);
  });

  it('accepts a child’s chest radiograph for the pneumonia model', () => {
    expect(checkApplicability('pneumonia', chestXray, { ageYears: 3 }).verdict).toBe('applicable');
  });

  it('refuses a CT slice for every model, naming the modality', () => {
    for (const task of VISION_TASKS) {
      const check = checkApplicability(
        task,
        { ...chestXray, modality: 'CT' },
        { ageYears: 3, sex: 'female' },
      );
      expect(check.verdict).toBe('refused');
      expect(check.refusals.join(' ')).toMatch(/modality CT/);
    }
  });

  it('refuses the wrong body part, a colour image, a strip and a thumbnail', () => {
    const child = { ageYears: 3 };
    expect(
      checkApplicability('pneumonia', { ...chestXray, bodyPartExamined: 'ABDOMEN' }, child).refusals[0],
    ).toMatch(/ABDOMEN/);
    expect(checkApplicability('pneumonia', { ...chestXray, colourFraction: 0.3 }, child).refusals[0]).toMatch(
      /colour/,
    );
    expect(
      checkApplicability('pneumonia', { ...chestXray, widthPx: 1000, heightPx: 200 }, child).verdict,
    ).toBe('refused');
    expect(
      checkApplicability('pneumonia', { ...chestXray, widthPx: 28, heightPx: 28 }, child).refusals[0],
    ).toMatch(/at least 64 px/);
  });

  it('refuses an adult for the paediatric pneumonia model and a man for the breast model', () => {
    expect(checkApplicability('pneumonia', chestXray, { ageYears: 54 }).refusals[0]).toMatch(/54 years old/);
    const breast: ImageFacts = { ...chestXray, modality: 'US', bodyPartExamined: 'BREAST' };
    expect(checkApplicability('breast', breast, { ageYears: 50, sex: 'female' }).verdict).toBe('applicable');
    expect(checkApplicability('breast', breast, { ageYears: 50, sex: 'male' }).verdict).toBe('refused');
  });

  it('asks for confirmation when the file or the case does not say (PNG, no age)', () => {
    const png: ImageFacts = { format: 'png', widthPx: 256, heightPx: 256, colourFraction: 0 };
    const check = checkApplicability('pneumonia', png, undefined);
    expect(check.verdict).toBe('unconfirmed');
    expect(check.toConfirm).toHaveLength(3);
    expect(check.toConfirm.join(' ')).toMatch(/radiograph/);
    expect(check.toConfirm.join(' ')).toMatch(/no age/);
  });

  it('reads the patient’s age (Age String) and sex from a DICOM header', async () => {
    const decoded = await decodeImage(
      syntheticDicom({ modality: 'DX', bodyPartExamined: 'CHEST', patientAge: '004Y', patientSex: 'F' }),
    );
    expect(decoded.dicom?.patientAgeYears).toBe(4);
    expect(decoded.dicom?.patientSex).toBe('female');
    expect(ageYearsOf('018M')).toBe(1.5);
    expect(ageYearsOf('4 years')).toBeUndefined();
  });

  it('reads Modality and Body Part Examined from a DICOM file', async () => {
    const decoded = await decodeImage(syntheticDicom({ modality: 'CT', bodyPartExamined: 'CHEST' }));
    expect(decoded.modality).toBe('CT');
    expect(decoded.bodyPartExamined).toBe('CHEST');
    expect(decoded.colourFraction).toBe(0);
    expect(checkApplicability('pneumonia', decoded, { ageYears: 3 }).verdict).toBe('refused');
  });
});

describe('vision validation status', () => {
  it('is computed from the validation AUC interval in the model file: thyroid (interval includes 0.5) is experimental', () => {
    const thyroid = visionValidation('thyroid');
    expect(thyroid.interval?.[0]).toBeLessThanOrEqual(0.5);
    expect(thyroid.status).toBe('experimental');
    const pneumonia = visionValidation('pneumonia');
    expect(pneumonia.interval?.[0]).toBeGreaterThan(0.5);
    expect(pneumonia.status).toBe('validated');
    expect(pneumonia.summary).toMatch(/AUC 0\.\d\d \(95 % CI/);
  });
});
