import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import { ICD10, LOINC } from '../clinical/observation.js';
import { deceasedFinding } from '../clinical/patient.js';
import { type Analyte, convertAnalyte, temperatureCelsius } from '../clinical/units.js';
import { IMAGE_EVIDENCE_SOURCES, type ImageEvidenceSource, imageEvidenceFor } from './image-evidence.js';

const HEALTHGPT_CONCEPT_SYSTEM = 'urn:healthgpt:concept';

/**
 * Reading risk-model inputs from a case: LOINC-coded observations (with unit conversion) and findings identified by
 * HealthGPT concept ids, SNOMED CT codes or ICD-10 code prefixes (as `system|code` the FHIR importer writes).
 * A prefill is partial: the risk panel shows it for the clinician to complete; `fromCase` of an engine only returns
 * an input when everything required is there. Yes/no facts the record does not mention (or records as unknown)
 * are **not** filled: they are listed in `unknown`, and the models answer over both of their values (see
 * `unknowns.ts`), so a missing fact is never taken as "no".
 */
export interface Prefill {
  readonly values: Record<string, unknown>;
  /** Field → where the value came from (e.g. `Observation LOINC 2039-6`). */
  readonly sources: Record<string, string>;
  /** Always empty since unknown stays unknown (kept for clients of the first version of this API). */
  readonly assumedAbsent: readonly string[];
  /** Yes/no fields the case does not state: left unknown, never filled as no. */
  readonly unknown?: readonly string[];
  /**
   * Why no model applies to this case whatever its inputs: the patient has died (`deceasedReason`). The models
   * estimate a living patient's risk from now on.
   */
  readonly notApplicable?: string;
}

const SNOMED = 'http://snomed.info/sct';

/** Observation codes HealthGPT reads, with the unit each is converted to. */
export const RISK_LOINC = {
  ceaNgMl: ['2039-6'],
  bunMgDl: ['3094-0', '6299-2'],
  ureaMmolL: ['22664-7', '14937-7'],
  respiratoryRate: ['9279-1'],
  heartRate: ['8867-4'],
  systolicBp: ['8480-6'],
  diastolicBp: ['8462-4'],
  // Body temperature, and the oral, axillary, rectal and tympanic sites EHRs record it at.
  bodyTemperatureC: ['8310-5', '8331-1', '8328-7', '8332-9', '8333-7'],
  hba1cPercent: ['4548-4', '17856-6'],
  fastingGlucose: ['1558-6', '14771-0'],
  ogtt2hGlucose: ['1518-0', '14995-5'],
  randomGlucose: ['2345-7', '2339-0', '15074-8', '14749-6'],
} as const;

/** Concept aliases: own ids, SNOMED CT codes, ICD-10 prefixes. */
export const RISK_CONCEPTS: Record<
  string,
  { ids: readonly string[]; snomed?: readonly string[]; icd10?: readonly string[] }
