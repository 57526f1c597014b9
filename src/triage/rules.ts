import { convertAnalyte } from '../clinical/units.js';
import { TRIAGE_LOINC, type TriageFacts } from './facts.js';
import type { TriageLevel } from './types.js';

/**
 * Red-flag rules, written in the project's own words from published triage guidance. Each rule names the guidance
 * it follows; none copies its text. Sources (abbreviations used in `citation`):
 * - NICE CG95: Recent-onset chest pain of suspected cardiac origin (2010, updated 2016).
 * - NICE CKS Chest pain: Clinical Knowledge Summaries, "Chest pain" (red flags for ACS, aortic dissection, PE,
 *   pneumothorax).
 * - NICE NG158: Venous thromboembolic diseases: diagnosis and management (2020).
 * - NICE NG128: Stroke and TIA in over 16s (2019, FAST and sudden neurological deficit).
 * - NICE CKS Headache assessment: red flags (thunderclap onset, fever with neck stiffness, new neurological deficit).
 * - NICE NG240: Bacterial meningitis and meningococcal disease (2024: non-blanching rash, neck stiffness).
 * - NICE NG143: Fever in under 5s (2019, traffic-light system: red and amber features).
 * - NICE CG141: Acute upper gastrointestinal bleeding (haematemesis, melaena).
 * - NICE CG191: Pneumonia in adults (CRB-65 in the community).
 * - BTS 2017: British Thoracic Society guideline for oxygen use in adults (target saturations).
 * - RCUK 2021: Resuscitation Council UK, Emergency treatment of anaphylaxis (airway, breathing, circulation).
 * - NICE NG12: Suspected cancer: recognition and referral (2015, updated 2023).
 * - NICE CKS Sciatica / Back pain: red flags for cauda equina syndrome, and Schmid's red flags of general practice
 *   (Schmid A. et al., red flags for serious conditions in primary care) for the general alarm features.
 * - NICE CKS Suicide risk / NICE NG225 Self-harm (2022).
 * - NICE NG126: Ectopic pregnancy and miscarriage (2019).
 * - MTS: the Manchester Triage System's principle that the most urgent discriminator present sets the priority
 *   (Mackway-Jones K. et al., Emergency Triage, 3rd ed., 2014); NHS 111 follows the same logic in its pathways.
 */
export interface RedFlagRule {
  readonly id: string;
  readonly level: TriageLevel;
  readonly text: string;
  readonly citation: string;
  /** The evidence (concept ids, observation names) when the rule fires, `undefined` when it does not. */
  readonly when: (facts: TriageFacts) => readonly string[] | undefined;
}

const ids = (facts: TriageFacts, match: string | readonly string[] | RegExp): string[] =>
  facts.find(match).map((f) => f.conceptId);

/** Fires with the ids of all groups when each group has at least one active finding. */
function all(facts: TriageFacts, ...groups: (string | readonly string[] | RegExp)[]): string[] | undefined {
  const found: string[] = [];
  for (const g of groups) {
    const hit = ids(facts, g);
    if (!hit.length) return undefined;
    found.push(...hit);
  }
  return [...new Set(found)];
}

function any(facts: TriageFacts, match: string | readonly string[] | RegExp): string[] | undefined {
  const hit = ids(facts, match);
  return hit.length ? [...new Set(hit)] : undefined;
}

/**
 * Clinical notions as the rules match them: the DDXPlus-based knowledge-base ids, and a pattern tried on the id and
 * the label of any other concept (the open-world `sx.*`, `sign.*`, `lab.*` findings, or a FHIR coding's display).
 */
const FEVER = /^(?:sx\.)?fever(?:\.pattern\..*)?$|^fever$|pyrexia|febrile/i;
const CONFUSION = /^confusion$|confus|altered[- ](?:mental|conscious)|drowsy|disorient/i;
const BREATHLESS = /^dyspnea|shortness[- ]of[- ]breath|difficulty[- ]breathing|breathless/i;
const PLEURITIC = /^pain\.pleuritic$|pleuritic|hurts[- ]to[- ]breath|pain on breathing/i;
const SYNCOPE = /^syncope$|^sx\.fainting$|fainted|loss of consciousness|passed out/i;
const PREGNANT = /^history\.pregnancy$|pregnan|uterine[- ]contraction|fetal|foetal|gestation/i;
/** Symptoms that localise an infection to one organ (beyond a cold: cough alone, sore throat, runny nose). */
const FOCAL_INFECTION =
  /^pain\.pleuritic$|pleuritic|coughing[- ]up[- ]sputum|pus[- ]in[- ]sputum|^cough\.productive$|painful[- ]urination|dysuria|flank|loin|pelvic[- ]pain|breast|looks[- ]infected|unusual-color-or-odor-to-urine|^sx\.swollen-eye$|^sign\.facial-swelling$|joint[- ]swelling|swollen joint|skin[- ]swelling|cellulitis|abscess|vaginal[- ]discharge|lower[- ]abdominal[- ]pain|ear[- ]discharge|neck[- ]swelling|^sx\.shortness-of-breath$|^dyspnea$/i;
/** Breathlessness that began within this many days counts as acute (NICE CKS Breathlessness). */
const ACUTE_BREATHLESS_DAYS = 14;
/** A joint swollen for at most this many days is "hot" (acute), not a chronic arthritis. */
const HOT_JOINT_DAYS = 14;
const ABDOMINAL_PAIN = /abdominal[- ]pain|stomach[- ]ache|belly[- ]pain|abdo pain/i;
/** A recent injury or fall (the open-world `sign.trauma`, labelled "Recent injury"). */
const INJURY = /^sign\.trauma$|recent injury/i;
/** Pain the note calls severe, excruciating or unbearable (the intake's `pain.character` value for them). */
const SEVERE_PAIN = ['violent'];
/**
 * Higher risk of severe illness from sepsis (NICE NG51): impaired immunity (diabetes, cancer treatment, long-term
 * steroids or other immunosuppressants, HIV, no spleen, sickle cell disease), recent surgery; age and pregnancy are
 * checked apart.
 */
const SEPSIS_RISK =
  /^history\.(immunosuppression|hiv|active-cancer|metastatic-cancer|recent-surgery|diabetes)$|^medication\.corticosteroids$|^sign\.(long-term-steroids|immunosuppressant-medicine)$|^sign\.(diabetes-history|insulin-treated)$|chemotherap|immunosuppress|transplant|splenectomy|sickle/i;
const VISION_LOSS = /^sx\.blindness$|loss of vision|vision loss|lost (?:the )?vision|sudden(?:ly)? blind/i;
/** Vision lost within this many days counts as sudden (a stroke of the eye, a detached retina). */
const SUDDEN_VISION_LOSS_DAYS = 2;
const HEARING_LOSS =
  /^sx\.diminished-hearing$|hearing[- ]loss|deaf|(?:decreased|reduced|difficulty|muffled) hearing/i;
/** Hearing lost over this many days or fewer counts as sudden (NICE CKS Hearing loss in adults). */
const SUDDEN_HEARING_LOSS_DAYS = 3;
const SCROTAL_PAIN =
  /pain[- ]in[- ]testicles|testic\w* pain|scrot\w* pain|pain in the (?:left |right )?(?:testicle|testis|scrotum)/i;

/**
 * The findings of a sense lost within `maxDays` (vision, hearing): by the finding's own duration; with `storyOnset`,
 * when it has none, by the story's course (sudden, or begun within `maxDays`, in a story of at most 30 days).
 */
function lostWithin(
  f: TriageFacts,
  match: RegExp,
  maxDays: number,
  storyOnset = false,
): string[] | undefined {
  const loss = ids(f, match);
  if (!loss.length) return undefined;
  const days = f.durationDays(match);
  if (days !== undefined) return days <= maxDays ? loss : undefined;
  const onset = f.onset;
  if (!storyOnset || !onset || (onset.longestDays ?? 0) > 30) return undefined;
  const recent = onset.shortestDays !== undefined && onset.shortestDays <= maxDays;
  return onset.sudden || recent ? [...loss, 'onset'] : undefined;
}

const CHEST_LOCATIONS =
  /^(upper-chest|lower-chest|chest-side-(left|right)|breast-(left|right)|sternum|chest.*)$/;
const CHEST_PAIN = /chest.?pain|chest[- ](tightness|pressure)|angina/i;

const VISUAL_LOSS =
  /^sx\.(blindness|diminished-vision|double-vision)$|^sign\.visual-curtain$|vision[- ]loss|visual[- ]loss/i;

/** Headache in a person of 50 or more with a feature of giant cell arteritis (BSR 2020). */
function giantCellArteritisFeatures(facts: TriageFacts): string[] | undefined {
  if (facts.ageYears === undefined || facts.ageYears < 50) return undefined;
  const headache = any(facts, /^sx\.headache$|^headache$|^sign\.temporal-headache$/);
  const features = headache
    ? any(facts, /^sign\.(jaw-claudication|scalp-tenderness|temporal-headache)$/)
    : undefined;
  return headache && features ? [...headache, ...features] : undefined;
}

/**
 * Signs that blood loss may be major: feeling faint, a pulse of 111 or more, a systolic pressure of 100 or less (the
 * bands where NEWS2 scores 2 or more; ATLS class II–III haemorrhage).
 */
function shockSigns(f: TriageFacts): string[] {
  return [
    ...ids(f, /^presyncope$|^lightheadedness$|^sx\.fainting$|^syncope$|faint/i),
    ...(f.vitals.pulse !== undefined && f.vitals.pulse >= 111 ? ['pulse'] : []),
    ...(f.vitals.systolicBp !== undefined && f.vitals.systolicBp <= 100 ? ['systolicBp'] : []),
  ];
}

/**
 * Glucose in blood, serum or plasma, by a laboratory or at the bedside (LOINC 2345-7, 2339-0, 41653-7 in mass per
 * volume; 15074-8, 14749-6, 14743-9 in moles per volume), in mmol/L whatever unit it came in; undefined when the
 * unit is not one of them.
 */
const GLUCOSE_LOINCS = ['2345-7', '2339-0', '41653-7', '15074-8', '14749-6', '14743-9'];
function glucoseMmolL(f: TriageFacts): number | undefined {
  const q = f.quantity(GLUCOSE_LOINCS);
  return q === undefined ? undefined : convertAnalyte('glucose', q.value, q.unit, 'mmol/L');
}

/** Haemoglobin (LOINC 718-7, 30313-1, 20509-6) in g/L, from g/dL or g/L; undefined in another unit. */
const HAEMOGLOBIN_LOINCS = ['718-7', '30313-1', '20509-6'];
function haemoglobinGL(f: TriageFacts): number | undefined {
  const q = f.quantity(HAEMOGLOBIN_LOINCS);
  return q === undefined ? undefined : convertAnalyte('haemoglobin', q.value, q.unit, 'g/L');
}

/** Serum potassium and sodium (LOINC 2823-3, 2951-2), as the intake reads "K 7.1", "Na 118". */
const POTASSIUM_LOINC = '2823-3';
/** INR (LOINC 6301-6), as the intake reads "INR 8.5". */
const INR_LOINC = '6301-6';
const SODIUM_LOINC = '2951-2';

/** A quinsy's signs: trismus or a muffled ("hot potato") voice, or the word itself. */
const QUINSY = /quinsy|trismus|muffled voice/i;
const SWOLLEN_EYELID = /^sx\.(eyelid-swelling|swollen-eye)$/;
const SWOLLEN_RED_EYE_OR_FEVER = new RegExp(
  `^sx\\.(eyelid-swelling|swollen-eye|eye-redness)$|${FEVER.source}`,
  'i',
);
const FEVER_OR_MOUTH_SORES = new RegExp(`${FEVER.source}|mouth[- ]ulcer|mouth[- ]sore`, 'i');
const FEVER_SORE_THROAT_OR_MOUTH_SORES = new RegExp(`${FEVER_OR_MOUTH_SORES.source}|sore[- ]throat`, 'i');
const AIRWAY_AFTER_SMOKE = new RegExp(`${BREATHLESS.source}|hoarse|cough`, 'i');

const PRE_ECLAMPSIA_SYMPTOM = {
  headache: /^(?:sx\.)?headache$/i,
  vision: /blurred vision|diminished[- ]vision|visual disturbance|flashing lights|spots-or-clouds/i,
  pain: /upper[- ]abdominal[- ]pain|epigastric|^sx\.upper-abdominal-pain$|hypochondr/i,
  swelling:
    /facial swelling|swollen face|peripheral[- ]edema|swelling of (?:the )?(?:face|hands|feet)|^sx\.(hand-or-finger|foot-or-toe|leg)-swelling$|^sign\.facial-swelling$/i,
} as const;
const PRE_ECLAMPSIA_ANY = new RegExp(
  Object.values(PRE_ECLAMPSIA_SYMPTOM)
    .map((re) => re.source)
    .join('|'),
  'i',
);

/** Symptoms of pre-eclampsia in a pregnant patient (NICE NG133), or undefined. */
function preEclampsiaSymptoms(facts: TriageFacts): string[] | undefined {
  if (facts.sex === 'male' || (facts.ageYears ?? 99) < 12 || !isPregnant(facts)) return undefined;
  return any(facts, PRE_ECLAMPSIA_ANY);
}

function preEclampsiaKind(conceptId: string): string {
  return Object.entries(PRE_ECLAMPSIA_SYMPTOM).find(([, re]) => re.test(conceptId))?.[0] ?? conceptId;
}

/** A fever written in the note, or a measured temperature of 38 °C or more (NICE NG143, NG51). */
function febrile(facts: TriageFacts): boolean {
  return facts.has(FEVER) || (facts.vitals.temperatureC ?? 0) >= 38;
}

/** Swollen glands: a swelling written beside them is theirs, not a joint's. */
const SWOLLEN_GLANDS =
  /^lymph-nodes\.swollen$|^sign\.(glands-behind-ears|tender-neck-glands)$|^sx\.(swollen-lymph-nodes|neck-swelling)$/;

/** A newly swollen joint (BSR/BHPR hot swollen joint), or undefined. */

function hotSwollenJoint(facts: TriageFacts): string[] | undefined {
  const joint = ids(
    facts,
    /^sx\.(?:joint|knee|elbow|wrist)-swelling$|swollen joint|joint[- ]swelling|podagra|big toe joint/i,
  );
  // A painful joint with swelling written apart ("the knee is hot, red, very swollen"); not when the swelling
  // written is of the glands ("glands swollen and tender, finger joints ache").
  // Not after an injury: a sprained ankle swells and bruises (NICE CKS Sprains and strains).
  if (
    !joint.length &&
    facts.has('swelling') &&
    facts.course === 'new' &&
    !facts.has(SWOLLEN_GLANDS) &&
    !facts.has(/^sign\.(trauma|bruising)$/)
  )
    joint.push(
      ...ids(facts, /^sx\.(?:joint|knee|elbow|wrist|ankle|foot-or-toe)-pain$|^joint-pain$|arthralgia/i),
    );
  // A swollen toe or foot too tender to touch ("can't bear the sheet on it"): a red-hot big toe joint (gout, or a
  // septic joint to exclude), not a swollen foot of oedema.
  if (
    !joint.length &&
    facts.has(/^sx\.foot-or-toe-swelling$/) &&
    facts.has(/^sign\.exquisite-joint-tenderness$/)
  )
    joint.push(...ids(facts, /^sx\.foot-or-toe-swelling$|^sign\.exquisite-joint-tenderness$/));
  // A joint swollen after an injury is a sprain or a fracture (the weight-bearing rule), not a septic joint.
  if (!joint.length || facts.has(INJURY)) return undefined;
  const days = facts.durationDays(/joint|podagra|toe|knee|ankle|swelling/i);
  if (days !== undefined) return days <= HOT_JOINT_DAYS ? joint : undefined;
  return facts.course === 'long-standing' ? undefined : joint;
}

/** In pregnancy, a systolic or diastolic pressure at or above the given limits (NICE NG133), or undefined. */
function pregnancyBloodPressure(f: TriageFacts, systolic: number, diastolic: number): string[] | undefined {
  if (f.sex === 'male' || !isPregnant(f)) return undefined;
  const out = [
    ...((f.vitals.systolicBp ?? 0) >= systolic ? ['systolicBp'] : []),
    ...((f.observation(TRIAGE_LOINC.diastolicBp) ?? 0) >= diastolic ? ['diastolicBp'] : []),
  ];
  return out.length ? out : undefined;
}

/** Systolic 180 or more, or diastolic 120 or more (NICE NG136), in an adult. */
function severeHypertension(facts: TriageFacts): string[] | undefined {
  if (facts.ageYears !== undefined && facts.ageYears < 16) return undefined;
  const out = [
    ...((facts.vitals.systolicBp ?? 0) >= 180 ? ['systolicBp'] : []),
    ...((facts.observation(TRIAGE_LOINC.diastolicBp) ?? 0) >= 120 ? ['diastolicBp'] : []),
  ];
  return out.length ? out : undefined;
}

function chestPain(facts: TriageFacts): string[] | undefined {
  const byLocation = facts.hasValue('pain.location', CHEST_LOCATIONS) ? ['pain.location'] : [];
  const byName = ids(facts, CHEST_PAIN);
  const found = [...byLocation, ...byName];
  return found.length ? found : undefined;
}

const SATURATION_LOINCS = [TRIAGE_LOINC.spo2, TRIAGE_LOINC.spo2Arterial];
/** Chronic lung disease in which a saturation below 92 % can be the patient's usual (BTS 2017 target 88–92 %). */
const CHRONIC_LUNG_DISEASE =
  /copd|emphysema|chronic bronchitis|bronchiectasis|pulmonary fibrosis|interstitial lung/i;
/**
 * A saturation of 88 % or more, at most 2 points below the low end of the usual range the patient gives ("sats 90,
 * usually 89–91"), in someone with chronic lung disease: their baseline, not new hypoxaemia.
 */
function nearUsualSaturation(f: TriageFacts): boolean {
  const spo2 = f.vitals.spo2Percent;
  const usualLow = f.usualLow(SATURATION_LOINCS);
  if (spo2 === undefined || usualLow === undefined || spo2 < 88 || spo2 < usualLow - 2) return false;
  return f.background(CHRONIC_LUNG_DISEASE).length > 0 || f.has(CHRONIC_LUNG_DISEASE);
}

/** The latest peak flow as a share of the best or predicted the note or record gives with it (BTS/SIGN 158). */
function peakFlowShareOfBest(f: TriageFacts): number | undefined {
  const peakFlow = f.observation(TRIAGE_LOINC.peakFlow);
  const best = f.usualHigh([TRIAGE_LOINC.peakFlow]);
  return peakFlow !== undefined && best ? peakFlow / best : undefined;
}

/** Wheeze, or an asthma attack or a reliever in use: a tight chest is then the airways'. */
const BRONCHOSPASM =
  /wheez|^sign\.(asthma-attack|reliever-not-helping)$|^history\.asthma$|asthma-exacerbation/i;
const RADIATION_ACS = /^(arm|shoulder|jaw|neck|back|biceps|.*(arm|shoulder|jaw|mandible|neck|trapezius).*)$/;
const CARDIAC_CHARACTER = ['heavy', 'tugging', 'pressing', 'crushing', 'squeezing', 'tight', 'pressure'];
const ACS_COMPANIONS = [
  'sweating',
  'nausea',
  'vomiting',
  'dyspnea',
  'syncope',
  'presyncope',
  'lightheadedness',
  'impending-doom',
];

/** Confusion told as slight: "a bit muddled", "more confused than usual", "slightly confused". */
const MILD_CONFUSION = /^sign\.mild-confusion$/;

const NEUROLOGICAL_DEFICIT = ['facial-palsy', 'dysarthria', 'weakness.focal'];
const NEURO_DEFICIT_WORDS =
  /facial[- ](droop|palsy|weakness)|slurr|aphasia|hemipar|hemipleg|neurological[- ]deficit|focal[- ]weakness|one.sided weakness|loss of vision/i;

/** Names of the condition rather than of a fit now (SNOMED CT "Seizure disorder", "Epilepsy"). */
const SEIZURE_DIAGNOSIS = /seizure[- ]disorder|epilep/i;

/** Trouble getting words out (dysphasia in lay words), and a weak or numb limb or face told without a side. */
const SPEECH_TROUBLE = /difficulty[- ]speaking|trouble[- ]speaking|aphasia|dysphasia/i;
const WEAK_OR_NUMB = /^sx\.(weakness|loss-of-sensation|arm-weakness|leg-weakness)$|^weakness|numbness/i;

/**
 * A focal neurological deficit: facial palsy, slurred speech, one-sided weakness … — or trouble speaking together
 * with weakness or numbness ("sudden weakness of the right arm and leg and trouble speaking": FAST's speech and arm).
 */
function focalDeficit(facts: TriageFacts): string[] | undefined {
  return (
    any(facts, NEUROLOGICAL_DEFICIT) ??
    any(facts, NEURO_DEFICIT_WORDS) ??
    all(facts, SPEECH_TROUBLE, WEAK_OR_NUMB) ??
    // Speech that went wrong all at once ("suddenly talking gibberish"): FAST's S on its own.
    (facts.onset?.sudden ? any(facts, SPEECH_TROUBLE) : undefined)
  );
}

