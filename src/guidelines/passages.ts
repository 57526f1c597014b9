/**
 * The guideline library: short passages in HealthGPT's own words summarising what each guideline edition says.
 * Nothing here is quoted from a guideline; every passage is a paraphrase written for retrieval and must be checked
 * against the cited publication before clinical use. `topic` links the passages of different editions of one
 * guideline that answer the same question; `changed` on a superseded edition's passage says whether its advice
 * differs from the next edition's (so an answer can flag it).
 */
export interface GuidelinePassage {
  /** Stable id: `<guideline>/<edition slug>/<topic>`. */
  readonly id: string;
  /** Registry id of the guideline (see `editions.ts`). */
  readonly guideline: string;
  /** Edition as the registry names it. */
  readonly edition: string;
  /** Section of the guideline the passage summarises. */
  readonly section: string;
  /** Same topic across editions. */
  readonly topic: string;
  /** The passage, own words. */
  readonly text: string;
  /** For a superseded edition: true when this advice differs from the edition that replaced it. */
  readonly changed?: boolean;
}

type Spec = Omit<GuidelinePassage, 'id' | 'guideline' | 'edition'>;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function edition(guideline: string, ed: string, specs: readonly Spec[]): GuidelinePassage[] {
  return specs.map((s) => ({ id: `${guideline}/${slug(ed)}/${s.topic}`, guideline, edition: ed, ...s }));
}

const LUNG_RADS_2022 = edition('lung-rads', 'v2022', [
  {
    topic: 'scope-size',
    section: 'General notes: size and growth',
    text: 'Lung-RADS v2022 classifies nodules on low-dose CT lung cancer screening. Nodule size is the mean of the long and short axes on lung windows, reported to one decimal place. Growth means an increase in mean diameter of more than 1.5 mm within 12 months; a nodule that crosses into a higher size band is re-categorised even without meeting the growth definition. The exam is coded by its most suspicious finding.',
  },
  {
    topic: 'category-0',
    section: 'Category 0 (incomplete)',
    text: 'Category 0 (incomplete) applies when a prior CT is being located for comparison, when part of the lungs cannot be evaluated, or when findings suggest an infectious or inflammatory process. For suspected infection or inflammation (segmental or lobar consolidation, many new nodules, large nodules appearing over a short interval) v2022 advises a repeat low-dose CT in 1 to 3 months.',
  },
  {
    topic: 'category-1-2',
    section: 'Categories 1 and 2 (negative, benign)',
    text: 'Category 1 is no nodules or nodules with benign calcification or fat. Category 2 (benign appearance) includes solid nodules under 6 mm at baseline or new under 4 mm, part-solid nodules under 6 mm total at baseline, ground-glass nodules under 30 mm, juxtapleural (including perifissural) smooth solid nodules under 10 mm, subsegmental airway nodules, and a category 3 nodule that is stable or smaller at the 6-month CT. Categories 1 and 2 continue annual low-dose CT screening in 12 months.',
  },
  {
    topic: 'category-3',
    section: 'Category 3 (probably benign)',
    text: 'Category 3 (probably benign) covers solid nodules of 6 to under 8 mm at baseline or new nodules of 4 to under 6 mm, part-solid nodules of 6 mm or more total with a solid part under 6 mm, ground-glass nodules of 30 mm or more at baseline or new, and a category 4A nodule stable or smaller at the 3-month CT. Management is a low-dose CT at 6 months.',
  },
  {
    topic: 'category-4a',
    section: 'Category 4A (suspicious)',
    text: 'Category 4A (suspicious) covers solid nodules of 8 to under 15 mm at baseline, growing nodules under 8 mm, new solid nodules of 6 to under 8 mm, part-solid nodules whose solid part is 6 to under 8 mm, segmental or more proximal airway nodules, and some atypical cysts. Management is a low-dose CT at 3 months; PET/CT may be considered when a solid nodule or solid component is 8 mm or larger.',
  },
  {
    topic: 'category-4b-4x',
    section: 'Categories 4B and 4X (very suspicious)',
    text: "Category 4B covers solid nodules of 15 mm or more at baseline, new or growing solid nodules of 8 mm or more, part-solid nodules with a solid part of 8 mm or more (or a new or growing solid part of 4 mm or more), airway nodules persisting at the 3-month CT, and slowly growing nodules over several screens. Category 4X is a category 3 or 4 nodule with extra features raising suspicion such as spiculation or lymphadenopathy. Work-up is diagnostic chest CT, PET/CT, tissue sampling or referral, guided by the probability of cancer and the patient's preference.",
  },
  {
    topic: 'changes',
    section: 'What changed from v1.1',
    text: 'Lung-RADS v2022 changed v1.1 in several ways: the benign perifissural rule was widened to all juxtapleural nodules; airway nodules got their own rules (subsegmental category 2, segmental or proximal 4A, persistent 4B); atypical pulmonary cysts were added; stepped management lets category 3 nodules stable at 6 months return to category 2 and 4A nodules stable at 3 months return to category 3; growth is defined within 12 months; and suspected infection became category 0 with a 1 to 3 month CT.',
  },
]);

