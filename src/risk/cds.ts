import type { CdsService } from '../app/capability.js';
import type { ClinicalCase } from '../clinical/case.js';
import type { CdsCard } from '../engine/cds-card.js';
import { fieldErrorsFromZod } from '../engine/errors.js';
import { caseFromPrefetch, PATIENT_PREFETCH } from '../fhir/prefetch.js';
import { findingStatus, prefillFromCase } from './case-inputs.js';
import { riskEngine } from './engines.js';
import { cardFor, type RiskFamily } from './risk-engine.js';

/**
 * CDS Hooks 2.0 services (https://cds-hooks.hl7.org/2.0/), one per model family, on the `patient-view` hook. Each
 * reads the FHIR prefetch (Patient, Observations, Conditions) into a transient case, fills the model's inputs from
 * it, and returns a card with the probability or score, the category and the guideline's next step. No card when
 * the record holds nothing the model is about (no nodule, no AF …); an info card naming the missing inputs when it
 * does but cannot be completed.
 */
interface ServiceSpec {
  readonly id: string;
  readonly family: RiskFamily;
  readonly engineId: string;
  readonly title: string;
  readonly description: string;
  /** Whether the record is about this family at all (else no card). */
  readonly relevant: (values: Record<string, unknown>, clinicalCase: ClinicalCase) => boolean;
}

const SPECS: readonly ServiceSpec[] = [
  {
    id: 'lung-nodule-risk',
    family: 'lung-nodule',
    engineId: 'lung-nodule',
    title: 'Lung nodule malignancy risk and next step',
    description:
      'Brock or Mayo probability updated with CEA, Fleischner category and the guideline next step.',
    relevant: (v) => v.noduleDiameterMm !== undefined,
  },
  {
    id: 'thyroid-nodule-tirads',
    family: 'thyroid-nodule',
    engineId: 'tirads',
    title: 'ACR TI-RADS thyroid nodule',
    description:
      'ACR TI-RADS 2017 level and FNA or follow-up recommendation for a thyroid nodule described in the record.',
    relevant: (v) => v.composition !== undefined || v.maxDiameterMm !== undefined,
  },
  {
    id: 'pneumonia-severity',
    family: 'pneumonia',
    engineId: 'curb65',
    title: 'CURB-65 pneumonia severity',
    description: 'CURB-65 and place of care for a patient with pneumonia.',
    relevant: (_v, c) => riskEngine('curb65')?.fromCase?.(c) !== undefined || hasConcept(c, 'pneumonia'),
  },
  {
    id: 'pe-probability',
    family: 'pulmonary-embolism',
    engineId: 'wells-pe',
    title: 'Wells score for suspected pulmonary embolism',
    description: 'Wells score and the NICE NG158 next test when PE is suspected.',
    relevant: (_v, c) => riskEngine('wells-pe')?.fromCase?.(c) !== undefined,
  },
  {
    id: 'af-stroke-risk',
    family: 'atrial-fibrillation',
    engineId: 'cha2ds2-vasc',
    title: 'CHA₂DS₂-VASc stroke risk in atrial fibrillation',
    description: 'CHA₂DS₂-VASc / CHA₂DS₂-VA and the ESC 2024 anticoagulation advice.',
    relevant: (_v, c) => hasConcept(c, 'atrialFibrillation'),
  },
  {
    id: 'sepsis-qsofa',
    family: 'sepsis',
    engineId: 'qsofa',
    title: 'qSOFA in suspected infection',
    description: 'qSOFA for an adult with suspected infection.',
    relevant: (_v, c) => hasConcept(c, 'suspectedInfection'),
  },
  {
    id: 'diabetes-criteria',
    family: 'diabetes',
    engineId: 'ada-diabetes',
    title: 'ADA Standards of Care diabetes criteria',
    description:
      'Whether HbA1c and glucose results meet the ADA Standards of Care (current edition) criteria for diabetes or prediabetes.',
    relevant: (v) =>
      ['hba1cPercent', 'fastingGlucoseMgDl', 'ogtt2hGlucoseMgDl', 'randomGlucoseMgDl'].some(
        (k) => v[k] !== undefined,
      ),
  },
];

function hasConcept(clinicalCase: ClinicalCase, concept: string): boolean {
  return findingStatus(clinicalCase, concept) === true;
}

/** Cards of one family for a case (exported for tests and for the case page). */
export function riskCardsForCase(spec: ServiceSpec, clinicalCase: ClinicalCase): CdsCard[] {
  const engine = riskEngine(spec.engineId);
  if (!engine) return [];
  const prefill = prefillFromCase(engine.modelId, clinicalCase);
  // A deceased patient: no risk for now (the record's own reason), and no prompt to enter values.
  if (prefill.notApplicable !== undefined) return [];
  if (!spec.relevant(prefill.values, clinicalCase)) return [];
  const parsed = engine.inputSchema.safeParse(prefill.values);
  if (!parsed.success) {
    const missing = [...new Set(fieldErrorsFromZod(parsed.error).map((e) => e.field))];
    return [
      {
        summary: `${engine.title}: cannot be computed from the record`.slice(0, 140),
        detail: `Missing or invalid in the record: ${missing.join(', ')}. Open HealthGPT to enter them.`,
        indicator: 'info',
        source: { label: `HealthGPT ${engine.title}` },
      },
    ];
  }
  const result = engine.run(parsed.data);
  const card = cardFor(engine.title, result.output, result.output.recommendations, result.explanation);
  const unknown = prefill.unknown?.length
    ? `\nNot in the record, left unknown (the answer covers both values): ${prefill.unknown.join(', ')}.`
    : '';
  return [{ ...card, detail: `${card.detail ?? ''}${unknown}` }];
}

export const riskCdsServices: readonly CdsService[] = SPECS.map((spec) => ({
  id: spec.id,
  hook: 'patient-view',
  title: spec.title,
  description: spec.description,
  prefetch: PATIENT_PREFETCH,
  handle(request) {
    return riskCardsForCase(spec, caseFromPrefetch(request.prefetch, request));
  },
}));

export const RISK_CDS_SPECS = SPECS;
