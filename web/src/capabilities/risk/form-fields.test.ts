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
    expect(byName.spiculation?.kind).toBe('boolean');
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
    expect(values.emphysema).toBe(false);
    const body = bodyOf(fields, { ...values, noduleDiameterMm: '9', noduleCount: '' });
    expect(body).toMatchObject({ age: 58, sex: 'female', noduleDiameterMm: 9, emphysema: false });
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