const LUNG_RADS_11 = edition('lung-rads', 'v1.1', [
  {
    topic: 'category-1-2',
    section: 'Categories 1 and 2',
    changed: true,
    text: 'In Lung-RADS v1.1, category 2 covered solid nodules under 6 mm (new under 4 mm), part-solid under 6 mm total at baseline, ground-glass nodules under 30 mm, perifissural nodules under 10 mm, and category 3 or 4 nodules unchanged for 3 months or more. The benign rule for perifissural nodules was not yet extended to other juxtapleural nodules.',
  },
  {
    topic: 'category-3',
    section: 'Category 3',
    changed: true,
    text: 'Lung-RADS v1.1 category 3 was solid 6 to under 8 mm at baseline or new 4 to under 6 mm, part-solid 6 mm or more with a solid part under 6 mm, or ground-glass 30 mm or more; management was a 6-month low-dose CT. A category 3 or 4 nodule unchanged for 3 months or more could be downgraded to category 2.',
  },
  {
    topic: 'category-4a',
    section: 'Category 4A',
    changed: true,
    text: 'Lung-RADS v1.1 category 4A was solid 8 to under 15 mm at baseline, growing under 8 mm, new 6 to under 8 mm, part-solid with a solid part of 6 to under 8 mm, or any endobronchial nodule; management was a 3-month low-dose CT, with PET/CT an option for a solid component of 8 mm or more. Airway nodules were not split by level as in v2022.',
  },
  {
    topic: 'category-4b-4x',
    section: 'Categories 4B and 4X',
    changed: true,
    text: 'Lung-RADS v1.1 category 4B was solid 15 mm or more, new or growing 8 mm or more, or part-solid with a solid part of 8 mm or more or a new or growing solid part of 4 mm or more; work-up by chest CT, PET/CT or tissue sampling. Category 4X added suspicious features. v1.1 had no separate rules for atypical cysts or slowly growing nodules.',
  },
]);

