import { createHash } from 'node:crypto';
import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { seededRandom } from '../ml/random.js';

/**
 * Training records of the learning loop, in the DDXPlus patient shape the diagnosis model trains on
 * (`trainDdxModel`), with where each came from and its weight. Guards against feedback loops live here: only
 * clinician-confirmed labels become records (`source: 'confirmed'`), each case counts once (the key is the case id
 * for feedback, the content for data-set patients, so duplicates are removed), and a record's weight is capped.
 */
export interface TrainingRecord {
  /** Dedupe key: `case:<id>` for clinician-confirmed cases, `ddxplus:<content hash>` for data-set patients. */
  readonly key: string;
  readonly patient: DdxplusPatient;
  readonly source: 'base' | 'confirmed';
  /** Relative weight (1 = one patient); capped at `MAX_RECORD_WEIGHT`. */
  readonly weight: number;
  /** Fixed part (e.g. the DDXPlus validation split is always `check`); absent = by hash (`isCheckRecord`). */
  readonly part?: 'train' | 'check';
}

/** The most one record may weigh (reweighting included), so that no single case can steer the model. */
export const MAX_RECORD_WEIGHT = 3;

/** Content hash of a DDXPlus patient (evidence order does not matter). */
export function patientHash(patient: DdxplusPatient): string {
  const text = [
    patient.ageYears,
    patient.sex,
    patient.pathology,
    [...patient.evidences].sort().join(','),
    patient.initialEvidence,
  ].join('|');
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

export function baseRecord(patient: DdxplusPatient): TrainingRecord {
  return { key: `ddxplus:${patientHash(patient)}`, patient, source: 'base', weight: 1 };
}

/**
 * Merges records: later records with a key already seen replace the earlier one (a clinician's newer confirmation
 * of the same case wins), weights capped at `MAX_RECORD_WEIGHT`; order of first appearance kept.
 */
export function dedupeRecords(records: readonly TrainingRecord[]): TrainingRecord[] {
  const byKey = new Map<string, TrainingRecord>();
  for (const record of records) {
    byKey.set(record.key, { ...record, weight: Math.min(MAX_RECORD_WEIGHT, Math.max(0, record.weight)) });
  }
  return [...byKey.values()];
}

/** Hash of a training set (keys and weights, order-free): the registry's `dataHash`. */
export function dataHash(records: readonly TrainingRecord[]): string {
  const lines = records.map((r) => `${r.key}:${r.weight.toFixed(3)}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * The patients a training run sees: each record `floor(weight)` times plus once more with probability equal to the
 * fractional part (seeded), so that a weight of 1.5 trains on the patient 1.5 times on average.
 */
export function expandByWeight(records: readonly TrainingRecord[], seed: number): DdxplusPatient[] {
  const random = seededRandom(seed);
  const out: DdxplusPatient[] = [];
  for (const record of records) {
    const whole = Math.floor(record.weight);
    for (let k = 0; k < whole; k++) out.push(record.patient);
    if (random() < record.weight - whole) out.push(record.patient);
  }
  return out;
}

/**
 * Whether a record belongs to the held-out check part that promotion decisions are measured on (one in five, by a
 * hash of its key): such records are never trained on, so a candidate is always judged on cases it did not see.
 */
export function isCheckRecord(record: Pick<TrainingRecord, 'key' | 'part'>): boolean {
  if (record.part) return record.part === 'check';
  const digest = createHash('sha256').update(`check|${record.key}`).digest();
  return digest[0]! % 5 === 0;
}
