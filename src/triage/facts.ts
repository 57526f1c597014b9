import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import { deceasedFinding } from '../clinical/patient.js';
import { temperatureCelsius } from '../clinical/units.js';
import { NEWS2_ACCEPTED_RANGES } from './news2.js';
import { type OnsetCourse, onsetCourse, type PresentationOnset } from './onset.js';
import type { TriageInput, TriageVitals } from './types.js';

/** LOINC codes triage reads from observations. */
export const TRIAGE_LOINC = {
  respiratoryRate: '9279-1',
  spo2: '59408-5',
  spo2Arterial: '2708-6',
  systolicBp: '8480-6',
  diastolicBp: '8462-4',
  pulse: '8867-4',
  temperature: '8310-5',
  /**
   * Body temperature (8310-5) and the sites EHRs record it at: oral 8331-1 (Synthea's), axillary 8328-7, rectal
   * 8332-9, tympanic membrane 8333-7 (LOINC; the same set as the FHIR importer's fever and `RISK_LOINC`).
   */
  temperatureSites: ['8310-5', '8331-1', '8328-7', '8332-9', '8333-7'],
  whiteCellCount: '6690-2',
  glucose: '2345-7',
  /** Inhaled oxygen flow rate (L/min): above 0 on supplemental oxygen, 0 on room air. */
  oxygenFlow: '3151-8',
  /** Peak expiratory flow (L/min); its reference range's high end is the patient's best or predicted. */
  peakFlow: '33452-4',
  /** Glasgow coma score total (3–15). */
  gcs: '9269-2',
  /** Gestational age in weeks (UCUM `wk`). */
  gestationalAge: '49051-6',
} as const;

/**
 * A finding imported from a FHIR Condition whose onset is more than this many days before the latest date the record
 * holds is a long-standing diagnosis, not a current complaint: ConText's temporality (Harkema 2009) counts a
 * condition that began more than 14 days before the encounter as historical.
 */
export const CONDITION_HISTORICAL_AFTER_DAYS = 14;

const DAY_MS = 86_400_000;

/** A finding's wording that says it is past history ("History of single seizure (situation)", SNOMED CT). */
const HISTORY_LABEL = /^\s*(?:(?:past|personal|previous)\s+)?(?:history\s+of|h\/o)\b/i;

/** FHIR Condition clinical statuses that say the condition is over. */
const ENDED_STATUS = new Set(['resolved', 'inactive', 'remission']);

/**
 * A finding that counts for triage: present, about the patient, not historical or hypothetical. A finding imported
 * from a record (`source`) also does not count when its Condition has ended (clinical status resolved, inactive or
 * remission), when its name says it is history ("History of …"), or, given the record's latest date (`reference`,
 * epoch ms), when its Condition began more than `CONDITION_HISTORICAL_AFTER_DAYS` days before it (a 2007 epilepsy
 * diagnosis is not a seizure now). Knowledge-base `history.*` concepts are background the rules read by id, and
 * are kept.
 */
export function isActive(finding: Finding, reference?: number): boolean {
  if (
    finding.status !== 'present' ||
    (finding.experiencer !== undefined && finding.experiencer !== 'patient') ||
    (finding.temporality !== undefined && finding.temporality !== 'recent')
  )
    return false;
  const source = finding.source;
  if (!source || finding.conceptId.startsWith('history.')) return true;
  if (source.resourceType === 'Condition' && source.status && ENDED_STATUS.has(source.status)) return false;
  if (finding.label !== undefined && HISTORY_LABEL.test(finding.label)) return false;
  if (reference !== undefined && source.resourceType === 'Condition' && finding.onset) {
    const onset = Date.parse(finding.onset);
    if (Number.isFinite(onset) && reference - onset > CONDITION_HISTORICAL_AFTER_DAYS * DAY_MS) return false;
  }
  return true;
}