const FLEISCHNER_2017 = edition('fleischner', '2017', [
  {
    topic: 'scope',
    section: 'Scope',
    text: 'The Fleischner Society 2017 recommendations apply to incidental pulmonary nodules found on CT in adults aged 35 or older. They do not apply to lung cancer screening, to patients with a known cancer, or to immunocompromised patients. Size is the average of the long and short axes rounded to the nearest millimetre.',
  },
  {
    topic: 'solid-single',
    section: 'Single solid nodules',
    text: 'Fleischner 2017, single solid nodule: under 6 mm needs no routine follow-up in a low-risk patient, while an optional CT at 12 months can be done in a high-risk patient. For 6 to 8 mm, CT at 6 to 12 months, then CT at 18 to 24 months (to be considered in low risk, advised in high risk). For a nodule over 8 mm, consider CT at 3 months, PET/CT or tissue sampling.',
  },
  {
    topic: 'solid-multiple',
    section: 'Multiple solid nodules',
    text: 'Fleischner 2017, multiple solid nodules: when all are under 6 mm no routine follow-up is needed in low risk and an optional 12-month CT may be done in high risk; when any is 6 mm or larger, CT at 3 to 6 months, then CT at 18 to 24 months (to be considered in low risk, advised in high risk). The most suspicious nodule guides management.',
  },
  {
    topic: 'subsolid',
    section: 'Subsolid nodules',
    text: 'Fleischner 2017, subsolid nodules: a single ground-glass nodule under 6 mm needs no routine follow-up; 6 mm or larger, CT at 6 to 12 months to confirm it persists, then every 2 years up to 5 years. A single part-solid nodule of 6 mm or more gets CT at 3 to 6 months; if unchanged with a solid part under 6 mm, yearly CT for 5 years; a persistent solid component of 6 mm or more is highly suspicious. Multiple subsolid nodules under 6 mm: CT at 3 to 6 months, then consider 2 and 4 years.',
  },
  {
    topic: 'risk',
    section: 'Patient risk',
    text: 'Fleischner 2017 separates low-risk patients (little or no smoking and no other risk factors) from high-risk patients (heavy smoking, asbestos or radon exposure, family history, older age, emphysema or fibrosis); nodule features such as spiculation and upper-lobe site also raise suspicion. The 2017 statement replaced the 2005 solid-nodule and 2013 subsolid-nodule statements and raised the size threshold for follow-up to 6 mm.',
  },
]);

const TIRADS_2017 = edition('acr-tirads', '2017', [
  {
    topic: 'points',
    section: 'Scoring features',
    text: 'ACR TI-RADS 2017 scores a thyroid nodule on ultrasound in five categories: composition (cystic or spongiform 0, mixed cystic and solid 1, solid 2), echogenicity (anechoic 0, hyper- or isoechoic 1, hypoechoic 2, very hypoechoic 3), shape (taller-than-wide 3), margin (lobulated or irregular 2, extrathyroidal extension 3) and echogenic foci, where every type present adds (macrocalcification 1, peripheral rim 2, punctate echogenic foci 3). The points are summed.',
  },
  {
    topic: 'levels-fna',
    section: 'Levels and fine-needle aspiration thresholds',
    text: 'ACR TI-RADS 2017 levels: TR1 benign (0 points) and TR2 not suspicious (2 points) need no FNA. TR3 mildly suspicious (3 points): FNA at 2.5 cm or more, follow-up ultrasound at 1.5 cm or more. TR4 moderately suspicious (4 to 6 points): FNA at 1.5 cm or more, follow-up at 1.0 cm. TR5 highly suspicious (7 or more): FNA at 1.0 cm or more, follow-up at 0.5 cm.',
  },
  {
    topic: 'follow-up',
    section: 'Follow-up and growth',
    text: 'ACR TI-RADS 2017 follow-up: TR3 nodules at 1, 3 and 5 years, TR4 at 1, 2, 3 and 5 years, TR5 yearly up to 5 years. Significant enlargement is an increase of at least 20 percent and 2 mm in two dimensions, or more than 50 percent in volume. With more than four nodules, report the four highest-scoring and biopsy at most two.',
  },
]);

const BTS_NODULES_2015 = edition('bts-pulmonary-nodules', '2015', [
  {
    topic: 'small-nodules',
    section: 'Initial approach by size',
    text: 'BTS 2015 pulmonary nodules: nodules under 5 mm (or under 80 cubic mm) need no follow-up. Nodules of 5 to under 8 mm (80 to under 300 cubic mm) are followed by CT surveillance, preferably with volumetry. For solid nodules of 8 mm or more (300 cubic mm or more) the malignancy risk is estimated with the Brock model.',
  },
  {
    topic: 'brock-herder',
    section: 'Risk models: Brock and Herder',
    text: 'BTS 2015 uses the Brock (PanCan) model for the probability of malignancy. Below 10 percent, CT surveillance; 10 percent or more, PET-CT, then the Herder model combines the pre-test risk with FDG uptake. After Herder, under 10 percent favours surveillance, 10 to 70 percent biopsy or excision or surveillance by patient choice, and over 70 percent excision or non-surgical treatment.',
  },
  {
    topic: 'growth-stop',
    section: 'Growth and stopping surveillance',
    text: 'BTS 2015 prefers volumetric measurement and volume doubling time. A solid nodule stable over 2 years (or 1 year by volumetry) can be discharged; a volume doubling time over 600 days suggests a benign course, 400 to 600 days calls for biopsy or continued surveillance by patient choice, and under 400 days suggests malignancy and needs work-up. Persistent subsolid nodules are followed for longer and assessed with Brock once persistent at 3 months.',
  },
]);

