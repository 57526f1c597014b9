import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { brockInputSchema } from '../../../../src/risk/brock.js';
import { lungRadsInputSchema } from '../../../../src/risk/lung-rads.js';
import { tiradsInputSchema } from '../../../../src/risk/tirads.js';
import { bodyOf, fieldsOf, initialValues, labelOf } from './form-fields.js';

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

describe('risk form fields', () => {
  it('reads Brock fields with kinds, ranges and enums', () => {
    const fields = fieldsOf(schemaOf(brockInputSchema));
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.age).toMatchObject({ kind: 'number', min: 0, max: 120, required: true });
    expect(byName.sex).toMatchObject({ kind: 'enum', options: ['female', 'male'] });
    // A yes/no input: a tick box, or three choices where the model accepts "not known".
    expect(['boolean', 'yes-no-unknown']).toContain(byName.spiculation?.kind);
    expect(byName.noduleCount).toMatchObject({ kind: 'number', integer: true });
  });

  it('TI-RADS echogenic foci is a multi-choice field; Lung-RADS defaults are not required', () => {
    const foci = fieldsOf(schemaOf(tiradsInputSchema)).find((f) => f.name === 'echogenicFoci');
    expect(foci).toMatchObject({
      kind: 'multi-enum',
      options: ['none', 'comet-tail', 'macrocalcifications', 'peripheral', 'punctate'],
    });
    const version = fieldsOf(schemaOf(lungRadsInputSchema)).find((f) => f.name === 'version');
    expect(version).toMatchObject({ required: false, defaultValue: 'v2022' });
  });

  it('round-trips values: prefill wins over the example; empty optional fields are left out', () => {
    const fields = fieldsOf(schemaOf(brockInputSchema));
    const values = initialValues(fields, { age: 60, sex: 'female' }, { age: 58 });
    expect(values.age).toBe('58');
    expect(values.sex).toBe('female');
    const body = bodyOf(fields, { ...values, noduleDiameterMm: '9', noduleCount: '' });
    expect(body).toMatchObject({ age: 58, sex: 'female', noduleDiameterMm: 9 });
    expect('noduleCount' in body).toBe(false);
    expect(bodyOf(fields, { age: 'abc' }).age).toBe('abc');
  });

  it('labels carry the unit', () => {
    expect(labelOf('noduleDiameterMm')).toBe('Nodule diameter (mm)');
    expect(labelOf('ureaMmolL')).toBe('Urea (mmol/L)');
    expect(labelOf('ceaNgMl')).toBe('CEA (ng/mL)');
    expect(labelOf('systolicBp')).toBe('Systolic BP');
  });
});

describe('fusion evidence as a form', () => {
  it('turns an array of objects into rows of fields and an array of names into a comma list', async () => {
    const { fusionInputSchema } = await import('../../../../src/risk/fusion.js');
    const fields = fieldsOf(schemaOf(fusionInputSchema));
    const evidence = fields.find((f) => f.name === 'evidence');
    expect(evidence?.kind).toBe('rows');
    expect(evidence?.itemFields?.map((f) => f.name)).toEqual(
      expect.arrayContaining(['label', 'likelihoodRatio']),
    );
    expect(fields.find((f) => f.name === 'modelInputs')?.kind).toBe('list');
    const values = initialValues(fields, {
      pretestProbability: 0.2,
      evidence: [{ id: 'ct', label: 'CT angiogram', likelihoodRatio: 5 }],
      modelInputs: ['age', 'smoker'],
    });
    expect(values.modelInputs).toBe('age, smoker');
    const body = bodyOf(fields, values);
    expect(body.evidence).toEqual([{ id: 'ct', label: 'CT angiogram', likelihoodRatio: 5 }]);
    expect(body.modelInputs).toEqual(['age', 'smoker']);
    expect(fusionInputSchema.safeParse(body).success).toBe(true);
  });
});

describe('yes / no / not known inputs', () => {
  it('offers three answers, and leaves "not known" out of the request', () => {
    const schema = z.object({
      smoker: z.union([z.boolean(), z.literal('unknown')]).optional(),
      age: z.number(),
    });
    const fields = fieldsOf(schemaOf(schema));
    const smoker = fields.find((f) => f.name === 'smoker');
    expect(smoker?.kind).toBe('yes-no-unknown');
    expect(smoker?.required).toBe(false);
    expect(initialValues(fields, { smoker: false }).smoker).toBe('no');
    expect(initialValues(fields, { smoker: 'unknown' }).smoker).toBe('');
    expect(bodyOf(fields, { smoker: 'yes', age: '60' })).toEqual({ smoker: true, age: 60 });
    expect(bodyOf(fields, { smoker: '', age: '60' })).toEqual({ age: 60 });
  });
});