/** Stroke symptoms that the note says went back to normal. */
const DEFICIT_RESOLVED = /^sign\.deficit-resolved$/;

/** Gestational age in weeks written in the note (LOINC 49051-6), if any. */
function gestationWeeks(facts: TriageFacts): number | undefined {
  return facts.observation(TRIAGE_LOINC.gestationalAge);
}

/** Pregnant by a finding, or by a gestational age written without the word ("34/40 primip"). */
function isPregnant(facts: TriageFacts): boolean {
  return facts.has(PREGNANT) || gestationWeeks(facts) !== undefined;
}

/** The evidence of a pregnancy: its findings, or the gestational age. */
function pregnancyEvidence(facts: TriageFacts): string[] {
  const found = ids(facts, PREGNANT);
  return found.length || gestationWeeks(facts) === undefined ? found : ['gestationalAge'];
}

/** The findings of a recent birth (a breastfeeding mother's, or a postpartum finding). */
function postpartumEvidence(facts: TriageFacts): string[] {
  return ids(facts, /postpartum/i);
}

/** The first trimester (NICE NG126's early pregnancy); from 20 weeks the later-pregnancy rules apply. */
const EARLY_PREGNANCY_MAX_WEEKS = 13;
const LATER_PREGNANCY_MIN_WEEKS = 20;

/**
 * Abdominal pain or vaginal bleeding in a pregnancy not known to be at 20 weeks or more (or a missed period), with
 * the findings that show it; undefined otherwise.
 */
function earlyPregnancyPainOrBleeding(f: TriageFacts): string[] | undefined {
  if (f.sex === 'male' || !(isPregnant(f) || f.has(/^sign\.missed-period$/))) return undefined;
  const weeks = gestationWeeks(f);
  if (weeks !== undefined && weeks >= LATER_PREGNANCY_MIN_WEEKS) return undefined;
  // Spotting between periods, read in a pregnant patient, is bleeding in pregnancy.
  const bleeding = f.has(
    /vaginal[- ]bleed|bleeding[- ]during[- ]pregnancy|intermenstrual[- ]bleeding|spotting/i,
  );
  // A lower tummy ache with stinging and frequency, no bleeding and no one-sided pain, is a bladder infection's
  // (the urinary-infection-in-pregnancy rule below).
  const bladderAche =
    !bleeding &&
    f.has(/painful[- ]urination|dysuria|frequent[- ]urination/i) &&
    !f.hasValue('pain.location', /iliac/);
  const painOrBleeding =
    bleeding ||
    (!bladderAche &&
      (f.hasValue('pain.location', /abdomen|iliac|hypogastr|pelvi/) ||
        f.has(ABDOMINAL_PAIN) ||
        f.has(/pain[- ]during[- ]pregnancy/i)));
  return painOrBleeding
    ? ids(
        f,
        /^history\.pregnancy$|pregnan|missed-period|uterine|^pain\.location$|abdominal|vaginal|intermenstrual|spotting/i,
      )
    : undefined;
}

/** Pregnant, and not known to be before 20 weeks (the early pregnancy rules cover those). */
function laterPregnancy(f: TriageFacts): boolean {
  return f.sex !== 'male' && isPregnant(f) && !((gestationWeeks(f) ?? Infinity) < LATER_PREGNANCY_MIN_WEEKS);
}

/** Renal colic's picture, in an illness of at most a week: side or loin pain with radiation to the groin, blood in the urine or restlessness. */
function renalColic(f: TriageFacts): string[] | undefined {
  // An acute pain: a dull ache in the flank for months with blood in the urine is the cancer pathway's story.
  if (beyondAWeek(f)) return undefined;
  const side = ids(f, /^sx\.side-pain$|flank|loin/i);
  if (!side.length) return undefined;
  const companion = ids(
    f,
    /^sign\.(loin-to-groin|restless-with-pain)$|^sx\.blood-in-urine$|hematuria|haematuria/i,
  );
  return companion.length ? [...side, ...companion] : undefined;
}

/** Pains a febrile illness brings with it: headache, aches in the muscles and joints, pain behind the eyes. */
const FEBRILE_ACHES =
  /^sx\.(headache|muscle-pain|joint-pain|back-pain|low-back-pain|leg-pain|ache-all-over)$|^sign\.(retro-orbital-pain|calf-pain)$/;
/** Pains with rules of their own: a sore throat, shingles, a toothache (same-day dental care, NICE CKS Dental abscess). */
const OWN_RULE_PAIN =
  /^sx\.(sore-throat|throat-feels-tight|toothache)$|^sign\.(facial-shingles|dermatomal-rash)$/;
/** Open-world pain findings: what hurts. */
const PAIN_FINDING = /^sx\..*(?:pain|ache|headache)|^sign\..*(?:pain|ache|headache)/;

/**
 * The severe pain is one whose own rules judge it (`red-flag.severe-pain-new`): a sore throat or shingles, or only
 * the headache and aches of a febrile illness.
 */
function painJudgedByOwnRules(f: TriageFacts): boolean {
  if (f.has(OWN_RULE_PAIN)) return true;
  if (!febrile(f)) return false;
  const pains = f.active.filter((x) => PAIN_FINDING.test(x.conceptId));
  return pains.length > 0 && pains.every((x) => FEBRILE_ACHES.test(x.conceptId));
}

/** Thoughts of suicide or self-harm, in the patient's words or the note's. */
const SUICIDAL_THOUGHTS = /suicid|self.?harm/i;

/** The longest story (days) still read as sub-acute: a deficit or headache begun within about three months. */
const SUBACUTE_MAX_DAYS = 91;

/** A burn or scald that has blistered: the intake reads blisters and a red area as a rash or a skin lesion. */
function blisteredBurn(facts: TriageFacts): string[] | undefined {
  // Not the knowledge base's skin lesion: a red patch is no blister ("red patch the size of a 50p. No blisters.").
  return all(facts, /^sign\.burn$/, /blister|^sx\.skin-rash$/i);
}

/** A rash that does not fade under pressure: petechiae or purpura. */
const NON_BLANCHING = /non.?blanching|petechia|purpura/i;

/** An adult (16 or more) without a fever, with bruising: the picture of a low platelet count, not sepsis. */
function afebrileAdultBruising(f: TriageFacts): boolean {
  return (f.ageYears ?? 0) >= 16 && !febrile(f) && f.has(/^sign\.bruising$/);
}

/** Signs of a child or adult being unwell with a rash: meningococcal disease's company (NICE NG240). */
const UNWELL_WITH_RASH =
  /altered-consciousness|drows|confus|lethargy|floppy|feeling-ill|^sx\.vomiting$|^vomiting$|cold-extremities|mottled|neck-stiffness|photophobia|^sign\.(shock|hypotension|tachycardia)$/i;

/**
 * Spots that do not fade with the fever denied in words and no sign of being unwell (a child "otherwise well,
 * eating and playing" with a purple rash on the legs and sore ankles): a same-day assessment, not the meningococcal
 * emergency, which NICE NG240 ties to fever or illness.
 */
function wellWithoutFever(f: TriageFacts): boolean {
  return !febrile(f) && f.absent(FEVER).length > 0 && !f.has(UNWELL_WITH_RASH);
}

/** Bleeding from the back passage, by the knowledge base's concept or in words. */
function rectalBleeding(facts: TriageFacts): string[] | undefined {
  return (
    any(facts, ['hematochezia']) ??
    any(facts, /rectal[- ]bleed|blood[- ]in[- ](the[- ])?stool|bright red blood/i)
  );
}

/** A story of more than a week (`onsetCourse` subacute or long-standing). */
function beyondAWeek(facts: TriageFacts): boolean {
  return facts.course === 'subacute' || facts.course === 'long-standing';
}

/** The breath, breathing or drowsiness of ketoacidosis; with new symptoms of a high sugar, vomiting too. */
const KETOTIC = /fruity|kussmaul|^sx\.breathing-fast$|altered-consciousness|drows/i;
const KETOTIC_OR_VOMITING = new RegExp(`^(?:sx\\.)?vomiting$|${KETOTIC.source}`, 'i');

