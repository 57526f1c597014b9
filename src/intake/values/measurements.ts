import { LOINC, type Observation } from '../../clinical/observation.js';
import { bunMgDl, creatinineMgDl, glucoseMgDl, hba1cPercent } from '../../clinical/units.js';
import { parseNumber, round, span } from './common.js';
import { extractGestationalAge } from './gestation.js';

/**
 * Vital signs, laboratory results and the gestational age written in consultation text, normalised to UCUM units
 * (https://ucum.org) with LOINC codes, each keeping the text it was read from.
 */

interface Analyte {
  readonly code: string;
  readonly display: string;
  /** Label pattern (source of a RegExp, case-insensitive). */
  readonly label: string;
  /** UCUM unit the value is normalised to. */
  readonly unit: string;
  /** Written unit (lower case, spaces removed) → factor to `unit`, or a conversion function. */
  readonly units: Readonly<Record<string, number | ((value: number) => number)>>;
  /** Unit assumed when none is written. */
  readonly defaultUnit?: string;
  /** Plausible range in `unit`; values outside are not read. */
  readonly range: readonly [number, number];
}

/** LOINC 33452-4 Maximum expiratory gas flow Respiratory system airway: the peak flow, in L/min. */
const PEF_LOINC = '33452-4';

const ANALYTES: readonly Analyte[] = [
  {
    code: '8867-4',
    display: 'Heart rate',
    label: 'HR|heart rate|pulse(?: rate)?|P(?=\\s*\\d)',
    unit: '/min',
    units: { bpm: 1, '/min': 1, 'beats/min': 1, beatsperminute: 1, '': 1 },
    defaultUnit: '',
    range: [20, 250],
  },
  {
    code: '9279-1',
    display: 'Respiratory rate',
    label: 'RR|resp(?:iratory)? rate|resps?|respirations|breaths',
    unit: '/min',
    units: { '/min': 1, 'breaths/min': 1, bpm: 1, '': 1 },
    defaultUnit: '',
    range: [4, 80],
  },
  {
    // The international normalised ratio of a person on warfarin ("INR is 8.5 today").
    code: '6301-6',
    display: 'INR in Platelet poor plasma by Coagulation assay',
    label: 'INR',
    unit: '{INR}',
    units: { '': 1 },
    defaultUnit: '',
    range: [0.5, 20],
  },
  {
    code: '9269-2',
    display: 'Glasgow coma score total',
    label: 'GCS|glasgow coma (?:scale|score)',
    unit: '{score}',
    units: { '': 1 },
    defaultUnit: '',
    range: [3, 15],
  },
  {
    code: '8310-5',
    display: 'Body temperature',
    label:
      'T(?:emp(?:erature)?)?|Tmax|T max|thermometer(?: (?:under|in) (?:her|his|the|my|their) (?:arm|armpit|ear|mouth|tongue))?(?: said| read| showed| reads| says)?',
    unit: 'Cel',
    units: { '°c': 1, c: 1, degc: 1, '°f': (f) => ((f - 32) * 5) / 9, f: (f) => ((f - 32) * 5) / 9, '': 1 },
    defaultUnit: '',
    range: [25, 45],
  },
  {
    code: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    label: 'SpO2|SaO2|O2 sat(?:uration)?s?|sats?|oxygen saturation|pulse ox(?:imetry)?',
    unit: '%',
    units: { '%': 1 },
    defaultUnit: '%',
    range: [40, 100],
  },
  {
    // Peak expiratory flow, the asthma attack's measure of severity (BTS/SIGN 158).
    code: PEF_LOINC,
    display: 'Peak expiratory flow',
    label: 'PEFR?|peak (?:expiratory )?flow(?: rate)?',
    unit: 'L/min',
    units: { 'l/min': 1, lpm: 1, '': 1 },
    defaultUnit: '',
    range: [50, 900],
  },
  {
    code: '29463-7',
    display: 'Body weight',
    label: 'weight|wt',
    unit: 'kg',
    units: { kg: 1, kgs: 1, lb: 0.45359237, lbs: 0.45359237 },
    range: [0.3, 400],
  },
  {
    code: '8302-2',
    display: 'Body height',
    label: 'height|ht',
    unit: 'cm',
    units: { cm: 1, m: 100 },
    range: [30, 250],
  },
  {
    code: '39156-5',
    display: 'Body mass index',
    label: 'BMI',
    unit: 'kg/m2',
    units: { 'kg/m2': 1, 'kg/m²': 1, '': 1 },
    defaultUnit: '',
    range: [8, 90],
  },
  {
    code: '2039-6',
    display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma',
    label: 'CEA|carcinoembryonic antigen',
    unit: 'ng/mL',
    units: { 'ng/ml': 1, 'ug/l': 1, 'µg/l': 1, 'mcg/l': 1, '': 1 },
    defaultUnit: '',
    range: [0, 100000],
  },
  {
    code: '4548-4',
    display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
    label: 'HbA1c|A1c|Hb A1c|glycated ha?emoglobin',
    unit: '%',
    units: { '%': 1, 'mmol/mol': hba1cPercent, '': 1 },
    defaultUnit: '%',
    range: [3, 20],
  },
  {
    code: '2345-7',
    display: 'Glucose [Mass/volume] in Serum or Plasma',
    label:
      '(?:fasting |random |blood |plasma |serum |capillary )?(?:glucose|sugars?|BG|BSL|FBG|FPG|RBG|CBG|BMs?)',
    unit: 'mg/dL',
    units: { 'mg/dl': 1, 'mmol/l': glucoseMgDl, '': unitlessGlucoseMgDl },
    defaultUnit: '',
    range: [10, 2000],
  },
  {
    code: '2160-0',
    display: 'Creatinine [Mass/volume] in Serum or Plasma',
    label: '(?:serum )?creatinine|Cr|SCr',
    unit: 'mg/dL',
    units: { 'mg/dl': 1, 'umol/l': creatinineMgDl, 'µmol/l': creatinineMgDl, 'μmol/l': creatinineMgDl },
    range: [0.1, 30],
  },
  {
    code: '6690-2',
    display: 'Leukocytes [#/volume] in Blood by Automated count',
    label: 'WBC|white (?:blood )?(?:cell )?count|white cells|leukocytes|WCC',
    unit: '10*3/uL',
    units: {
      '10*3/ul': 1,
      'k/ul': 1,
      'x10^9/l': 1,
      '×10^9/l': 1,
      '10^9/l': 1,
      'x10⁹/l': 1,
      'g/l': 1,
      k: 1,
      '': 1,
    },
    defaultUnit: '',
    range: [0.1, 500],
  },
  {
    code: '3094-0',
    display: 'Urea nitrogen [Mass/volume] in Serum or Plasma',
    label: 'BUN|urea nitrogen|urea',
    unit: 'mg/dL',
    units: { 'mg/dl': 1, 'mmol/l': bunMgDl },
    range: [1, 300],
  },
  {
    code: '718-7',
    display: 'Hemoglobin [Mass/volume] in Blood',
    label: 'Hb|Hgb|ha?emoglobin',
    unit: 'g/dL',
    units: { 'g/dl': 1, 'g/l': 0.1 },
    range: [2, 25],
  },
  {
    code: '2951-2',
    display: 'Sodium [Moles/volume] in Serum or Plasma',
    label: 'Na|sodium',
    unit: 'mmol/L',
    units: { 'mmol/l': 1, 'meq/l': 1, '': 1 },
    defaultUnit: '',
    range: [90, 200],
  },
  {
    code: '2823-3',
    display: 'Potassium [Moles/volume] in Serum or Plasma',
    label: 'K|potassium',
    unit: 'mmol/L',
    units: { 'mmol/l': 1, 'meq/l': 1, '': 1 },
    defaultUnit: '',
    range: [1, 10],
  },
  {
    code: '1988-5',
    display: 'C reactive protein [Mass/volume] in Serum or Plasma',
    label: 'CRP|C-reactive protein',
    unit: 'mg/L',
    units: { 'mg/l': 1, 'mg/dl': 10, '': 1 },
    defaultUnit: '',
    range: [0, 1000],
  },
];

