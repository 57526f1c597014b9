/**
 * Plain clinical labels (with units) for every risk-model input, as a clinician would write them on a form: the
 * API's field names (`bunMgDl`, `extrathoracicCancerOver5y`) never reach the page. A field not listed falls back to
 * a label made from its name (`labelOf` in form-fields.ts). `humanize` rewrites field names inside messages and
 * descriptions the API sends, and pointers such as `body/respiratoryRate`.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  age: 'Age (years)',
  sex: 'Sex',
  smoker: 'Smoker (current or former)',
  familyHistoryLungCancer: 'Lung cancer in a parent, sibling or child',
  emphysema: 'Emphysema on CT',
  extrathoracicCancerOver5y: 'Cancer outside the chest, diagnosed more than 5 years ago',
  noduleDiameterMm: 'Nodule diameter (mm)',
  noduleType: 'Nodule type',
  solidComponentMm: 'Solid component (mm)',
  upperLobe: 'Nodule in an upper lobe',
  noduleCount: 'Number of nodules on the scan',
  spiculation: 'Spiculated margin',
  setting: 'Setting',
  knownCancer: 'Known primary cancer',
  immunosuppressed: 'Immunosuppressed',
  pretestModel: 'Pre-test model',
  ceaNgMl: 'CEA (ng/mL)',
  petUptake: 'FDG-PET uptake',
  evidence: 'Test results to add (likelihood ratios)',
  lungRadsVersion: 'Lung-RADS version',
  noduleVolumeMm3: 'Nodule volume (mm³)',
  version: 'Lung-RADS version',
  scan: 'Screening CT',
  finding: 'Most suspicious finding',
  meanDiameterMm: 'Mean diameter (mm)',
  change: 'Change since the prior CT',
  priorMeanDiameterMm: 'Mean diameter at the prior CT (mm)',
  monthsSincePrior: 'Months since the prior CT',
  priorCategory: 'Category at the prior CT',
  provenBenign: 'Proven benign after work-up',
  airwayLocation: 'Airway nodule location',
  cyst: 'Atypical cyst feature',
  suspiciousFeatures: 'Features that raise suspicion',
  incomplete: 'Incomplete exam (category 0)',
  significantOtherFinding: 'Significant finding unrelated to lung cancer (S)',
  screening: 'Lung cancer screening CT',
  multiple: 'More than one nodule',
  highRisk: 'High clinical risk',
  pretestProbability: 'Pre-test probability (0–1)',
  pretestLabel: 'Where the pre-test probability came from',
  modelInputs: 'Inputs the pre-test model already used',
  composition: 'Composition',
  echogenicity: 'Echogenicity',
  shape: 'Shape',
  margin: 'Margin',
  echogenicFoci: 'Echogenic foci',
  maxDiameterMm: 'Maximum diameter (mm)',
  confusion: 'New confusion',
  ureaMmolL: 'Urea (mmol/L)',
  bunMgDl: 'Blood urea nitrogen, BUN (mg/dL)',
  respiratoryRate: 'Respiratory rate (breaths/min)',
  systolicBp: 'Systolic blood pressure (mmHg)',
  diastolicBp: 'Diastolic blood pressure (mmHg)',
  clinicalSignsDvt: 'Clinical signs of deep vein thrombosis',
  peMostLikely: 'PE the most likely diagnosis',
  heartRate: 'Heart rate (beats/min)',
  immobilizationOrRecentSurgery: 'Immobilised ≥ 3 days or surgery in the last 4 weeks',
  previousPeOrDvt: 'Previous PE or DVT',
  hemoptysis: 'Haemoptysis',
  malignancy: 'Active cancer',
  congestiveHeartFailure: 'Heart failure or LV dysfunction',
  hypertension: 'Hypertension',
  diabetes: 'Diabetes',
  strokeTiaThromboembolism: 'Prior stroke, TIA or thromboembolism',
  vascularDisease: 'Vascular disease (MI, peripheral artery disease, aortic plaque)',
  mechanicalValveOrMitralStenosis: 'Mechanical valve or moderate–severe mitral stenosis',
  guidelineVersion: 'ESC guideline edition',
  suspectedInfection: 'Infection suspected',
  alteredMentation: 'Altered mentation (GCS < 15)',
  hba1cPercent: 'HbA1c (%)',
  fastingGlucoseMgDl: 'Fasting plasma glucose (mg/dL)',
  ogtt2hGlucoseMgDl: '2-hour glucose in a 75 g OGTT (mg/dL)',
  randomGlucoseMgDl: 'Random plasma glucose (mg/dL)',
  classicSymptoms: 'Classic symptoms of hyperglycaemia',
  confirmedOnRepeat: 'Already abnormal on an earlier day',
  pregnant: 'Pregnant',
  standardsEdition: 'ADA Standards of Care edition',
  // Fusion evidence rows.
  id: 'Short name',
  label: 'Test or finding',
  likelihoodRatio: 'Likelihood ratio',
  source: 'Source',
  correlatesWith: 'Overlaps with inputs',
};

/** Labels of enum options where the code is not what a clinician writes. */
export const OPTION_LABELS: Readonly<Record<string, string>> = {
  nonsolid: 'non-solid (ground-glass)',
  'part-solid': 'part-solid',
  'follow-up': 'follow-up',
  female: 'female',
  male: 'male',
  incidental: 'incidental finding (Fleischner)',
};

const byLength = (a: string, b: string) => b.length - a.length;
const ALL_NAMES = Object.keys(FIELD_LABELS).sort(byLength);
/** camelCase names (`bunMgDl`) are never English words, so they are replaced anywhere. */
const CODE_NAMES = ALL_NAMES.filter((name) => /[A-Z]/.test(name));
const POINTER = new RegExp(`(?:/?body)?(?:/input)?/(${ALL_NAMES.join('|')})\\b`, 'g');
const CODE_NAME = new RegExp(`\\b(${CODE_NAMES.join('|')})\\b`, 'g');

/**
 * A message with API field names replaced by their labels: pointers (`body/respiratoryRate`, `/input/age`) for every
 * field, and camelCase names (`bunMgDl`) anywhere; plain words such as "confusion" in a sentence are left alone.
 */
export function humanize(text: string): string {
  const label = (_match: string, name: string) => `“${FIELD_LABELS[name] ?? name}”`;
  return text.replace(POINTER, label).replace(CODE_NAME, label);
}
