import { TRIAGE_RANK, type TriageReason } from '../../triage/index.js';
import type { CombinedDifferential } from './combine.js';

/**
 * Red-flag patterns as diagnostic evidence. A triage red flag is a syndrome read from the whole note — FAST (face
 * droop, arm weakness, slurred speech), Charcot's triad, a redcurrant-jelly stool with colicky screaming — and often
 * from words the differential's finding vocabulary does not hold. When such a rule fires, the conditions it names
 * are far more likely than the findings alone make them: each named condition's probability is multiplied by one
 * likelihood ratio (`SYNDROME_LIKELIHOOD_RATIO`) and the differential renormalised with its "something else" share
 * (Bayes' rule with the pattern as one more finding whose likelihood ratio is 1 for every other condition).
 *
 * Only rules that point to a few named conditions are listed; general alarm rules (new confusion, shock, severe new
 * pain, breathlessness) name none. Condition ids are those of the open-world knowledge base and of the DDXPlus model
 * (after `combineDifferentials`, a DDXPlus condition stands for its open-world counterparts).
 */
export const SYNDROME_CONDITIONS: Readonly<Record<string, readonly string[]>> = {
  'red-flag.anaphylaxis': ['anaphylaxis'],
  'red-flag.anaphylaxis-trigger': ['anaphylaxis'],
  'red-flag.drooling': ['epiglottitis', 'peritonsillar-abscess'],
  'red-flag.quinsy': ['peritonsillar-abscess'],
  'red-flag.quinsy-fluids': ['peritonsillar-abscess'],
  'red-flag.choking': ['foreign-body-in-the-throat'],
  'red-flag.seizure': ['epilepsy', 'febrile-seizure'],
  'red-flag.non-blanching-rash': ['meningococcal-disease', 'meningitis', 'sepsis'],
  'red-flag.petechiae-bruising': ['thrombocytopenia', 'leukemia', 'coagulation-bleeding-disorder'],
  'red-flag.child-leukaemia-signs': ['leukemia'],
  'red-flag.chest-pain.acs': ['myocardial-infarction', 'unstable-angina'],
  'red-flag.chest-pain.known-coronary-disease': ['myocardial-infarction', 'unstable-angina'],
  'red-flag.acs-upper-abdominal': ['myocardial-infarction', 'unstable-angina'],
  'red-flag.acs-without-chest-pain': ['myocardial-infarction', 'unstable-angina'],
  'red-flag.cardiac-tests': ['myocardial-infarction', 'unstable-angina'],
  'red-flag.chest-pain.tearing': ['aortic-dissection'],
  'red-flag.aortic': ['aortic-dissection', 'abdominal-aortic-aneurysm'],
  'red-flag.aaa-rupture': ['abdominal-aortic-aneurysm'],
  'red-flag.chest-pain.sudden-breathless': ['pulmonary-embolism', 'spontaneous-pneumothorax', 'pneumothorax'],
  'red-flag.breathless-clot-risk': ['pulmonary-embolism'],
  'red-flag.dvt': ['deep-vein-thrombosis-dvt'],
  'red-flag.dvt-pregnancy': ['deep-vein-thrombosis-dvt'],
  'red-flag.stroke': ['stroke', 'transient-ischemic-attack', 'intracerebral-hemorrhage'],
  'red-flag.posterior-stroke': ['stroke', 'transient-ischemic-attack'],
  'red-flag.tia': ['transient-ischemic-attack'],
  'red-flag.facial-palsy': ['bell-palsy'],
  'red-flag.head-injury-risk': ['head-injury', 'concussion', 'subdural-hemorrhage'],
  'red-flag.head-injury-anticoagulant': ['head-injury', 'subdural-hemorrhage'],
  'red-flag.headache.thunderclap': ['subarachnoid-hemorrhage'],
  'red-flag.giant-cell-arteritis': ['giant-cell-arteritis'],
  'red-flag.giant-cell-arteritis.visual': ['giant-cell-arteritis'],
  'red-flag.meningism': ['meningitis'],
  'red-flag.bulging-fontanelle': ['meningitis'],
  'red-flag.gi-bleed': ['gastrointestinal-hemorrhage', 'gastroduodenal-ulcer', 'esophageal-varices'],
  'red-flag.renal-colic': ['kidney-stone'],
  'red-flag.pregnancy-pain-bleeding': ['ectopic-pregnancy', 'spontaneous-abortion'],
  'red-flag.ectopic-possible': ['ectopic-pregnancy'],
  'red-flag.early-pregnancy-bleeding': ['threatened-pregnancy', 'spontaneous-abortion'],
  'red-flag.reduced-fetal-movements': ['reduced-fetal-movements'],
  'red-flag.pre-eclampsia-severe': ['preeclampsia'],
  'red-flag.pre-eclampsia': ['preeclampsia'],
  'red-flag.pregnancy-hypertension-severe': ['preeclampsia', 'hypertension-of-pregnancy'],
  'red-flag.pregnancy-hypertension': ['preeclampsia', 'hypertension-of-pregnancy'],
  'red-flag.obstetric-cholestasis': ['obstetric-cholestasis'],
  'red-flag.uti-in-pregnancy': ['urinary-tract-infection', 'cystitis', 'pyelonephritis'],
  'red-flag.pregnancy-chickenpox': ['chickenpox'],
  'red-flag.postnatal-mental-state': ['postpartum-depression'],
  'red-flag.postnatal-thoughts-of-harm': ['postpartum-depression'],
  'red-flag.asthma-reliever-failing': ['asthma-exacerbation'],
  'red-flag.asthma-attack': ['asthma-exacerbation'],
  'red-flag.asthma-peak-flow-severe': ['asthma-exacerbation'],
  'red-flag.asthma-peak-flow-moderate': ['asthma-exacerbation'],
  'red-flag.pneumonia-crb65': ['pneumonia'],
  'red-flag.pneumonia-crb65-high': ['pneumonia'],
  'red-flag.hip-fracture': ['fracture-of-the-hip'],
  'red-flag.knee-injury-swelling': ['knee-ligament-or-meniscus-tear', 'hemarthrosis'],
  'red-flag.osteoporotic-fracture': ['fracture-of-the-vertebra'],
  'red-flag.infant-projectile-vomiting': ['pyloric-stenosis'],
  'red-flag.infant-vomiting-dehydrated': ['pyloric-stenosis'],
  'red-flag.new-irregular-palpitations': ['atrial-fibrillation'],
  'red-flag.syncope-bradycardia': ['heart-block', 'sick-sinus-syndrome'],
  'red-flag.pelvic-infection-systemic': ['pelvic-inflammatory-disease'],
  'red-flag.hearing-loss-sudden': ['sudden-sensorineural-hearing-loss'],
  'red-flag.sudden-hearing-loss': ['sudden-sensorineural-hearing-loss'],
  'red-flag.vision-loss-sudden': ['central-retinal-artery-or-vein-occlusion', 'retinal-detachment'],
  'red-flag.sudden-vision-loss': ['central-retinal-artery-or-vein-occlusion', 'retinal-detachment'],
  'red-flag.retinal-detachment': ['retinal-detachment'],
  'red-flag.flashes-floaters': ['retinal-detachment', 'vitreous-degeneration'],
  'red-flag.orbital-cellulitis': ['orbital-cellulitis'],
  'red-flag.periorbital-cellulitis': ['cellulitis'],
  'red-flag.acute-angle-closure': ['acute-glaucoma'],
  'red-flag.shingles-eye': ['shingles-herpes-zoster'],
  'red-flag.chemical-eye': ['chemical-eye-injury'],
  'red-flag.eye-foreign-body': ['foreign-body-in-the-eye', 'corneal-abrasion'],
  'red-flag.ear-foreign-body': ['foreign-body-in-the-ear'],
  'red-flag.bilious-vomiting': ['volvulus', 'intestinal-obstruction'],
  'red-flag.bowel-obstruction': ['intestinal-obstruction'],
  'red-flag.intussusception': ['intussusception'],
  'red-flag.appendicitis': ['appendicitis'],
  'red-flag.peritonism': ['peritonitis', 'appendicitis'],
  'red-flag.cholangitis': ['ascending-cholangitis'],
  'red-flag.carbon-monoxide': ['carbon-monoxide-poisoning'],
  'red-flag.scrotal-pain-sudden': ['testicular-torsion'],
  'red-flag.scrotal-pain': ['testicular-torsion', 'epididymitis'],
  'red-flag.cauda-equina': ['cauda-equina-syndrome'],
  'red-flag.acute-urinary-retention': ['acute-urinary-retention'],
  'red-flag.chronic-retention': ['benign-prostatic-hyperplasia-bph'],
  'red-flag.spinal-metastases': ['metastatic-cancer'],
  'red-flag.spinal-infection': ['osteomyelitis'],
  'red-flag.dka': ['diabetic-ketoacidosis'],
  'red-flag.dka-suspected': ['diabetic-ketoacidosis'],
  'red-flag.child-diabetes': ['type-1-diabetes'],
  'red-flag.hypoglycaemia-severe': ['hypoglycemia'],
  'red-flag.hypoglycaemia': ['hypoglycemia'],
  'red-flag.hypoglycaemia-on-insulin': ['hypoglycemia'],
  'red-flag.anaemia-severe': ['anemia'],
  'red-flag.septic-joint': ['septic-arthritis'],
  'red-flag.hot-swollen-joint': ['septic-arthritis', 'gout'],
  'red-flag.child-limp-fever': ['septic-arthritis', 'osteomyelitis'],
  'red-flag.child-limp': ['transient-synovitis', 'slipped-upper-femoral-epiphysis'],
  'red-flag.necrotising-infection': ['necrotizing-fasciitis'],
  'red-flag.alcohol-withdrawal-severe': ['alcohol-withdrawal'],
  'red-flag.fever-after-travel': ['malaria', 'dengue-fever', 'typhoid-fever'],
  'red-flag.malaria-severe': ['malaria'],
  'red-flag.neutropenic-sepsis': ['neutropenic-sepsis'],
  'red-flag.agranulocytosis-drug': ['neutropenic-sepsis'],
  'red-flag.mottled-skin-fever': ['sepsis'],
  'red-flag.diabetic-foot': ['diabetic-foot-infection-or-gangrene'],
  'red-flag.acute-limb-ischaemia': ['peripheral-arterial-embolism'],
  'red-flag.toe-gangrene': ['peripheral-arterial-disease', 'diabetic-foot-infection-or-gangrene'],
  'red-flag.nephrotic': ['nephrotic-syndrome'],
  'red-flag.sore-throat-centor': ['strep-throat'],
  'red-flag.dental-swelling': ['tooth-abscess'],
  'red-flag.perianal-abscess': ['perirectal-infection'],
  'red-flag.mastoiditis': ['mastoiditis'],
  'red-flag.psychosis-new': ['psychotic-disorder'],
  'red-flag.headache-raised-pressure': ['brain-cancer', 'pseudotumor-cerebri'],
  'red-flag.swallowed-battery': ['foreign-body-in-the-gastrointestinal-tract'],
  'red-flag.laceration': ['open-wound-due-to-trauma'],
  'red-flag.burn-blisters': ['burn'],
  'red-flag.burn-large': ['burn'],
  'red-flag.burn-young-child': ['burn'],
};

