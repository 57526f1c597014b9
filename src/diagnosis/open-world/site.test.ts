import { describe, expect, it } from 'vitest';
import { nameBySite } from './site.js';

describe('nameBySite', () => {
  it('names a sprain, osteoarthritis or arm fracture by the one site the findings point to', () => {
    expect(nameBySite('sprain-or-strain', new Set(['sx.ankle-pain', 'sign.trauma']))).toEqual({
      label: 'Ankle sprain',
      icd10: 'S93.401A',
    });
    expect(
      nameBySite('osteoarthritis', new Set(['sx.knee-pain', 'sx.knee-stiffness-or-tightness']))?.icd10,
    ).toBe('M17.9');
    expect(nameBySite('fracture-of-the-arm', new Set(['sx.wrist-swelling']))?.label).toMatch(/distal radius/);
    expect(
      nameBySite('cystitis', new Set(['sx.painful-urination', 'sx.problems-during-pregnancy']))?.icd10,
    ).toBe('O23.10');
    expect(nameBySite('breast-infection-mastitis', new Set(['sign.postpartum-breastfeeding']))?.label).toBe(
      'Lactational mastitis',
    );
    expect(nameBySite('cellulitis', new Set(['sx.eyelid-swelling', 'sx.fever']))).toEqual({
      label: 'Periorbital (preseptal) cellulitis',
      icd10: 'L03.213',
    });
  });

  it('leaves the name as it is with no site, two sites, or a condition without sites', () => {
    expect(nameBySite('sprain-or-strain', new Set(['sign.trauma']))).toBeUndefined();
    expect(nameBySite('osteoarthritis', new Set(['sx.knee-pain', 'sx.hip-pain']))).toBeUndefined();
    expect(nameBySite('migraine', new Set(['sx.knee-pain']))).toBeUndefined();
  });
});
