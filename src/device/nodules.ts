import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Finding } from '../clinical/finding.js';
import { HealthGptError } from '../engine/errors.js';
import { THYROID_VALUE_CONCEPTS } from '../risk/case-inputs.js';
import { type TiradsOutput, tiradsEngine, tiradsInputSchema } from '../risk/tirads.js';
import type { Store } from '../store/store.js';
import { reportedNoduleSizes } from './prior-reports.js';

/** What a clinician accepts from the device page: the measured nodule and its confirmed TI-RADS features. */
export const acceptNoduleSchema = z
  .object({
    features: tiradsInputSchema.omit({ maxDiameterMm: true }),
    longestMm: z.number().positive().max(200).describe('Longest diameter, mm (as measured or corrected)'),
    perpendicularMm: z.number().positive().max(200).describe('Perpendicular diameter, mm'),
    calibration: z.enum(['ultrasound-region', 'pixel-spacing', 'frame-header', 'manual']),
    location: z.string().max(200).optional().describe('e.g. "right lobe, lower pole"'),
    modelId: z.string().max(200).optional().describe('The segmentation model whose outline was accepted'),
    corrected: z.boolean().optional().describe('The clinician changed the measured size before accepting'),
    examDate: z.iso.date().optional().describe('Date of the examination (default today)'),
  })
  .strict();
export type AcceptNodule = z.infer<typeof acceptNoduleSchema>;

/** A thyroid nodule measurement written to a case by an explicit acceptance. */
export interface NoduleRecord extends AcceptNodule {
  readonly id: string;
  readonly caseId: string;
  readonly examDate: string;
  readonly acceptedAt: string;
  readonly acceptedBy?: string;
  readonly tirads: {
    readonly points: number;
    readonly level: string;
    readonly recommendation: TiradsOutput['recommendation'];
    readonly advice: string;
  };
}

const collection = (store: Store) =>
  store.documents.collection<NoduleRecord>('device.thyroid-nodules', (r) => r.caseId);

/** Accepted nodule records of a case, newest first. */
export function listNodules(store: Store, caseId: string): NoduleRecord[] {
  return collection(store)
    .list({ key: caseId, limit: 100 })
    .items.map((i) => i.document)
    .sort((a, b) => b.examDate.localeCompare(a.examDate) || b.acceptedAt.localeCompare(a.acceptedAt));
}

/** Earlier sizes of the case's nodule: accepted records, else a max-diameter finding already on the case. */
export interface PriorSize {
  readonly examDate?: string;
  readonly longestMm: number;
  readonly perpendicularMm?: number;
  readonly level?: string;
  readonly source: 'accepted-measurement' | 'case-finding' | 'case-note';
  /** For a size read from the case note: the sentence it was read from. */
  readonly text?: string;
}

export function priorSizes(store: Store, caseId: string): PriorSize[] {
  const c = store.cases.get(caseId);
  if (!c) throw HealthGptError.notFound('case', caseId);
  const records = listNodules(store, caseId).map(
    (r): PriorSize => ({
      examDate: r.examDate,
      longestMm: r.longestMm,
      perpendicularMm: r.perpendicularMm,
      level: r.tirads.level,
      source: 'accepted-measurement',
    }),
  );
  if (records.length > 0) return records;
  const finding = c.findings.find(
    (f) => f.conceptId === THYROID_VALUE_CONCEPTS.maxDiameterMm && f.status === 'present',
  );
  const value = Number(finding?.value);
  const fromFinding: PriorSize[] =
    Number.isFinite(value) && value > 0
      ? [{ longestMm: value, source: 'case-finding', ...(finding?.onset ? { examDate: finding.onset } : {}) }]
      : [];
  // Sizes written in an earlier report pasted into the note; dated ones newest first, undated ones after.
  const fromNote = reportedNoduleSizes(c.note).map((r): PriorSize => ({ ...r, source: 'case-note' }));
  return [...fromFinding, ...fromNote].sort((a, b) =>
    a.examDate && b.examDate ? b.examDate.localeCompare(a.examDate) : a.examDate ? -1 : b.examDate ? 1 : 0,
  );
}

