/**
 * Measurements compared the way the guidelines report them: nodule sizes to one decimal place of a millimetre
 * (Lung-RADS v2022 reports the mean diameter to one decimal). Every size comparison is done on whole tenths of a
 * millimetre, `Math.round(mm * 10)`, so that a change of exactly 1.5 mm is 15 tenths whichever two values it lies
 * between (3.9 → 5.4 and 4.0 → 5.5 alike), never 1.5000000000000004 in floating point.
 */
export function tenths(mm: number): number {
  return Math.round(mm * 10);
}

/** A size in tenths of a millimetre, written back in millimetres with one decimal ("5.4"). */
export function mmText(tenthsOfMm: number): string {
  return (tenthsOfMm / 10).toFixed(1);
}

/** Largest lesion a lung nodule guideline or model covers: above 30 mm it is a mass. */
export const MASS_THRESHOLD_TENTHS = 300;
