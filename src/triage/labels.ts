import { withUnit } from '../clinical/unit-display.js';
import type { News2Parameter } from './types.js';

/**
 * Plain clinical labels and UCUM units of the NEWS2 parameters, for every text a person reads (reasons, the CLI,
 * the web page): the field names (`respiratoryRate`, `airOrOxygen`) stay in the JSON only.
 */
export const NEWS2_PARAMETER_LABELS: Readonly<
  Record<News2Parameter['parameter'], { readonly label: string; readonly ucum?: string }>
> = {
  respiratoryRate: { label: 'Respiration rate', ucum: '{breaths}/min' },
  spo2: { label: 'Oxygen saturation (SpO2)', ucum: '%' },
  airOrOxygen: { label: 'Air or supplemental oxygen' },
  systolicBp: { label: 'Systolic blood pressure', ucum: 'mm[Hg]' },
  pulse: { label: 'Pulse', ucum: '{beats}/min' },
  consciousness: { label: 'Consciousness (ACVPU)' },
  temperature: { label: 'Temperature', ucum: 'Cel' },
};

/** `respiratoryRate` → `Respiration rate`; an unlisted name is turned into words, never shown as a code. */
export function news2ParameterLabel(parameter: string): string {
  const known = (NEWS2_PARAMETER_LABELS as Readonly<Record<string, { label: string }>>)[parameter]?.label;
  if (known) return known;
  const words = parameter.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Parameters in words, in a sentence: `respiration rate, oxygen saturation (SpO2) and pulse`. */
export function news2ParameterList(parameters: readonly string[]): string {
  const names = parameters.map((p) => {
    const label = news2ParameterLabel(p);
    return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  });
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

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