const ACCP_2013 = edition('accp-lung-nodules', '2013', [
  {
    topic: 'solid-over-8mm',
    section: 'Solid nodules larger than 8 mm',
    text: 'ACCP 2013, solid nodule over 8 mm: estimate the pre-test probability of cancer, clinically or with a validated model such as Mayo. Low probability (under about 5 percent) suits CT surveillance; intermediate probability (about 5 to 65 percent) suits FDG-PET; high probability (over about 65 percent) suits surgical diagnosis. Non-surgical biopsy is an option when probability and imaging disagree.',
  },
  {
    topic: 'solid-8mm-or-less',
    section: 'Solid nodules 8 mm or smaller',
    text: 'ACCP 2013, solid nodules 8 mm or less, without risk factors: 4 mm or less optional follow-up; over 4 to 6 mm CT at 12 months; over 6 to 8 mm CT at 6 to 12 months and again at 18 to 24 months. With risk factors the intervals shorten (for instance over 6 to 8 mm at 3 to 6, 9 to 12 and 24 months). Solid nodules stable for 2 years need no further follow-up.',
  },
  {
    topic: 'subsolid',
    section: 'Subsolid nodules',
    text: 'ACCP 2013, subsolid nodules: pure ground-glass 5 mm or less needs no follow-up; over 5 mm, yearly CT for at least 3 years. Part-solid 8 mm or less: CT at about 3, 12 and 24 months then yearly. Part-solid over 8 mm: repeat CT at 3 months and, if it persists, PET, biopsy or resection.',
  },
]);

const BTS_CAP_2009 = edition('bts-cap', '2009', [
  {
    topic: 'curb65-score',
    section: 'Severity assessment: CURB-65',
    text: 'The BTS 2009 pneumonia guideline assesses severity in hospital with CURB-65, one point each for new confusion, urea over 7 mmol/L, respiratory rate of 30 or more per minute, low blood pressure (systolic under 90 or diastolic 60 mmHg or less) and age 65 or over. In the community CRB-65 drops the urea.',
  },
  {
    topic: 'curb65-management',
    section: 'Severity groups and place of care',
    text: 'BTS 2009 CURB-65 groups: 0 to 1 is low severity and usually suitable for home treatment; 2 is moderate severity and a short hospital stay or supervised outpatient care is considered; 3 or more is high severity needing hospital care, with intensive care assessment at 4 to 5. Thirty-day mortality rises from under 1 percent at 0 to above 40 percent at 4 or more.',
  },
  {
    topic: 'antibiotics',
    section: 'Antibiotic choice by severity',
    text: 'BTS 2009 antibiotics for community-acquired pneumonia: low severity, oral amoxicillin (a macrolide or tetracycline if allergic); moderate severity, amoxicillin plus a macrolide such as clarithromycin; high severity, a beta-lactamase stable beta-lactam such as co-amoxiclav intravenously plus a macrolide. The first dose is due within 4 hours of presentation, and without delay once high-severity pneumonia is diagnosed.',
  },
]);