const UNIT_PATTERN =
  '(°\\s?[CF]|deg\\s?[CF]|[CF](?![a-z])|%|mmol\\/mol|mg\\/dL|mmol\\/L|[uµμ]mol\\/L|mcg\\/L|[uµ]g\\/L|ng\\/mL|mEq\\/L|g\\/dL|g\\/L|mg\\/L|(?:x|×)?\\s?10\\^?(?:9|⁹)\\/L|10\\*3\\/uL|K\\/uL|kg\\/m2|kg\\/m²|kgs?|lbs?|cm|m(?![a-z])|bpm|beats\\/min|breaths\\/min|\\/min|k(?![a-z]))?';

/** Words between a label and its number that say which way it is off ("resp rate raised at 28"). */
const QUALIFIERS = 'raised|elevated|increased|high|low|reduced|decreased|down|up|only|now';

/**
 * A glucose written without a unit ("sugars been 22", "BM 2.8"): a decimal or a value up to 35 is mmol/L (UK
 * practice; no living patient has 22 mg/dL written without comment), 40 or more is mg/dL; 36–39 is left unread.
 */
function unitlessGlucoseMgDl(value: number): number {
  if (!Number.isInteger(value) || value <= 35) return glucoseMgDl(value);
  return value >= 40 ? value : Number.NaN;
}