/** The latest date (epoch ms) a triage input holds: observation times and finding onsets. */
function latestDate(input: TriageInput): number | undefined {
  const times = [
    ...(input.observations ?? []).map((o) => o.effectiveDateTime),
    ...input.findings.map((f) => f.onset),
  ]
    .map((t) => (t ? Date.parse(t) : Number.NaN))
    .filter(Number.isFinite);
  return times.length ? Math.max(...times) : undefined;
}

/**
 * Negation cues in a finding's name: "Concussion with no loss of consciousness", "without fever" (at most three words
 * between the cue and the match, within its clause), and "non-" right before it ("Non-ST elevation"; a
 * "Non-blanching rash" is still a rash).
 */
const NEGATED_BEFORE =
  /(?:\b(?:no|not|without|w\/o|never|absence\s+of|absent|negative\s+for|denies|denied|free\s+of)(?:[\s-]+[\w'’]+){0,3}?|\bnon)[\s-]*$/i;

const globalPatterns = new WeakMap<RegExp, RegExp>();

/**
 * Whether a pattern matches a finding's name other than in a negated phrase: a name that negates a feature ("with no
 * loss of consciousness") does not match that feature.
 */
export function labelMatches(pattern: RegExp, label: string): boolean {
  let global = globalPatterns.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
    globalPatterns.set(pattern, global);
  }
  global.lastIndex = 0;
  for (let m = global.exec(label); m !== null; m = global.exec(label)) {
    if (!NEGATED_BEFORE.test(label.slice(0, m.index))) return true;
    if (m[0] === '') global.lastIndex++;
  }
  return false;
}

/** A pattern tried on a finding's id and (not negated) on its name. */
function matches(pattern: RegExp, finding: Finding): boolean {
  return (
    pattern.test(finding.conceptId) || (finding.label !== undefined && labelMatches(pattern, finding.label))
  );
}

function valuesOf(finding: Finding): readonly string[] {
  const v = finding.value;
  if (Array.isArray(v)) return v.map(String);
  if (v === undefined || v === null || typeof v === 'boolean') return [];
  return [String(v)];
}

/** Said of the patient (or of no one else) and not a hypothetical: the findings `background` and `suspected` read. */
function isPatientsOwnReal(f: Finding): boolean {
  return (f.experiencer === undefined || f.experiencer === 'patient') && f.temporality !== 'hypothetical';
}

/** What the rules look at: the patient's active findings, by concept id and label, and the vitals. */
export class TriageFacts {
  readonly ageYears: number | undefined;
  readonly sex: string | undefined;
  readonly vitals: TriageVitals;
  readonly active: readonly Finding[];
  /**
   * The record says the patient has died (SNOMED CT 419099009, from FHIR `Patient.deceased[x]`): triage is for a
   * living patient, and its answer must say so.
   */
  readonly deceased: Finding | undefined;
  /** The complaint's time course read from the note, when the input carries it. */
  readonly onset: PresentationOnset | undefined;
  readonly course: OnsetCourse;
  /** The note says the complaint came on gradually and it is long-standing, with no sudden start. */
  readonly gradualLongStanding: boolean;
  private readonly all: readonly Finding[];
  private readonly byId = new Map<string, Finding[]>();
  private readonly observations: readonly Observation[];

  constructor(input: TriageInput) {
    this.ageYears = input.patient?.ageYears;
    this.sex = input.patient?.sex;
    this.all = input.findings;
    this.onset = input.onset;
    this.course = onsetCourse(input.onset);
    const reference = latestDate(input);
    this.active = input.findings.filter((f) => isActive(f, reference));
    this.deceased = deceasedFinding(input.findings);
    for (const f of this.active) {
      const list = this.byId.get(f.conceptId) ?? [];
      list.push(f);
      this.byId.set(f.conceptId, list);
    }
    this.observations = input.observations ?? [];
    const fromObservations = vitalsFromObservations(this.observations);
    // New confusion written as a finding is the C of ACVPU for NEWS2 when no consciousness level was given; a
    // confusion said to have come on gradually over months is not new (a dementia's story).
    this.gradualLongStanding =
      this.course === 'long-standing' &&
      !input.onset?.sudden &&
      this.active.some((f) => f.conceptId === 'sign.gradual-onset');
    const confused =
      !this.gradualLongStanding &&
      this.active.some((f) => /^confusion$|^sign\.altered-consciousness$/.test(f.conceptId));
    this.vitals = {
      ...fromObservations,
      ...(confused && input.vitals?.consciousness === undefined
        ? { consciousness: 'confusion' as const }
        : {}),
      ...definedOnly(input.vitals ?? {}),
    };
  }

  /**
   * The active findings matching a concept id, a list of ids, or a pattern tried on both the id and the label
   * (so that concepts from other terminologies, or the open-world knowledge base, match by their wording).
   */
  find(match: string | readonly string[] | RegExp): Finding[] {
    if (typeof match === 'string') return this.byId.get(match) ?? [];
    if (Array.isArray(match)) return (match as readonly string[]).flatMap((id) => this.byId.get(id) ?? []);
    const re = match as RegExp;
    return this.active.filter((f) => matches(re, f));
  }

  has(match: string | readonly string[] | RegExp): boolean {
    return this.find(match).length > 0;
  }

  /**
   * The patient's own present findings matching, past ones included (a risk factor such as diabetes or long-term
   * steroids is usually written as history): by id, or a pattern tried on the id and the label.
   */
  background(match: RegExp): Finding[] {
    return this.all.filter((f) => f.status === 'present' && isPatientsOwnReal(f) && matches(match, f));
  }

  /**
   * Present findings matching, whoever they are said of and whenever: for exposures shared by a household ("they
   * have an old gas boiler"), which are the patient's too.
   */
  mentioned(match: RegExp): Finding[] {
    return this.all.filter(
      (f) => f.status === 'present' && f.temporality !== 'hypothetical' && matches(match, f),
    );
  }

  /**
   * The patient's findings said to be present or possible ("might have swallowed a battery"), for the few dangers
   * that guidance manages on suspicion alone.
   */
  suspected(match: RegExp): Finding[] {
    return this.all.filter((f) => f.status !== 'absent' && isPatientsOwnReal(f) && matches(match, f));
  }

  /** Findings the note explicitly denies ("no cough"), by id, or a pattern tried on the id and the label. */
  absent(match: RegExp): Finding[] {
    return this.all.filter(
      (f) =>
        f.status === 'absent' && (match.test(f.conceptId) || (f.label !== undefined && match.test(f.label))),
    );
  }

  /** True when an active finding of `conceptId` holds one of `values` (multi-choice or categorical). */
  hasValue(conceptId: string, values: readonly string[] | RegExp): boolean {
    return this.find(conceptId).some((f) =>
      valuesOf(f).some((v) =>
        Array.isArray(values) ? (values as readonly string[]).includes(v) : (values as RegExp).test(v),
      ),
    );
  }

  /** Largest numeric value of an active finding (e.g. pain intensity 0–10). */
  numeric(conceptId: string): number | undefined {
    const nums = this.find(conceptId)
      .map((f) => f.value)
      .filter((v): v is number => typeof v === 'number');
    return nums.length ? Math.max(...nums) : undefined;
  }

  /** Longest duration (days) among active findings matching. */
  durationDays(match: string | readonly string[] | RegExp): number | undefined {
    const days = this.find(match)
      .map((f) => f.durationDays)
      .filter((d): d is number => typeof d === 'number');
    return days.length ? Math.max(...days) : undefined;
  }

  /** Latest value of a LOINC-coded observation. */
  observation(loinc: string): number | undefined {
    const matching = this.observations.filter((o) => o.code.code === loinc);
    if (!matching.length) return undefined;
    return latest(matching).value.value;
  }

  /**
   * The low end of the patient's own usual range given with the latest of these observations ("sats 90 (usually
   * 89–91)": its patient-specific reference range), when the note or record gives one.
   */
  usualLow(loincs: readonly string[]): number | undefined {
    return this.#latestOf(loincs)?.referenceRange?.low?.value;
  }

  /** The high end of the reference given with the latest of these observations (a best or predicted peak flow). */
  usualHigh(loincs: readonly string[]): number | undefined {
    return this.#latestOf(loincs)?.referenceRange?.high?.value;
  }

  /** The latest observation of any of these LOINC codes, if any. */
  #latestOf(loincs: readonly string[]): Observation | undefined {
    const matching = this.observations.filter((o) => loincs.includes(o.code.code));
    return matching.length ? latest(matching) : undefined;
  }

  /**
   * Latest value, with its unit, of any of several LOINC codes for one analyte (a laboratory and a bedside glucose,
   * a value sent in mmol/L or in mg/dL): for rules that convert by the unit rather than trust one.
   */
  quantity(loincs: readonly string[]): { readonly value: number; readonly unit: string } | undefined {
    const matching = this.observations.filter((o) => loincs.includes(o.code.code));
    if (!matching.length) return undefined;
    const { value } = latest(matching);
    return { value: value.value, unit: value.unit ?? '' };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function latest(observations: readonly Observation[]): Observation {
  return observations.reduce((best, o) =>
    (o.effectiveDateTime ?? '') >= (best.effectiveDateTime ?? '') ? o : best,
  );
}

/**
 * The values NEWS2 accepts (`computeNews2`, news2.ts): a value read from the record outside them is left out, so that
 * a stored value never turns a triage call into a 400 on a field the caller did not send.
 */
type ReadableVital = keyof typeof NEWS2_ACCEPTED_RANGES;

function readable(field: ReadableVital, value: number | undefined): number | undefined {
  const [low, high] = NEWS2_ACCEPTED_RANGES[field];
  return value !== undefined && Number.isFinite(value) && value >= low && value <= high ? value : undefined;
}

/**
 * Vital signs read from LOINC-coded observations (UCUM units as the intake writes them; a temperature in °F by its
 * UCUM code or its written unit). A temperature in a unit not known is not read, and a value outside what NEWS2
 * accepts is left out (see `NEWS2_ACCEPTED_RANGES`).
 */
export function vitalsFromObservations(observations: readonly Observation[]): TriageVitals {
  const pick = (codes: readonly string[]) => {
    const found = observations.filter((o) => codes.includes(o.code.code));
    return found.length ? latest(found) : undefined;
  };
  const out: { -readonly [K in keyof TriageVitals]: TriageVitals[K] } = {};
  const set = (field: ReadableVital, value: number | undefined) => {
    const v = readable(field, value);
    if (v !== undefined) out[field] = v;
  };
  const rr = pick([TRIAGE_LOINC.respiratoryRate]);
  if (rr) set('respiratoryRate', rr.value.value);
  const spo2 = pick([TRIAGE_LOINC.spo2, TRIAGE_LOINC.spo2Arterial]);
  if (spo2) set('spo2Percent', spo2.value.unit === '1' ? spo2.value.value * 100 : spo2.value.value);
  const sbp = pick([TRIAGE_LOINC.systolicBp]);
  if (sbp) set('systolicBp', sbp.value.value);
  const hr = pick([TRIAGE_LOINC.pulse]);
  if (hr) set('pulse', hr.value.value);
  const temperatures = observations.filter(
    (o) =>
      (TRIAGE_LOINC.temperatureSites as readonly string[]).includes(o.code.code) &&
      temperatureCelsius(o.value.value, o.value.unit) !== undefined,
  );
  const temp = temperatures.length ? latest(temperatures) : undefined;
  if (temp) set('temperatureC', temperatureCelsius(temp.value.value, temp.value.unit));
  const flow = pick([TRIAGE_LOINC.oxygenFlow]);
  if (flow) out.onOxygen = flow.value.value > 0;
  // A GCS of 15 is alert; a lower GCS is not mapped to ACVPU (the mapping is not part of NEWS2): the GCS rule
  // raises the level instead.
  const gcs = pick([TRIAGE_LOINC.gcs]);
  if (gcs && gcs.value.value === 15) out.consciousness = 'alert';
  return out;
}