> = {
  smoker: {
    ids: [
      'smoker',
      'smoking',
      'tobacco-use',
      'former-smoker',
      'current-smoker',
      'lifestyle.smoking',
      'lifestyle.former-smoker',
    ],
    snomed: ['77176002', '8517006', '449868002'],
    icd10: ['F17', 'Z87.891'],
  },
  familyHistoryLungCancer: {
    ids: ['family-history.lung-cancer', 'family-history-lung-cancer', 'family.lung-cancer'],
    snomed: ['430653004'],
    icd10: ['Z80.1'],
  },
  // Emphysema (Brock: emphysema on CT). COPD (SNOMED 13645005, ICD-10 J44, `history.copd`) does not establish it.
  emphysema: { ids: ['emphysema', 'ct.emphysema'], snomed: ['87433001'], icd10: ['J43'] },
  knownCancer: {
    ids: ['cancer', 'malignancy', 'active-cancer', 'history.active-cancer', 'history.metastatic-cancer'],
    snomed: ['363346000'],
    icd10: ['C'],
  },
  immunosuppressed: {
    ids: ['immunosuppressed', 'immunosuppression', 'history.immunosuppression'],
    snomed: ['38013005', '370388006'],
    icd10: ['D84'],
  },
  confusion: {
    ids: ['confusion', 'altered-mental-status', 'disorientation'],
    snomed: ['40917007', '286933003'],
    icd10: ['R41.0'],
  },
  hemoptysis: { ids: ['hemoptysis', 'haemoptysis'], snomed: ['66857006'], icd10: ['R04.2'] },
  clinicalSignsDvt: {
    ids: ['dvt', 'dvt-signs', 'leg-swelling-unilateral'],
    snomed: ['128053003'],
    icd10: ['I80.2'],
  },
  previousPeOrDvt: {
    ids: ['history.pe', 'history.dvt', 'previous-vte'],
    snomed: ['59282003', '128053003'],
    icd10: ['I26', 'I80', 'Z86.71'],
  },
  immobilizationOrRecentSurgery: {
    ids: ['immobilization', 'recent-surgery', 'history.immobilization', 'history.recent-surgery'],
    icd10: ['Z74.0'],
  },
  congestiveHeartFailure: {
    ids: ['heart-failure', 'chf', 'history.heart-failure'],
    snomed: ['84114007', '42343007'],
    icd10: ['I50'],
  },
  hypertension: {
    ids: ['hypertension', 'history.hypertension'],
    snomed: ['38341003'],
    icd10: ['I10', 'I11', 'I12', 'I13', 'I15'],
  },
  diabetes: {
    ids: ['diabetes', 'history.diabetes'],
    snomed: ['73211009', '44054006', '46635009'],
    icd10: ['E10', 'E11', 'E13', 'E14'],
  },
  strokeTiaThromboembolism: {
    ids: ['stroke', 'tia', 'thromboembolism', 'history.stroke'],
    snomed: ['230690007', '266257000'],
    icd10: ['I63', 'I64', 'G45', 'Z86.73'],
  },
  vascularDisease: {
    ids: ['myocardial-infarction', 'history.coronary-disease', 'peripheral-artery-disease', 'aortic-plaque'],
    snomed: ['22298006', '399957001'],
    icd10: ['I21', 'I22', 'I25.2', 'I70', 'I73.9'],
  },
  atrialFibrillation: { ids: ['atrial-fibrillation', 'af'], snomed: ['49436004'], icd10: ['I48'] },
  mechanicalValveOrMitralStenosis: {
    ids: ['mechanical-valve', 'mitral-stenosis'],
    snomed: ['79619009'],
    icd10: ['Z95.2', 'I05.0'],
  },
  suspectedInfection: {
    ids: ['fever', 'suspected-infection', 'pneumonia', 'infection'],
    snomed: ['386661006', '233604007', '40733004'],
    icd10: ['J18', 'A41', 'R50'],
  },
  pregnant: {
    ids: ['pregnancy', 'pregnant', 'history.pregnancy'],
    snomed: ['77386006'],
    icd10: ['Z33', 'O'],
  },
  classicSymptoms: {
    ids: ['polyuria', 'polydipsia', 'weight-loss-unexplained'],
    snomed: ['28442001', '17173007'],
    icd10: ['R35', 'R63.1'],
  },
  pneumonia: {
    ids: ['pneumonia', 'community-acquired-pneumonia'],
    snomed: ['233604007', '385093006'],
    icd10: ['J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18'],
  },
  suspectedPe: { ids: ['suspected-pe', 'pulmonary-embolism', 'pe'], snomed: ['59282003'], icd10: ['I26'] },
  spiculation: { ids: ['lung-nodule.spiculation', 'spiculated-nodule'] },
  upperLobe: { ids: ['lung-nodule.upper-lobe'] },
};

/** Own concept ids for structured nodule data (numeric or categorical values on a finding). */
export const NODULE_VALUE_CONCEPTS = {
  noduleDiameterMm: 'lung-nodule.diameter-mm',
  noduleType: 'lung-nodule.type',
  noduleCount: 'lung-nodule.count',
  solidComponentMm: 'lung-nodule.solid-component-mm',
} as const;

function normalise(id: string): string {
  return id.toLowerCase().replaceAll('_', '-');
}

