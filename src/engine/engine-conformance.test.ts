import { createEngineRegistry } from '../app/capabilities.js';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import { describeEngineContract } from './engine-contract.js';

const loinc = (code: string, value: number, unit: string): Observation => ({
  code: { system: 'http://loinc.org', code },
  value: { value, unit },
});
const present = (conceptId: string, extra: Partial<Finding> = {}): Finding => ({
  conceptId,
  status: 'present',
  ...extra,
});

function clinicalCase(id: string, partial: Partial<ClinicalCase>): ClinicalCase {
  return {
    id,
    title: id,
    patient: {},
    findings: [],
    observations: [],
    images: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...partial,
  };
}

/** Hand-made cases (no patient data) that between them give every engine with `fromCase` an input. */
const CASES: readonly ClinicalCase[] = [
  clinicalCase('empty', {}),
  clinicalCase('pneumonia', {
    patient: { ageYears: 77, sex: 'female' },
    note: '77-year-old woman, confused since this morning, with cough and fever for 3 days. RR 23, BP 105/52.',
    findings: [present('confusion'), present('pneumonia'), present('cough'), present('fever')],
    observations: [
      loinc('3094-0', 40, 'mg/dL'),
      loinc('9279-1', 23, '/min'),
      loinc('8480-6', 105, 'mm[Hg]'),
      loinc('8462-4', 52, 'mm[Hg]'),
      loinc('8867-4', 112, '/min'),
      loinc('8310-5', 38.6, 'Cel'),
    ],
  }),
  clinicalCase('lung-nodule', {
    patient: { ageYears: 62, sex: 'male' },
    findings: [
      present('smoker'),
      present('lung-nodule.diameter-mm', { value: 9 }),
      present('lung-nodule.type', { value: 'solid' }),
      present('lung-nodule.count', { value: 1 }),
      present('lung-nodule.spiculation'),
      present('lung-nodule.upper-lobe'),
    ],
  }),
  clinicalCase('atrial-fibrillation', {
    patient: { ageYears: 70, sex: 'female' },
    findings: [present('atrial-fibrillation'), present('hypertension')],
    observations: [loinc('4548-4', 7.1, '%')],
  }),
  clinicalCase('thyroid-nodule', {
    patient: { ageYears: 45, sex: 'female' },
    findings: [
      present('thyroid-nodule.composition', { value: 'solid' }),
      present('thyroid-nodule.echogenicity', { value: 'hypoechoic' }),
      present('thyroid-nodule.shape', { value: 'wider-than-tall' }),
      present('thyroid-nodule.margin', { value: 'smooth' }),
      present('thyroid-nodule.echogenic-foci', { value: ['none'] }),
      present('thyroid-nodule.max-diameter-mm', { value: 18 }),
    ],
  }),
  clinicalCase('suspected-pe', {
    patient: { ageYears: 54, sex: 'male' },
    findings: [present('suspected-pe', { certainty: 'possible' }), present('hemoptysis')],
    observations: [loinc('8867-4', 108, '/min')],
  }),
];

describeEngineContract('every registered engine', () => createEngineRegistry().list(), {
  cases: CASES,
  fromCaseNotExercised: {
    // The case prefill never sets `screening` or `highRisk` (no concept in a case says either), so fromCase has no
    // complete input for any case yet: the clinician completes them in the risk panel.
    'risk.fleischner': 'the prefill reads no screening / high-risk fields from a case',
    // risk.wells-pe runs from a case: "PE the most likely diagnosis" not on record is unknown, and the score is
    // then given as a range over it (src/risk/unknowns.ts).
  },
});