const NICE_PNEUMONIA = edition('nice-pneumonia', 'CG191 (2014, updated 2019)', [
  {
    topic: 'severity',
    section: 'Severity assessment (CRB65 and CURB65)',
    text: 'NICE CG191 uses CRB65 in primary care (0 low risk, home care likely; 1 to 2 intermediate, consider hospital; 3 to 4 high risk, urgent admission) and CURB65 in hospital (0 to 1 low, 2 moderate, 3 to 5 high severity) together with clinical judgement to decide on place of care.',
  },
  {
    topic: 'treatment',
    section: 'Timing and length of antibiotics, discharge',
    text: 'NICE CG191: give antibiotics within 4 hours of diagnosis of community-acquired pneumonia in hospital; a 5-day course for low-severity pneumonia; do not discharge if in the past 24 hours two or more of fever, fast breathing, fast pulse, low systolic pressure, low oxygen saturation, confusion or inability to eat unaided were present.',
  },
]);

const NICE_VTE_2020 = edition('nice-vte', '2020', [
  {
    topic: 'pe-wells',
    section: 'Suspected pulmonary embolism: two-level Wells',
    text: 'NICE NG158 uses the two-level Wells score for suspected pulmonary embolism. A score over 4 means PE likely: arrange CT pulmonary angiography straight away, with interim anticoagulation if imaging is delayed. A score of 4 or less means PE unlikely: do a D-dimer test and arrange CTPA only if it is positive. The Wells items are signs of DVT 3, PE the most likely diagnosis 3, heart rate over 100 1.5, immobilisation or recent surgery 1.5, previous VTE 1.5, haemoptysis 1 and cancer 1.',
  },
  {
    topic: 'perc-ddimer',
    section: 'PERC and D-dimer',
    text: 'NICE NG158: when clinical suspicion of PE is low, consider the pulmonary embolism rule-out criteria (PERC) before further testing; if all criteria are negative, PE can be excluded without a D-dimer. An age-adjusted D-dimer threshold can be considered for people over 50.',
  },
  {
    topic: 'dvt-wells',
    section: 'Suspected deep vein thrombosis',
    text: 'NICE NG158, suspected DVT: use the two-level DVT Wells score. If DVT is likely (2 points or more), arrange a proximal leg vein ultrasound within 4 hours, or a D-dimer and interim anticoagulation if that is not possible. If DVT is unlikely (1 point or less), do a D-dimer and an ultrasound only when it is positive.',
  },
  {
    topic: 'treatment',
    section: 'Anticoagulation',
    text: 'NICE NG158 treatment of confirmed DVT or PE: offer apixaban or rivaroxaban first; if unsuitable, low molecular weight heparin followed by dabigatran or edoxaban, or heparin with a vitamin K antagonist. Anticoagulate for at least 3 months (3 to 6 months for active cancer), then review bleeding and recurrence risk.',
  },
]);

const ESC_AF_2024 = edition('esc-af', '2024', [
  {
    topic: 'stroke-score',
    section: 'Stroke risk: CHA2DS2-VA',
    text: 'The 2024 ESC atrial fibrillation guideline assesses stroke risk with CHA2DS2-VA, which drops female sex from CHA2DS2-VASc: heart failure 1, hypertension 1, age 75 or over 2, diabetes 1, prior stroke, TIA or thromboembolism 2, vascular disease 1, age 65 to 74 1. Oral anticoagulation is recommended at a score of 2 or more and should be considered at a score of 1, for women and men alike.',
  },
  {
    topic: 'oac-choice',
    section: 'Choice of anticoagulant and bleeding risk',
    text: 'ESC 2024: direct oral anticoagulants are preferred over vitamin K antagonists except in people with mechanical heart valves or moderate to severe mitral stenosis. Bleeding risk scores should not be used to withhold anticoagulation; modifiable bleeding risk factors are addressed instead.',
  },
  {
    topic: 'framework',
    section: 'AF-CARE framework',
    text: 'ESC 2024 organises AF care as AF-CARE: Comorbidity and risk factor management, Avoid stroke and thromboembolism, Reduce symptoms by rate and rhythm control, and Evaluation and dynamic reassessment. It replaces the ABC pathway of the 2020 guideline.',
  },
]);

