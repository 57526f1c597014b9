import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import type { PatientContext } from '../clinical/patient.js';
import type { TextSpan } from '../clinical/span.js';

/**
 * Exam signs and laboratory patterns as findings, from the values the intake read ("RR 28", "SpO2 88 %", "WCC 15"),
 * named by the open-world knowledge base's ids (`sign.*`, `lab.*`, see `src/knowledge/open-world.ts`) so that the
 * differential and triage can use them. Cut-offs, adults (16 years and over) unless stated:
 * - raised respiratory rate ≥ 21 /min, low SpO2 ≤ 93 %, tachycardia ≥ 111 /min, bradycardia ≤ 50 /min,
 *   hypotension systolic ≤ 100 mmHg: the bands where NEWS2 scores 2 or more (RCP 2017);
 * - raised blood pressure: systolic ≥ 160 or diastolic ≥ 100 mmHg, stage 2 hypertension (NICE NG136) — a single
 *   mildly raised reading in an acute illness is pain or stress as often as hypertension;
 * - fever: temperature ≥ 38.0 °C (NICE NG143; NICE CKS Fever);
 * - raised white cell count > 11 ×10⁹/L; raised CRP > 10 mg/L (usual adult reference limits);
 * - anaemia: haemoglobin < 13 g/dL in men, < 12 g/dL in non-pregnant women (WHO 2011, VMNIS);
 * - high glucose: a random plasma glucose ≥ 200 mg/dL (11.1 mmol/L), the diagnostic threshold with symptoms (WHO 2006;
 *   ADA Standards of Care);
 * - raised creatinine > 1.3 mg/dL (about 115 µmol/L; a common adult upper reference limit).
 * A value inside the normal range gives the sign as absent (a measured normal saturation rules low saturation out);
 * children get only fever, low saturation and the laboratory patterns, whose adult limits do not fit every age.
 */
export interface SignFinding extends Finding {
  readonly conceptId: string;
  /** The value the sign was derived from, as written. */
  readonly sourceSpan?: TextSpan;
}

/** The systolic pressure read as raised blood pressure (NICE NG136 stage 2), shared with the text path. */
export const RAISED_SYSTOLIC_MMHG = 160;

interface Rule {
  readonly loinc: readonly string[];
  readonly conceptId: string;
  readonly adultOnly: boolean;
  readonly present: (value: number, patient: PatientContext) => boolean | undefined;
}

const RULES: readonly Rule[] = [
  { loinc: ['9279-1'], conceptId: 'sign.raised-respiratory-rate', adultOnly: true, present: (v) => v >= 21 },
  {
    loinc: ['59408-5', '2708-6'],
    conceptId: 'sign.low-oxygen-saturation',
    adultOnly: false,
    present: (v) => v <= 93,
  },
  { loinc: ['8867-4'], conceptId: 'sign.tachycardia', adultOnly: true, present: (v) => v >= 111 },
  {
    loinc: ['8867-4'],
    conceptId: 'sign.bradycardia',
    adultOnly: true,
    present: (v) => (v <= 50 ? true : undefined),
  },
  { loinc: ['8480-6'], conceptId: 'sign.hypotension', adultOnly: true, present: (v) => v <= 100 },
  {
    loinc: ['8480-6'],
    conceptId: 'sign.hypertension',
    adultOnly: true,
    present: (v) => (v >= RAISED_SYSTOLIC_MMHG ? true : undefined),
  },
  {
    loinc: ['8462-4'],
    conceptId: 'sign.hypertension',
    adultOnly: true,
    present: (v) => (v >= 100 ? true : undefined),
  },
  {
    loinc: ['8310-5'],
    conceptId: 'sx.fever',
    adultOnly: false,
    present: (v) => (v >= 38 ? true : undefined),
  },
  { loinc: ['6690-2'], conceptId: 'lab.raised-wcc', adultOnly: false, present: (v) => v > 11 },
  { loinc: ['1988-5'], conceptId: 'lab.raised-crp', adultOnly: false, present: (v) => v > 10 },
  {
    loinc: ['718-7'],
    conceptId: 'lab.anaemia',
    adultOnly: true,
    present: (v, p) => (p.sex === 'male' ? v < 13 : p.sex === 'female' ? v < 12 : v < 12 ? true : undefined),
  },
  {
    loinc: ['2345-7'],
    conceptId: 'lab.raised-glucose',
    adultOnly: false,
    present: (v) => (v >= 200 ? true : undefined),
  },
  { loinc: ['2160-0'], conceptId: 'lab.raised-creatinine', adultOnly: true, present: (v) => v > 1.3 },
];

/** Sign and lab-pattern findings from observations (the latest value of each code). */
export function signsFromObservations(
  observations: readonly Observation[],
  patient: PatientContext = {},
): SignFinding[] {
  const adult = patient.ageYears === undefined || patient.ageYears >= 16;
  const out = new Map<string, SignFinding>();
  for (const rule of RULES) {
    if (rule.adultOnly && !adult) continue;
    const matching = observations.filter((o) => rule.loinc.includes(o.code.code));
    const latest = matching[matching.length - 1];
    if (!latest) continue;
    const present = rule.present(latest.value.value, patient);
    if (present === undefined) continue;
    const current = out.get(rule.conceptId);
    if (current?.status === 'present') continue;
    out.set(rule.conceptId, {
      conceptId: rule.conceptId,
      status: present ? 'present' : 'absent',
      ...(latest.sourceSpan ? { sourceSpan: latest.sourceSpan } : {}),
    });
  }
  return [...out.values()];
}
