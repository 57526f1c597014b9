import { HealthGptError } from '../engine/errors.js';
import type { News2Parameter, News2Response, News2Result, TriageVitals } from './types.js';

/**
 * National Early Warning Score 2 (NEWS2), implemented exactly from the scoring chart of the Royal College of
 * Physicians, "National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the
 * NHS", updated report of a working party, London: RCP, December 2017 (chart 1: scoring; chart 4: clinical
 * response). Written in the project's own words.
 *
 * Values are first rounded to the precision of the chart (whole numbers; temperature to 0.1 °C), so every reading
 * falls in exactly one band. NEWS2 is validated for adults (16 years and over); it is not for children or pregnancy,
 * and SpO2 scale 2 is only for confirmed hypercapnic respiratory failure on a clinician's decision.
 */
export const NEWS2_SOURCE =
  'Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS. London: RCP, 2017.';

const round = (value: number): number => Math.round(value);
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Respiration rate (breaths/min): ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3. */
export function scoreRespiratoryRate(breathsPerMinute: number): number {
  const v = round(breathsPerMinute);
  if (v <= 8) return 3;
  if (v <= 11) return 1;
  if (v <= 20) return 0;
  if (v <= 24) return 2;
  return 3;
}

/** SpO2 scale 1 (%): ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0. */
export function scoreSpo2Scale1(percent: number): number {
  const v = round(percent);
  if (v <= 91) return 3;
  if (v <= 93) return 2;
  if (v <= 95) return 1;
  return 0;
}

/**
 * SpO2 scale 2 (%), for a target of 88–92 %: ≤83 → 3, 84–85 → 2, 86–87 → 1, 88–92 → 0, and ≥93 on air → 0;
 * on oxygen, 93–94 → 1, 95–96 → 2, ≥97 → 3 (over-oxygenation scores).
 */
export function scoreSpo2Scale2(percent: number, onOxygen: boolean): number {
  const v = round(percent);
  if (v <= 83) return 3;
  if (v <= 85) return 2;
  if (v <= 87) return 1;
  if (v <= 92) return 0;
  if (!onOxygen) return 0;
  if (v <= 94) return 1;
  if (v <= 96) return 2;
  return 3;
}

/** Air or oxygen: supplemental oxygen → 2, air → 0. */
export function scoreAirOrOxygen(onOxygen: boolean): number {
  return onOxygen ? 2 : 0;
}

/** Systolic blood pressure (mmHg): ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3. */
export function scoreSystolicBp(mmHg: number): number {
  const v = round(mmHg);
  if (v <= 90) return 3;
  if (v <= 100) return 2;
  if (v <= 110) return 1;
  if (v <= 219) return 0;
  return 3;
}

/** Pulse (beats/min): ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3. */
export function scorePulse(beatsPerMinute: number): number {
  const v = round(beatsPerMinute);
  if (v <= 40) return 3;
  if (v <= 50) return 1;
  if (v <= 90) return 0;
  if (v <= 110) return 1;
  if (v <= 130) return 2;
  return 3;
}

/** Consciousness (ACVPU): alert → 0; new confusion, voice, pain or unresponsive → 3. */
export function scoreConsciousness(level: NonNullable<TriageVitals['consciousness']>): number {
  return level === 'alert' ? 0 : 3;
}

/** Temperature (°C): ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2. */
export function scoreTemperature(celsius: number): number {
  const v = round1(celsius);
  if (v <= 35.0) return 3;
  if (v <= 36.0) return 1;
  if (v <= 38.0) return 0;
  if (v <= 39.0) return 1;
  return 2;
}

/**
 * Clinical response (chart 4): aggregate 7 or more → high (emergency response); 5–6 → medium (key threshold for an
 * urgent response); a single parameter scoring 3 with an aggregate under 5 → low–medium (urgent ward-based
 * response); 0–4 → low.
 */
