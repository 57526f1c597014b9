/**
 * Unit conversions for laboratory values, one place for the whole product (intake's value extraction, risk's case
 * prefill). Units are written in UCUM (`mg/dL`, `mmol/L`, `umol/L`, `mmol/mol`, `%`); `normaliseUnit` maps the
 * spellings people and systems use (`mg/dl`, `µmol/L`, `mEq/L`) to one lower-case key.
 *
 * Conversions between mass and substance concentration depend on the analyte (its molar mass), so they are named by
 * analyte. Factors:
 * - glucose: 1 mmol/L = 18.016 mg/dL (molar mass of glucose 180.16 g/mol);
 * - urea / BUN: urea (mmol/L) × 2.8 = blood urea nitrogen (mg/dL) (two nitrogen atoms, 2 × 14.007 ≈ 28 g/mol);
 * - creatinine: 1 mg/dL = 88.42 µmol/L (molar mass 113.12 g/mol);
 * - HbA1c: NGSP % = 0.09148 × IFCC mmol/mol + 2.152 (IFCC–NGSP master equation, Hoelzel et al., Clin Chem 2004);
 * - haemoglobin: 1 g/dL = 10 g/L (mass concentration only).
 */

/** mg/dL of glucose per mmol/L. */
export const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
/** mg/dL of urea nitrogen (BUN) per mmol/L of urea. */
export const BUN_MG_DL_PER_UREA_MMOL_L = 2.8;
/** µmol/L of creatinine per mg/dL. */
export const CREATININE_UMOL_L_PER_MG_DL = 88.42;

/** Analytes whose mass ↔ substance conversion is known here. */
export type Analyte = 'glucose' | 'urea' | 'creatinine' | 'hba1c' | 'haemoglobin';

/** One lower-case key per unit spelling: whitespace removed, lower case, µ/μ → u. */
export function normaliseUnit(unit: string): string {
  return unit.replace(/\s/g, '').toLowerCase().replace(/[µμ]/g, 'u');
}

/** Conversions to the analyte's reference unit (first key) from its other units. */
const ANALYTE_UNITS: Record<Analyte, { reference: string; from: Record<string, (v: number) => number> }> = {
  glucose: { reference: 'mg/dl', from: { 'mmol/l': (v) => v * GLUCOSE_MG_DL_PER_MMOL_L } },
  urea: { reference: 'mg/dl', from: { 'mmol/l': (v) => v * BUN_MG_DL_PER_UREA_MMOL_L } },
  creatinine: { reference: 'mg/dl', from: { 'umol/l': (v) => v / CREATININE_UMOL_L_PER_MG_DL } },
  hba1c: { reference: '%', from: { 'mmol/mol': (v) => v * 0.09148 + 2.152 } },
  haemoglobin: { reference: 'g/dl', from: { 'g/l': (v) => v / 10 } },
};
const INVERSE: Record<Analyte, Record<string, (v: number) => number>> = {
  glucose: { 'mmol/l': (v) => v / GLUCOSE_MG_DL_PER_MMOL_L },
  urea: { 'mmol/l': (v) => v / BUN_MG_DL_PER_UREA_MMOL_L },
  creatinine: { 'umol/l': (v) => v * CREATININE_UMOL_L_PER_MG_DL },
  hba1c: { 'mmol/mol': (v) => (v - 2.152) / 0.09148 },
  haemoglobin: { 'g/l': (v) => v * 10 },
};

/**
 * `value` of `analyte` in `from` expressed in `to`; undefined when the conversion is not known (never a guess).
 * For urea, mg/dL means urea nitrogen (BUN) and mmol/L means urea.
 */
export function convertAnalyte(
  analyte: Analyte,
  value: number,
  from: string,
  to: string,
): number | undefined {
  const f = normaliseUnit(from);
  const t = normaliseUnit(to);
  if (f === t) return value;
  const { reference, from: toReference } = ANALYTE_UNITS[analyte];
  const inReference = f === reference ? value : toReference[f]?.(value);
  if (inReference === undefined) return undefined;
  if (t === reference) return inReference;
  return INVERSE[analyte][t]?.(inReference);
}

/** Glucose mmol/L → mg/dL. */
export const glucoseMgDl = (mmolL: number): number => mmolL * GLUCOSE_MG_DL_PER_MMOL_L;
/** Glucose mg/dL → mmol/L. */
export const glucoseMmolL = (mgDl: number): number => mgDl / GLUCOSE_MG_DL_PER_MMOL_L;
/** Urea mmol/L → BUN mg/dL. */
export const bunMgDl = (ureaMmolL: number): number => ureaMmolL * BUN_MG_DL_PER_UREA_MMOL_L;
/** BUN mg/dL → urea mmol/L. */
export const ureaMmolL = (bunMgDlValue: number): number => bunMgDlValue / BUN_MG_DL_PER_UREA_MMOL_L;
/** Creatinine µmol/L → mg/dL. */
export const creatinineMgDl = (umolL: number): number => umolL / CREATININE_UMOL_L_PER_MG_DL;
/** HbA1c IFCC mmol/mol → NGSP %. */
export const hba1cPercent = (mmolMol: number): number => mmolMol * 0.09148 + 2.152;

/**
 * A body temperature in °C from its unit, UCUM (`Cel`, `[degF]`) or as written (`°C`, `°F`, `C`, `F`, `degC`,
 * `degF`); undefined for any other unit (never a guess).
 */
export function temperatureCelsius(value: number, unit: string): number | undefined {
  const u = normaliseUnit(unit).replace(/[[\]]/g, '');
  if (u === 'cel' || u === '°c' || u === 'c' || u === 'degc') return value;
  if (u === '°f' || u === 'f' || u === 'degf') return ((value - 32) * 5) / 9;
  return undefined;
}
