/**
 * The one place UCUM unit codes (as stored and sent by the API, https://ucum.org) become what a clinician reads:
 * `Cel` → `°C`, `mm[Hg]` → `mmHg`, `10*9/L` → `×10⁹/L`. Codes not listed are shown as they are (most UCUM codes,
 * `mg/dL`, `mmol/L`, `/min`, are already what people write). Durations are shown in hours, days or weeks.
 */
const DISPLAY: Readonly<Record<string, string>> = {
  Cel: '°C',
  '[degF]': '°F',
  'mm[Hg]': 'mmHg',
  'cm[H2O]': 'cmH₂O',
  '10*9/L': '×10⁹/L',
  '10*3/uL': '×10⁹/L',
  '10*3/mm3': '×10⁹/L',
  '10*12/L': '×10¹²/L',
  '10*6/uL': '×10¹²/L',
  umol: 'µmol',
  'umol/L': 'µmol/L',
  'ug/L': 'µg/L',
  'ug/dL': 'µg/dL',
  'ng/mL': 'ng/mL',
  'kg/m2': 'kg/m²',
  m2: 'm²',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'mL/min/1.73m2': 'mL/min/1.73 m²',
  '{beats}/min': 'beats/min',
  '/min': '/min',
  '{breaths}/min': 'breaths/min',
  'mmol/mol': 'mmol/mol',
  '[in_i]': 'in',
  '[lb_av]': 'lb',
  a: 'years',
  mo: 'months',
  wk: 'weeks',
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  '%': '%',
  '1': '',
};

/** The unit as a clinician writes it. */
export function displayUnit(ucum: string): string {
  return DISPLAY[ucum] ?? ucum.replace(/\bu(?=[gLmM])/g, 'µ');
}

/** A value with its unit, e.g. `38.6 °C`, `120 mmHg`; no space before `%` and `°C`-like units is not needed. */
export function withUnit(value: string, ucum: string): string {
  const unit = displayUnit(ucum);
  if (unit === '') return value;
  return unit === '%' ? `${value} %` : `${value} ${unit}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A duration given in days, in the unit a clinician would say: under a day in hours (or minutes), under two weeks
 * in days, then weeks, then months, then years. `0.083` → `2 hours`, `3` → `3 days`, `21` → `3 weeks`.
 */
export function formatDuration(days: number): string {
  if (!Number.isFinite(days) || days < 0) return '—';
  const hours = days * 24;
  if (hours < 1) return plural(Math.max(1, Math.round(hours * 60)), 'minute', 'minutes');
  if (days < 1) return plural(Math.round(hours), 'hour', 'hours');
  if (days < 14) return plural(Math.round(days * 10) / 10, 'day', 'days');
  if (days < 60) return plural(Math.round((days / 7) * 10) / 10, 'week', 'weeks');
  if (days < 730) return plural(Math.round((days / 30.4375) * 10) / 10, 'month', 'months');
  return plural(Math.round((days / 365.25) * 10) / 10, 'year', 'years');
}
