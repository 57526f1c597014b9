/**
 * Numeric values written in consultation text, one extractor per file under `values/`: demographics, vital signs and
 * laboratory results (UCUM units, LOINC codes), durations and onsets, smoking. Each keeps the text it was read from.
 */
export { type Demographics, describeAge, extractDemographics, RELATIVE_SEX } from './values/demographics.js';
export { type DurationMention, extractDurations } from './values/durations.js';
export { GESTATIONAL_AGE_LOINC } from './values/gestation.js';
export { extractMeasurements } from './values/measurements.js';
export {
  extractSmoking,
  PACK_YEARS_LOINC,
  type SmokingMention,
  type SmokingStatus,
} from './values/smoking.js';
