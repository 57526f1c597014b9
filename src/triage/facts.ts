import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
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
  whiteCellCount: '6690-2',
  glucose: '2345-7',
  /** Inhaled oxygen flow rate (L/min): above 0 on supplemental oxygen, 0 on room air. */
  oxygenFlow: '3151-8',
  /** Glasgow coma score total (3–15). */
  gcs: '9269-2',
  /** Gestational age in weeks (UCUM `wk`). */
  gestationalAge: '49051-6',
} as const;

/** A finding that counts for triage: present, about the patient, not historical or hypothetical. */
export function isActive(finding: Finding): boolean {
  return (
    finding.status === 'present' &&
    (finding.experiencer === undefined || finding.experiencer === 'patient') &&
    (finding.temporality === undefined || finding.temporality === 'recent')
  );
}

function valuesOf(finding: Finding): readonly string[] {
  const v = finding.value;
  if (Array.isArray(v)) return v.map(String);
  if (v === undefined || v === null || typeof v === 'boolean') return [];
  return [String(v)];
}

/** What the rules look at: the patient's active findings, by concept id and label, and the vitals. */
export class TriageFacts {
  readonly ageYears: number | undefined;
  readonly sex: string | undefined;
  readonly vitals: TriageVitals;
  readonly active: readonly Finding[];
  /** The complaint's time course read from the note, when the input carries it. */
  readonly onset: PresentationOnset | undefined;
  readonly course: OnsetCourse;
  private readonly all: readonly Finding[];
  private readonly byId = new Map<string, Finding[]>();
  private readonly observations: readonly Observation[];

  constructor(input: TriageInput) {
    this.ageYears = input.patient?.ageYears;
    this.sex = input.patient?.sex;
    this.all = input.findings;
    this.onset = input.onset;
    this.course = onsetCourse(input.onset);
    this.active = input.findings.filter(isActive);
    for (const f of this.active) {
      const list = this.byId.get(f.conceptId) ?? [];
      list.push(f);
      this.byId.set(f.conceptId, list);
    }
    this.observations = input.observations ?? [];
    const fromObservations = vitalsFromObservations(this.observations);
    // New confusion written as a finding is the C of ACVPU for NEWS2 when no consciousness level was given.
    const confused = this.active.some((f) => /^confusion$|^sign\.altered-consciousness$/.test(f.conceptId));
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
    return this.active.filter((f) => re.test(f.conceptId) || (f.label !== undefined && re.test(f.label)));
  }

  has(match: string | readonly string[] | RegExp): boolean {
    return this.find(match).length > 0;
  }

  /**
   * The patient's own present findings matching, past ones included (a risk factor such as diabetes or long-term
   * steroids is usually written as history): by id, or a pattern tried on the id and the label.
   */
  background(match: RegExp): Finding[] {
    return this.all.filter(
      (f) =>
        f.status === 'present' &&
        (f.experiencer === undefined || f.experiencer === 'patient') &&
        f.temporality !== 'hypothetical' &&
        (match.test(f.conceptId) || (f.label !== undefined && match.test(f.label))),
    );
  }

  /**
   * Present findings matching, whoever they are said of and whenever: for exposures shared by a household ("they
   * have an old gas boiler"), which are the patient's too.
   */
  mentioned(match: RegExp): Finding[] {
    return this.all.filter(
      (f) =>
        f.status === 'present' &&
        f.temporality !== 'hypothetical' &&
        (match.test(f.conceptId) || (f.label !== undefined && match.test(f.label))),
    );
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
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function latest(observations: readonly Observation[]): Observation {
  return observations.reduce((best, o) =>
    (o.effectiveDateTime ?? '') >= (best.effectiveDateTime ?? '') ? o : best,
  );
}

/** Vital signs read from LOINC-coded observations (UCUM units as the intake writes them). */
export function vitalsFromObservations(observations: readonly Observation[]): TriageVitals {
  const pick = (codes: readonly string[]) => {
    const found = observations.filter((o) => codes.includes(o.code.code));
    return found.length ? latest(found) : undefined;
  };
  const out: { -readonly [K in keyof TriageVitals]: TriageVitals[K] } = {};
  const rr = pick([TRIAGE_LOINC.respiratoryRate]);
  if (rr) out.respiratoryRate = rr.value.value;
  const spo2 = pick([TRIAGE_LOINC.spo2, TRIAGE_LOINC.spo2Arterial]);
  if (spo2) out.spo2Percent = spo2.value.unit === '1' ? spo2.value.value * 100 : spo2.value.value;
  const sbp = pick([TRIAGE_LOINC.systolicBp]);
  if (sbp) out.systolicBp = sbp.value.value;
  const hr = pick([TRIAGE_LOINC.pulse]);
  if (hr) out.pulse = hr.value.value;
  const temp = pick([TRIAGE_LOINC.temperature]);
  if (temp)
    out.temperatureC = temp.value.unit === '[degF]' ? ((temp.value.value - 32) * 5) / 9 : temp.value.value;
  const flow = pick([TRIAGE_LOINC.oxygenFlow]);
  if (flow) out.onOxygen = flow.value.value > 0;
  // A GCS of 15 is alert; a lower GCS is not mapped to ACVPU (the mapping is not part of NEWS2): the GCS rule
  // raises the level instead.
  const gcs = pick([TRIAGE_LOINC.gcs]);
  if (gcs && gcs.value.value === 15) out.consciousness = 'alert';
  return out;
}