/** Whether a finding's concept id is one of the concept's aliases. */
export function matchesConcept(conceptId: string, concept: string): boolean {
  const spec = RISK_CONCEPTS[concept];
  if (!spec) return false;
  const id = normalise(conceptId);
  if (spec.ids.some((alias) => normalise(alias) === id)) return true;
  const [system, code] = conceptId.includes('|') ? (conceptId.split('|', 2) as [string, string]) : ['', ''];
  if (system === SNOMED) return (spec.snomed ?? []).includes(code);
  if (system === ICD10 || system.includes('icd-10'))
    return (spec.icd10 ?? []).some((prefix) => code.toUpperCase().startsWith(prefix));
  return false;
}

/** The patient's own finding for a concept (family history is the exception: experiencer other is wanted there). */
export function findingFor(clinicalCase: ClinicalCase, concept: string): Finding | undefined {
  const matches = clinicalCase.findings.filter((f) => matchesConcept(f.conceptId, concept));
  const own =
    concept === 'familyHistoryLungCancer' ? matches : matches.filter((f) => f.experiencer !== 'other');
  return own.find((f) => f.status === 'present') ?? own.find((f) => f.status === 'absent');
}

/** SNOMED CT 266919005 "Never smoker", the answer the FHIR importer keeps on `lifestyle.smoking` absent. */
const NEVER_SMOKER = '266919005';

/**
 * Ever smoked (Mayo: current or former smoker): yes when any finding says current or former smoking; no only when
 * the record says never smoked, or says both "not smoking now" and "not a former smoker"; otherwise unknown — "not
 * smoking now" alone says nothing about former smoking.
 */
function smokerStatus(clinicalCase: ClinicalCase): boolean | undefined {
  const own = clinicalCase.findings.filter(
    (f) => matchesConcept(f.conceptId, 'smoker') && f.experiencer !== 'other' && f.status !== 'unknown',
  );
  if (own.some((f) => f.status === 'present')) return true;
  if (own.some((f) => f.value === NEVER_SMOKER)) return false;
  const absent = (id: string) => own.some((f) => f.status === 'absent' && normalise(f.conceptId) === id);
  if (absent('lifestyle.smoking') && absent('lifestyle.former-smoker')) return false;
  if (own.some((f) => f.status === 'absent' && !f.conceptId.startsWith('lifestyle.'))) return false;
  return undefined;
}

/** True / false when the case says, undefined when it does not mention the concept. */
export function findingStatus(clinicalCase: ClinicalCase, concept: string): boolean | undefined {
  if (concept === 'smoker') return smokerStatus(clinicalCase);
  const finding = findingFor(clinicalCase, concept);
  if (!finding || finding.status === 'unknown') return undefined;
  return finding.status === 'present';
}

/**
 * The analyte of a LOINC code whose mass ↔ substance conversion depends on it (`convertAnalyte`,
 * src/clinical/units.ts: glucose 180.16 g/mol, 1 mmol/L = 18.016 mg/dL; urea nitrogen 2 × 14.007 g/mol, urea mmol/L
 * × 2.8 = BUN mg/dL; HbA1c IFCC mmol/mol → NGSP % by the IFCC–NGSP master equation).
 */
const ANALYTE_OF: Readonly<Record<string, Analyte>> = Object.fromEntries([
  // Urea nitrogen (BUN) codes only: there mg/dL is urea nitrogen. A urea code in mg/dL (urea itself, 60.06 g/mol) is
  // not converted.
  ...RISK_LOINC.bunMgDl.map((code) => [code, 'urea' as const]),
  ...[...RISK_LOINC.fastingGlucose, ...RISK_LOINC.ogtt2hGlucose, ...RISK_LOINC.randomGlucose].map((code) => [
    code,
    'glucose' as const,
  ]),
  ...RISK_LOINC.hba1cPercent.map((code) => [code, 'hba1c' as const]),
]);

