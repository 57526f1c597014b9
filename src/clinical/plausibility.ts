/**
 * Values no living patient can have, by LOINC code and UCUM unit: a case holding one is refused (422) rather than
 * scored into a plausible-looking but meaningless result (issue 12). The bounds are deliberately wide — beyond the
 * most extreme values reported in humans — so that they only catch typing and unit errors (a heart rate of 800,
 * a temperature of 370 °C, counts of 1e300), never a real, if extraordinary, measurement. A code or unit not listed
 * here is not checked.
 */
export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

const LOINC = 'http://loinc.org';

/** LOINC code → UCUM unit → range. */
const RANGES: Readonly<Record<string, Readonly<Record<string, PlausibleRange>>>> = {
  '8867-4': { '/min': { min: 0, max: 350 } }, // heart rate
  '9279-1': { '/min': { min: 0, max: 120 } }, // respiratory rate
  '8310-5': { Cel: { min: 10, max: 47 }, '[degF]': { min: 50, max: 117 } }, // body temperature
  '59408-5': { '%': { min: 0, max: 100 } }, // SpO2 (pulse oximetry)
  '2708-6': { '%': { min: 0, max: 100 } }, // SaO2
  '8480-6': { 'mm[Hg]': { min: 0, max: 350 } }, // systolic blood pressure
  '8462-4': { 'mm[Hg]': { min: 0, max: 250 } }, // diastolic blood pressure
  '29463-7': { kg: { min: 0, max: 700 }, '[lb_av]': { min: 0, max: 1550 } }, // body weight
  '8302-2': { cm: { min: 0, max: 300 }, '[in_i]': { min: 0, max: 120 } }, // body height
  '39156-5': { 'kg/m2': { min: 5, max: 250 } }, // BMI
  '2339-0': { 'mg/dL': { min: 0, max: 5000 }, 'mmol/L': { min: 0, max: 280 } }, // glucose
  '2345-7': { 'mg/dL': { min: 0, max: 5000 }, 'mmol/L': { min: 0, max: 280 } }, // glucose (serum/plasma)
  '30525-0': {
    a: { min: 0, max: 130 },
    mo: { min: 0, max: 1560 },
    wk: { min: 0, max: 6800 },
    d: { min: 0, max: 47500 },
  }, // age
  '2160-0': { 'mg/dL': { min: 0, max: 50 }, 'umol/L': { min: 0, max: 4500 } }, // creatinine
  '2951-2': { 'mmol/L': { min: 50, max: 250 } }, // sodium
  '2823-3': { 'mmol/L': { min: 0.5, max: 15 } }, // potassium
};

/** The range a value of this code and unit must lie in, if one is known. */
export function plausibleRange(system: string, code: string, unit: string): PlausibleRange | undefined {
  return system === LOINC ? RANGES[code]?.[unit] : undefined;
}

/** Why an observation's value is impossible, or undefined when it is plausible (or not checked). */
export function implausibility(observation: {
  readonly code: { readonly system: string; readonly code: string; readonly display?: string };
  readonly value: { readonly value: number; readonly unit: string };
}): string | undefined {
  const range = plausibleRange(observation.code.system, observation.code.code, observation.value.unit);
  if (!range) return undefined;
  const { value, unit } = observation.value;
  if (value >= range.min && value <= range.max) return undefined;
  const what = observation.code.display ?? `LOINC ${observation.code.code}`;
  return `${what} of ${value} ${unit} is outside what a patient can have (${range.min}–${range.max} ${unit}): check the value and its unit`;
}