export function news2Response(total: number, singleParameter3: boolean): News2Response {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  if (singleParameter3) return 'low-medium';
  return 'low';
}

/** The values `computeNews2` accepts for each vital sign (outside them it refuses the input). */
export const NEWS2_ACCEPTED_RANGES: Readonly<
  Record<
    'respiratoryRate' | 'spo2Percent' | 'systolicBp' | 'pulse' | 'temperatureC',
    readonly [number, number]
  >
> = {
  respiratoryRate: [0, 100],
  spo2Percent: [0, 100],
  systolicBp: [0, 350],
  pulse: [0, 350],
  temperatureC: [20, 46],
};

function checkRange(vitals: TriageVitals): void {
  for (const [field, [low, high]] of Object.entries(NEWS2_ACCEPTED_RANGES)) {
    const value = vitals[field as keyof TriageVitals];
    if (typeof value !== 'number') continue;
    if (!Number.isFinite(value) || value < low || value > high)
      throw HealthGptError.invalid(`vital sign ${field} = ${value} is outside ${low}–${high}`, [
        { field: `/vitals/${field}`, message: `must be between ${low} and ${high}` },
      ]);
  }
}

/**
 * Scores the vitals that are present. The aggregate (and the response band) is only given when all seven
 * parameters are known: a partial sum would understate the risk.
 */
export function computeNews2(vitals: TriageVitals): News2Result {
  checkRange(vitals);
  const parameters: News2Parameter[] = [];
  const missing: News2Parameter['parameter'][] = [];
  const scale2 = vitals.spo2Scale2 === true;
  if (vitals.respiratoryRate !== undefined)
    parameters.push({
      parameter: 'respiratoryRate',
      value: vitals.respiratoryRate,
      score: scoreRespiratoryRate(vitals.respiratoryRate),
    });
  else missing.push('respiratoryRate');
  if (vitals.spo2Percent !== undefined) {
    if (scale2 && vitals.onOxygen === undefined) missing.push('spo2');
    else
      parameters.push({
        parameter: 'spo2',
        value: vitals.spo2Percent,
        score: scale2
          ? scoreSpo2Scale2(vitals.spo2Percent, vitals.onOxygen === true)
          : scoreSpo2Scale1(vitals.spo2Percent),
      });
  } else missing.push('spo2');
  if (vitals.onOxygen !== undefined)
    parameters.push({
      parameter: 'airOrOxygen',
      value: vitals.onOxygen ? 'oxygen' : 'air',
      score: scoreAirOrOxygen(vitals.onOxygen),
    });
  else missing.push('airOrOxygen');
  if (vitals.systolicBp !== undefined)
    parameters.push({
      parameter: 'systolicBp',
      value: vitals.systolicBp,
      score: scoreSystolicBp(vitals.systolicBp),
    });
  else missing.push('systolicBp');
  if (vitals.pulse !== undefined)
    parameters.push({ parameter: 'pulse', value: vitals.pulse, score: scorePulse(vitals.pulse) });
  else missing.push('pulse');
  if (vitals.consciousness !== undefined)
    parameters.push({
      parameter: 'consciousness',
      value: vitals.consciousness,
      score: scoreConsciousness(vitals.consciousness),
    });
  else missing.push('consciousness');
  if (vitals.temperatureC !== undefined)
    parameters.push({
      parameter: 'temperature',
      value: vitals.temperatureC,
      score: scoreTemperature(vitals.temperatureC),
    });
  else missing.push('temperature');
  const singleParameter3 = parameters.some((p) => p.score === 3);
  const spo2Scale = scale2 ? 2 : 1;
  if (missing.length > 0) return { parameters, missing, singleParameter3, spo2Scale };
  const total = parameters.reduce((sum, p) => sum + p.score, 0);
  return {
    total,
    parameters,
    missing,
    singleParameter3,
    response: news2Response(total, singleParameter3),
    spo2Scale,
  };
}
