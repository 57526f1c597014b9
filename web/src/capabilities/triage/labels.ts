import {
  NEWS2_PARAMETER_LABELS,
  news2ParameterLabel,
  news2ParameterList,
} from '../../../../src/triage/labels.js';
import { withUnit } from '../../units.js';

/**
 * NEWS2 parameters and values as a clinician writes them on the case page (the convention of `../risk/labels.ts`):
 * labels from `src/triage/labels.ts`, units through `src/clinical/unit-display.ts`. Field names such as
 * `respiratoryRate` or `airOrOxygen` never reach the page.
 */
export { news2ParameterLabel };

const VALUE_TEXT: Readonly<Record<string, string>> = {
  air: 'room air',
  oxygen: 'on oxygen',
  alert: 'alert',
  confusion: 'new confusion',
  voice: 'responds to voice',
  pain: 'responds to pain',
  unresponsive: 'unresponsive',
};

/** A parameter's value with its unit: `22 breaths/min`, `95 %`, `36.8 °C`, `room air`, `new confusion`. */
export function news2ValueText(parameter: string, value: unknown): string {
  if (typeof value === 'number') {
    const ucum = (NEWS2_PARAMETER_LABELS as Readonly<Record<string, { ucum?: string }>>)[parameter]?.ucum;
    return ucum ? withUnit(String(value), ucum) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value ?? '—');
  return VALUE_TEXT[text] ?? text;
}

/** The parameters not given, in words. */
export const news2MissingText = news2ParameterList;