/**
 * Growth against the latest prior (ACR TI-RADS 2017: significant enlargement is an increase of ≥ 20 % and ≥ 2 mm in
 * at least two dimensions, or ≥ 50 % in volume; with two measured dimensions only the first rule is checked).
 */
export function growth(
  current: { longestMm: number; perpendicularMm?: number },
  prior: PriorSize | undefined,
):
  | { longestChangeMm: number; longestChangePct: number; significant: boolean | 'unknown'; rule: string }
  | undefined {
  if (!prior) return undefined;
  const grew = (now: number, before: number) => now - before >= 2 && now >= before * 1.2;
  const change = current.longestMm - prior.longestMm;
  const both =
    current.perpendicularMm !== undefined && prior.perpendicularMm !== undefined
      ? grew(current.longestMm, prior.longestMm) && grew(current.perpendicularMm, prior.perpendicularMm)
      : undefined;
  return {
    longestChangeMm: Math.round(change * 10) / 10,
    longestChangePct: Math.round((1000 * change) / prior.longestMm) / 10,
    significant: both === undefined ? 'unknown' : both,
    rule:
      both === undefined
        ? 'ACR: significant growth needs ≥ 20 % and ≥ 2 mm in two dimensions; the prior has one dimension only'
        : 'ACR: significant growth = ≥ 20 % and ≥ 2 mm increase in at least two dimensions',
  };
}

/**
 * Writes an accepted nodule into the case: the TI-RADS feature findings (the concepts the ACR TI-RADS calculator
 * reads from a case, replacing earlier values) and a nodule record with the size and the computed level. Nothing
 * is written without this call.
 */
export function acceptNodule(store: Store, caseId: string, body: AcceptNodule, actor?: string): NoduleRecord {
  const result = tiradsEngine.run({ ...body.features, maxDiameterMm: body.longestMm });
  const output = result.output as TiradsOutput;
  const rules = result.explanation.rulesFired ?? [];
  const today = new Date().toISOString().slice(0, 10);
  return store.transaction(() => {
    const current = store.cases.get(caseId);
    if (!current) throw HealthGptError.notFound('case', caseId);
    const examDate = body.examDate ?? today;
    const values: Record<keyof typeof THYROID_VALUE_CONCEPTS, Finding['value']> = {
      composition: body.features.composition,
      echogenicity: body.features.echogenicity,
      shape: body.features.shape,
      margin: body.features.margin,
      echogenicFoci: [...body.features.echogenicFoci],
      maxDiameterMm: body.longestMm,
    };
    const concepts = new Set<string>(Object.values(THYROID_VALUE_CONCEPTS));
    const findings: Finding[] = [
      ...current.findings.filter((f) => !concepts.has(f.conceptId)),
      ...Object.entries(values).map(
        ([field, value]): Finding => ({
          conceptId: THYROID_VALUE_CONCEPTS[field as keyof typeof THYROID_VALUE_CONCEPTS],
          label: `Thyroid nodule ${field}`,
          status: 'present',
          value: value as Finding['value'],
          onset: examDate,
          certainty: 'definite',
          temporality: 'recent',
          experiencer: 'patient',
        }),
      ),
    ];
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...content } = current;
    store.cases.update(caseId, { ...content, findings });
    const record: NoduleRecord = {
      ...body,
      id: randomUUID(),
      caseId,
      examDate,
      acceptedAt: new Date().toISOString(),
      ...(actor ? { acceptedBy: actor } : {}),
      tirads: {
        points: output.points,
        level: output.level,
        recommendation: output.recommendation,
        advice: String(rules[rules.length - 1] ?? ''),
      },
    };
    collection(store).put(record.id, record);
    return record;
  });
}