export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  // ── Airway, breathing, circulation, consciousness ────────────────────────────────────────────────────────────
  {
    id: 'red-flag.airway.stridor',
    level: 'emergency',
    text: 'Noisy breathing in (stridor) can mean the airway is narrowing.',
    citation: 'RCUK 2021; NICE NG143 (red features)',
    // Stridor only when crying or upset, none at rest, with no other sign of distress is mild croup (NICE CKS Croup):
    // the differential sends it to same-day care.
    when: (f) =>
      f.has(/^sign\.stridor-only-when-upset$/) &&
      !f.has(/respiratory-distress|drooling|cyanosis|altered-consciousness|^sign\.low-oxygen-saturation$/)
        ? undefined
        : (any(f, ['stridor']) ?? any(f, /stridor/i)),
  },
  {
    id: 'red-flag.anaphylaxis',
    level: 'emergency',
    text: 'Swelling of the lips, tongue, face or throat with breathing difficulty or faintness suggests anaphylaxis or angioedema.',
    citation: 'RCUK 2021',
    when: (f) =>
      all(
        f,
        /lip[- ]swelling|tongue[- ]swelling|throat[- ]swelling|face[- ]swelling|facial[- ]swelling|angioedema|skin-lesion\.swelling|anaphyla/i,
        /^dyspnea|^stridor$|^wheeze|choking|shortness[- ]of[- ]breath|difficulty[- ]breathing|wheez|stridor|faint|collapse|syncope/i,
      ),
  },
  {
    id: 'red-flag.angioedema-airway',
    level: 'emergency',
    text: 'A swelling tongue or throat, or swollen lips with trouble swallowing or speaking, can close the airway (angioedema): emergency care now.',
    citation:
      'NHS.uk Angioedema (call 999 if the lips, mouth, throat or tongue suddenly swell, or swallowing is difficult); NICE CKS Angioedema and anaphylaxis',
    when: (f) =>
      any(f, /tongue[- ]swelling|swollen[- ]tongue|throat[- ]swelling/i) ??
      all(
        f,
        /lip[- ]swelling|swollen[- ]lips|face[- ]swelling|facial[- ]swelling|angioedema/i,
        /difficulty[- ]in[- ]swallowing|muffled/i,
      ),
  },
  {
    id: 'red-flag.unresponsive',
    level: 'emergency',
    text: 'Unresponsive, responding only to voice or pain, or ongoing seizure.',
    citation: 'RCP NEWS2 2017 (ACVPU); NICE NG143 (red features)',
    when: (f) =>
      f.vitals.consciousness === 'voice' ||
      f.vitals.consciousness === 'pain' ||
      f.vitals.consciousness === 'unresponsive'
        ? ['consciousness']
        : any(f, /unresponsive|unconscious|status epilepticus|coma\b/i),
  },
  {
    id: 'red-flag.new-confusion',
    level: 'emergency',
    text: 'New confusion or drowsiness is a sign of serious illness (sepsis, stroke, low blood sugar, infection).',
    citation: 'RCP NEWS2 2017 (new confusion scores 3); NICE CG191 (CRB-65); NICE NG51 Sepsis',
    // Confusion told as slight ("a bit muddled", "more confused than usual") is the same-day rule below, unless drowsiness
    // or another sign of serious illness comes with it.
    when: (f) => {
      if (f.has(MILD_CONFUSION) && !f.has(/drows|unrespons/i)) return undefined;
      if (f.vitals.consciousness === 'confusion') return ['consciousness'];
      // Memory and thinking worn down gradually over months is a dementia's story, assessed by appointment (NICE
      // NG97); the facts then set no new confusion for NEWS2 either.
      if (f.gradualLongStanding) return undefined;
      return any(f, CONFUSION);
    },
  },
  {
    id: 'red-flag.mild-confusion',
    level: 'urgent',
    text: 'Being a bit more muddled or confused than usual may be the start of a delirium (an infection, a medicine, dehydration): a same-day assessment (emergency care if it gets worse or drowsiness comes).',
    citation:
      'NICE CG103 Delirium (2010, updated 2023): assess for delirium and its cause when behaviour changes over hours to days; NHS (sudden or severe confusion: 999)',
    when: (f) => any(f, MILD_CONFUSION),
  },
  {
    id: 'red-flag.reduced-gcs',
    level: 'emergency',
    text: 'A Glasgow coma score below 15 is a reduced level of consciousness.',
    citation: 'NICE NG232 Head injury (2023); RCP NEWS2 2017 (any new fall in consciousness scores 3)',
    when: (f) => {
      const gcs = f.observation('9269-2');
      return gcs !== undefined && gcs < 15 ? [`GCS ${gcs}`] : undefined;
    },
  },
  {
    id: 'red-flag.seizure',
    level: 'emergency',
    text: 'A seizure (fit) now or just now needs emergency assessment, especially a first one.',
    citation:
      'NICE NG217 Epilepsies (2022): first seizure; a usual seizure with full recovery in known epilepsy is not an emergency; NICE NG143 (red features)',
    // Spells that have recurred for more than a week with none in the last week (absences noticed at school for
    // months) go to the specialist within two weeks (NG217), not to the emergency department.
    // A diagnosis name ("Seizure disorder", "Epilepsy") is the condition, not a fit now.
    when: (f) => {
      if (beyondAWeek(f)) return undefined;
      // A usual seizure in known epilepsy, over and back to normal, is reviewed by the epilepsy team, not in the
      // emergency department (NICE NG217); one still going ("fitting … not stopping") is an emergency.
      if (f.has(/^sign\.known-epilepsy$/) && f.has(DEFICIT_RESOLVED)) return undefined;
      const kb = any(f, ['seizure']);
      if (kb) return kb;
      const fits = f
        .find(/seizure|convulsion|^fits?$/i)
        .filter((x) => !SEIZURE_DIAGNOSIS.test(`${x.conceptId} ${x.label ?? ''}`));
      return fits.length ? [...new Set(fits.map((x) => x.conceptId))] : undefined;
    },
  },
  {
    id: 'red-flag.drooling',
    level: 'emergency',
    text: 'Drooling or being unable to swallow saliva, with a sore throat, fever, a changed voice or in a child, may be epiglottitis or an abscess narrowing the airway.',
    citation: 'NICE CKS Sore throat – acute (red flags: epiglottitis, quinsy); NICE NG143',
    when: (f) => {
      const drooling = ids(f, /^hypersalivation$|drool|unable to swallow saliva/i);
      if (!drooling.length) return undefined;
      // A sore mouth drools (the ulcers of hand, foot and mouth disease or of herpes gingivostomatitis): no airway
      // emergency without stridor, a changed voice or trouble breathing (NICE CKS Hand, foot and mouth disease).
      const airway = ids(
        f,
        /stridor|^voice\.hoarse$|voice|^dyspnea|difficulty[- ]breathing|respiratory[- ]distress/i,
      );
      if (f.has(/^sx\.(mouth-ulcer|mouth-pain|tongue-lesions)$|^sign\.hand-foot-spots$/) && !airway.length)
        return undefined;
      // A dribbling baby (teething) is no airway emergency: under 2, drooling counts with a fever, a sore throat,
      // a changed voice, stridor or trouble swallowing or breathing, like an adult's.
      const context = [
        ...ids(f, /^sore-throat$|sore[- ]throat|^voice\.hoarse$|voice|stridor/i),
        ...ids(f, FEVER),
        ...ids(f, /swallow|dysphagia|^dyspnea|difficulty[- ]breathing|respiratory[- ]distress/i),
        // A drooling child past the teething years (epiglottitis, a retropharyngeal abscess).
        ...(f.ageYears !== undefined && f.ageYears >= 2 && f.ageYears < 16 ? ['age'] : []),
      ];
      return context.length ? [...drooling, ...context] : undefined;
    },
  },
  {
    id: 'red-flag.quinsy',
    level: 'urgent',
    text: 'A sore throat with trismus (cannot open the mouth) or a muffled voice may be a peritonsillar abscess (quinsy): same-day assessment, usually admission.',
    citation: 'NICE CKS Sore throat – acute (quinsy: admit); NICE NG84',
    when: (f) => {
      const quinsy = ids(f, QUINSY);
      return quinsy.length ? [...quinsy, ...ids(f, /^sore-throat$|sore[- ]throat/i)] : undefined;
    },
  },
  {
    id: 'red-flag.quinsy-fluids',
    level: 'emergency',
    text: 'A quinsy with no fluids going down (unable to swallow water, drooling) needs hospital now: dehydration and the airway.',
    citation:
      'NICE CKS Sore throat – acute (admit: unable to swallow fluids, drooling, stridor, respiratory distress)',
    when: (f) => {
      const quinsy = ids(f, QUINSY);
      const fluids = ids(f, /^sign\.(cannot-swallow-fluids|drooling)$/);
      return quinsy.length && fluids.length ? [...quinsy, ...fluids] : undefined;
    },
  },
  {
    id: 'red-flag.choking',
    level: 'emergency',
    text: 'Choking, then trouble breathing, noisy breathing or a persistent cough, may be an inhaled foreign body.',
    citation: 'RCUK 2021 (choking); NICE CKS Cough – acute (foreign body)',
    // A new story: months of episodes of feeling unable to get air are panic's or asthma's, not an inhaled object's.
    when: (f) =>
      beyondAWeek(f)
        ? undefined
        : all(f, /choking[- ]episode|choked|choking/i, /^dyspnea|stridor|wheez|^cough$|^sx\.cough$|breath/i),
  },
  {
    id: 'red-flag.child-fever-unwell',
    level: 'urgent',
    text: 'A young child with fever who is inconsolable or irritable, feeding poorly, or passing less urine should be seen the same day.',
    citation:
      'NICE NG143 (amber: not responding normally, decreased activity, poor feeding, reduced urine output)',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 5) return undefined;
      if (!febrile(f)) return undefined;
      return any(
        f,
        /irritable[- ]infant|inconsolable|^irritability$|feeding[- ]problem|feeding poorly|low[- ]urine[- ]output|oliguria|dehydrat|^sx\.sleepiness$|letharg|drows/i,
      );
    },
  },
  {
    id: 'red-flag.infant-feeding-less',
    level: 'urgent',
    text: 'A baby under a year taking much less feed than usual should be seen the same day (dehydration, an infection).',
    citation:
      'NICE NG143 Fever in under 5s (amber: poor feeding in infants); NICE NG9 Bronchiolitis (feeds falling to 50–75 % of usual: consider referral)',
    when: (f) =>
      f.ageYears !== undefined && f.ageYears < 1 ? any(f, /^sx\.infant-feeding-problem$/) : undefined,
  },
  {
    id: 'red-flag.low-oxygen',
    level: 'emergency',
    text: 'Oxygen saturation below 92 % (scale 1), or blue lips or skin (cyanosis), needs emergency assessment.',
    citation: 'BTS 2017 (target 94–98 %); NICE CG191 / NICE CKS Chest infections (SpO2 < 92 %: hospital)',
    when: (f) =>
      f.vitals.spo2Percent !== undefined &&
      f.vitals.spo2Percent < 92 &&
      f.vitals.spo2Scale2 !== true &&
      !nearUsualSaturation(f)
        ? ['spo2']
        : // Fingers that go white, then blue, then red in the cold and are normal between: Raynaud's phenomenon
          // (NICE CKS), not cyanosis.
          f.has(/^sign\.raynaud-colour-change$/) && !f.has(/blue lips/i)
          ? undefined
          : any(f, /cyanosis|blue lips/i),
  },
  {
    id: 'red-flag.low-oxygen-near-usual',
    level: 'urgent',
    text: 'Oxygen saturation below 92 % but within 2 points of the usual level the patient gives, and not below 88 %, in chronic lung disease: a same-day assessment (an exacerbation); below 88 % or further from the usual is an emergency.',
    citation:
      'BTS 2017 (target 88–92 % in COPD and others at risk of hypercapnic respiratory failure); NICE CKS Chronic obstructive pulmonary disease (exacerbation: assess for admission)',
    when: (f) =>
      f.vitals.spo2Percent !== undefined && f.vitals.spo2Percent < 92 && nearUsualSaturation(f)
        ? ['spo2']
        : undefined,
  },
  {
    id: 'red-flag.hypoxia-described',
    level: 'urgent',
    text: 'Low oxygen saturation is described without a number: measure it now; below 92 % is an emergency.',
    citation: 'BTS 2017; NICE CKS Chest infections',
    when: (f) => (f.vitals.spo2Percent === undefined ? any(f, /low[- ]oxygen|hypox/i) : undefined),
  },
  {
    id: 'red-flag.abnormal-vitals-described',
    level: 'urgent',
    text: 'Fast breathing, a fast or slow pulse, or low blood pressure is described without numbers: measure the vital signs (NEWS2) today.',
    citation: 'RCP NEWS2 2017; NICE NG51 Sepsis',
    when: (f) => {
      const out: string[] = [];
      if (f.vitals.respiratoryRate === undefined)
        out.push(...ids(f, /raised[- ]respiratory|tachypn|breathing[- ]fast/i));
      if (f.vitals.pulse === undefined) out.push(...ids(f, /tachycard|bradycard/i));
      if (f.vitals.systolicBp === undefined) out.push(...ids(f, /hypotension|low[- ]blood[- ]pressure/i));
      return out.length ? out : undefined;
    },
  },
  {
    id: 'red-flag.shock',
    level: 'emergency',
    text: 'Systolic blood pressure of 90 mmHg or less suggests shock.',
    citation: 'RCP NEWS2 2017 (systolic ≤ 90 scores 3); NICE NG51 Sepsis (high-risk criteria)',
    when: (f) =>
      f.vitals.systolicBp !== undefined && f.vitals.systolicBp <= 90 ? ['systolicBp'] : undefined,
  },
  {
    id: 'red-flag.severe-tachypnoea',
    level: 'emergency',
    text: 'Breathing 25 or more times a minute (adult) is a sign of serious illness.',
    citation: 'NICE NG51 Sepsis (high-risk: RR ≥ 25); RCP NEWS2 2017',
    when: (f) =>
      (f.ageYears === undefined || f.ageYears >= 16) &&
      f.vitals.respiratoryRate !== undefined &&
      f.vitals.respiratoryRate >= 25
        ? ['respiratoryRate']
        : undefined,
  },
  {
    id: 'red-flag.severe-tachycardia',
    level: 'emergency',
    text: 'A heart rate of 131 a minute or more (adult) is a sign of serious illness.',
    citation: 'NICE NG51 Sepsis (high-risk: HR > 130); RCP NEWS2 2017',
    when: (f) =>
      (f.ageYears === undefined || f.ageYears >= 16) && f.vitals.pulse !== undefined && f.vitals.pulse > 130
        ? ['pulse']
        : undefined,
  },
  {
    id: 'red-flag.severe-hypertension-symptoms',
    level: 'emergency',
    text: 'A blood pressure of 180/120 or more with problems with vision, chest pain, breathlessness, confusion or a fit (signs of damage to the eyes, heart or brain) may be a hypertensive emergency; with a headache alone it is same-day care (the rule below).',
    citation:
      'NICE NG136 Hypertension in adults (2019, updated 2023): same-day specialist referral for life-threatening symptoms; ACC/AHA 2017 (hypertensive emergency needs acute target-organ damage)',
    when: (f) => {
      const high = severeHypertension(f);
      const symptoms = high
        ? any(
            f,
            /diminished[- ]vision|blurr|^sx\.sharp-chest-pain$|chest[- ]tightness|^dyspnea$|shortness[- ]of[- ]breath|^confusion$|altered-consciousness|^sx\.seizures$/i,
          )
        : undefined;
      return high && symptoms ? [...high, ...symptoms] : undefined;
    },
  },
  {
    id: 'red-flag.severe-hypertension',
    level: 'urgent',
    text: 'A blood pressure of 180/120 or more needs a same-day review.',
    citation: 'NICE NG136 Hypertension in adults (2019, updated 2023): BP 180/120 or higher',
    when: severeHypertension,
  },
  {
    id: 'red-flag.non-blanching-rash',
    level: 'emergency',
    text: 'A rash that does not fade under pressure with fever or feeling unwell can be meningococcal disease.',
    citation: 'NICE NG240 (2024); NICE NG143 (red features)',
    // Spots and bruises in a well adult without fever are a low platelet count's story (the same-day rule below).
    when: (f) => (afebrileAdultBruising(f) || wellWithoutFever(f) ? undefined : any(f, NON_BLANCHING)),
  },
  {
    id: 'red-flag.petechiae-bruising',
    level: 'urgent',
    text: 'Spots that do not fade, without a fever and without signs of being unwell (or with unexplained bruising in an adult), may be a low platelet count (immune thrombocytopenia, leukaemia) or a vasculitis (Henoch–Schönlein purpura): assessment and a blood count the same day.',
    citation:
      'NICE NG12 Suspected cancer (2015, updated 2023): unexplained petechiae or bruising, very urgent full blood count; BSH ITP guidance',
    when: (f) => (afebrileAdultBruising(f) || wellWithoutFever(f) ? any(f, NON_BLANCHING) : undefined),
  },
  // ── Chest pain ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.chest-pain.acs',
    level: 'emergency',
    text: 'Chest pain that is crushing or pressing, spreads to the arm, jaw, neck or back, or comes with sweating, sickness or breathlessness may be a heart attack.',
    citation: 'NICE CG95; NICE CKS Chest pain',
    when: (f) => {
      const chest = chestPain(f);
      if (!chest) return undefined;
      const character =
        f.hasValue('pain.character', CARDIAC_CHARACTER) || f.has(/crushing|pressing|squeezing|heavy|tight/i);
      const radiation =
        f.hasValue('pain.radiation', RADIATION_ACS) ||
        f.has(/radiat\w* to the (left )?(arm|jaw|neck)|pain-radiating-arm-jaw/i);
      // Breathlessness goes with a heart attack, but also with pain on breathing in (pneumonia, pleurisy, PE: the
      // rules below); a pleuritic or sharp pain with no cardiac feature is not read as a heart attack (NICE CG95
      // lists pain brought on by breathing in among the features that make a cardiac cause less likely).
      // A chest pain with a fever and a cough is a chest infection's pain on coughing (pleuritic) unless its
      // character says otherwise.
      const pleuritic =
        f.has(PLEURITIC) ||
        f.hasValue('pain.character', ['sharp', 'stabbing', 'knife-like']) ||
        f.has(/sharp[- ]chest[- ]pain/i) ||
        chestInfection(f);
      // With a fever and a pain on breathing in, the sweats are the fever's (a chest infection), not a heart
      // attack's.
      const feverSweats = pleuritic && f.has(FEVER);
      const companions = [
        ...ids(
          f,
          ACS_COMPANIONS.filter((id) => id !== 'dyspnea' && !(feverSweats && id === 'sweating')),
        ),
        ...ids(
          f,
          feverSweats
            ? /^sx\.(nausea|vomiting|fainting)$/i
            : /sweat|diaphores|^sx\.(nausea|vomiting|fainting)$/i,
        ),
        ...(pleuritic ? [] : ids(f, BREATHLESS)),
      ];
      const atRest = f.has('chest-pain.at-rest');
      // A tight chest with wheeze or in an asthma attack, and no pain, radiation or sweating, is the tightness of
      // bronchospasm (asthma, COPD: their own severity rules), not a heart attack's pressure.
      const tightnessOnly = chest.every((id) => /^sx\.chest-tightness$/.test(id));
      if (tightnessOnly && f.has(BRONCHOSPASM) && !radiation && !f.has(/sweat|diaphores/i)) return undefined;
      // Pain reproduced by pressing on the chest wall, with no other cardiac feature: NICE CG95 lists it among the
      // features that make a cardiac cause less likely.
      if (f.has(/^sign\.chest-wall-tenderness$/) && !radiation && !companions.length && !atRest)
        return undefined;
      // A pain that has come and gone for more than a week, unchanged and never at rest, is stable angina's
      // story: NICE CG95 sends pain of more than 72 hours ago to a clinical assessment, not to hospital now (the
      // same-day rule below still applies); worsening, or pain at rest, keeps it an emergency.
      // An episode going on now (begun within 12 hours) with sweating or sickness is not the stable story, whatever
      // came before it ("on hills for weeks, always went off in minutes, this hasn't, 40 minutes, sweating").
      const episodeNow =
        f.onset?.shortestDays !== undefined && f.onset.shortestDays <= 0.5 && companions.length > 0;
      if (beyondAWeek(f) && !f.onset?.worsening && !atRest && !episodeNow) return undefined;
      if (character || radiation || companions.length || atRest)
        return [
          ...chest,
          ...(character ? ['pain.character'] : []),
          ...(radiation ? ['pain.radiation'] : []),
          ...companions,
          ...(atRest ? ['chest-pain.at-rest'] : []),
        ];
      return undefined;
    },
  },
  {
    id: 'red-flag.chest-pain.known-coronary-disease',
    level: 'emergency',
    text: 'Chest pain now (begun within the last 12 hours) in someone who has had a heart attack, angina or a stent may be another heart attack: emergency care.',
    citation:
      'NICE CG95 (refer as an emergency when an acute coronary syndrome is suspected and the pain is current or was within the last 12 hours; known coronary artery disease makes it more likely)',
    when: (f) => {
      const chest = chestPain(f);
      const within12Hours = f.onset?.shortestDays !== undefined && f.onset.shortestDays <= 0.5;
      if (!chest || !within12Hours) return undefined;
      // Pain reproduced on pressing the chest wall, or after a strain, is the chest wall's.
      if (f.has(/^sign\.(chest-wall-tenderness|lifting-strain)$/)) return undefined;
      const coronary = f.background(/coronary|heart[- ]attack|myocardial[- ]infarction|angina|stent|cabg/i);
      return coronary.length ? [...chest, ...coronary.map((x) => x.conceptId)] : undefined;
    },
  },
  {
    id: 'red-flag.acs-upper-abdominal',
    level: 'emergency',
    text: 'Heavy or pressing upper abdominal discomfort that spreads to the jaw or arm, or comes with sweating, faintness or breathlessness, or "indigestion" begun today with sweats and sickness or breathlessness from 65 or in diabetes, may be a heart attack presenting as indigestion (more often in women, older people and diabetes).',
    citation:
      'NICE CG95 (atypical presentations: epigastric pain); AHA/ACC 2021 Guideline for the evaluation and diagnosis of chest pain (anginal equivalents: epigastric discomfort, women, diabetes)',
    when: (f) => {
      if ((f.ageYears ?? 0) < 40 || f.course === 'long-standing' || f.course === 'subacute') return undefined;
      const upper = any(f, /^sx\.upper-abdominal-pain$|epigastr/i);
      const indigestion = any(f, /^(?:sx\.)?heartburn$/i);
      if (!upper && !indigestion) return undefined;
      const character = f.hasValue('pain.character', CARDIAC_CHARACTER) ? ['pain.character'] : [];
      const radiation =
        f.hasValue('pain.radiation', RADIATION_ACS) || f.has(/pain-radiating-arm-jaw/i)
          ? ['pain.radiation']
          : [];
      const companions = ids(
        f,
        /sweat|diaphores|clammy|^presyncope$|^lightheadedness$|^syncope$|^sx\.fainting$/i,
      );
      if (upper && (character.length || radiation.length) && (companions.length || radiation.length))
        return [...upper, ...character, ...radiation, ...companions];
      // "Indigestion" with sweats and sickness or breathlessness, in an older or diabetic patient, begun today: the
      // anginal equivalent these patients most often give (no character or radiation asked for).
      const atypicalPatient =
        (f.ageYears ?? 0) >= 65 || f.has(/^sign\.(diabetes-history|insulin-treated)$|^history\.diabetes$/);
      const today = f.onset?.shortestDays === undefined || f.onset.shortestDays <= 1;
      const sickOrBreathless = ids(f, new RegExp(`^(?:sx\\.)?(nausea|vomiting)$|${BREATHLESS.source}`, 'i'));
      return atypicalPatient && today && companions.length && sickOrBreathless.length
        ? [...(upper ?? indigestion ?? []), ...companions, ...sickOrBreathless]
        : undefined;
    },
  },
  {
    id: 'red-flag.acs-without-chest-pain',
    level: 'emergency',
    text: 'Pain in the jaw, arm or between the shoulder blades with sweating, sickness or breathlessness, or from 50 an indigestion with a sweat, may be a heart attack even without chest pain (more often so in women, older people and people with diabetes).',
    citation:
      'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2010, updated 2016): pain in the chest and/or other areas (arms, back or jaw) with nausea and vomiting, marked sweating or breathlessness',
    // A new story in an adult, not after an injury (a sprained wrist and a faint is no heart attack).
    when: (f) => {
      if ((f.ageYears ?? 99) < 30 || beyondAWeek(f) || f.has(INJURY)) return undefined;
      return (
        all(
          f,
          /^sx\.(jaw-pain|arm-pain)$|^sign\.(pain-radiating-arm-jaw|interscapular-pain)$/,
          /^sx\.(sweating|nausea|vomiting|shortness-of-breath)$|^(dyspnea|nausea|vomiting|sweating|diaphoresis)$/,
        ) ??
        // From 50, "indigestion" with a cold sweat is a heart attack until shown otherwise (NHS: pain that feels
        // like indigestion; reflux does not make one sweat).
        ((f.ageYears ?? 0) >= 50
          ? all(f, /^(?:sx\.)?heartburn$/, /^(?:sx\.)?sweating$|diaphoresis/)
          : undefined)
      );
    },
  },
  {
    id: 'red-flag.anaphylaxis-trigger',
    level: 'emergency',
    text: 'After a sting or an allergic trigger, a tight throat, trouble swallowing or breathing, wheeze, swelling of the tongue or lips, or feeling faint may be anaphylaxis: emergency care now (adrenaline).',
    citation:
      'Resuscitation Council UK, Emergency treatment of anaphylaxis (2021): sudden airway, breathing or circulation problems after exposure to a trigger',
    when: (f) =>
      all(
        f,
        /^sign\.insect-sting$|^sx\.allergic-reaction$|allergen|anaphyla/i,
        /^sx\.(throat-feels-tight|difficulty-in-swallowing|wheezing|shortness-of-breath|difficulty-breathing|swollen-tongue|lip-swelling|fainting)$|^(dyspnea|wheeze\.expiratory|syncope|presyncope)$/,
      ),
  },
  {
    id: 'red-flag.chest-pain.tearing',
    level: 'emergency',
    text: 'Sudden tearing or ripping pain in the chest or back may be an aortic dissection.',
    citation: 'NICE CKS Chest pain (aortic dissection)',
    // In the chest, back or belly, and of a new illness: a tearing pain on opening the bowels for weeks is an anal
    // fissure's.
    when: (f) =>
      (f.course === 'new' || f.onset?.sudden === true) &&
      (f.hasValue('pain.character', ['tearing']) || f.has(/tearing|ripping/i)) &&
      (chestPain(f) ||
        f.hasValue('pain.location', /back|abdomen|epigastr|scapul/) ||
        f.has(/back[- ]pain|^sx\.(sharp-abdominal-pain|upper-abdominal-pain)$|^sign\.pain-through-to-back$/i))
        ? ['pain.character']
        : undefined,
  },
  {
    id: 'red-flag.chest-pain.pleuritic-breathless-severe',
    level: 'emergency',
    text: 'Breathlessness with chest pain on breathing in, begun suddenly or together with coughing up blood, low oxygen or a fast pulse, may be a clot in the lung or a collapsed lung.',
    citation:
      'NICE NG158; NICE CKS Chest pain (PE, pneumothorax: sudden-onset pleuritic pain and breathlessness)',
    when: (f) => {
      const base = all(f, BREATHLESS, PLEURITIC);
      if (!base) return undefined;
      // In a feverish chest infection a sudden start (of the fever) and a fast pulse are the infection's; its
      // severity is NEWS2's and CRB-65's to judge, and low oxygen still counts here.
      const hasFever = febrile(f);
      const severe = [
        ...(f.onset?.sudden && f.course === 'new' && !hasFever ? ['onset.sudden'] : []),
        ...ids(f, /^hemoptysis$|ha?emoptysis|coughing[- ]up[- ]blood/i),
        ...(f.vitals.spo2Percent !== undefined && f.vitals.spo2Percent < 94 ? ['spo2'] : []),
        ...(f.vitals.pulse !== undefined && f.vitals.pulse > 100 && !hasFever ? ['pulse'] : []),
      ];
      return severe.length ? [...base, ...severe] : undefined;
    },
  },
  {
    id: 'red-flag.chest-pain.sudden-breathless',
    level: 'emergency',
    text: 'Chest pain that began suddenly, with breathlessness, may be a collapsed lung, a clot in the lung or a heart attack.',
    citation:
      'NICE CKS Chest pain (sudden-onset pain with breathlessness: pneumothorax, PE); BTS pneumothorax guideline 2023',
    when: (f) => {
      if (!f.onset?.sudden || f.course !== 'new') return undefined;
      // A feverish illness that began suddenly with pain on breathing in is a chest infection's story (the rules
      // above and NEWS2 judge it); the sudden start here is the fever's.
      if (f.has(FEVER) && f.has(PLEURITIC)) return undefined;
      const chest = chestPain(f);
      const breathless = chest ? any(f, BREATHLESS) : undefined;
      return chest && breathless ? [...chest, ...breathless, 'onset.sudden'] : undefined;
    },
  },
  {
    id: 'red-flag.chest-pain.pleuritic-breathless',
    level: 'urgent',
    text: 'Breathlessness with chest pain on breathing in needs a same-day assessment (chest infection, pleurisy, clot in the lung, collapsed lung).',
    citation: 'NICE NG158; NICE CKS Chest pain; NICE CKS Chest infections',
    when: (f) => all(f, BREATHLESS, PLEURITIC),
  },
  {
    id: 'red-flag.chest-pain.any',
    level: 'urgent',
    text: 'New chest pain needs a same-day assessment even without other warning signs.',
    citation: 'NICE CG95; NICE CKS Chest pain',
    // Pain of more than a week, unchanged, is assessed by appointment (NICE CG95: pain more than 72 hours ago).
    // A young person's stabs of pain lasting seconds, with nothing else, is chest wall pain (NICE CKS Chest pain:
    // pain of seconds' duration makes a cardiac cause unlikely): by appointment.
    when: (f) => {
      if (beyondAWeek(f) && !f.onset?.worsening) return undefined;
      const youngWithNothingElse =
        (f.ageYears ?? Infinity) < 40 && !f.has(BREATHLESS) && !f.has(/faint|syncope|sweat/i);
      const fleeting = f.has(/^sign\.fleeting-pain$/);
      // Pain that pressing on the chest reproduces, begun with lifting or carrying, is a strained chest wall (NICE CKS
      // Chest pain: musculoskeletal causes), when nothing else goes with it.
      // The same after a bout of coughing (NICE CKS Chest pain: costochondritis), without a fever.
      const strained =
        f.has(/^sign\.chest-wall-tenderness$/) &&
        (f.has(/^sign\.lifting-strain$/) || (f.has(/cough|^sign\.whoop$/i) && !febrile(f)));
      return youngWithNothingElse && (fleeting || strained) ? undefined : chestPain(f);
    },
  },
  {
    id: 'red-flag.breathless-clot-risk',
    level: 'emergency',
    text: 'New breathlessness with a painful or swollen calf, or after surgery, childbirth or a long journey, may be a clot in the lung.',
    citation: 'NICE NG158 Venous thromboembolic diseases (2020, updated 2023): suspected PE, assess now',
    when: (f) => {
      if (f.course !== 'new' && !f.onset?.sudden) return undefined;
      return all(
        f,
        BREATHLESS,
        /^sign\.(calf-pain|calf-tenderness|unilateral-leg-swelling|recent-surgery-or-birth|long-journey)$|^history\.(immobilization|recent-surgery)$/,
      );
    },
  },
  // ── Neurological ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.weak-legs-new',
    level: 'emergency',
    text: 'New weakness of both legs, or weakness spreading upwards, may be spinal cord compression or Guillain–Barré syndrome: emergency assessment.',
    citation:
      'NICE NG234 Spinal metastases and metastatic spinal cord compression (2023); NICE CKS Guillain–Barré syndrome (admit)',
    when: (f) => {
      const ascending = any(f, /^sign\.ascending-weakness$/);
      if (ascending) return ascending;
      const legs = any(f, /^sx\.leg-weakness$/);
      return legs && (f.course === 'new' || f.onset?.worsening) ? legs : undefined;
    },
  },
  {
    id: 'red-flag.double-vision-headache',
    level: 'emergency',
    text: 'New double vision with a headache or neck pain may be a stroke in the back of the brain, an artery tear or an aneurysm.',
    citation:
      'NICE CKS Diplopia (acute onset with headache or other neurological signs: emergency); NICE NG128 (BE-FAST)',
    when: (f) => {
      if (f.course !== 'new' && f.course !== 'unknown') return undefined;
      return all(
        f,
        /^sx\.double-vision$|diplopia|double[- ]vision/i,
        /^(?:sx\.)?headache$|^sx\.neck-pain$|neck[- ]pain/i,
      );
    },
  },
  {
    id: 'red-flag.stroke',
    level: 'emergency',
    text: 'Sudden face droop, arm weakness or slurred speech may be a stroke (think FAST).',
    citation: 'NICE NG128 (2019)',
    when: (f) => {
      // A facial weakness that takes in the forehead, with no limb or speech deficit, is a Bell's palsy (lower motor
      // neurone), not a stroke (NICE CKS Bell's palsy: forehead sparing points to a central cause).
      const limbOrSpeech = any(
        f,
        /^(dysarthria|weakness\.focal|sx\.(arm|leg)-weakness)$|slurr|aphasia|hemipar|hemipleg/i,
      );
      if (f.has(/^sign\.forehead-involved$/) && !limbOrSpeech) return undefined;
      // Symptoms that have gone back to normal are a transient ischaemic attack (the rule below).
      if (f.has(DEFICIT_RESOLVED)) return undefined;
      // A deficit that has crept on over more than a week, with no sudden start, is not a stroke's story (a
      // tumour, a subdural: the same-day rule below).
      if (beyondAWeek(f) && !f.onset?.sudden) return undefined;
      return focalDeficit(f);
    },
  },
  {
    id: 'red-flag.posterior-stroke',
    level: 'emergency',
    text: 'New dizziness or vertigo with double vision or slurred speech may be a stroke at the back of the brain: emergency care now.',
    citation:
      'NICE CKS Vertigo (central causes: new vertigo with neurological symptoms or signs, refer immediately); NICE NG128 (2019)',
    when: (f) => {
      if (f.course !== 'new' && !f.onset?.sudden) return undefined;
      return all(
        f,
        /^(?:sx\.)?dizziness$|vertigo/i,
        // Unsteadiness alone goes with a labyrinthitis or a faint too; double vision and slurred speech do not.
        /^diplopia$|^sx\.double-vision$|^dysarthria$|slurr/i,
      );
    },
  },
  {
    id: 'red-flag.head-injury-risk',
    level: 'emergency',
    text: 'A head injury followed by vomiting, a loss of consciousness, drowsiness, a fit, or (in a young child) unusual irritability needs the emergency department now.',
    citation:
      'NICE NG232 Head injury (2023): referral from the community to the emergency department for any of these risk factors',
    when: (f) => {
      const injury = any(f, /^sign\.head-injury$/);
      if (!injury) return undefined;
      const risk = ids(
        f,
        /^(?:sx\.)?vomiting$|^syncope$|loss of consciousness|knocked[- ]out|passed out|^sign\.altered-consciousness$|drows|^sx\.sleepiness$|seizure|convuls|amnesia/i,
      );
      const irritable = (f.ageYears ?? 99) < 5 ? ids(f, /^sx\.irritable-infant$/) : [];
      const found = [...risk, ...irritable];
      return found.length ? [...injury, ...found] : undefined;
    },
  },
  {
    id: 'red-flag.head-injury-anticoagulant',
    level: 'emergency',
    text: 'A head injury in someone taking a blood thinner (anticoagulant) needs a CT scan of the head within 8 hours: emergency department now.',
    citation: 'NICE NG232 Head injury (2023): CT within 8 hours for anyone on anticoagulant treatment',
    when: (f) => all(f, /^sign\.head-injury$/, /^sign\.anticoagulant$/),
  },
  {
    id: 'red-flag.progressive-deficit',
    level: 'urgent',
    text: 'Weakness, numbness or trouble speaking that has come on over days to weeks needs a same-day assessment (a brain tumour, a subdural bleed, multiple sclerosis).',
    citation:
      'NICE NG12 Suspected cancer (progressive neurological deficit: brain and CNS cancers); NICE CKS Head injury (chronic subdural haematoma)',
    // Sub-acute: a story of more than a week and up to about three months (NG12's "progressive, sub-acute loss
    // of central neurological function"); a year of slowly weaker legs or of word-finding trouble is a routine
    // referral's story.
    when: (f) =>
      beyondAWeek(f) &&
      !f.onset?.sudden &&
      !f.has(DEFICIT_RESOLVED) &&
      (f.onset?.longestDays ?? Infinity) <= SUBACUTE_MAX_DAYS
        ? focalDeficit(f)
        : undefined,
  },
  {
    id: 'red-flag.tia',
    level: 'urgent',
    text: 'Stroke symptoms that went back to normal may be a transient ischaemic attack: aspirin and a specialist assessment within 24 hours (emergency care if they come back or are still there).',
    citation:
      'NICE NG128 Stroke and TIA in over 16s (2019, updated 2022): suspected TIA — aspirin 300 mg, specialist assessment within 24 hours of onset',
    when: (f) => (f.has(DEFICIT_RESOLVED) ? focalDeficit(f) : undefined),
  },
  {
    id: 'red-flag.facial-palsy',
    level: 'urgent',
    text: "A new weakness of one side of the face needs a same-day assessment (Bell's palsy is treated within 72 hours; a stroke must be excluded).",
    citation: "NICE CKS Bell's palsy (2024): prednisolone within 72 hours of onset",
    when: (f) =>
      f.course === 'long-standing'
        ? undefined
        : any(
            f,
            /^facial-palsy$|^weakness\.face-or-eyes$|^sign\.forehead-involved$|facial[- ](droop|palsy|weakness)/i,
          ),
  },
  {
    id: 'red-flag.headache.thunderclap',
    level: 'emergency',
    text: 'A sudden, very severe headache that peaks within minutes may be a bleed in the brain.',
    citation: 'NICE CKS Headache assessment (thunderclap headache)',
    when: (f) => {
      const headache =
        f.has(/headache|cephal/i) ||
        f.hasValue('pain.location', /forehead|temple|occiput|top-of-the-head|head/);
      if (!headache) return undefined;
      const sudden =
        f.hasValue('pain.onset-speed', /^(sudden|[4-5])$/) ||
        f.has(/thunderclap|worst headache|sudden.*headache/i);
      const severe = (f.numeric('pain.intensity') ?? 0) >= 9 || f.has(/thunderclap|worst headache/i);
      return sudden && severe ? ids(f, /headache|pain\.(onset-speed|intensity|location)/i) : undefined;
    },
  },
  {
    id: 'red-flag.giant-cell-arteritis.visual',
    level: 'emergency',
    text: 'Over 50, a headache with jaw pain on chewing, a tender scalp or pain over the temples, and loss of vision: giant cell arteritis threatens the other eye and is treated the same day.',
    citation:
      'BSR guideline on giant cell arteritis (Mackie et al., Rheumatology 2020): visual symptoms, immediate assessment',
    when: (f) => {
      const features = giantCellArteritisFeatures(f);
      const visual = features ? any(f, VISUAL_LOSS) : undefined;
      return features && visual ? [...features, ...visual] : undefined;
    },
  },
  {
    id: 'red-flag.giant-cell-arteritis',
    level: 'urgent',
    text: 'Over 50, a headache with jaw pain on chewing, a tender scalp or pain over the temples may be giant cell arteritis: same-day assessment.',
    citation:
      'BSR guideline on giant cell arteritis (Mackie et al., Rheumatology 2020): fast-track same-day referral',
    when: giantCellArteritisFeatures,
  },
  {
    id: 'red-flag.meningism',
    level: 'emergency',
    text: 'Fever with a stiff neck, dislike of light or a non-blanching rash may be meningitis.',
    citation: 'NICE NG240 (2024); NICE CKS Headache assessment',
    when: (f) =>
      all(f, FEVER, /neck[- ]stiffness(?![- ]or)|stiff neck|meningism|photophobia|nuchal rigidity/i) ??
      (f.vitals.temperatureC !== undefined && f.vitals.temperatureC >= 38
        ? any(f, /neck[- ]stiffness(?![- ]or)|stiff neck|meningism|nuchal rigidity/i)
        : undefined),
  },
  // ── Gastrointestinal ──────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.gi-bleed',
    level: 'emergency',
    text: 'Vomiting blood or black, tarry stools suggest bleeding from the gut.',
    citation: 'NICE CG141 (acute upper GI bleeding)',
    when: (f) =>
      any(f, ['hematemesis', 'melena']) ??
      any(f, /haematemesis|hematemesis|vomiting[- ]blood|melaena|melena|coffee.ground|tarry/i),
  },
  {
    id: 'red-flag.rectal-bleeding-heavy',
    level: 'emergency',
    text: 'A lot of blood from the back passage (the toilet water red, large clots) needs emergency care now.',
    citation:
      'NICE CKS Rectal bleeding (admit if heavy or haemodynamically unstable); NHS.uk Bleeding from the bottom (a lot of blood: A&E or 999)',
    when: (f) => {
      const bleeding = rectalBleeding(f);
      const heavy = bleeding ? any(f, /^sign\.heavy-bleeding$/) : undefined;
      return bleeding && heavy ? [...bleeding, ...heavy] : undefined;
    },
  },
  {
    id: 'red-flag.rectal-bleeding',
    level: 'urgent',
    text: 'Bloody diarrhoea should be assessed the same day (a lot of blood is the emergency rule above); a little bright red blood is assessed at an appointment, on the suspected-cancer pathway where its criteria are met.',
    citation:
      'NICE CKS Rectal bleeding (admit if heavy or haemodynamically unstable; otherwise assess, and refer on NG12 criteria); NICE CKS Gastroenteritis (bloody diarrhoea: stool culture, same-day assessment); NICE NG12',
    when: (f) => {
      const bleeding = rectalBleeding(f);
      // Blood with looser stools for weeks is a change in bowel habit: the suspected-cancer pathway (NG12), not the
      // same day; heavy bleeding still is.
      const heavyOrDiarrhoea = bleeding
        ? f.course === 'long-standing'
          ? any(f, /^sign\.heavy-bleeding$/)
          : any(f, /^sign\.heavy-bleeding$|^(?:sx\.)?diarrh?oea$|^(?:sx\.)?diarrhea$/)
        : undefined;
      return bleeding && heavyOrDiarrhoea ? [...bleeding, ...heavyOrDiarrhoea] : undefined;
    },
  },
  {
    id: 'red-flag.acute-abdomen',
    level: 'urgent',
    text: 'Severe abdominal pain (7/10 or more, or described as severe) should be assessed the same day.',
    citation: 'NICE CKS Abdominal pain (acute); MTS discriminator "severe pain"',
    // A pain that has come and gone the same way for more than four weeks, not getting worse, is not acute.
    when: (f) =>
      !(f.course === 'long-standing' && !f.onset?.worsening) &&
      (f.hasValue('pain.location', /abdomen|epigastr|hypochondr|iliac|flank|hypogastr|pelvi/) ||
        f.has(ABDOMINAL_PAIN)) &&
      ((f.numeric('pain.intensity') ?? 0) >= 7 || f.hasValue('pain.character', SEVERE_PAIN))
        ? ['pain.location', 'pain.intensity']
        : undefined,
  },
  {
    id: 'red-flag.severe-pain-new',
    level: 'emergency',
    text: 'Severe pain (7/10 or more, or described as severe) that began within the last week needs assessment now (the Manchester Triage System puts severe pain in its very-urgent band).',
    citation:
      'MTS discriminators "severe pain" and "moderate pain" (Mackway-Jones et al., Emergency Triage 3rd ed.); NHS 111 pain pathways',
    // Not when the severe pain is the picture of a same-day rule without fever: a hot swollen joint (gout; a
    // septic joint has its own emergency rule) or renal colic under 60 (NICE CKS: same-day care unless fever,
    // a single kidney or uncontrolled pain; from 60 a leaking aneurysm must be excluded).
    when: (f) => {
      if (f.course !== 'new') return undefined;
      if (!((f.numeric('pain.intensity') ?? 0) >= 7 || f.hasValue('pain.character', SEVERE_PAIN)))
        return undefined;
      // A severe pain now easing, without a fever (a biliary colic settling): the same-day rules decide.
      if (f.has(/^sign\.pain-easing$/) && !febrile(f)) return undefined;
      const hasFever = febrile(f);
      // An age not written counts as under 60 here: the renal colic rule still asks for same-day care, and a leaking
      // aneurysm has its own emergency rule.
      const sameDayPicture = hotSwollenJoint(f) || ((f.ageYears ?? 0) < 60 && renalColic(f));
      if (sameDayPicture && !hasFever) return undefined;
      // A severe sore throat with a quinsy's signs (fever part of it): the quinsy rules decide — same-day ENT
      // assessment, emergency care when fluids do not go down (NICE CKS Sore throat – acute).
      if (f.has(/^sign\.quinsy-features$/)) return undefined;
      // A pain whose own rules judge it: a sore throat (FeverPAIN, quinsy, drooling), shingles (same-day antivirals,
      // an eye assessment when the nose or eye is involved), or the headache and aches of a febrile illness (the
      // fever, sepsis and meningitis rules; a thunderclap headache has its own).
      if (painJudgedByOwnRules(f)) return undefined;
      return ['pain.intensity', 'onset'];
    },
  },
  {
    id: 'red-flag.renal-colic',
    level: 'urgent',
    text: 'Pain in the side or loin in waves, going to the groin, with blood in the urine or unable to keep still, is likely a kidney stone: pain relief and assessment the same day (emergency care with a fever, a single kidney, or pain not controlled).',
    citation:
      'NICE CKS Renal or ureteric colic – acute (2024): admit with signs of infection, a solitary kidney, or uncontrolled pain; otherwise same-day care and urgent imaging; NICE NG118',
    when: renalColic,
  },
  {
    id: 'red-flag.new-worsening',
    level: 'urgent',
    text: 'A new illness (begun within the last week) that is getting worse should be reviewed the same day.',
    citation:
      'Safety-netting advice of NICE NG143 Fever in under 5s (seek help if the condition deteriorates) and NICE NG51 Sepsis; NHS 111 (symptoms getting worse: same-day contact)',
    when: (f) => (f.course === 'new' && f.onset?.worsening ? ['onset.worsening'] : undefined),
  },
  // ── Pregnancy ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.pregnancy-pain-bleeding',
    level: 'emergency',
    text: 'Abdominal pain or bleeding in early pregnancy may be an ectopic pregnancy: emergency care now when the weeks are not known, or with one-sided or severe pain, heavy bleeding, or dizziness.',
    citation:
      'NICE NG126 Ectopic pregnancy and miscarriage (2019, updated 2023): refer to A&E if haemodynamically unstable or with significant concern about the pain or bleeding',
    when: (f) => {
      const evidence = earlyPregnancyPainOrBleeding(f);
      if (!evidence) return undefined;
      // With the weeks known and in the first trimester, the same-day early pregnancy rule below unless a warning
      // sign is written; with the weeks unknown (an ectopic not excluded) or from 14 weeks, emergency care.
      const weeks = gestationWeeks(f);
      if (weeks === undefined || weeks > EARLY_PREGNANCY_MAX_WEEKS) return evidence;
      const warning = [
        ...(f.hasValue('pain.location', /iliac/) ? ['pain.location'] : []),
        ...((f.numeric('pain.intensity') ?? 0) >= 7 || f.hasValue('pain.character', SEVERE_PAIN)
          ? ['pain.intensity']
          : []),
        ...ids(
          f,
          /^sign\.heavy-bleeding$|^syncope$|^sx\.fainting$|dizz|lightheaded|presyncope|^sign\.hypotension$/i,
        ),
      ];
      return warning.length ? [...evidence, ...warning] : undefined;
    },
  },
  {
    id: 'red-flag.early-pregnancy-bleeding',
    level: 'urgent',
    text: 'Cramping pain or bleeding in the first 13 weeks of pregnancy, with no warning sign, needs the early pregnancy assessment service the same day (a miscarriage or an ectopic pregnancy).',
    citation:
      'NICE NG126 Ectopic pregnancy and miscarriage (2019, updated 2023): refer immediately to an early pregnancy assessment service',
    when: earlyPregnancyPainOrBleeding,
  },
  {
    id: 'red-flag.pregnancy-late',
    level: 'emergency',
    text: 'Later in pregnancy, bleeding, contractions before term, or a hard, painful bump that does not ease need assessment in the maternity unit now.',
    citation: 'NICE NG201 Antenatal care (2021); RCOG Green-top 63 (antepartum haemorrhage)',
    // Not before 20 weeks when the weeks are written (the early pregnancy rules above).
    when: (f) =>
      laterPregnancy(f)
        ? any(
            f,
            /uterine[- ]contraction|bleeding[- ]during[- ]pregnancy|vaginal[- ]bleeding|antepartum|^sign\.woody-uterus$/i,
          )
        : undefined,
  },
  {
    id: 'red-flag.reduced-fetal-movements',
    level: 'urgent',
    text: 'Fewer baby movements later in pregnancy: call the maternity unit now, to be checked within hours (not to wait for the next day or the next appointment).',
    citation:
      'RCOG Green-top 57 Reduced fetal movements (2011): contact the maternity unit immediately, assessment the same day; NICE NG201 Antenatal care (2021)',
    when: (f) =>
      laterPregnancy(f) ? any(f, /decreased[- ]fetal|reduced[- ]fetal|fetal[- ]movement/i) : undefined,
  },
  {
    id: 'red-flag.pre-eclampsia-severe',
    level: 'emergency',
    text: 'In pregnancy, two or more of a headache, problems with vision, pain below the ribs and sudden swelling may be severe pre-eclampsia: assessment in the maternity unit now.',
    citation: 'NICE NG133 Hypertension in pregnancy (2019, updated 2023: symptoms of severe pre-eclampsia)',
    when: (f) => {
      const symptoms = preEclampsiaSymptoms(f);
      return symptoms && new Set(symptoms.map(preEclampsiaKind)).size >= 2 ? symptoms : undefined;
    },
  },
  {
    id: 'red-flag.pre-eclampsia',
    level: 'urgent',
    text: 'In pregnancy, a headache, problems with vision, pain below the ribs or sudden swelling of the face, hands or feet may be pre-eclampsia: same-day blood pressure and urine check.',
    citation: 'NICE NG133 Hypertension in pregnancy (2019, updated 2023: symptoms of pre-eclampsia)',
    when: preEclampsiaSymptoms,
  },
  // ── Respiratory ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.breathless-at-rest-severe',
    level: 'emergency',
    text: 'Breathless even at rest: struggling to breathe needs emergency care.',
    citation: 'NICE CKS Breathlessness; NHS 111 (struggling to breathe); BTS 2017',
    when: (f) =>
      any(
        f,
        /breathless(ness)? at rest|short of breath at rest|dyspn\w* at rest|^sign\.(severe-breathlessness|speaks-in-words|pink-frothy-sputum)$/i,
      ),
  },
  {
    id: 'red-flag.asthma-reliever-failing',
    level: 'emergency',
    text: 'An asthma attack that the reliever inhaler does not help is a severe attack: emergency care.',
    citation: 'BTS/SIGN 158 British guideline on the management of asthma (2019); NHS asthma attack advice',
    // A reliever in use is an attack under way: the breathing complaint need not be written beside it ("blue inhaler
    // every 10 mins, not working").
    when: (f) => any(f, /^sign\.reliever-not-helping$/),
  },
  {
    id: 'red-flag.asthma-attack',
    level: 'urgent',
    text: 'An asthma attack needs a same-day review with a GP or asthma nurse, even when the reliever has helped (emergency care if it does not help).',
    citation: 'BTS/SIGN 158 British guideline on the management of asthma (2019); NHS asthma attack advice',
    when: (f) => any(f, /^sign\.asthma-attack$/),
  },
  {
    id: 'red-flag.asthma-peak-flow-severe',
    level: 'emergency',
    text: 'A peak flow at or below half of the best or predicted is acute severe asthma (a third or less is life-threatening): emergency care now.',
    citation:
      'BTS/SIGN 158 British guideline on the management of asthma (2019): acute severe asthma, PEF 33–50 % of best or predicted; life-threatening, PEF < 33 %',
    when: (f) => ((peakFlowShareOfBest(f) ?? 1) <= 0.5 ? ['peakFlow'] : undefined),
  },
  {
    id: 'red-flag.asthma-peak-flow-moderate',
    level: 'urgent',
    text: 'A peak flow between half and three quarters of the best or predicted is a moderate asthma attack: treatment and a review the same day.',
    citation:
      'BTS/SIGN 158 British guideline on the management of asthma (2019): moderate acute asthma, PEF > 50–75 % of best or predicted',
    when: (f) => {
      const share = peakFlowShareOfBest(f);
      return share !== undefined && share > 0.5 && share <= 0.75 ? ['peakFlow'] : undefined;
    },
  },
  {
    id: 'red-flag.breathless-at-rest',
    level: 'urgent',
    text: 'Breathlessness on minimal effort or at rest needs a same-day assessment.',
    citation: 'NICE CKS Breathlessness; BTS 2017',
    when: (f) =>
      any(f, ['dyspnea.minimal-exertion', 'paroxysmal-nocturnal-dyspnea']) ??
      any(f, /breathless(ness)? at rest|short of breath at rest|orthopn/i),
  },
  {
    id: 'red-flag.respiratory-distress',
    level: 'emergency',
    text: 'Laboured breathing or struggling to breathe needs emergency care.',
    citation:
      'NHS 111 and MTS (struggling to breathe, inadequate breathing); NICE NG9 Bronchiolitis (severe respiratory distress: refer immediately)',
    when: (f) =>
      any(f, /respiratory[- ]distress|laboured breathing|labored breathing|struggling to breathe/i),
  },
  {
    id: 'red-flag.breathless-acute',
    level: 'urgent',
    text: 'Breathlessness that began within the last two weeks (acute breathlessness) needs a same-day assessment.',
    citation: 'NICE CKS Breathlessness (acute breathlessness: assess the same day); BTS 2017',
    when: (f) => {
      // No duration next to the breathlessness: the story's own course (all of it begun within the week).
      const breathless = any(f, BREATHLESS);
      if (!breathless) return undefined;
      const days = f.durationDays(BREATHLESS) ?? (f.course === 'new' ? f.onset?.longestDays : undefined);
      // Minutes or hours that do not date the story are how long each attack lasts ("they last 10 minutes, a few
      // times a month for 3 months"; "lasts 10 mins then goes"), not a new breathlessness.
      if (days !== undefined && days < 1 && f.course !== 'new') return undefined;
      return days !== undefined && days <= ACUTE_BREATHLESS_DAYS ? breathless : undefined;
    },
  },
  {
    id: 'red-flag.massive-haemoptysis',
    level: 'emergency',
    text: 'Coughing up a large amount of blood (a cupful, mouthfuls) is an emergency: call 999.',
    citation: 'NICE CKS Haemoptysis (massive haemoptysis: emergency admission); BTS',
    when: (f) => any(f, /^sign\.massive-haemoptysis$/),
  },
  {
    id: 'red-flag.haemoptysis',
    level: 'urgent',
    text: 'Coughing up blood needs prompt assessment (and, from 40 years, a chest X-ray for cancer).',
    citation: 'NICE CKS Haemoptysis; NICE NG12 (unexplained haemoptysis, 40 and over)',
    when: (f) =>
      any(f, ['hemoptysis']) ?? any(f, /ha?emoptysis|coughing[- ]up[- ]blood|massive-haemoptysis/i),
  },
  {
    id: 'red-flag.pneumonia-crb65',
    level: 'urgent',
    text: 'Chest infection with a CRB-65 score of 1–2 (confusion, breathing 30 or more a minute, low blood pressure, age 65 or over): consider hospital assessment.',
    citation: 'NICE CG191 (CRB-65 in the community)',
    when: (f) => {
      if (!chestInfection(f)) return undefined;
      const crb = crb65(f);
      return crb.score >= 1 && crb.score <= 2 && crb.points.some((p) => p !== 'age≥65')
        ? ['cough', ...crb.points]
        : undefined;
    },
  },
  {
    id: 'red-flag.pneumonia-crb65-high',
    level: 'emergency',
    text: 'Chest infection with a CRB-65 score of 3 or more: urgent hospital admission.',
    citation: 'NICE CG191 (CRB-65 in the community)',
    when: (f) => {
      if (!chestInfection(f)) return undefined;
      const crb = crb65(f);
      return crb.score >= 3 ? ['cough', ...crb.points] : undefined;
    },
  },
  // ── Children (NICE NG143 traffic light) ───────────────────────────────────────────────────────────────────────
  {
    id: 'red-flag.infant-fever',
    level: 'emergency',
    text: 'A baby under 3 months with a temperature of 38 °C or more needs emergency assessment.',
    citation: 'NICE NG143 (red: age under 3 months, temperature ≥ 38 °C)',
    when: (f) =>
      f.ageYears !== undefined && f.ageYears < 0.25 && febrile(f) ? ['age', ...ids(f, FEVER)] : undefined,
  },
  {
    id: 'red-flag.hip-fracture',
    level: 'emergency',
    text: 'An older person who has fallen and has hip or groin pain, cannot walk, or has a leg shortened and turned out may have broken their hip: emergency assessment.',
    citation: 'NICE CG124 Hip fracture (suspected: hospital assessment, analgesia and imaging on arrival)',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears < 60) return undefined;
      // A leg shortened and turned out is the hip fracture's own sign, the fall told or not.
      const shortened = ids(f, /^sign\.shortened-rotated-leg$/);
      if (shortened.length) return shortened;
      const injury = ids(f, INJURY);
      const hip = ids(f, /^sx\.(hip-pain|groin-pain)$|unable-to-bear-weight/i);
      return injury.length && hip.length ? [...injury, ...hip] : undefined;
    },
  },
  {
    id: 'red-flag.knee-injury-swelling',
    level: 'urgent',
    text: 'A knee that swelled within hours of a twisting injury, or will not straighten, may have a torn ligament or meniscus (bleeding into the joint): an assessment the same day.',
    citation:
      'NICE CKS Knee pain – assessment (acute injury with rapid swelling or a locked knee: same-day assessment, urgent orthopaedic referral)',
    when: (f) => any(f, /^sign\.knee-injury-swelling$/),
  },
  {
    id: 'red-flag.injury-unable-to-bear-weight',
    level: 'urgent',
    text: 'After an injury, being unable to bear weight calls for an X-ray the same day (Ottawa rules).',
    citation: 'Stiell et al., Ottawa ankle rules, JAMA 1993; NICE NG38 Fractures (non-complex)',
    when: (f) => {
      const injury = ids(f, INJURY);
      const weight = ids(f, /unable-to-bear-weight/i);
      return injury.length && weight.length ? [...injury, ...weight] : undefined;
    },
  },
  {
    id: 'red-flag.child-floppy',
    level: 'emergency',
    text: 'A floppy child, or one who is hard to wake or not responding normally, may be seriously ill: emergency assessment.',
    citation:
      'NICE NG143 (red: no response to social cues, does not wake or stay awake); NICE CG84 (altered responsiveness)',
    when: (f) =>
      f.ageYears !== undefined && f.ageYears < 16 ? any(f, /floppy|unresponsive|hard to wake/i) : undefined,
  },
  {
    id: 'red-flag.infant-projectile-vomiting',
    level: 'urgent',
    text: 'Forceful (projectile) vomiting in a baby under 6 months may be pyloric stenosis: same-day assessment.',
    citation:
      'NICE CKS Nausea/vomiting in children (projectile vomiting in the first 2 months: pyloric stenosis)',
    when: (f) =>
      f.ageYears !== undefined && f.ageYears < 0.5 ? any(f, /projectile|forceful vomiting/i) : undefined,
  },
  {
    id: 'red-flag.infant-vomiting-dehydrated',
    level: 'emergency',
    text: 'A baby under 6 months who vomits forcefully and is drier (fewer wet nappies) or sleepier than usual is becoming dehydrated: emergency assessment.',
    citation:
      'NICE NG143 Fever in under 5s and NICE CG84 Diarrhoea and vomiting in children (clinical dehydration: reduced urine output, altered responsiveness — refer for admission); NICE CKS Pyloric stenosis',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 0.5) return undefined;
      const vomiting = any(f, /projectile|forceful vomiting/i);
      const dry = vomiting
        ? any(f, /low-urine-output|oliguria|wet nappies|drowsy|letharg|sleepy|floppy|altered-consciousness/i)
        : undefined;
      return vomiting && dry ? [...vomiting, ...dry] : undefined;
    },
  },
  {
    id: 'red-flag.child-fever-amber',
    level: 'urgent',
    text: 'A child with fever and an amber feature (aged 3–6 months with 39 °C or more, fever for 5 days or more, fast breathing, low oxygen) should be seen the same day.',
    citation: 'NICE NG143 (amber features)',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 5 || f.ageYears < 0.25) return undefined;
      if (!febrile(f)) return undefined;
      const out: string[] = [];
      if (f.ageYears < 0.5 && (f.vitals.temperatureC ?? 0) >= 39) out.push('temperature');
      if ((f.durationDays(FEVER) ?? 0) >= 5) out.push('fever.duration');
      if (f.has(/dehydrat|dry mucous|sunken eyes|skin turgor/i)) out.push(...ids(f, /dehydrat/i));
      const rr = f.vitals.respiratoryRate;
      if (rr !== undefined && ((f.ageYears < 1 && rr > 50) || (f.ageYears >= 1 && rr > 40)))
        out.push('respiratoryRate');
      if (f.vitals.spo2Percent !== undefined && f.vitals.spo2Percent <= 95) out.push('spo2');
      return out.length ? out : undefined;
    },
  },
  {
    id: 'red-flag.palpitations-warning',
    level: 'urgent',
    text: 'New or worsening palpitations with dizziness, breathlessness or chest pain, or on exertion, need a same-day assessment with an ECG.',
    citation:
      'NICE CKS Palpitations (red flags: syncope or presyncope, chest pain, breathlessness, palpitations on exertion)',
    // Episodes recurring for more than a week, unchanged (panic attacks, ectopic beats), are assessed by appointment.
    when: (f) =>
      beyondAWeek(f) && !f.onset?.worsening
        ? undefined
        : all(
            f,
            /^(?:sx\.)?palpitations$|palpitation|heart racing|racing heart|pounding heart/i,
            /^(?:sx\.)?dizziness$|lightheaded|presyncope|^dyspnea|shortness[- ]of[- ]breath|breathless|chest[- ]pain|chest[- ]tightness|exertion/i,
          ),
  },
  {
    id: 'red-flag.palpitations-compromise',
    level: 'emergency',
    text: 'Palpitations going on now (begun within the day) with chest pain or tightness, fainting or near-fainting, or a pulse of 150 or more need emergency care: an ECG during the attack.',
    citation:
      'NICE CKS Palpitations (admit when symptomatic now with chest pain, syncope or near-syncope, or haemodynamic compromise); Resuscitation Council UK 2021 Adult tachyarrhythmia algorithm (adverse features)',
    when: (f) => {
      const today =
        f.onset?.shortestDays !== undefined ? f.onset.shortestDays <= 1 : f.onset?.sudden === true;
      if (!today || beyondAWeek(f)) return undefined;
      const palpitations = ids(
        f,
        /^(?:sx\.)?palpitations$|palpitation|heart racing|racing heart|pounding heart/i,
      );
      if (!palpitations.length) return undefined;
      const compromise = [
        ...ids(f, SYNCOPE),
        ...(chestPain(f) ?? []),
        ...ids(f, /^sx\.chest-tightness$/),
        ...(f.vitals.pulse !== undefined && f.vitals.pulse >= 150 ? ['pulse'] : []),
      ];
      return compromise.length ? [...palpitations, ...compromise] : undefined;
    },
  },
  {
    id: 'red-flag.new-irregular-palpitations',
    level: 'urgent',
    text: 'A new irregular heartbeat may be atrial fibrillation: an ECG the same day, while rhythm control is still possible within 48 hours of onset, and stroke risk assessed.',
    citation:
      'NICE NG196 Atrial fibrillation (2021): rate or rhythm control when onset is under 48 hours; NICE CKS Palpitations',
    when: (f) =>
      f.course === 'new' || f.onset?.sudden ? any(f, /^sign\.irregular-palpitations$/) : undefined,
  },
  {
    id: 'red-flag.syncope-bradycardia',
    level: 'emergency',
    text: 'Fainting with a slow pulse (under 40 a minute, or described as very slow) may be heart block: emergency care.',
    citation:
      'Resuscitation Council UK 2021 adult bradycardia algorithm (syncope is an adverse feature); NICE CG109',
    when: (f) => {
      const syncope = any(f, SYNCOPE);
      if (!syncope) return undefined;
      const slow =
        f.vitals.pulse !== undefined && f.vitals.pulse < 40 ? ['pulse'] : any(f, /^sign\.bradycardia$/);
      return slow ? [...syncope, ...slow] : undefined;
    },
  },
  {
    id: 'red-flag.syncope',
    level: 'urgent',
    text: 'Fainting (a transient loss of consciousness) needs an assessment the same day, with an ECG.',
    citation: 'NICE CG109 Transient loss of consciousness (2010, updated 2023)',
    when: (f) => any(f, SYNCOPE),
  },
  {
    id: 'red-flag.pelvic-infection-systemic',
    level: 'emergency',
    text: 'Lower abdominal or pelvic pain with a fever, vomiting and a pelvic sign (vaginal discharge, bleeding between periods, pain on intercourse) may be a pelvic infection that needs admission, or a surgical emergency such as appendicitis that cannot be excluded: emergency assessment.',
    citation:
      'CDC Sexually Transmitted Infections Treatment Guidelines 2021, pelvic inflammatory disease (hospitalise for nausea and vomiting, severe illness, or when a surgical emergency cannot be excluded); NICE CKS Pelvic inflammatory disease',
    when: (f) => {
      if (f.sex === 'male' || !febrile(f)) return undefined;
      const vomiting = ids(f, /^(?:sx\.)?vomiting$/);
      const pelvicSign = ids(
        f,
        /vaginal[- ]discharge|intermenstrual[- ]bleeding|pain[- ]during[- ]intercourse|dyspareunia|cervical[- ]motion/i,
      );
      const pain = [
        ...ids(f, /pelvic[- ]pain|lower[- ]abdominal[- ]pain|^sx\.sharp-abdominal-pain$/),
        ...(f.hasValue('pain.location', /hypogastr|pelvi|iliac/) ? ['pain.location'] : []),
      ];
      return vomiting.length && pelvicSign.length && pain.length
        ? [...ids(f, FEVER), ...vomiting, ...pelvicSign, ...pain]
        : undefined;
    },
  },
  {
    id: 'red-flag.fever-focal',
    level: 'urgent',
    text: 'Fever together with a symptom that points to one organ (chest, urine, pelvis, breast, joint, skin) needs a same-day assessment for a bacterial infection.',
    citation:
      'NICE NG51 Sepsis (2016, updated 2024: suspected infection assessment); NICE CKS Fever in adults',
    when: (f) => {
      if (!febrile(f)) return undefined;
      // Fevers and a local symptom for a month or more (night sweats and a cough of weeks, a bowel story of months)
      // are not an acute bacterial infection's story: the rules for the symptoms and the suspected-cancer or
      // tuberculosis pathways decide, not this same-day rule. A sudden start keeps it.
      if (f.course === 'long-standing' && !f.onset?.sudden) return undefined;
      const focal = ids(f, FOCAL_INFECTION);
      return focal.length ? [...ids(f, FEVER), ...focal] : undefined;
    },
  },
  {
    id: 'red-flag.fever-sepsis-risk',
    level: 'urgent',
    text: 'Fever in someone at higher risk of sepsis (75 or over; weakened immunity from diabetes, cancer treatment, long-term steroids or other immunosuppressants; recent surgery; pregnant or recently given birth) needs a same-day assessment.',
    citation:
      'NICE NG51 Sepsis (2016, updated 2024: people at higher risk of severe illness or death from sepsis)',
    when: (f) => {
      if (!febrile(f)) return undefined;
      const risk = [
        ...f.background(SEPSIS_RISK).map((x) => x.conceptId),
        // Pregnancy and a recent birth are the patient's own only from childbearing age (a breastfed baby is not).
        ...((f.ageYears ?? 99) >= 12 ? [...pregnancyEvidence(f), ...postpartumEvidence(f)] : []),
        ...((f.ageYears ?? 0) >= 75 ? ['age≥75'] : []),
      ];
      return risk.length ? [...ids(f, FEVER), ...risk] : undefined;
    },
  },
  {
    id: 'red-flag.vision-loss-sudden',
    level: 'emergency',
    text: 'Vision lost suddenly (within the last two days) may be a blocked artery of the eye (a stroke of the eye) or a detached retina: emergency assessment now.',
    citation:
      'NICE NG128 Stroke and TIA (sudden visual loss); NICE CKS Retinal detachment; Royal College of Ophthalmologists (sudden visual loss: same-day)',
    // With no duration beside the loss, the story's own start ("woke up and couldn't see … it's been 2 hours").
    when: (f) => lostWithin(f, VISION_LOSS, SUDDEN_VISION_LOSS_DAYS, true),
  },
  {
    id: 'red-flag.hearing-loss-sudden',
    level: 'urgent',
    text: 'Hearing lost suddenly (over three days or less) needs to be seen within 24 hours: sudden sensorineural hearing loss is treated early, and a stroke can start this way.',
    citation:
      'NICE CKS Hearing loss in adults (sudden onset over 3 days or less within the past 30 days: immediate referral, seen within 24 hours); NICE NG98 Hearing loss in adults',
    // No duration next to the hearing loss: the story's own course ("acute-onset", "since yesterday"). An adults'
    // rule, for a painless loss: a child's, or one with earache, is an ear infection's.
    when: (f) =>
      (f.ageYears ?? 99) < 16 || f.has(/^sx\.ear-pain$|^ear-pain$/)
        ? undefined
        : lostWithin(f, HEARING_LOSS, SUDDEN_HEARING_LOSS_DAYS, true),
  },
  {
    id: 'red-flag.sudden-vision-loss',
    level: 'emergency',
    text: 'Sudden loss of vision needs the eye emergency service now (retinal artery occlusion, giant cell arteritis, a bleed).',
    citation: 'NICE CKS Red eye; RCOphth (sudden visual loss is an eye emergency)',
    when: (f) => {
      const loss = any(f, /^sx\.(blindness|diminished-vision)$/);
      return loss && f.onset?.sudden && f.course === 'new' ? [...loss, 'onset.sudden'] : undefined;
    },
  },
  {
    id: 'red-flag.orbital-cellulitis',
    level: 'emergency',
    text: 'A swollen, painful eye that bulges or hurts to move may be orbital cellulitis: hospital assessment now.',
    citation: 'NICE CKS Cellulitis – acute (orbital cellulitis: admit); RCOphth',
    // Pain on moving the eye alone, in a white, unswollen eye without fever, is optic neuritis's story (the
    // same-day rule below); orbital cellulitis swells the lids or brings a fever.
    // Pain on moving the eye or double vision count with swollen lids and a fever (NICE CKS: orbital involvement).
    when: (f) =>
      all(f, /^sign\.orbital-signs$/, SWOLLEN_RED_EYE_OR_FEVER) ??
      all(f, /^sign\.painful-eye-movement$|double[- ]vision|diplopia/i, SWOLLEN_EYELID, FEVER),
  },
  {
    id: 'red-flag.periorbital-cellulitis',
    level: 'urgent',
    text: 'Swollen eyelids in a child, or with a fever or a bite beside the eye, may be periorbital (preseptal) cellulitis: a same-day assessment, to treat it and to check that the eye socket is not involved.',
    citation:
      'NICE CKS Cellulitis – acute (periorbital cellulitis: same-day assessment; children referred to hospital); NICE NG141 (2019)',
    when: (f) => {
      const lids = any(f, SWOLLEN_EYELID);
      if (!lids) return undefined;
      const why = [
        ...((f.ageYears ?? 99) < 16 ? ['age<16'] : []),
        ...ids(f, FEVER),
        ...((f.vitals.temperatureC ?? 0) >= 37.5 ? ['temperature'] : []),
        ...ids(f, /^sign\.(insect-bite|tick-bite)$/),
      ];
      return why.length ? [...lids, ...why] : undefined;
    },
  },
  {
    id: 'red-flag.acute-angle-closure',
    level: 'emergency',
    text: 'A painful red eye with haloes round lights, or a painful eye with blurred vision and vomiting, may be acute angle-closure glaucoma: the eye emergency service or A&E now (sight can be lost within hours).',
    citation:
      'NICE CKS Glaucoma (acute angle-closure glaucoma: immediate referral to ophthalmology); NICE CKS Red eye; RCOphth',
    when: (f) => {
      const painfulEye = any(f, /^sx\.pain-in-eye$|eye[- ]pain/i);
      const eye = painfulEye ?? any(f, /^sx\.eye-redness$|^red-eyes$|red[- ]eye/i);
      if (!eye) return undefined;
      const haloes = any(f, /^sx\.cloudy-eye$|halos/i);
      const vision = any(f, /^sx\.diminished-vision$|blurr|reduced vision/i);
      const sick = painfulEye && vision ? any(f, /vomit|nausea/i) : undefined;
      if (haloes) return [...eye, ...haloes];
      return sick && vision ? [...eye, ...vision, ...sick] : undefined;
    },
  },
  {
    id: 'red-flag.red-eye-vision',
    level: 'urgent',
    text: 'A painful or red eye, or a contact lens wearer, with blurred or reduced vision or pain from light needs a same-day eye assessment (acute glaucoma, iritis, keratitis; optic neuritis when moving the eye hurts).',
    citation:
      'NICE CKS Red eye (red flags: reduced visual acuity, photophobia, severe pain); NICE CKS Glaucoma; NICE CKS Optic neuritis (same-day ophthalmology)',
    when: (f) =>
      all(
        f,
        /^sx\.(pain-in-eye|eye-redness)$|^red-eyes$|eye[- ]pain|red[- ]eye|^sign\.(painful-eye-movement|orbital-signs|contact-lens-history)$/i,
        /^sx\.diminished-vision$|blurr|reduced vision|^sign\.photophobia$|photophobia|halos/i,
      ),
  },
  {
    id: 'red-flag.eye-injury',
    level: 'urgent',
    text: 'An eye that was caught, poked or scratched and is now painful, watering, gritty, blurred or sensitive to light needs an eye examination the same day (a corneal abrasion or a foreign body).',
    citation:
      'NICE CKS Corneal superficial injury (2022: same-day examination with fluorescein; refer the same day with reduced vision, a penetrating or high-velocity injury)',
    when: (f) =>
      all(
        f,
        /^sign\.eye-injury$/,
        /^sx\.(pain-in-eye|eye-redness|lacrimation|foreign-body-sensation-in-eye|diminished-vision)$|^sign\.photophobia$/,
      ),
  },
  {
    id: 'red-flag.bilious-vomiting',
    level: 'emergency',
    text: 'Green (bilious) vomiting means a blocked bowel until shown otherwise (in a baby, a twisted bowel): emergency care.',
    citation: 'NICE CKS Gastroenteritis and Vomiting in children (red flag: bilious vomiting); NICE NG143',
    // Or vomiting with a bright green colour written beside it ("sick 3 times, bright green colour"), unless it is
    // the poo that is green.
    when: (f) =>
      any(f, /^sign\.bilious-vomiting$/) ??
      (f.has(/^sign\.green-stool$/) ? undefined : all(f, /^(?:sx\.)?vomiting$/, /^sign\.green-colour$/)),
  },
  {
    id: 'red-flag.carbon-monoxide',
    level: 'emergency',
    text: 'Headache, sickness or drowsiness with a faulty heater or boiler may be carbon monoxide poisoning: emergency care and leave the house.',
    citation: 'UKHSA Carbon monoxide: clinical management (2022); NICE CKS Carbon monoxide poisoning',
    // The exposure may be written as background, or of the household ("they have an old boiler not serviced for
    // years"): it is still the patient's.
    // A boiler or gas fire alone is no poisoning: a symptom of one must be there too.
    when: (f) => {
      const exposure = f.mentioned(/^sign\.carbon-monoxide-exposure$/);
      if (!exposure.length) return undefined;
      // Anyone's in the household counts ("he and his wife both have headaches"): a shared exposure.
      const symptoms = f.mentioned(
        /headache|nausea|vomit|dizz|lightheaded|drows|sleepiness|altered-consciousness|confus|syncope|faint|collapse|fatigue|tired|breath|dyspn|chest[- ]pain/i,
      );
      return symptoms.length ? [...exposure, ...symptoms].map((x) => x.conceptId) : undefined;
    },
  },
  {
    id: 'red-flag.appendicitis',
    level: 'emergency',
    text: 'Pain that moved to the right lower abdomen, or tenderness there, in a new illness suggests appendicitis: emergency surgical assessment.',
    citation: 'NICE CKS Appendicitis (2020): suspected appendicitis, emergency admission',
    when: (f) =>
      f.course === 'new' || f.course === 'unknown' ? any(f, /^sign\.rlq-tenderness$/) : undefined,
  },
  {
    id: 'red-flag.bleeding-not-stopping',
    level: 'emergency',
    text: 'Bleeding that will not stop with pressure (a nosebleed after 10–15 minutes of pinching, a wound) needs emergency care.',
    citation: 'NICE CKS Epistaxis (nosebleeds): admit when bleeding does not stop with first aid',
    when: (f) => all(f, /^sx\.nosebleed$|wound|laceration/i, /^sign\.bleeding-not-stopping$/),
  },
  {
    id: 'red-flag.bowel-obstruction',
    level: 'emergency',
    text: 'Vomiting with a swollen abdomen and no stool or wind passed may be a blocked bowel.',
    citation:
      'NICE CKS Abdominal pain / Constipation (red flags: suspected intestinal obstruction: emergency admission)',
    when: (f) => {
      const swollen = all(
        f,
        /^(?:sx\.)?vomiting$/i,
        /abdominal[- ]distention|abdominal[- ]distension|bloat|swollen abdomen/i,
      );
      if (!swollen) return undefined;
      // "Has not opened her bowels or passed wind" is read as a denial of passing stool or gas.
      const stopped = [
        ...ids(f, /constipation|not passed (?:stool|wind|gas)|no (?:bowel movement|flatus)/i),
        ...f.absent(/^passing-stool-or-gas$|^sx\.flatulence$/).map((x) => `no ${x.conceptId}`),
      ];
      return stopped.length ? [...swollen, ...stopped] : undefined;
    },
  },
  {
    id: 'red-flag.cholangitis',
    level: 'emergency',
    text: "Fever with jaundice and pain in the upper abdomen (Charcot's triad), or fever and abdominal pain with known gallstones or a recent bile-duct procedure, may be an infected, blocked bile duct (ascending cholangitis): emergency admission.",
    citation:
      'Tokyo Guidelines 2018 (TG18) for acute cholangitis; NICE CKS Gallstones (jaundice with fever: emergency admission)',
    // TG18's suspected cholangitis: fever or shaking chills, with jaundice or a known cause (stones, a stent, a recent
    // bile-duct procedure); the pain keeps it to the abdomen's story.
    when: (f) =>
      all(
        f,
        /^(?:sx\.)?fever$|^sx\.chills$|^chills$/i,
        /jaundice|^sign\.biliary-history$/i,
        /^sx\.upper-abdominal-pain$|right upper quadrant|^sx\.sharp-abdominal-pain$/i,
      ),
  },
  {
    id: 'red-flag.scrotal-pain',
    level: 'urgent',
    text: 'Pain in a testicle or the scrotum needs a same-day assessment (sudden, severe pain in a young person may be a twisted testicle: emergency).',
    citation: 'NICE CKS Scrotal pain and swelling (testicular torsion, epididymo-orchitis)',
    when: (f) => any(f, SCROTAL_PAIN),
  },
  {
    id: 'red-flag.scrotal-pain-sudden',
    level: 'emergency',
    text: 'Scrotal pain that began suddenly (or within the last day) in someone under 25 may be a twisted testicle: emergency assessment now, the testicle can be saved only within hours.',
    citation:
      'NICE CKS Scrotal pain and swelling (suspected testicular torsion: sudden onset, most often under 25; emergency admission)',
    when: (f) => {
      const pain = ids(f, SCROTAL_PAIN);
      if (!pain.length || (f.ageYears !== undefined && f.ageYears >= 25)) return undefined;
      const days = f.durationDays(SCROTAL_PAIN) ?? f.onset?.shortestDays;
      const sudden = f.onset?.sudden === true && (f.onset.longestDays ?? 0) <= 7;
      return sudden || (days !== undefined && days <= 1) ? [...pain, 'onset'] : undefined;
    },
  },
  // ── Back pain, mental health, cancer alarm features ───────────────────────────────────────────────────────────
  {
    id: 'red-flag.cauda-equina',
    level: 'emergency',
    text: 'Back pain with numbness between the legs or new bladder or bowel problems may be cauda equina syndrome.',
    citation: 'NICE CKS Sciatica / Low back pain (cauda equina red flags)',
    // Retention of urine points to cauda equina only beside back pain; on its own it is the rule below.
    when: (f) =>
      any(f, /saddle[- ](anaesthesia|anesthesia|numbness)|cauda equina/i) ??
      all(
        f,
        /back[- ]pain/i,
        /incontinence[- ]of[- ]stool|faecal[- ]incontinence|fecal[- ]incontinence|^sx\.involuntary-urination$|urinary[- ]incontinence|incontinence[- ]of[- ]urine|retention[- ]of[- ]urine|urinary[- ]retention/i,
      ),
  },
  {
    id: 'red-flag.acute-urinary-retention',
    level: 'emergency',
    text: 'Being unable to pass urine with a painful, full bladder is acute urinary retention: a catheter is needed now.',
    citation: 'NICE CKS Urinary retention – acute (immediate referral for catheterisation)',
    when: (f) => any(f, /retention[- ]of[- ]urine|urinary[- ]retention/i),
  },
  {
    id: 'red-flag.chronic-retention',
    level: 'urgent',
    text: 'A bladder that never empties, with constant dribbling or a swollen lower belly, may be chronic retention of urine: a bladder scan and kidney function the same day.',
    citation:
      'NICE CKS LUTS in men (chronic urinary retention: overflow incontinence, a palpable bladder; refer urgently with renal impairment); NICE CG97',
    when: (f) =>
      all(
        f,
        /^sign\.incomplete-emptying$/,
        /^sx\.(involuntary-urination|stomach-bloating|swollen-abdomen)$|^swelling$/,
      ),
  },
  {
    id: 'red-flag.osteoporotic-fracture',
    level: 'urgent',
    text: 'Sudden back pain in someone on long-term steroids or with thin bones may be a collapsed vertebra: an X-ray and pain relief the same day.',
    citation:
      'NICE CKS Back pain – low (red flags: suspected osteoporotic vertebral fracture — sudden onset, older age, long-term corticosteroids, osteoporosis)',
    when: (f) => {
      if (f.course === 'long-standing' || !f.onset?.sudden) return undefined;
      const back = ids(f, /^sx\.(back-pain|low-back-pain)$|back[- ]pain/i);
      const fragile = ids(f, /^sign\.(osteoporosis-history|long-term-steroids)$/);
      return back.length && fragile.length ? [...back, ...fragile, 'onset.sudden'] : undefined;
    },
  },
  {
    id: 'red-flag.suicidal',
    level: 'emergency',
    text: 'Thoughts of suicide with a plan or intent, or an overdose, need help now.',
    citation: 'NICE NG225 Self-harm (2022); NICE CKS Suicide risk (immediate risk: a plan, intent or means)',
    when: (f) => any(f, /overdose/i) ?? all(f, SUICIDAL_THOUGHTS, /^sign\.suicide-plan$/),
  },
  {
    id: 'red-flag.self-harm-bleeding',
    level: 'emergency',
    text: 'Self-harm with a wound that is bleeding a lot needs emergency treatment now, and a mental health assessment there.',
    citation:
      'NICE NG225 Self-harm (2022): physical treatment at the emergency department, then psychosocial assessment',
    when: (f) => all(f, SUICIDAL_THOUGHTS, /^sign\.(heavy-bleeding|bleeding-not-stopping)$/),
  },
  {
    id: 'red-flag.suicidal-thoughts',
    level: 'urgent',
    text: 'Thoughts of suicide or self-harm without a plan need a mental health assessment the same day (and help now if a plan or intent appears).',
    citation:
      'NICE CKS Suicide risk (suicidal ideation without immediate risk: urgent same-day assessment, safety plan); NICE NG225 Self-harm (2022)',
    when: (f) => any(f, SUICIDAL_THOUGHTS),
  },
  {
    id: 'red-flag.cancer-alarm',
    level: 'routine',
    text: 'Unexplained weight loss needs a doctor’s assessment within two weeks (suspected-cancer pathway).',
    citation: 'NICE NG12 (2015, updated 2023); Schmid red flags',
    when: (f) =>
      any(f, ['weight-loss.unintentional']) ??
      any(f, /unintentional[- ]weight[- ]loss|unexplained[- ]weight[- ]loss|^sx\.weight[- ]loss$/i),
  },
  {
    id: 'red-flag.child-leukaemia-signs',
    level: 'urgent',
    text: 'A child or young person with unexplained bruising, bleeding or petechiae and tiredness, pallor, fever or weight loss needs a blood count within 48 hours (leukaemia must be excluded).',
    citation:
      'NICE NG12 Suspected cancer, section 1.10 (very urgent full blood count within 48 hours for leukaemia in children and young people; immediate referral for petechiae or hepatosplenomegaly)',
    when: (f) =>
      (f.ageYears ?? Infinity) < 25
        ? all(
            f,
            /bleeding-or-bruising|^sign\.bruising$|petechia|^sign\.non-blanching-rash$|nosebleed|epistaxis/i,
            /fatigue|tired|pallor|^sx\.pallor$|fever|weight-loss|^sx\.recent-weight-loss$|bone pain/i,
          )
        : undefined,
  },
  {
    id: 'red-flag.suspected-cancer-referral',
    level: 'routine',
    text: 'This meets a referral criterion for suspected cancer (a breast lump from 30, rectal bleeding from 50, a change in bowel habit from 60, bleeding after the menopause from 55): an appointment within two weeks, not self-care.',
    citation:
      'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023), sections 1.3 and 1.5',
    when: (f) => {
      const age = f.ageYears;
      if (age === undefined) return undefined;
      const found = [
        ...(age >= 30 ? ids(f, /lump-or-mass-of-breast|breast lump/i) : []),
        ...(age >= 50 ? ids(f, /rectal-bleeding|^sx\.blood-in-stool$/i) : []),
        ...(age >= 60 ? ids(f, /change-in-bowel-habit/i) : []),
        ...(age >= 55 ? ids(f, /bleeding-after-menopause|postmenopausal bleeding/i) : []),
      ];
      return found.length ? found : undefined;
    },
  },
  {
    id: 'red-flag.persistent-cough',
    level: 'routine',
    text: 'A cough lasting 3 weeks or more should be assessed by a doctor (chest X-ray from 40 years).',
    citation: 'NICE NG12; NICE CKS Cough',
    when: (f) => ((f.durationDays(/^(?:sx\.)?cough$/) ?? 0) >= 21 ? ['cough'] : undefined),
  },
  // ── Exam signs and test results written in the note ───────────────────────────────────────────────────────────
  {
    id: 'red-flag.peritonism',
    level: 'emergency',
    text: 'Guarding, rebound tenderness or a rigid abdomen suggest peritonitis.',
    citation: 'NICE CKS Abdominal pain; MTS discriminator "signs of peritonism"',
    when: (f) => any(f, /rebound|guarding|peritonism|rigid abdomen/i),
  },
  {
    id: 'red-flag.cardiac-tests',
    level: 'emergency',
    text: 'A raised troponin or ST/T changes on the ECG point to an acute coronary syndrome.',
    citation: 'NICE CG95',
    when: (f) => any(f, /troponin|st[- ](elevation|depression|changes|segment)/i),
  },
  {
    id: 'red-flag.dka',
    level: 'emergency',
    text: 'High blood sugar with ketones or deep sighing breathing suggests diabetic ketoacidosis.',
    citation: 'NICE NG17/NG18 (diabetes: DKA); JBDS-IP DKA guideline',
    when: (f) =>
      all(
        f,
        /ketone|ketonuria|ketonaemia|fruity|kussmaul|ketotic/i,
        /glucose|hyperglyc|diabet|insulin|high blood sugar/i,
      ),
  },
  {
    id: 'red-flag.aortic',
    level: 'emergency',
    text: 'A pulsatile abdominal mass or unequal pulses with pain may be an aortic aneurysm or dissection.',
    citation: 'NICE CKS Abdominal aortic aneurysm; NICE CKS Chest pain (aortic dissection)',
    when: (f) => any(f, /pulsatile[- ](abdominal[- ])?mass|unequal[- ]pulses|pulse deficit/i),
  },
  {
    id: 'red-flag.aaa-rupture',
    level: 'emergency',
    text: 'From 50 years, back, flank or abdominal pain with fainting or low blood pressure may be a leaking aortic aneurysm.',
    citation:
      'NICE CKS Abdominal aortic aneurysm (suspected rupture: pain with collapse or hypotension, over 50)',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears < 50) return undefined;
      const pain = ids(
        f,
        /back[- ]pain|flank|loin|side[- ]pain|abdominal[- ]pain|tearing[- ]pain|^pain\.location$|^sign\.pain-through-to-back$/i,
      );
      const collapse = [
        ...ids(
          f,
          /^syncope$|^sx\.fainting$|fainted|passed out|collapse|hypotension|low[- ]blood[- ]pressure/i,
        ),
        ...((f.vitals.systolicBp ?? 999) < 90 ? ['systolicBp'] : []),
      ];
      return pain.length && collapse.length ? [...pain, ...collapse] : undefined;
    },
  },
  {
    id: 'red-flag.jaundice',
    level: 'urgent',
    text: 'New yellowing of the skin or eyes (jaundice) needs a doctor’s assessment the same day.',
    citation: 'NHS (nhs.uk Jaundice: urgent GP appointment or NHS 111); NICE CKS Jaundice in adults',
    when: (f) => any(f, /jaundice|yellow(ing)? (of the )?(skin|eyes)|icter/i),
  },
  {
    id: 'red-flag.septic-joint',
    level: 'emergency',
    text: 'A hot, swollen, painful joint with fever may be septic arthritis: hospital assessment now.',
    citation:
      'NICE CKS Septic arthritis (admit immediately); BSR/BHPR hot swollen joint guideline (Coakley et al. 2006)',
    when: (f) => {
      const joint = hotSwollenJoint(f);
      const fever = joint ? any(f, FEVER) : undefined;
      return joint && fever ? [...joint, ...fever] : undefined;
    },
  },
  {
    id: 'red-flag.necrotising-infection',
    level: 'emergency',
    text: 'Pain out of proportion to what is seen, or dusky skin, over a spreading infection may be necrotising fasciitis: emergency surgery review.',
    citation: 'NICE NG141 Cellulitis and erysipelas (2019): suspected necrotising fasciitis, admit',
    when: (f) => any(f, /^sign\.necrotising-infection$/),
  },
  {
    id: 'red-flag.intussusception',
    level: 'emergency',
    text: 'A young child with bouts of screaming with the legs drawn up, vomiting or a redcurrant-jelly stool may have intussusception: emergency care.',
    citation: 'NICE CKS Intussusception (suspected: emergency admission)',
    when: (f) => {
      // Intussusception is an acute illness of hours to days; a month of crying after feeds is reflux or allergy.
      if ((f.ageYears !== undefined && f.ageYears >= 5) || f.course === 'long-standing') return undefined;
      const stool = any(f, /^sign\.redcurrant-jelly-stool$/);
      if (stool) return stool;
      // Drawing the legs up while crying is also infant colic's picture (NICE CKS Infantile colic): with vomiting,
      // blood in the stool, pallor or floppiness it is intussusception's.
      const legs = any(f, /^sign\.drawing-legs-up$/);
      const companion = legs
        ? any(
            f,
            /^(?:sx\.)?vomiting$|blood-in-stool|rectal-bleeding|^melena$|pale|pallor|floppy|letharg|drowsy/i,
          )
        : undefined;
      return legs && companion ? [...legs, ...companion] : undefined;
    },
  },
  {
    id: 'red-flag.eczema-herpeticum',
    level: 'urgent',
    text: 'Punched-out sores or blisters spreading quickly over eczema, often with a fever, may be eczema herpeticum: antiviral treatment and assessment the same day.',
    citation:
      'NICE CKS Eczema – atopic (eczema herpeticum: same-day referral); NICE CG57 Atopic eczema in under 12s',
    when: (f) => any(f, /^sign\.punched-out-sores$/),
  },
  {
    id: 'red-flag.chemical-eye',
    level: 'emergency',
    text: 'A chemical splashed into the eye (an alkali such as drain cleaner, cement or bleach, or an acid) needs irrigation at once and emergency eye care.',
    citation:
      'NICE CKS Red eye (chemical injury: irrigate immediately, same-time referral to eye casualty); RCOphth ocular chemical injury guidance',
    when: (f) => any(f, /^sign\.chemical-eye-injury$/),
  },
  {
    id: 'red-flag.postpartum-psychosis',
    level: 'emergency',
    text: 'Hearing voices, strange beliefs or a high, sleepless state in the weeks after a birth may be postpartum psychosis: a psychiatric emergency (mother and baby assessed now).',
    citation:
      'NICE CG192 Antenatal and postnatal mental health (2014, updated 2020): suspected postpartum psychosis, immediate referral to secondary mental health services; RCPsych',
    when: (f) => {
      const postpartum = ids(f, /^sign\.postpartum-breastfeeding$|postpartum/i);
      const psychosis = postpartum.length ? ids(f, /^sign\.(hallucinations|mania)$|delusion|psychos/i) : [];
      return psychosis.length ? [...postpartum, ...psychosis] : undefined;
    },
  },
  {
    id: 'red-flag.child-limp-fever',
    level: 'emergency',
    text: 'A child with a fever who limps or will not bear weight may have septic arthritis or osteomyelitis: hospital assessment now.',
    citation:
      'NICE CKS Limp in children (2022): limp with fever — suspect septic arthritis or osteomyelitis, admit immediately; Kocher et al., J Bone Joint Surg Am 1999',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 16 || f.course === 'long-standing') return undefined;
      const limp = ids(f, /^sign\.(limp|unable-to-bear-weight)$/);
      const fever = ids(f, FEVER);
      const measured = (f.vitals.temperatureC ?? 0) >= 38 ? ['temperature'] : [];
      return limp.length && (fever.length || measured.length) ? [...limp, ...fever, ...measured] : undefined;
    },
  },
  {
    id: 'red-flag.child-limp',
    level: 'urgent',
    text: 'A child with a new limp or who will not bear weight needs a same-day assessment (septic arthritis, fracture, slipped epiphysis).',
    citation: 'NICE CKS Limp in children (2022): same-day assessment when the child cannot bear weight',
    // Not a limp after a minor injury in a child of 3 or more who still bears weight: a sprain's story (the
    // injury rules apply); under 3, or unable to bear weight, same day.
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 16 || f.course === 'long-standing') return undefined;
      const bearsWeightAfterInjury =
        f.ageYears >= 3 && f.has(INJURY) && !f.has(/^sign\.unable-to-bear-weight$/);
      return bearsWeightAfterInjury ? undefined : any(f, /^sign\.(limp|unable-to-bear-weight)$/);
    },
  },
  {
    id: 'red-flag.alcohol-withdrawal-severe',
    level: 'emergency',
    text: 'After stopping heavy drinking, hallucinations, confusion or a seizure may be delirium tremens: emergency admission.',
    citation:
      'NICE CG100 Alcohol-use disorders: physical complications (2010, updated 2017): admit for delirium tremens or withdrawal seizures',
    when: (f) =>
      all(
        f,
        /^sign\.stopped-drinking$|alcohol/i,
        /^sign\.hallucinations$|^confusion$|altered-consciousness|^sx\.seizures$|^seizure$/i,
      ),
  },
  {
    id: 'red-flag.spinal-infection',
    level: 'emergency',
    text: 'Back pain with fever in a person who injects drugs or has weak immunity may be a spinal infection or abscess.',
    citation:
      'NICE NG59 / NICE CKS Back pain – low (red flags: spinal infection); BMJ 2017 spinal epidural abscess',
    when: (f) => {
      const back = any(f, /^sx\.(back-pain|low-back-pain)$|back[- ]pain/i);
      const fever = back ? any(f, FEVER) : undefined;
      const risk = fever ? [...f.background(SEPSIS_RISK), ...f.background(/iv-drug|inject/i)] : [];
      return back && fever && risk.length ? [...back, ...fever, ...risk.map((r) => r.conceptId)] : undefined;
    },
  },
  {
    id: 'red-flag.fever-after-travel',
    level: 'urgent',
    text: 'Fever after travel to a malaria area needs a malaria test the same day.',
    citation: 'UKHSA Malaria prevention guidelines for travellers (2024); NICE CKS Malaria',
    when: (f) => all(f, /^sign\.travel-malaria$/, FEVER),
  },
  {
    id: 'red-flag.penetrating-or-crush-injury',
    level: 'emergency',
    text: 'A stab or gunshot wound, or a crushed limb that is tense or hurts despite painkillers (compartment syndrome), needs emergency care.',
    citation: 'NICE NG39 Major trauma (2016); BOAST Compartment syndrome (2016)',
    when: (f) => {
      // Words are matched by their stems: "stabbing pain" must not read as a stab wound.
      const injuries = f
        .find(/^sign\.(penetrating-injury|compartment-signs)$/)
        .filter((x) => !/stabbing/i.test(x.sourceSpan?.text ?? ''));
      return injuries.length ? injuries.map((x) => x.conceptId) : undefined;
    },
  },
  {
    id: 'red-flag.uti-in-pregnancy',
    level: 'urgent',
    text: 'Urinary symptoms in pregnancy need a urine culture and treatment the same day.',
    citation: 'NICE NG109 Urinary tract infection (lower): antimicrobial prescribing (2018): pregnant women',
    when: (f) => {
      if (f.sex === 'male' || !isPregnant(f)) return undefined;
      // Passing urine more often is part of early pregnancy itself; it counts with a sign of infection.
      const burning = any(f, /^sx\.painful-urination$|dysuria|burning[- ]urination/i);
      if (burning) return burning;
      const frequency = any(f, /^sx\.frequent-urination$/i);
      const infection = frequency
        ? any(
            f,
            /^sx\.(?:blood-in-urine|unusual-color-or-odor-to-urine|fever|lower-abdominal-pain)$|^fever$|^sx\.back-pain$/i,
          )
        : undefined;
      return frequency && infection ? [...frequency, ...infection] : undefined;
    },
  },
  {
    id: 'red-flag.bulging-fontanelle',
    level: 'emergency',
    text: 'A bulging fontanelle in a baby is a red feature (meningitis, raised pressure in the head): emergency care.',
    citation: 'NICE NG143 Fever in under 5s (red: bulging fontanelle)',
    when: (f) => any(f, /^sign\.bulging-fontanelle$/),
  },
  {
    id: 'red-flag.skin-peeling-blisters',
    level: 'emergency',
    text: 'Skin that blisters or peels over a wide area, with fever or mouth sores, may be Stevens–Johnson syndrome or toxic epidermal necrolysis.',
    citation:
      'NICE CKS Stevens–Johnson syndrome and toxic epidermal necrolysis (emergency admission); BAD 2016 guideline',
    when: (f) => all(f, /^sign\.skin-peeling-blisters$/, FEVER_OR_MOUTH_SORES),
  },
  {
    id: 'red-flag.smoke-inhalation',
    level: 'emergency',
    text: 'Breathlessness, a hoarse voice or black sputum after a fire may be an airway burn or carbon monoxide poisoning.',
    citation: 'NICE NG39 Major trauma (burns and inhalation injury); UKHSA Carbon monoxide (2022)',
    when: (f) => all(f, /^sign\.smoke-inhalation$/, AIRWAY_AFTER_SMOKE),
  },
  {
    id: 'red-flag.headache-raised-pressure',
    level: 'urgent',
    text: 'A headache of days to weeks that is getting worse, or comes with vomiting, a change of personality or a new neurological problem, needs a same-day assessment for raised pressure in the head.',
    citation:
      'NICE CKS Headache – assessment (red flags: progressive headache, headache with vomiting, new neurological deficit, cognitive dysfunction or personality change); NICE NG12 (brain tumours)',
    when: (f) => {
      const headache = any(f, /^(?:sx\.)?headache$/);
      if (!headache || f.course === 'unknown') return undefined;
      // A headache of up to three months with a personality change or a focal deficit (NG12's progressive,
      // sub-acute loss of function), however it is dated.
      const brainSigns = any(f, /^sign\.personality-change$/) ?? focalDeficit(f);
      if (f.course === 'long-standing')
        return brainSigns && (f.onset?.longestDays ?? Infinity) <= SUBACUTE_MAX_DAYS
          ? [...headache, ...brainSigns]
          : undefined;
      const course = f.course === 'subacute' || f.onset?.worsening;
      const vomiting = any(f, /^(?:sx\.)?vomiting$/);
      return course && (vomiting || brainSigns || f.onset?.worsening)
        ? [...headache, ...(vomiting ?? []), ...(brainSigns ?? [])]
        : undefined;
    },
  },
  {
    id: 'red-flag.diabetic-foot',
    level: 'urgent',
    text: 'A foot ulcer in a person with diabetes needs the foot protection service within one working day.',
    citation:
      'NICE NG19 Diabetic foot problems (2015, updated 2019): active diabetic foot problem, refer within 1 working day',
    when: (f) => {
      const ulcer = any(f, /^sign\.foot-ulcer$/);
      const diabetes = ulcer ? f.background(/diabet|insulin/i) : [];
      return ulcer && diabetes.length ? [...ulcer, ...diabetes.map((d) => d.conceptId)] : undefined;
    },
  },
  {
    id: 'red-flag.hot-swollen-joint',
    level: 'urgent',
    text: 'A newly painful, swollen joint needs a same-day assessment to exclude septic arthritis.',
    citation:
      'BSR/BHPR guideline on the management of the hot swollen joint in adults (Coakley et al. 2006); NICE CKS Gout',
    when: hotSwollenJoint,
  },
  {
    id: 'red-flag.retinal-detachment',
    level: 'urgent',
    text: 'A shadow or curtain coming over the vision may be a retinal detachment: an eye assessment the same day.',
    citation: 'NICE CKS Retinal detachment (suspected: immediate referral, seen within 24 hours)',
    when: (f) => any(f, /visual[- ]curtain|curtain over|retinal detachment/i),
  },
  {
    id: 'red-flag.swallowed-battery',
    level: 'emergency',
    text: 'A swallowed button battery or magnets can burn or perforate the gut within hours: emergency assessment now.',
    citation: 'RCEM / BSPGHAN button battery ingestion guidance; NICE CKS Foreign body ingestion',
    // A suspected swallow is managed as one (an X-ray now): "might have swallowed one, one is missing".
    when: (f) => {
      const battery = f.suspected(
        /swallowed[- ]battery|button battery|swallowed[- ]magnet|battery-or-magnet/i,
      );
      return battery.length ? battery.map((x) => x.conceptId) : undefined;
    },
  },
  {
    id: 'red-flag.acute-limb-ischaemia',
    level: 'emergency',
    text: 'A limb that has suddenly become cold, pale and painful may have lost its blood supply (acute limb ischaemia): emergency assessment.',
    citation:
      'ESVS 2020 guidelines on acute limb ischaemia; NICE CKS Peripheral arterial disease (acute limb ischaemia: emergency admission)',
    // A cold foot with a story that did not begin suddenly or this week is chronic (critical) ischaemia: same-day care.
    // An injury is acute by nature: a cold, white hand below a broken elbow has lost its blood supply now.
    when: (f) =>
      f.onset?.sudden || f.course === 'new' || f.has(INJURY)
        ? any(f, /cold[- ]pale[- ]limb|acute limb ischaemia|arterial[- ]embolism/i)
        : any(f, /acute limb ischaemia|arterial[- ]embolism/i),
  },
  {
    id: 'red-flag.toe-gangrene',
    level: 'urgent',
    text: 'A toe or part of the foot gone black (gangrene) needs the same-day attention of the vascular or diabetic foot team.',
    citation:
      'NICE NG19 Diabetic foot problems (refer immediately: gangrene); NICE CG147 Peripheral arterial disease (critical limb ischaemia: urgent referral)',
    when: (f) => any(f, /^sign\.toe-gangrene$/),
  },
  {
    id: 'red-flag.sudden-hearing-loss',
    level: 'urgent',
    text: 'Hearing lost suddenly, over hours or on waking, needs an ear, nose and throat assessment within 24 hours (steroids work best early).',
    citation:
      'NICE CKS Hearing loss in adults (sudden onset within the last 30 days: urgent referral, seen within 24 hours)',
    when: (f) => any(f, /^sign\.sudden-hearing-loss$/),
  },
  {
    id: 'red-flag.dehydration',
    level: 'urgent',
    text: 'Signs of dehydration (dry lips or mouth, sunken eyes, only sips kept down) need an assessment the same day, sooner in a young child.',
    citation:
      'NICE CG84 Diarrhoea and vomiting caused by gastroenteritis in under 5s (2009): clinical dehydration; NICE CKS Gastroenteritis (adults: signs of dehydration)',
    when: (f) => any(f, /^sign\.dehydration$/),
  },
  {
    id: 'red-flag.low-urine-output',
    level: 'urgent',
    text: 'Passing much less urine than usual can mean acute kidney injury or dehydration: same-day assessment.',
    citation: 'NICE NG148 Acute kidney injury (2019: oliguria); NICE NG143 (amber: reduced urine output)',
    when: (f) => any(f, /low[- ]urine[- ]output|oliguria|passing (less|little) urine|reduced urine output/i),
  },
  {
    id: 'red-flag.nephrotic',
    level: 'urgent',
    text: 'Swelling with frothy urine suggests heavy protein loss in the urine (nephrotic syndrome): a doctor the same day, who will test the urine and discuss with the kidney team.',
    citation:
      'NICE CKS Proteinuria and nephrotic syndrome (suspected nephrotic syndrome: same-day discussion with nephrology; children: same-day paediatric assessment); KDIGO 2021 glomerular diseases guideline',
    when: (f) =>
      all(
        f,
        /^sign\.frothy-urine$/,
        /^swelling$|^sx\.fluid-retention$|edema|oedema|swelling|puffy|^sign\.facial-swelling$/i,
      ),
  },
  {
    id: 'red-flag.flashes-floaters',
    level: 'urgent',
    text: 'New floaters or flashes of light can come from a tear in the retina: an eye assessment the same day.',
    citation:
      'NICE CKS Retinal detachment (new flashes or floaters: same-day ophthalmology assessment, within 24 hours); RCOphth',
    // A migraine aura also flashes: with a headache the flashes are read as the aura.
    when: (f) =>
      f.course === 'new' && !f.has(/^(?:sx\.)?headache$/)
        ? any(f, /^sx\.spots-or-clouds-in-vision$/)
        : undefined,
  },
  {
    id: 'red-flag.bite',
    level: 'urgent',
    text: 'An animal or human bite that broke the skin needs cleaning, a decision on antibiotics and on tetanus the same day.',
    citation:
      'NICE NG184 Human and animal bites: antimicrobial prescribing (2020); NICE CKS Bites – human and animal',
    when: (f) => any(f, /^sign\.animal-bite$/),
  },
  {
    id: 'red-flag.laceration',
    level: 'urgent',
    text: 'A deep or gaping cut may need closing within hours, and tetanus cover: same-day care (an urgent treatment centre).',
    citation:
      'NICE CKS Lacerations – minor wounds (wounds that gape or are deep need closure); NHS urgent treatment centres',
    // Not a small, shallow cut whose bleeding has stopped ("about 1cm, not deep"): first aid at home.
    when: (f) => (f.has(/^sign\.minor-cut$/) ? undefined : any(f, /^sign\.laceration$/)),
  },
  {
    id: 'red-flag.shingles-eye',
    level: 'urgent',
    text: 'A blistering rash on the forehead, around the eye or on the tip of the nose may be shingles of the eye: antiviral treatment and an eye assessment the same day.',
    citation: 'NICE CKS Shingles (herpes zoster ophthalmicus: same-day ophthalmology referral)',
    when: (f) => any(f, /^sign\.facial-shingles$/),
  },
  {
    id: 'red-flag.sore-throat-centor',
    level: 'urgent',
    text: 'A sore throat with three or four Centor criteria (pus on the tonsils, tender glands at the front of the neck, fever, no cough) is likely streptococcal: a same-day decision on antibiotics.',
    citation:
      'Centor RM et al., Med Decis Making 1981; NICE NG84 Sore throat (acute): antimicrobial prescribing (Centor 3–4: consider an immediate antibiotic)',
    when: (f) => {
      const throat = any(f, /^sore-throat$|^sx\.sore-throat$/);
      if (!throat) return undefined;
      // Criteria count only when the note gives them; an unknown cough is not "no cough".
      const criteria = [
        ...(f.has(/^sign\.tonsillar-exudate$/) ? ['sign.tonsillar-exudate'] : []),
        ...(f.has(/^sign\.tender-neck-glands$/) ? ['sign.tender-neck-glands'] : []),
        ...(febrile(f) ? ['fever'] : []),
        ...(f.absent(/^(?:sx\.)?cough$/).length > 0 && !f.has(/^(?:sx\.)?cough$/) ? ['no-cough'] : []),
      ];
      return criteria.length >= 3 ? [...throat, ...criteria] : undefined;
    },
  },
  {
    id: 'red-flag.dental-swelling',
    level: 'urgent',
    text: 'Toothache with swelling of the face or jaw suggests a dental abscess: urgent dental care the same day (emergency care if the swelling reaches the eye or the floor of the mouth, or breathing or swallowing is difficult).',
    citation: 'NICE CKS Dental abscess (facial swelling: same-day urgent dental care)',
    when: (f) =>
      all(f, /^sx\.toothache$|dental pain|tooth pain/i, /^sx\.jaw-swelling$|^sign\.facial-swelling$/),
  },
  {
    id: 'red-flag.neck-swelling-airway',
    level: 'emergency',
    text: "Swelling of the jaw, face or neck with difficulty breathing or noisy breathing may be closing the airway (Ludwig's angina, a deep neck abscess): emergency care now.",
    citation:
      "NICE CKS Dental abscess (Ludwig's angina, or swelling that compromises the airway: emergency admission); RCUK 2021 (airway obstruction)",
    when: (f) =>
      all(
        f,
        /^sx\.(?:jaw|neck)-swelling$|^sign\.facial-swelling$/i,
        /^dyspnea|difficulty[- ]breathing|^sign\.respiratory-distress$|stridor/i,
      ),
  },
  {
    id: 'red-flag.perianal-abscess',
    level: 'urgent',
    text: 'A new painful swelling beside the anus is likely an abscess: same-day surgical assessment for drainage.',
    citation: 'NICE CKS Perianal abscess (suspected: same-day referral to surgery)',
    when: (f) =>
      // A lump that comes down and goes back in is a prolapsing pile (NICE CKS Haemorrhoids), not an abscess.
      // Bright red blood on the paper with a painful lump and no fever is a pile's story (NICE CKS Haemorrhoids).
      f.course === 'long-standing' ||
      f.has(/^sign\.prolapsing-anal-lump$/) ||
      (rectalBleeding(f) !== undefined && !febrile(f))
        ? undefined
        : all(f, /^sx\.mass-or-swelling-around-the-anus$/, /^pain$|^sx\.pain-of-the-anus$|pain\.character/),
  },
  {
    id: 'red-flag.risk-to-others',
    level: 'emergency',
    text: 'Someone who threatens to harm others, carries a weapon or hears voices telling them to hurt people needs emergency help now (crisis team, police if anyone is in danger).',
    citation:
      'NICE NG10 Violence and aggression (2015): urgent assessment of risk; NICE CG178 Psychosis and schizophrenia in adults (emergency care if anyone is at risk)',
    when: (f) => any(f, /^sign\.risk-to-others$/),
  },
  {
    id: 'red-flag.psychosis-new',
    level: 'urgent',
    text: 'Hearing voices, fixed false beliefs or a manic state (little sleep, racing speech, grand ideas) of recent onset need a same-day assessment by the crisis or early-intervention team (emergency care if anyone is at risk).',
    citation:
      'NICE CG178 Psychosis and schizophrenia in adults (2014): urgent referral to early intervention in psychosis; NICE CG185 Bipolar disorder (2014, updated 2023): suspected mania, urgent referral; NICE CG155 (children and young people)',
    when: (f) =>
      f.course === 'long-standing'
        ? undefined
        : any(f, /^sign\.(hallucinations|mania)$|^sx\.delusions-or-hallucinations$/),
  },
  {
    id: 'red-flag.dka-suspected',
    level: 'emergency',
    text: 'Passing much urine (or known diabetes, or a high blood sugar) with vomiting, deep fast breathing, drowsiness or breath smelling of pear drops may be diabetic ketoacidosis: emergency care now.',
    citation:
      'NICE NG18 (children and young people: suspected DKA — vomiting, abdominal pain, deep breathing, drowsiness — emergency); JBDS-IP DKA guideline (2023)',
    when: (f) => {
      // New symptoms of a high sugar with vomiting; or, in known diabetes (where vomiting has many causes), the
      // breathing, breath or drowsiness of ketoacidosis.
      // Ketoacidosis is an illness of hours to days, not a months-long story.
      if (f.course === 'long-standing' && !f.onset?.sudden) return undefined;
      const newSymptoms = any(f, /^sx\.polyuria$|^polyuria$|^lab\.raised-glucose$/i);
      const hyperglycaemia = newSymptoms ?? any(f, /diabet|insulin/i);
      const unwell = hyperglycaemia ? any(f, newSymptoms ? KETOTIC_OR_VOMITING : KETOTIC) : undefined;
      return hyperglycaemia && unwell ? [...hyperglycaemia, ...unwell] : undefined;
    },
  },
  {
    id: 'red-flag.child-diabetes',
    level: 'urgent',
    text: 'A child or young person who is very thirsty, passing much urine or wetting the bed again, losing weight or with a high blood sugar may have type 1 diabetes: same-day referral to the paediatric diabetes team.',
    citation:
      'NICE NG18 Diabetes (type 1 and type 2) in children and young people (2015, updated 2023): suspected type 1 diabetes, refer the same day',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 18) return undefined;
      const classic = any(f, /^sx\.(thirst|polyuria|bedwetting)$|^thirst$|^polyuria$/);
      const more = classic
        ? any(f, /weight-loss|^lab\.raised-glucose$|^sx\.(thirst|polyuria|bedwetting)$|^fatigue/i)
        : undefined;
      return classic && more && new Set([...classic, ...more]).size >= 2 ? [...classic, ...more] : undefined;
    },
  },
  {
    id: 'red-flag.ectopic-possible',
    level: 'emergency',
    text: 'Lower abdominal pain in a woman who could be pregnant, with fainting or pain at the tip of the shoulder, may be a ruptured ectopic pregnancy: emergency care now (a pregnancy test is part of it).',
    citation:
      'NICE NG126 Ectopic pregnancy and miscarriage (2019, updated 2023): symptoms include abdominal or pelvic pain, shoulder-tip pain, dizziness or fainting; refer immediately if haemodynamically unstable',
    when: (f) => {
      if (f.sex !== 'female' || f.ageYears === undefined || f.ageYears < 12 || f.ageYears > 55)
        return undefined;
      // Not lifted by "not pregnant": fainting with pelvic pain is an emergency whatever its cause (a ruptured cyst,
      // a torsion), and a pregnancy is often unknown to the patient.
      const pain = any(f, /^sx\.(lower-abdominal-pain|pelvic-pain|sharp-abdominal-pain)$/);
      const warning = pain
        ? any(
            f,
            /^syncope$|^sx\.fainting$|^sx\.shoulder-pain$|^shoulder-pain$|^sign\.(hypotension|shoulder-tip-pain)$/,
          )
        : undefined;
      return pain && warning ? [...pain, ...warning] : undefined;
    },
  },
  {
    id: 'red-flag.neutropenic-sepsis',
    level: 'emergency',
    text: 'A fever or shivering in someone having chemotherapy may be neutropenic sepsis: emergency assessment now (antibiotics within the hour).',
    citation:
      'NICE CG151 Neutropenic sepsis (2012): suspected neutropenic sepsis, refer immediately, antibiotics within 1 hour',
    when: (f) => {
      const chemo = f.background(/chemotherap/i);
      if (!chemo.length) return undefined;
      const fever = [
        ...ids(f, FEVER),
        ...ids(f, /^chills$|^sx\.chills$|rigor|shiver/i),
        ...((f.vitals.temperatureC ?? 0) >= 38 ? ['temperature'] : []),
      ];
      return fever.length ? [...chemo.map((c) => c.conceptId), ...fever] : undefined;
    },
  },
  {
    id: 'red-flag.agranulocytosis-drug',
    level: 'urgent',
    text: 'A sore throat, mouth ulcers or a fever on carbimazole, propylthiouracil, clozapine, or an immunosuppressant such as methotrexate or azathioprine, may be a loss of white blood cells: stop the drug only as advised and have a blood count the same day (emergency care if unwell).',
    citation:
      'NICE CKS Hyperthyroidism (carbimazole: sore throat, mouth ulcers, fever — urgent full blood count); MHRA Drug Safety Update (carbimazole, 2019); clozapine SmPC (infection symptoms: immediate blood count); BSR guideline for DMARD therapy (Ledingham et al., Rheumatology 2017: sore throat, mouth ulcers, fever or bruising on a DMARD — urgent blood count); MHRA Drug Safety Update (oral methotrexate, 2020)',
    when: (f) => {
      const drug = f.background(/^sign\.(agranulocytosis-drug|immunosuppressant-medicine)$/);
      if (!drug.length) return undefined;
      const sign = ids(f, FEVER_SORE_THROAT_OR_MOUTH_SORES);
      return sign.length ? [...drug.map((d) => d.conceptId), ...sign] : undefined;
    },
  },
  {
    id: 'red-flag.child-breathing-distress',
    level: 'emergency',
    text: 'A child whose chest or neck sucks in with each breath, or a baby who stops breathing for moments, needs emergency care.',
    citation:
      'NICE NG143 Fever in under 5s (red: moderate or severe chest indrawing); NICE NG9 Bronchiolitis in children (apnoea: emergency)',
    when: (f) => {
      const age = f.ageYears;
      if (age === undefined || age >= 16) return undefined;
      const found = [...ids(f, /^sign\.chest-recession$/), ...(age < 2 ? ids(f, /^sx\.apnea$/) : [])];
      return found.length ? found : undefined;
    },
  },
  {
    id: 'red-flag.infant-breathing-feeding',
    level: 'urgent',
    text: 'A baby or toddler breathing fast who is taking less feed than usual (bronchiolitis, a chest infection) needs to be seen the same day.',
    citation:
      'NICE NG9 Bronchiolitis in children (2015, updated 2021): consider referral with a breathing rate over 60 or feeds falling to 50–75 % of usual',
    when: (f) => {
      if (f.ageYears === undefined || f.ageYears >= 2) return undefined;
      const fast = any(f, /^sx\.breathing-fast$|^sign\.raised-respiratory-rate$/);
      const feeding = fast
        ? any(f, /^sx\.infant-feeding-problem$|^sx\.decreased-appetite$|^appetite\.decreased$/)
        : undefined;
      return fast && feeding ? [...fast, ...feeding] : undefined;
    },
  },
  {
    id: 'red-flag.mastoiditis',
    level: 'emergency',
    text: 'A red, tender swelling behind the ear, or the ear pushed forward, after an ear infection may be mastoiditis: emergency admission.',
    citation: 'NICE CKS Otitis media – acute (complications: suspected mastoiditis, admit)',
    when: (f) => any(f, /^sign\.swelling-behind-ear$/),
  },
  {
    id: 'red-flag.bleeding-shock',
    level: 'emergency',
    text: 'Bleeding, or an injury, with faintness, a fast pulse or a low blood pressure may be a major haemorrhage (internal after an injury): emergency care now.',
    citation:
      'NICE NG39 Major trauma: assessment and initial management (2016): haemorrhage; ATLS 10th edition (signs of shock); RCOG Green-top 52 Postpartum haemorrhage; NICE CG141 Acute upper GI bleeding',
    when: (f) => {
      const cause = [
        ...ids(f, INJURY),
        ...ids(
          f,
          /^sign\.heavy-bleeding$|vaginal-bleeding|heavy-menstrual|postpartum-bleeding|bleeding-during-pregnancy|^hematemesis$|vomiting-blood|^melena$|rectal-bleeding|blood-in-stool|^sign\.bleeding-not-stopping$|haemorrhag|hemorrhag/i,
        ),
      ];
      const shock = cause.length ? shockSigns(f) : [];
      // Heavy periods for weeks or months with dizzy spells and normal vital signs: an anaemia's story (a blood
      // count, NICE NG88 Heavy menstrual bleeding), not a haemorrhage now.
      const menstrualOnly = cause.every((id) => /heavy-menstrual|^menorrhagia$/i.test(id));
      const vitalsNormal = shock.every((sign) => sign !== 'pulse' && sign !== 'systolicBp');
      if (menstrualOnly && vitalsNormal && beyondAWeek(f)) return undefined;
      return shock.length ? [...new Set(cause), ...shock] : undefined;
    },
  },
  {
    id: 'red-flag.hypoglycaemia-severe',
    level: 'emergency',
    text: 'A blood glucose below 3.0 mmol/L (54 mg/dL) is clinically significant hypoglycaemia: treat it now with fast-acting glucose, and call for emergency help if the person is drowsy, confused or cannot swallow.',
    citation:
      'American Diabetes Association, Standards of Care in Diabetes 2024, section 6 (level 2 hypoglycaemia < 54 mg/dL / 3.0 mmol/L); JBDS-IP The hospital management of hypoglycaemia in adults with diabetes mellitus (2022)',
    when: (f) => ((glucoseMmolL(f) ?? Number.POSITIVE_INFINITY) < 3 ? ['glucose'] : undefined),
  },
  {
    id: 'red-flag.hyperglycaemia',
    level: 'urgent',
    text: 'A blood glucose of 20 mmol/L (360 mg/dL) or more needs a same-day assessment: ketones or a hyperosmolar state to be excluded, treatment adjusted.',
    citation:
      'JBDS-IP The management of the hyperosmolar hyperglycaemic state (HHS) in adults (2022); NICE NG17 / NG28 (test for ketones when glucose is high and the person is unwell)',
    when: (f) => ((glucoseMmolL(f) ?? 0) >= 20 ? ['glucose'] : undefined),
  },
  {
    id: 'red-flag.hypoglycaemia',
    level: 'urgent',
    text: 'A blood glucose below 4.0 mmol/L (70 mg/dL) is hypoglycaemia: treat it now and find the cause the same day.',
    citation:
      'American Diabetes Association, Standards of Care in Diabetes 2024, section 6 (level 1 hypoglycaemia < 70 mg/dL / 3.9 mmol/L); JBDS-IP (2022: treat below 4.0 mmol/L)',
    when: (f) => {
      const glucose = glucoseMmolL(f);
      return glucose !== undefined && glucose >= 3 && glucose < 4 ? ['glucose'] : undefined;
    },
  },
  {
    id: 'red-flag.inr-high',
    level: 'urgent',
    text: 'An INR of 8 or more on warfarin, without bleeding, needs the same-day advice of the anticoagulation service or a doctor (warfarin stopped, oral vitamin K); with bleeding, emergency care.',
    citation:
      'BNF Warfarin (INR above 8.0, no bleeding: stop warfarin, give vitamin K by mouth); NICE CKS Anticoagulation – oral (2023)',
    when: (f) => ((f.observation(INR_LOINC) ?? 0) >= 8 ? ['INR'] : undefined),
  },
  {
    id: 'red-flag.anaemia-severe',
    level: 'urgent',
    text: 'A haemoglobin below 70 g/L (7 g/dL) is severe anaemia: a same-day assessment for the cause, bleeding, and a transfusion.',
    citation:
      'NICE NG24 Blood transfusion (2015: restrictive red cell transfusion threshold 70 g/L); WHO 2011 haemoglobin concentrations (severe anaemia < 80 g/L in adults)',
    when: (f) => ((haemoglobinGL(f) ?? Number.POSITIVE_INFINITY) < 70 ? ['haemoglobin'] : undefined),
  },
  {
    id: 'red-flag.electrolytes-severe',
    level: 'emergency',
    text: 'A potassium of 6.5 mmol/L or more, or a sodium below 120 mmol/L, can stop the heart or cause seizures: emergency treatment.',
    citation:
      'UK Kidney Association clinical practice guideline: Treatment of acute hyperkalaemia in adults (2023; severe ≥ 6.5 mmol/L); NICE CKS Hyponatraemia (sodium < 120 mmol/L: admit)',
    when: (f) => {
      const out = [
        ...((f.observation(POTASSIUM_LOINC) ?? 0) >= 6.5 ? ['potassium'] : []),
        ...((f.observation(SODIUM_LOINC) ?? Number.POSITIVE_INFINITY) < 120 ? ['sodium'] : []),
      ];
      return out.length ? out : undefined;
    },
  },
  {
    id: 'red-flag.malaria-severe',
    level: 'emergency',
    text: 'Fever after a stay where malaria occurs, with jaundice, confusion, breathlessness or a low blood pressure, may be severe falciparum malaria: emergency admission.',
    citation:
      'Lalloo DG et al., UK malaria treatment guidelines 2016 (J Infect 2016): features of severe malaria, admit; NICE CKS Malaria',
    when: (f) => {
      const travel = any(f, /^sign\.travel-malaria$/);
      const fever = travel && febrile(f);
      if (!travel || !fever) return undefined;
      const severe = [
        ...ids(f, /jaundice|yellow[- ](?:skin|eyes)|^sx\.jaundice$/i),
        ...ids(f, CONFUSION),
        ...ids(f, BREATHLESS),
        ...(f.vitals.systolicBp !== undefined && f.vitals.systolicBp <= 100 ? ['systolicBp'] : []),
      ];
      return severe.length ? [...travel, ...severe] : undefined;
    },
  },
  {
    id: 'red-flag.localised-infection',
    level: 'urgent',
    text: 'An abscess, pus from a wound, or a new red, hot swelling or spreading redness needs a same-day assessment for drainage or antibiotics.',
    citation:
      'NICE NG141 Cellulitis and erysipelas (2019); NICE CKS Boils, carbuncles and staphylococcal carriage (incision and drainage); NICE NG125 Surgical site infections',
    when: (f) =>
      f.course === 'long-standing' ? undefined : any(f, /^sign\.skin-abscess$|^sign\.spreading-redness$/),
  },
  {
    id: 'red-flag.hypoglycaemia-on-insulin',
    level: 'emergency',
    text: 'Someone on insulin or a sulfonylurea who is confused, drowsy, talking strangely or fitting may have severe hypoglycaemia: call 999 (glucagon if a carer is trained; no drinks for someone who cannot swallow safely).',
    citation:
      'JBDS-IP The hospital management of hypoglycaemia in adults with diabetes mellitus (2022): severe hypoglycaemia needs the help of another person; NICE NG17 / NG28',
    when: (f) =>
      all(
        f,
        /^sign\.insulin-treated$/,
        /altered-consciousness|confus|sleepiness|drows|seizure|unresponsive|difficulty-speaking/i,
      ),
  },
  {
    id: 'red-flag.mottled-skin-fever',
    level: 'emergency',
    text: 'Mottled or ashen skin with a fever is a high-risk sign of sepsis: emergency care now.',
    citation:
      'NICE NG51 Sepsis (2016, updated 2024): mottled or ashen appearance is a high-risk criterion; NICE NG143 Fever in under 5s (red: pale, mottled, ashen or blue)',
    when: (f) => {
      const mottled = any(f, /^sign\.mottled-skin$/);
      return mottled && febrile(f) ? [...mottled, ...ids(f, FEVER)] : undefined;
    },
  },
  {
    id: 'red-flag.pregnancy-chickenpox',
    level: 'urgent',
    text: 'Chickenpox, or close contact with it, in pregnancy needs advice the same day: immunity is checked, and antivirals or immunoglobulin are time-limited.',
    citation:
      'RCOG Green-top Guideline 13 Chickenpox in pregnancy (2015): contact in a non-immune woman, immediate assessment; antivirals within 24 hours of the rash',
    when: (f) => {
      const pregnant = pregnancyEvidence(f);
      const chickenpox = pregnant.length ? f.mentioned(/^sign\.chickenpox-spots$|chickenpox|varicella/i) : [];
      return chickenpox.length ? [...pregnant, ...chickenpox.map((x) => x.conceptId)] : undefined;
    },
  },
  {
    id: 'red-flag.obstetric-cholestasis',
    level: 'urgent',
    text: 'Itching of the palms and soles in pregnancy may be obstetric cholestasis: contact the maternity unit today for liver tests and bile acids.',
    citation:
      'RCOG Green-top Guideline 43 Intrahepatic cholestasis of pregnancy (2022); NICE NG201 Antenatal care (2021)',
    when: (f) => {
      if (f.sex === 'male' || !isPregnant(f)) return undefined;
      const itch = any(f, /^sign\.itchy-palms-soles$/);
      return itch ? [...pregnancyEvidence(f), ...itch] : undefined;
    },
  },
  {
    id: 'red-flag.postnatal-mental-state',
    level: 'urgent',
    text: 'After a birth, frightening thoughts of harm coming to the baby need the perinatal mental health team or the GP the same day.',
    citation:
      'NICE CG192 Antenatal and postnatal mental health (2014, updated 2020): red flags for severe illness (new and persistent expressions of incompetency as a mother or estrangement from the infant) need urgent assessment',
    when: (f) => {
      const postnatal = (f.ageYears ?? 99) >= 12 ? postpartumEvidence(f) : [];
      // Feeling a bad mother alone is the depression's, seen by appointment; the frightening thoughts are not.
      const sign = postnatal.length ? ids(f, /^sign\.intrusive-thoughts-baby$/) : [];
      return sign.length ? [...postnatal, ...sign] : undefined;
    },
  },
  {
    id: 'red-flag.postnatal-thoughts-of-harm',
    level: 'urgent',
    text: 'A mother with thoughts of harming her baby needs the perinatal mental health team the same day (emergency care if she might act on them).',
    citation:
      'NICE CG192 Antenatal and postnatal mental health (2014, updated 2020): thoughts of harming the baby, urgent assessment',
    when: (f) => any(f, /^sign\.thoughts-of-harming-baby$/),
  },
  {
    id: 'red-flag.injury-heavy-bleeding',
    level: 'emergency',
    text: 'An injury that is bleeding heavily, or bleeding that will not stop with pressure, needs emergency care now (press on the wound meanwhile).',
    citation:
      'NICE NG39 Major trauma (2016): haemorrhage control first; NHS (call 999 for heavy bleeding that will not stop)',
    when: (f) => all(f, INJURY, /^sign\.(heavy-bleeding|bleeding-not-stopping)$/),
  },
  {
    id: 'red-flag.submersion',
    level: 'emergency',
    text: 'After going under water, a cough, fast or hard breathing, chest pain or drowsiness need hospital assessment now: the lungs can worsen hours later.',
    citation:
      'Resuscitation Council UK / ERC Guidelines 2021, Drowning (anyone with symptoms after a submersion is taken to hospital)',
    when: (f) =>
      all(
        f,
        /^sign\.submersion$/,
        /cough|breath|dyspn|chest[- ]pain|drows|confus|altered-consciousness|vomit|cyanos/i,
      ),
  },
  {
    id: 'red-flag.open-fracture',
    level: 'emergency',
    text: 'A bone showing through the skin is an open fracture: emergency care now (antibiotics within the hour, surgery).',
    citation:
      'NICE NG37 Fractures (complex): assessment and management (2016): open fractures; BOAST Open fractures (2017)',
    when: (f) => any(f, /^sign\.open-fracture$/),
  },
  {
    id: 'red-flag.possible-fracture',
    level: 'urgent',
    text: 'After an injury, a crack heard, bony tenderness, a deformity or a limb not used may be a broken bone: an X-ray the same day.',
    citation:
      'NICE NG38 Fractures (non-complex): assessment and management (2016); Ottawa ankle rules (Stiell et al., JAMA 1993)',
    when: (f) => any(f, /^sign\.possible-fracture$/),
  },
  {
    id: 'red-flag.scaphoid',
    level: 'urgent',
    text: 'After a fall on the hand, pain or tenderness at the thumb side of the wrist may be a scaphoid fracture, which an early X-ray and splint protect: the same day.',
    citation:
      'NICE NG38 Fractures (non-complex) (suspected scaphoid fracture: X-ray, immobilise); NICE CKS (anatomical snuffbox tenderness after a fall on the outstretched hand)',
    // Only after an injury of this illness: without one, thumb-side wrist pain for weeks is de Quervain's tendons.
    when: (f) =>
      f.course === 'new' || f.course === 'unknown'
        ? all(f, /^sign\.thumb-side-wrist-pain$/, INJURY)
        : undefined,
  },
  {
    id: 'red-flag.burn-blisters',
    level: 'urgent',
    text: 'A burn or scald that has blistered needs a same-day assessment (size, depth, dressing).',
    citation:
      'NICE CKS Burns and scalds (refer: blistered burns larger than 1 % of the body, or on the hands, feet, face or genitals)',
    when: blisteredBurn,
  },
  {
    id: 'red-flag.burn-large',
    level: 'emergency',
    text: 'A blistered burn or scald larger than the patient’s palm (about 1 % of the body) needs the emergency department or a burns service now.',
    citation:
      'NICE CKS Burns and scalds (refer: blistered burns larger than 1 % of the body surface, the palm with fingers being about 1 %)',
    when: (f) => all(f, /^sign\.burn$/, /^sign\.burn-large$/),
  },
  {
    id: 'red-flag.burn-young-child',
    level: 'emergency',
    text: 'A blistered burn or scald in a child under 5 needs the emergency department now (depth and size are hard to judge, and a scald may not be an accident).',
    citation:
      'NHS Burns and scalds (go to A&E or call 999: get medical help straight away for a burn in a child under 5); NICE CKS Burns and scalds (consider non-accidental injury in a child)',
    when: (f) => (f.ageYears !== undefined && f.ageYears < 5 ? blisteredBurn(f) : undefined),
  },
  {
    id: 'red-flag.eye-foreign-body',
    level: 'urgent',
    text: 'Something in the eye, or a high-speed fragment (grinding, hammering) hitting it, needs an eye assessment the same day.',
    citation:
      'NICE CKS Corneal superficial injury (high-velocity injury or embedded foreign body: same-day referral)',
    when: (f) => any(f, /^sign\.eye-foreign-body$/),
  },
  {
    id: 'red-flag.ear-foreign-body',
    level: 'urgent',
    text: 'Something pushed into the ear needs removing by a trained clinician the same day (a button battery: emergency care now).',
    citation:
      'NICE CKS Foreign body in the ear (do not attempt removal without the skills and equipment; same-day referral to ENT for a button battery or a failed attempt)',
    when: (f) => any(f, /^sign\.ear-foreign-body$/),
  },
  {
    id: 'red-flag.pregnancy-hypertension-severe',
    level: 'emergency',
    text: 'A blood pressure of 160/110 or more in pregnancy is severe hypertension: admission now.',
    citation:
      'NICE NG133 Hypertension in pregnancy (2019, updated 2023): severe hypertension (160/110 or more), admit',
    when: (f) => pregnancyBloodPressure(f, 160, 110),
  },
  {
    id: 'red-flag.pregnancy-hypertension',
    level: 'urgent',
    text: 'A blood pressure of 140/90 or more in pregnancy needs an assessment within 24 hours (gestational hypertension, pre-eclampsia).',
    citation:
      'NICE NG133 Hypertension in pregnancy (2019, updated 2023): new hypertension after 20 weeks, seen within 24 hours',
    when: (f) => pregnancyBloodPressure(f, 140, 90),
  },
  {
    id: 'red-flag.spinal-metastases',
    level: 'urgent',
    text: 'Back or neck pain in someone with cancer, now or in the past, may be the spine: the acute oncology (MSCC) team is contacted the same day, and an MRI arranged (within 24 hours with any weakness, numbness or bladder change).',
    citation:
      'NICE NG234 Spinal metastases and metastatic spinal cord compression (2023): spinal pain suggestive of metastases in people with cancer, contact the MSCC coordinator; MRI within 1 week, within 24 hours with neurological symptoms',
    when: (f) => {
      const cancer = any(f, /^sign\.cancer-history$/);
      const pain = cancer ? any(f, /^sx\.(back-pain|low-back-pain|neck-pain)$|^back-pain$/) : undefined;
      return cancer && pain ? [...cancer, ...pain] : undefined;
    },
  },
  {
    id: 'red-flag.dvt-pregnancy',
    level: 'emergency',
    text: 'A swollen, tender calf or one-sided leg swelling in pregnancy or after a recent birth may be a deep-vein thrombosis: assessment in hospital now, with treatment started before the scan.',
    citation:
      'RCOG Green-top 37b Thromboembolic disease in pregnancy and the puerperium: acute management (2015): objective testing expeditiously, LMWH until excluded; NICE NG158 (2020)',
    when: (f) => {
      if (f.sex === 'male' || (f.ageYears ?? 99) < 12) return undefined;
      const signs = dvtSigns(f);
      const pregnancy = [...pregnancyEvidence(f), ...postpartumEvidence(f)];
      return signs && pregnancy.length ? [...signs, ...pregnancy] : undefined;
    },
  },
  {
    id: 'red-flag.dvt',
    level: 'urgent',
    text: 'A swollen, tender calf or one-sided leg swelling may be a deep-vein thrombosis: same-day assessment.',
    citation: 'NICE NG158 (2020)',
    when: dvtSigns,
  },
];

