import {
  type Finding,
  infantAgeParts,
  type Observation,
  type Quantity,
  type ReferenceRange,
} from '../../src/clinical/index.js';
import { formatDuration, withUnit } from './units.js';

/** Display helpers for clinical values: pure functions, so the pages stay declarative. */

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** `6.2 ng/mL`, `38.6 °C` (UCUM codes shown as clinicians write them, `web/src/units.ts`); unit `1` left out. */
export function formatQuantity(quantity: Quantity): string {
  const value = numberFormat.format(quantity.value);
  return quantity.unit === '' ? value : withUnit(value, quantity.unit);
}

/** `3.5–5.1 mmol/L`, `≥ 60 mL/min`, `≤ 5 mg/L`, or `—` when there is no range. */
export function formatRange(range: ReferenceRange | undefined): string {
  if (!range || (!range.low && !range.high)) return '—';
  const { low, high } = range;
  if (low && high) {
    const sameUnit = low.unit === high.unit;
    return sameUnit
      ? `${numberFormat.format(low.value)}–${formatQuantity(high)}`
      : `${formatQuantity(low)} – ${formatQuantity(high)}`;
  }
  return low ? `≥ ${formatQuantity(low)}` : `≤ ${formatQuantity(high as Quantity)}`;
}

/**
 * `low` or `high` when the value lies outside its reference range, `normal` inside it, `undefined` when there is
 * no range or its unit differs from the value's (the UI does not convert units, so it does not guess).
 */
export function rangeFlag(observation: Observation): 'low' | 'high' | 'normal' | undefined {
  const range = observation.referenceRange;
  if (!range || (!range.low && !range.high)) return undefined;
  const { value, unit } = observation.value;
  if (range.low && range.low.unit !== unit) return undefined;
  if (range.high && range.high.unit !== unit) return undefined;
  if (range.low && value < range.low.value) return 'low';
  if (range.high && value > range.high.value) return 'high';
  return 'normal';
}

/** A short name for a terminology system URL. */
export function systemLabel(system: string): string {
  const known: Record<string, string> = {
    'http://loinc.org': 'LOINC',
    'http://snomed.info/sct': 'SNOMED CT',
    'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
    'http://unitsofmeasure.org': 'UCUM',
  };
  return known[system] ?? system;
}

/**
 * A concept id made readable: `pain.location.chest` → `Pain location chest`; a coded id from another terminology,
 * `system|code` as the FHIR importer writes it, → `SNOMED CT 386661006`; `E_91` stays `E_91`.
 */
export function conceptLabel(conceptId: string): string {
  const bar = conceptId.indexOf('|');
  if (bar > 0) return `${systemLabel(conceptId.slice(0, bar))} ${conceptId.slice(bar + 1)}`;
  if (!/[a-z]/.test(conceptId)) return conceptId;
  const words = conceptId.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A finding's value as text, or `undefined` when it has none. */
export function formatFindingValue(value: Finding['value']): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** `2 hours`, `12 days`, `3 weeks`, `3 months` or `3 years`, from a duration in days (`formatDuration`). */
export function formatDurationDays(days: number): string {
  return formatDuration(days);
}

/** A date-time in the reader's locale, to the minute; the input as given if it does not parse. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A probability 0–1 as a percentage with sensible precision (`0.4 %`, `12 %`). */
export function formatProbability(probability: number): string {
  const percent = probability * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)} %`;
  return `${Math.round(percent)} %`;
}

/** A signed number with an explicit sign (`+0.42`, `−1.3`, `0`), using the true minus sign. */
export function formatSigned(value: number): string {
  const text = numberFormat.format(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

/** `54 y`, `8 mo`, `6 wk`, `10 d`, or `—` when the age is not known. */
export function formatAge(ageYears: number | undefined): string {
  if (ageYears === undefined) return '—';
  if (ageYears >= 2) return `${numberFormat.format(ageYears)} y`;
  // Infants and toddlers by months, newborns by weeks or days (an intake reads "8-month-old" as 0.667 years).
  const { value, unit } = infantAgeParts(ageYears);
  return `${value} ${unit}`;
}