/**
 * How much more likely a listed condition is once its pattern is read. The project's judgement, checked on the
 * tuned fixture rounds only (see docs/diagnosis.md): large enough to lift a named syndrome into the first three, not
 * so large that a pattern read wrongly hides what the findings say.
 */
export const SYNDROME_LIKELIHOOD_RATIO = 10;

/** A fired red-flag rule, as triage reports it (`firedRedFlags`). */
export type FiredPattern = Pick<TriageReason, 'ruleId' | 'level'>;

/**
 * The likelihood ratio each named condition earns: the full ratio for the patterns at the most urgent level that
 * fired (the leading syndrome, as the most urgent discriminator leads in triage), its square root for the others.
 * A condition named by several patterns takes the largest.
 */
export function syndromeRatios(fired: readonly FiredPattern[], likelihoodRatio: number): Map<string, number> {
  const top = Math.max(...fired.map((f) => TRIAGE_RANK[f.level]));
  const out = new Map<string, number>();
  for (const f of fired) {
    const ratio = TRIAGE_RANK[f.level] === top ? likelihoodRatio : Math.sqrt(likelihoodRatio);
    for (const id of SYNDROME_CONDITIONS[f.ruleId] ?? []) out.set(id, Math.max(out.get(id) ?? 1, ratio));
  }
  return out;
}

