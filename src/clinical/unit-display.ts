/**
 * The one place UCUM unit codes (as stored and sent by the API, https://ucum.org) become what a clinician reads:
 * `Cel` → `°C`, `mm[Hg]` → `mmHg`, `10*9/L` → `×10⁹/L`. Codes not listed are shown as they are (most UCUM codes,
 * `mg/dL`, `mmol/L`, `/min`, are already what people write). Used by the web UI (`web/src/units.ts`) and by text the
 * server writes for people (the intake summary).
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
  const known = DISPLAY[ucum];
  if (known !== undefined) return known;
  // UCUM annotations in braces (`{score}`, `{cells}/uL`) are labels, not units: left out.
  const bare = ucum.replace(/\{[^}]*\}/g, '').trim();
  if (bare !== ucum) return bare === '' ? '' : displayUnit(bare);
  return ucum.replace(/\bu(?=[gLmM])/g, 'µ');
}

/** A value with its unit, e.g. `38.6 °C`, `120 mmHg`, `7 %`; a dimensionless value (`1`) alone. */
export function withUnit(value: string, ucum: string): string {
  const unit = displayUnit(ucum);
  if (unit === '') return value;
  return unit === '%' ? `${value} %` : `${value} ${unit}`;
}