const ESC_AF_2020 = edition('esc-af', '2020', [
  {
    topic: 'stroke-score',
    section: 'Stroke risk: CHA2DS2-VASc',
    changed: true,
    text: 'The 2020 ESC atrial fibrillation guideline used CHA2DS2-VASc, which adds a point for female sex. Oral anticoagulation was recommended at 2 or more in men and 3 or more in women, and should be considered at 1 in men and 2 in women; a score of 0 in men or 1 in women was low risk.',
  },
  {
    topic: 'oac-choice',
    section: 'Bleeding risk: HAS-BLED',
    changed: true,
    text: 'ESC 2020 recommended assessing bleeding risk with HAS-BLED to find modifiable risk factors and flag high-risk patients for closer review; a high score was not a reason on its own to withhold anticoagulation. DOACs were preferred over vitamin K antagonists in eligible patients.',
  },
  {
    topic: 'framework',
    section: 'ABC pathway',
    changed: true,
    text: 'ESC 2020 organised integrated AF care as the ABC pathway: Anticoagulation and Avoid stroke, Better symptom control, and Cardiovascular risk factor and comorbidity optimisation, within its CC to ABC approach: confirm AF, characterise it (the 4S-AF scheme), then treat by the ABC pathway.',
  },
]);

const SEPSIS_3 = edition('sepsis-3', '2016', [
  {
    topic: 'definitions',
    section: 'Definitions of sepsis and septic shock',
    text: 'Sepsis-3 (2016) defines sepsis as life-threatening organ dysfunction caused by a dysregulated host response to infection, with organ dysfunction identified as an acute rise in the SOFA score of 2 points or more. Septic shock is sepsis needing vasopressors to keep mean arterial pressure at 65 mmHg or more with a lactate above 2 mmol/L despite adequate fluid resuscitation. The term severe sepsis was dropped.',
  },
  {
    topic: 'qsofa',
    section: 'qSOFA',
    text: 'Sepsis-3 introduced qSOFA for adults with suspected infection outside intensive care: one point each for respiratory rate of 22 per minute or more, altered mentation (GCS below 15) and systolic blood pressure of 100 mmHg or less. A score of 2 or more marks a higher risk of death or prolonged ICU stay and should prompt a search for organ dysfunction. qSOFA is not part of the definition of sepsis.',
  },
]);

const SSC_2021 = edition('ssc', '2021', [
  {
    topic: 'screening-qsofa',
    section: 'Screening: qSOFA',
    text: 'The Surviving Sepsis Campaign 2021 recommends against using qSOFA alone, in place of SIRS, NEWS or MEWS, as a single screening tool for sepsis or septic shock: qSOFA is specific but not sensitive enough to rule sepsis out. Hospitals should run sepsis screening and performance improvement programmes.',
  },
  {
    topic: 'antibiotics',
    section: 'Timing of antimicrobials',
    text: 'Surviving Sepsis Campaign 2021: for possible septic shock or a high likelihood of sepsis, give antimicrobials immediately, ideally within 1 hour of recognition. When sepsis is possible without shock, assess rapidly and give antimicrobials within 3 hours if infection remains the concern.',
  },
  {
    topic: 'resuscitation',
    section: 'Initial resuscitation',
    text: 'Surviving Sepsis Campaign 2021: in sepsis-induced hypoperfusion or septic shock, give at least 30 mL/kg of intravenous crystalloid within the first 3 hours (a weak recommendation), prefer balanced crystalloids, target a mean arterial pressure of 65 mmHg, use noradrenaline (norepinephrine) as the first vasopressor, and measure lactate, using falling lactate and capillary refill time to guide resuscitation.',
  },
]);

const ADA_CRITERIA_TEXT =
  'any one of: HbA1c 6.5 percent (48 mmol/mol) or more by a standardised laboratory method; fasting plasma glucose 126 mg/dL (7.0 mmol/L) or more after at least 8 hours without calories; 2-hour plasma glucose 200 mg/dL (11.1 mmol/L) or more in a 75 g oral glucose tolerance test; or a random plasma glucose of 200 mg/dL or more with classic symptoms of hyperglycaemia or a hyperglycaemic crisis.';