/**
 * Raises the conditions named by the fired red-flag rules (`syndromeRatios`) and renormalises the differential
 * together with its "something else" share; a raised condition counts the pattern as one more supporting finding and
 * names the rules that raised it (`raisedBy`), so the explanation shows them.
 */
export function weighBySyndromes(
  differential: CombinedDifferential,
  fired: readonly FiredPattern[],
  likelihoodRatio = SYNDROME_LIKELIHOOD_RATIO,
): CombinedDifferential {
  const ratios = syndromeRatios(fired, likelihoodRatio);
  if (ratios.size === 0 || likelihoodRatio === 1) return differential;
  const raised = differential.entries.map((e) => {
    const ratio = ratios.get(e.conditionId);
    if (ratio === undefined) return e;
    const raisedBy = fired
      .filter((f) => SYNDROME_CONDITIONS[f.ruleId]?.includes(e.conditionId))
      .map((f) => f.ruleId);
    return {
      ...e,
      probability: e.probability * ratio,
      supportingFindings: e.supportingFindings + 1,
      raisedBy,
    };
  });
  const total = raised.reduce((sum, e) => sum + e.probability, 0) + differential.somethingElse;
  if (!(total > 0)) return differential;
  return {
    ...differential,
    entries: raised
      .map((e) => ({ ...e, probability: e.probability / total }))
      .sort((a, b) => b.probability - a.probability || a.severity - b.severity),
    somethingElse: differential.somethingElse / total,
  };
}