/** A deep-vein thrombosis's signs: a tender calf or one-sided leg swelling. */
function dvtSigns(f: TriageFacts): string[] | undefined {
  return any(f, /calf[- ]tenderness|tender calf|unilateral[- ]leg[- ]swelling|one-sided leg swelling/i);
}

function chestInfection(f: TriageFacts): boolean {
  return f.has(/^(?:sx\.)?cough$|^cough\.productive$|coughing[- ]up[- ]sputum/) && febrile(f);
}

/** CRB-65 (Lim et al., Thorax 2003; NICE CG191): confusion, RR ≥ 30, SBP < 90 or DBP ≤ 60, age ≥ 65. */
export function crb65(facts: TriageFacts): { score: number; points: string[] } {
  const points: string[] = [];
  if (facts.has(CONFUSION) || facts.vitals.consciousness === 'confusion') points.push('confusion');
  if ((facts.vitals.respiratoryRate ?? 0) >= 30) points.push('respiratoryRate≥30');
  const dbp = facts.observation('8462-4');
  if ((facts.vitals.systolicBp ?? 999) < 90 || (dbp ?? 999) <= 60) points.push('bloodPressure');
  if ((facts.ageYears ?? 0) >= 65) points.push('age≥65');
  return { score: points.length, points };
}