/** After a unitless glucose: a count of something else ("sugar 2 days ago", "2 sugars in tea"), not a reading. */
const NOT_A_GLUCOSE_READING =
  /^\s*(?:days?|d\b|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|times?|x\b|tea\s?spoons?|spoons?|cubes?|sachets?|lumps?|in\b|a day)/i;

const COMPILED = ANALYTES.map((analyte) => ({
  analyte,
  pattern: new RegExp(
    `(?<![A-Za-z])(?:${analyte.label})(?![A-Za-z])\\s*(?:(?:${QUALIFIERS})\\s+)?(?:of|was|is|=|:|at|to|level|value|(?:have|has) been|been|running|reading|reads|are)?\\s*(?:of|was|is|=|:|at|to|around|about|over|above)?\\s*(\\d{1,4}(?:[.,]\\d+)?)\\s*${UNIT_PATTERN}`,
    'gi',
  ),
}));

/**
 * "BP 150/90", "blood pressure was 150/90", "blood pressure at the pharmacy was 220/130" (up to four words between),
 * "blood pressure to be 148 over 96".
 */
const BP_PATTERN =
  /(?<![A-Za-z])(?:BP|blood pressure|B\/P)(?:\s+[A-Za-z0-9'’]+,?){0,10}?\s*(?:of|was|is|were|=|:)?\s*(?:of|was|is|=|:)?\s*(\d{2,3})\s*(?:\/|\s+over\s+)\s*(\d{2,3})(?:\s*mm\s*Hg)?/gi;

/** A blood pressure with no label: a systolic of 80 to 299 over two or three digits, not part of a longer figure. */
const BARE_BLOOD_PRESSURE =
  /(?:\b(?:left|right|L|R)\.?\s+arm\s*:?\s*)?(?<![\d/.:])([89]\d|[12]\d\d)\s?\/\s?(\d{2,3})(?![\d/.:])/gi;

/** A free-standing temperature ("38.5°C", "101.2 F") with no label. */
const BARE_TEMPERATURE =
  /(?<![\d.])(\d{2,3}(?:[.,]\d)?)\s*(°\s?[CF]|deg\s?[CF]|degrees?\s?[CF]|(?<=\d[.,]\d\s?)[CF])(?![A-Za-z])/gi;

/**
 * What the patient breathes when a saturation is measured: "on air", "RA", "room air" → 0 L/min; "on 2L", "2 L/min
 * O2", "on 4 litres" → that flow (LOINC 3151-8, inhaled oxygen flow rate). NEWS2 scores supplemental oxygen.
 */
const ON_AIR = /\b(?:on\s+(?:room\s+)?air|on\s+RA|room\s+air|(?<=\d\s?%\s?)RA)\b/gi;
const ON_OXYGEN =
  /\b(?:on\s+)?(\d{1,2}(?:[.,]\d)?)\s*(?:L|l|lpm|litres?|liters?|L\/min|l\/min)\b(?:\s*(?:\/\s*min|of)?\s*(?:O2|oxygen|via\s+\w+|NC|nasal\s+cannulae?))?/g;

function oxygenObservation(
  text: string,
  at: number,
  length: number,
  offset: number,
  flow: number,
): Observation {
  return {
    code: { system: LOINC, code: '3151-8', display: 'Inhaled oxygen flow rate' },
    value: { value: flow, unit: 'L/min' },
    sourceSpan: { start: offset + at, end: offset + at + length, text: text.slice(at, at + length) },
  };
}

/**
 * A later reading of the same measurement in the same sentence, after a word that dates it ("BM 2.9, had juice and
 * now 6.5", "temp 39.2 then 37.8 after paracetamol", "sats 88 %, up to 94 % on 2 L"): group 1 is the number.
 */
const LATER_READING =
  /^[^.;!?\n]{0,40}?\b(?:now|then|rechecked|recheck(?:ed)? at|repeat|back (?:up |down )?to|came (?:up|down) to|went (?:up|down) to|up to|down to|improved to|dropped to|fell to|rose to)\s*(?:(?:fine|ok|okay|better|normal)\s*[,(:-]?\s*)?(?:is |was |at |of )?(\d{1,4}(?:[.,]\d+)?)(?![\d/])(?!\s*(?:days?|d\b|weeks?|wks?|months?|years?|hours?|hrs?|h\b|mins?|minutes?|times?|x\b|puffs?|tablets?|pills?|doses?|units?|mg\b|mls?\b|litres?|liters?|L\b|l\b|am\b|pm\b))/i;

/**
 * The value of one written reading in the analyte's UCUM unit, rounded; undefined when the unit is not the analyte's,
 * the value is out of range, or a unitless glucose is a count of something else (`rest` is the text after it).
 */
function readingValue(
  analyte: Analyte,
  written: string,
  writtenUnitText: string,
  rest: string,
): number | undefined {
  const writtenUnit = writtenUnitText
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^deg/, '°')
    .replace(/^×/, 'x');
  const unitKey = writtenUnit === '' ? (analyte.defaultUnit ?? undefined) : writtenUnit;
  if (unitKey === undefined) return undefined;
  if (analyte.units[''] === unitlessGlucoseMgDl && unitKey === '' && NOT_A_GLUCOSE_READING.test(rest))
    return undefined;
  let factor = analyte.units[unitKey];
  if (factor === undefined && analyte.code === '8310-5' && /^°?[cf]$/.test(unitKey))
    factor = analyte.units[unitKey.replace('°', '')];
  if (factor === undefined) return undefined;
  const raw = parseNumber(written);
  let value = typeof factor === 'function' ? factor(raw) : raw * factor;
  // An unlabelled temperature above 45 is in °F.
  if (analyte.code === '8310-5' && unitKey === '' && raw > 90 && raw < 115) value = ((raw - 32) * 5) / 9;
  if (!(value >= analyte.range[0] && value <= analyte.range[1])) return undefined;
  return round(value, analyte.unit === 'Cel' ? 1 : 2);
}

const SPO2_LOINC = '59408-5';
/**
 * The patient's own usual saturation right after a reading, a few words on at most: "sats 90% (usually 89-91)", "91,
 * normally 92-93", "90 on my monitor (usually 89-91)".
 */
const USUAL_SATURATION =
  /^\s*%?[^.;\n\d]{0,30}?[\s,(](?:usually|normally|usual(?: for (?:me|him|her))?(?: is)?|normal for (?:me|him|her)(?: is)?|baseline(?: is)?)\s*(\d{2})\s*%?(?:\s*(?:-|–|to)\s*(\d{2}))?/i;

/** The usual range a note gives after a saturation reading, as the observation's patient-specific reference range. */
function usualRange(after: string): Observation['referenceRange'] | undefined {
  const match = USUAL_SATURATION.exec(after);
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] ? Number(match[2]) : low;
  if (low < 70 || high > 100 || high < low) return undefined;
  return { low: { value: low, unit: '%' }, high: { value: high, unit: '%' } };
}

/**
 * The patient's best or predicted peak flow right after a reading: "PEFR 290 (best 450, 64%)", "peak flow 200,
 * normally 450", "PEF 250 (predicted 480)".
 */
const BEST_PEAK_FLOW =
  /^\s*(?:l\/min)?[^.;\n\d]{0,20}?[\s,(](?:best(?: is)?|personal best(?: is)?|usual best(?: is)?|predicted(?: is)?|pred|normal(?: is)?|normally|usually)\s*:?\s*(\d{2,3})\b/i;

/**
 * A peak flow written as a share of the best or predicted ("PEFR 60% of best", "peak flow 45% predicted", "PEF 70%"):
 * kept in % with the best as 100 %, so the share of best reads the same as from a reading in L/min and its best.
 */
const PEAK_FLOW_PERCENT =
  /\b(?:PEFR?|peak (?:expiratory )?flow(?: rate)?)\s*(?:is|was|of|at|:|=)?\s*(\d{1,3})\s*%(?:\s*(?:of\s+)?(?:(?:her|his|my|their|the)\s+)?(?:usual\s+|personal\s+)?(?:best|predicted|pred)\b)?/gi;

/** The best or predicted peak flow a note gives after a reading, as the observation's reference (its high end). */
function bestPeakFlow(after: string): Observation['referenceRange'] | undefined {
  const match = BEST_PEAK_FLOW.exec(after);
  const best = match ? Number(match[1]) : Number.NaN;
  return best >= 100 && best <= 900 ? { high: { value: best, unit: 'L/min' } } : undefined;
}

/** Vital signs and laboratory values in `text` (offsets shifted by `offset`), normalised to UCUM units. */
export function extractMeasurements(text: string, offset = 0): Observation[] {
  const observations: Observation[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const push = (observation: Observation) => {
    const s = observation.sourceSpan!;
    taken.push([s.start, s.end]);
    observations.push(observation);
  };
  /** A systolic and diastolic pair from one written reading (the span is marked taken once). */
  const pushBloodPressure = (
    systolic: number,
    diastolic: number,
    sourceSpan: Observation['sourceSpan'] & {},
  ) => {
    push({
      code: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' },
      value: { value: systolic, unit: 'mm[Hg]' },
      sourceSpan,
    });
    observations.push({
      code: { system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' },
      value: { value: diastolic, unit: 'mm[Hg]' },
      sourceSpan,
    });
  };
  for (const match of text.matchAll(BP_PATTERN)) {
    const start = offset + (match.index ?? 0);
    const sourceSpan = span(text, match.index ?? 0, (match.index ?? 0) + match[0].length);
    const shifted = { ...sourceSpan, start, end: start + match[0].length };
    const systolic = Number(match[1]);
    const diastolic = Number(match[2]);
    if (systolic < 50 || systolic > 300 || diastolic < 20 || diastolic > 200) continue;
    pushBloodPressure(systolic, diastolic, shifted);
  }
  for (const { analyte, pattern } of COMPILED) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      const value = readingValue(analyte, match[1]!, match[2] ?? '', text.slice(at + match[0].length));
      if (value === undefined) continue;
      const start = offset + at;
      const end = start + match[0].trimEnd().length;
      if (overlaps(start, end)) continue;
      const code = { system: LOINC, code: analyte.code, display: analyte.display };
      const after = text.slice(at + match[0].length);
      const usual =
        analyte.code === SPO2_LOINC
          ? usualRange(after)
          : analyte.code === PEF_LOINC
            ? bestPeakFlow(after)
            : undefined;
      push({
        code,
        value: { value, unit: analyte.unit },
        ...(usual ? { referenceRange: usual } : {}),
        sourceSpan: { start, end, text: text.slice(at, at + end - start) },
      });
      // "Sugar was 2.9, had juice and now 6.5": the later reading, in the same unit, is the current one.
      const later = LATER_READING.exec(text.slice(at + match[0].length));
      const laterAt = later ? at + match[0].length + later.index + later[0].length - later[1]!.length : -1;
      const laterValue = later
        ? readingValue(analyte, later[1]!, match[2] ?? '', text.slice(laterAt + later[1]!.length))
        : undefined;
      if (
        later &&
        laterValue !== undefined &&
        !overlaps(offset + laterAt, offset + laterAt + later[1]!.length)
      )
        push({
          code,
          value: { value: laterValue, unit: analyte.unit },
          sourceSpan: { start: offset + laterAt, end: offset + laterAt + later[1]!.length, text: later[1]! },
        });
    }
  }
  // A pressure written without its label after a labelled one or in a list of readings ("3 readings at the pharmacy
  // 162/98, 158/96, 160/100"): a three-digit systolic over a diastolic at least 10 lower, never a date or a score.
  for (const match of text.matchAll(BARE_BLOOD_PRESSURE)) {
    const at = match.index ?? 0;
    const systolic = Number(match[1]);
    const diastolic = Number(match[2]);
    if (overlaps(offset + at, offset + at + match[0].length)) continue;
    if (systolic > 260 || diastolic < 40 || diastolic > 150 || systolic - diastolic < 10) continue;
    pushBloodPressure(systolic, diastolic, {
      start: offset + at,
      end: offset + at + match[0].length,
      text: match[0],
    });
  }
  for (const match of text.matchAll(PEAK_FLOW_PERCENT)) {
    const at = match.index ?? 0;
    const start = offset + at;
    const end = start + match[0].length;
    const percent = Number(match[1]);
    if (overlaps(start, end) || !(percent >= 10 && percent <= 150)) continue;
    push({
      code: { system: LOINC, code: PEF_LOINC, display: 'Peak expiratory flow' },
      value: { value: percent, unit: '%' },
      referenceRange: { high: { value: 100, unit: '%' } },
      sourceSpan: { start, end, text: match[0] },
    });
  }
  for (const match of text.matchAll(BARE_TEMPERATURE)) {
    const at = match.index ?? 0;
    const start = offset + at;
    const end = start + match[0].length;
    if (overlaps(start, end)) continue;
    const raw = parseNumber(match[1]!);
    const celsius = /f/i.test(match[2]!) ? ((raw - 32) * 5) / 9 : raw;
    if (celsius < 25 || celsius > 45) continue;
    push({
      code: { system: LOINC, code: '8310-5', display: 'Body temperature' },
      value: { value: round(celsius, 1), unit: 'Cel' },
      sourceSpan: { start, end, text: match[0] },
    });
  }
  // Oxygen: only in a sentence that gives a saturation, so "2 L" of fluid or "on air travel" are not read.
  if (observations.some((o) => o.code.code === '59408-5')) {
    for (const match of text.matchAll(ON_AIR)) {
      const at = match.index ?? 0;
      if (overlaps(offset + at, offset + at + match[0].length)) continue;
      push(oxygenObservation(text, at, match[0].length, offset, 0));
    }
    for (const match of text.matchAll(ON_OXYGEN)) {
      const at = match.index ?? 0;
      const flow = parseNumber(match[1]!);
      if (!(flow > 0 && flow <= 60) || overlaps(offset + at, offset + at + match[0].length)) continue;
      const explicit = /on\s|o2|oxygen|nc|cannula|via/i.test(match[0]);
      if (!explicit) continue;
      push(oxygenObservation(text, at, match[0].length, offset, flow));
    }
  }
  for (const gestation of extractGestationalAge(text, offset)) {
    const s = gestation.sourceSpan!;
    if (!overlaps(s.start, s.end)) push(gestation);
  }
  return observations.sort((a, b) => a.sourceSpan!.start - b.sourceSpan!.start);
}