/** The latest observation value for a set of LOINC codes, converted to `unit`; undefined when none or unconvertible. */
export function observationValue(
  clinicalCase: ClinicalCase,
  codes: readonly string[],
  unit: string,
): number | undefined {
  const matches = clinicalCase.observations
    .filter((o) => o.code.system === LOINC && codes.includes(o.code.code))
    .sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''));
  for (const observation of matches) {
    const value = convert(
      observation.value.value,
      observation.value.unit,
      unit,
      ANALYTE_OF[observation.code.code],
    );
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * `value` in `from` expressed in `to`, or undefined (never a guess): spellings of the same unit; mass ↔ substance
 * concentration only for a known analyte (`convertAnalyte`; e.g. BUN 5 mmol/L → 14 mg/dL, glucose 5 mmol/L →
 * 90 mg/dL); °F → °C by the UCUM code or the unit as written.
 */
function convert(value: number, from: string, to: string, analyte?: Analyte): number | undefined {
  const f = from.replace(/\s/g, '').toLowerCase();
  const t = to.toLowerCase();
  if (f === t) return value;
  const same: Record<string, readonly string[]> = {
    'ng/ml': ['ug/l', 'µg/l', 'mcg/l'],
    '/min': ['{breaths}/min', 'breaths/min', '{beats}/min', 'beats/min', 'bpm', '1/min'],
    'mm[hg]': ['mmhg'],
    '%': ['%{hba1c}', '%hb'],
  };
  if ((same[t] ?? []).includes(f)) return value;
  if (analyte) {
    const converted = convertAnalyte(analyte, value, f, t);
    if (converted !== undefined) return converted;
  }
  if (t === 'cel') return temperatureCelsius(value, f);
  return undefined;
}

/** Value of a numeric or categorical finding (structured nodule data). */
function findingValue(clinicalCase: ClinicalCase, conceptId: string): string | number | undefined {
  const finding = clinicalCase.findings.find(
    (f) => normalise(f.conceptId) === conceptId && f.status === 'present',
  );
  const value = finding?.value;
  if (typeof value === 'number' || typeof value === 'string') return value;
  // A FHIR Observation with a HealthGPT concept code and a quantity (e.g. the diameter in mm) is imported as an
  // observation, not a finding.
  const observation = clinicalCase.observations.find(
    (o) => o.code.system === HEALTHGPT_CONCEPT_SYSTEM && normalise(o.code.code) === conceptId,
  );
  return observation?.value.value;
}

/** Builder that records where each value came from. */
class PrefillBuilder {
  readonly values: Record<string, unknown> = {};
  readonly sources: Record<string, string> = {};
  readonly assumedAbsent: string[] = [];
  readonly unknown: string[] = [];
  constructor(readonly clinicalCase: ClinicalCase) {}

  age(field = 'age'): this {
    const age = this.clinicalCase.patient.ageYears;
    // A deceased patient's age is the age at death: no model is run on it as if it were a living patient's.
    if (age !== undefined && !deceasedReason(this.clinicalCase)) this.set(field, age, 'patient age');
    return this;
  }
  sex(field = 'sex'): this {
    const sex = this.clinicalCase.patient.sex;
    if (sex === 'female' || sex === 'male') this.set(field, sex, 'patient sex');
    return this;
  }
  /** A yes/no input from the case; not stated (or stated as unknown) stays unknown — never filled as no. */
  flag(field: string, concept = field): this {
    const status = findingStatus(this.clinicalCase, concept);
    if (status !== undefined)
      this.set(field, status, `finding ${findingFor(this.clinicalCase, concept)?.conceptId}`);
    else this.unknown.push(field);
    return this;
  }
  observation(field: string, codes: readonly string[], unit: string): this {
    const value = observationValue(this.clinicalCase, codes, unit);
    if (value !== undefined)
      this.set(field, Math.round(value * 1000) / 1000, `observation LOINC ${codes.join('/')}`);
    return this;
  }
  nodule(field: keyof typeof NODULE_VALUE_CONCEPTS): this {
    const value = findingValue(this.clinicalCase, NODULE_VALUE_CONCEPTS[field]);
    if (value === undefined) return this;
    const numeric = field !== 'noduleType';
    const parsed = numeric ? Number(value) : String(value);
    if (numeric && !Number.isFinite(parsed)) return this;
    this.set(field, parsed, `finding ${NODULE_VALUE_CONCEPTS[field]}`);
    return this;
  }
  set(field: string, value: unknown, source: string): this {
    this.values[field] = value;
    this.sources[field] = source;
    return this;
  }
  build(): Prefill {
    return {
      values: this.values,
      sources: this.sources,
      assumedAbsent: this.assumedAbsent,
      unknown: this.unknown,
    };
  }
}

/** Own concept ids for a thyroid nodule's ultrasound features (categorical values; foci may be a list). */
export const THYROID_VALUE_CONCEPTS = {
  composition: 'thyroid-nodule.composition',
  echogenicity: 'thyroid-nodule.echogenicity',
  shape: 'thyroid-nodule.shape',
  margin: 'thyroid-nodule.margin',
  echogenicFoci: 'thyroid-nodule.echogenic-foci',
  maxDiameterMm: 'thyroid-nodule.max-diameter-mm',
} as const;

function thyroidPrefill(c: ClinicalCase): Prefill {
  const b = new PrefillBuilder(c);
  for (const [field, conceptId] of Object.entries(THYROID_VALUE_CONCEPTS)) {
    const finding = c.findings.find((f) => normalise(f.conceptId) === conceptId && f.status === 'present');
    const source = `finding ${conceptId}`;
    if (field === 'echogenicFoci') {
      const value = finding?.value;
      if (Array.isArray(value)) b.set(field, [...value], source);
      else if (typeof value === 'string') b.set(field, [value], source);
      continue;
    }
    const value = findingValue(c, conceptId);
    if (value === undefined) continue;
    b.set(field, field === 'maxDiameterMm' ? Number(value) : String(value), source);
  }
  return b.build();
}

/** Prefill for each engine id that can read anything from a case. */
export const PREFILLS: Record<
  string,
  (c: ClinicalCase, imageSources: readonly ImageEvidenceSource[]) => Prefill
> = {
  tirads: thyroidPrefill,
  brock: (c) =>
    new PrefillBuilder(c)
      .age()
      .sex()
      .flag('familyHistoryLungCancer')
      .flag('emphysema')
      .nodule('noduleDiameterMm')
      .nodule('noduleType')
      .flag('upperLobe')
      .nodule('noduleCount')
      .flag('spiculation')
      .build(),
  mayo: (c) => {
    const b = new PrefillBuilder(c)
      .age()
      .flag('smoker')
      .nodule('noduleDiameterMm')
      .flag('spiculation')
      .flag('upperLobe');
    // No cancer on record → false (assumed); a recorded cancer needs the clinician to say whether it was
    // extrathoracic and more than 5 years ago, so the field is left empty.
    if (findingStatus(c, 'knownCancer') !== true) b.flag('extrathoracicCancerOver5y', 'knownCancer');
    return b.build();
  },
  fleischner: (c) => {
    const b = new PrefillBuilder(c)
      .age()
      .flag('knownCancer')
      .flag('immunosuppressed')
      .nodule('noduleDiameterMm')
      .nodule('noduleType')
      .nodule('solidComponentMm');
    const count = findingValue(c, NODULE_VALUE_CONCEPTS.noduleCount);
    if (count !== undefined)
      b.set('multiple', Number(count) > 1, `finding ${NODULE_VALUE_CONCEPTS.noduleCount}`);
    return b.build();
  },
  'lung-nodule': (c, imageSources) => {
    const b = new PrefillBuilder(c)
      .age()
      .sex()
      .flag('smoker')
      .flag('familyHistoryLungCancer')
      .flag('emphysema')
      .nodule('noduleDiameterMm')
      .nodule('noduleType')
      .nodule('solidComponentMm')
      .flag('upperLobe')
      .nodule('noduleCount')
      .flag('spiculation')
      .flag('knownCancer')
      .flag('immunosuppressed')
      .observation('ceaNgMl', RISK_LOINC.ceaNgMl, 'ng/mL');
    // Image-model findings whose target is this model (never another organ's or condition's model).
    const evidence = imageEvidenceFor(c, 'lung-nodule', imageSources);
    if (evidence.length > 0)
      b.set('evidence', evidence, `image-model finding ${evidence.map((e) => e.id.slice(6)).join(', ')}`);
    return b.build();
  },
  curb65: (c) => {
    const b = new PrefillBuilder(c)
      .flag('confusion')
      .observation('respiratoryRate', RISK_LOINC.respiratoryRate, '/min')
      .observation('systolicBp', RISK_LOINC.systolicBp, 'mm[Hg]')
      .observation('diastolicBp', RISK_LOINC.diastolicBp, 'mm[Hg]')
      .age();
    const urea = observationValue(c, RISK_LOINC.ureaMmolL, 'mmol/L');
    if (urea !== undefined) b.set('ureaMmolL', urea, `observation LOINC ${RISK_LOINC.ureaMmolL.join('/')}`);
    else b.observation('bunMgDl', RISK_LOINC.bunMgDl, 'mg/dL');
    return b.build();
  },
  'wells-pe': (c) =>
    new PrefillBuilder(c)
      .age()
      .flag('clinicalSignsDvt')
      .observation('heartRate', RISK_LOINC.heartRate, '/min')
      .flag('immobilizationOrRecentSurgery')
      .flag('previousPeOrDvt')
      .flag('hemoptysis')
      .flag('malignancy', 'knownCancer')
      .build(),
  'cha2ds2-vasc': (c) =>
    new PrefillBuilder(c)
      .age()
      .sex()
      .flag('congestiveHeartFailure')
      .flag('hypertension')
      .flag('diabetes')
      .flag('strokeTiaThromboembolism')
      .flag('vascularDisease')
      .flag('mechanicalValveOrMitralStenosis')
      .build(),
  qsofa: (c) => {
    const b = new PrefillBuilder(c)
      .age()
      .observation('respiratoryRate', RISK_LOINC.respiratoryRate, '/min')
      .observation('systolicBp', RISK_LOINC.systolicBp, 'mm[Hg]')
      .flag('alteredMentation', 'confusion')
      .flag('suspectedInfection');
    const temperature = observationValue(c, RISK_LOINC.bodyTemperatureC, 'Cel');
    if (b.values.suspectedInfection === undefined && temperature !== undefined && temperature >= 38) {
      b.set('suspectedInfection', true, 'observation of body temperature (temperature ≥ 38 °C)');
      b.unknown.splice(b.unknown.indexOf('suspectedInfection'), 1);
    }
    return b.build();
  },
  'ada-diabetes': (c) =>
    new PrefillBuilder(c)
      .observation('hba1cPercent', RISK_LOINC.hba1cPercent, '%')
      .observation('fastingGlucoseMgDl', RISK_LOINC.fastingGlucose, 'mg/dL')
      .observation('ogtt2hGlucoseMgDl', RISK_LOINC.ogtt2hGlucose, 'mg/dL')
      .observation('randomGlucoseMgDl', RISK_LOINC.randomGlucose, 'mg/dL')
      .flag('classicSymptoms')
      .flag('pregnant')
      .build(),
};

/**
 * Why a case is not one the risk models apply to: the record says the patient has died (the FHIR importer's
 * SNOMED CT 419099009 finding, from `Patient.deceased[x]`). Undefined for a living patient.
 */
export function deceasedReason(clinicalCase: ClinicalCase): string | undefined {
  const deceased = deceasedFinding(clinicalCase.findings);
  if (!deceased) return undefined;
  const when = deceased.onset ? ` on ${deceased.onset.slice(0, 10)}` : '';
  return `the patient died${when}: risk models estimate a living patient's risk, and the case's age is the age at death`;
}

/** The prefill of an engine for a case (empty when the engine reads nothing from cases). */
export function prefillFromCase(
  engineId: string,
  clinicalCase: ClinicalCase,
  imageSources: readonly ImageEvidenceSource[] = IMAGE_EVIDENCE_SOURCES,
): Prefill {
  const prefill = PREFILLS[engineId]?.(clinicalCase, imageSources) ?? {
    values: {},
    sources: {},
    assumedAbsent: [],
    unknown: [],
  };
  const deceased = deceasedReason(clinicalCase);
  return deceased ? { ...prefill, notApplicable: deceased } : prefill;
}