const ADA_CONFIRM_TEXT =
  'Without unequivocal hyperglycaemia the diagnosis needs two abnormal results, either two different tests from the same sample or two samples of the same test. Prediabetes is HbA1c 5.7 to 6.4 percent, fasting glucose 100 to 125 mg/dL (impaired fasting glucose) or 2-hour glucose 140 to 199 mg/dL (impaired glucose tolerance).';

function adaEdition(ed: '2025' | '2024' | '2023', superseded: boolean): GuidelinePassage[] {
  return edition('ada-standards', ed, [
    {
      topic: 'criteria',
      section: 'Section 2: criteria for the diagnosis of diabetes',
      text: `ADA Standards of Care ${ed}, diagnosis of diabetes: ${ADA_CRITERIA_TEXT}`,
      ...(superseded ? { changed: false } : {}),
    },
    {
      topic: 'confirmation',
      section: 'Section 2: confirming the diagnosis; prediabetes',
      text: `ADA Standards of Care ${ed}: ${ADA_CONFIRM_TEXT}`,
      ...(superseded ? { changed: false } : {}),
    },
    {
      topic: 'screening',
      section: 'Section 2: screening for prediabetes and type 2 diabetes',
      text: `ADA Standards of Care ${ed}: test all adults from age 35, and earlier for adults with overweight or obesity and one or more risk factors (such as a first-degree relative with diabetes, high-risk ethnicity, cardiovascular disease, hypertension, low HDL or high triglycerides, polycystic ovary syndrome, physical inactivity); repeat at least every 3 years when normal. The diagnostic thresholds are the same in the 2023, 2024 and 2025 editions.`,
      ...(superseded ? { changed: false } : {}),
    },
  ]);
}

const NEWS2 = edition('rcp-news', 'NEWS2 (2017)', [
  {
    topic: 'parameters',
    section: 'Scoring parameters',
    text: 'NEWS2 (Royal College of Physicians, 2017) scores seven parameters in adults: respiratory rate, oxygen saturation, use of supplemental oxygen (2 points), systolic blood pressure, pulse, level of consciousness or new confusion, and temperature. Each scores 0 to 3, for example respiratory rate 8 or less or 25 or more scores 3, pulse 131 or more scores 3, systolic 90 mmHg or less scores 3, temperature 35.0 or less scores 3, and new confusion (ACVPU) scores 3.',
  },
  {
    topic: 'response',
    section: 'Thresholds and clinical response',
    text: 'NEWS2 aggregate score and response: 0 to 4 is low risk (ward-based response, routine monitoring); a score of 3 in any single parameter needs an urgent ward-based review; 5 to 6 is medium risk, the key threshold for an urgent review by a clinician competent in acute illness; 7 or more is high risk needing an emergency response, often from a critical care team. A score of 5 or more should also prompt consideration of sepsis.',
  },
  {
    topic: 'oxygen-scales',
    section: 'SpO2 scale 2 and confusion',
    text: 'NEWS2 added a second oxygen saturation scale for patients with confirmed hypercapnic respiratory failure whose prescribed target is 88 to 92 percent, so they are not penalised for saturations in their target range; it also added new-onset confusion to the consciousness item (ACVPU), scoring 3.',
  },
]);

const NEWS_2012 = edition('rcp-news', 'NEWS (2012)', [
  {
    topic: 'oxygen-scales',
    section: 'Oxygen saturation and consciousness',
    changed: true,
    text: 'The original NEWS (2012) had a single oxygen saturation scale for everyone, so patients with hypercapnic respiratory failure and a target of 88 to 92 percent scored points in their target range; consciousness was scored on AVPU without new confusion. NEWS2 changed both.',
  },
  {
    topic: 'response',
    section: 'Thresholds',
    changed: false,
    text: 'NEWS (2012) used the same trigger bands as NEWS2: an aggregate of 5 or more, or 3 in one parameter, for urgent review, and 7 or more for an emergency response.',
  },
]);

const BTS_OXYGEN_2017 = edition('bts-oxygen', '2017', [
  {
    topic: 'targets',
    section: 'Target oxygen saturation ranges',
    text: 'BTS 2017 emergency oxygen: prescribe oxygen to a target saturation range rather than giving it to everyone. For most acutely ill patients aim for 94 to 98 percent; for those at risk of hypercapnic (type 2) respiratory failure, such as COPD, severe obesity, chest wall deformity, neuromuscular disease or cystic fibrosis, aim for 88 to 92 percent until blood gases are known.',
  },
  {
    topic: 'no-hypoxaemia',
    section: 'Patients who are not hypoxaemic',
    text: 'BTS 2017: oxygen is a treatment for hypoxaemia, not breathlessness; patients with normal or near-normal saturations, including most with myocardial infarction, acute coronary syndromes or stroke, do not need supplemental oxygen. In critical illness (cardiac arrest, shock, major trauma, anaphylaxis, sepsis) start high-concentration oxygen by reservoir mask and then titrate to the target range.',
  },
]);

const RCUK_ANAPHYLAXIS_2021 = edition('rcuk-anaphylaxis', '2021', [
  {
    topic: 'adrenaline',
    section: 'Intramuscular adrenaline',
    text: 'Resuscitation Council UK 2021 anaphylaxis: give intramuscular adrenaline into the anterolateral thigh as soon as anaphylaxis is recognised — 500 micrograms for adults and children over 12, 300 micrograms for children aged 6 to 12, 150 micrograms for children 6 months to 6 years, and 100 to 150 micrograms under 6 months. Repeat after 5 minutes if breathing or circulation problems persist.',
  },
  {
    topic: 'refractory',
    section: 'Refractory anaphylaxis; antihistamines and steroids',
    text: 'Resuscitation Council UK 2021: anaphylaxis that does not improve after two doses of intramuscular adrenaline is refractory and needs expert help and a low-dose intravenous adrenaline infusion, with intravenous fluid boluses. Antihistamines are not part of the initial emergency treatment (they may help skin symptoms afterwards), and corticosteroids are no longer advised routinely.',
  },
]);

const NICE_HEAD_INJURY_2023 = edition('nice-head-injury', 'NG232 (2023)', [
  {
    topic: 'ct-1-hour',
    section: 'CT head within 1 hour (adults)',
    text: 'NICE NG232, adults with a head injury: arrange a CT head scan within 1 hour for any of: GCS below 13 on first emergency department assessment; GCS below 15 two hours after the injury; suspected open or depressed skull fracture; signs of a base of skull fracture; a post-traumatic seizure; a focal neurological deficit; or more than one episode of vomiting.',
  },
  {
    topic: 'ct-8-hours',
    section: 'CT head within 8 hours; anticoagulants',
    text: 'NICE NG232: adults with loss of consciousness or amnesia since the injury and age 65 or over, a bleeding or clotting disorder, a dangerous mechanism of injury, or more than 30 minutes of retrograde amnesia get a CT head within 8 hours. People taking anticoagulants should be considered for CT within 8 hours even without other risk factors.',
  },
]);

/** Every passage of the library. */
export const GUIDELINE_PASSAGES: readonly GuidelinePassage[] = [
  ...LUNG_RADS_2022,
  ...LUNG_RADS_11,
  ...FLEISCHNER_2017,
  ...TIRADS_2017,
  ...BTS_NODULES_2015,
  ...ACCP_2013,
  ...BTS_CAP_2009,
  ...NICE_PNEUMONIA,
  ...NICE_VTE_2020,
  ...ESC_AF_2024,
  ...ESC_AF_2020,
  ...SEPSIS_3,
  ...SSC_2021,
  ...adaEdition('2025', false),
  ...adaEdition('2024', true),
  ...adaEdition('2023', true),
  ...NEWS2,
  ...NEWS_2012,
  ...BTS_OXYGEN_2017,
  ...RCUK_ANAPHYLAXIS_2021,
  ...NICE_HEAD_INJURY_2023,
];
