import type { TriageLevel } from '../../triage/index.js';

/**
 * The level of care a condition calls for when it is the cause of the presentation: the disposition a clinician
 * would choose once the diagnosis is made, before any red flag of the particular patient. Triage reads it only as a
 * share of the open differential (`src/triage/assess.ts`), never from the top condition alone.
 *
 * Written by the project from published dispositions (own wording), by ICD-10 prefix, the most specific first:
 * - `emergency`: time-critical conditions that guidance sends to the emergency department or an emergency admission
 *   (NICE CG95 / NG185 acute coronary syndromes, NG158 pulmonary embolism, NG128 stroke, NG51 sepsis, NG240
 *   meningitis, CG141 upper GI bleeding, NG104 acute pancreatitis, CKS appendicitis, NG17/NG18 and JBDS-IP diabetic ketoacidosis and
 *   hyperosmolar state, NG126 ectopic pregnancy, RCOG placental abruption and praevia with bleeding, RCUK 2021
 *   anaphylaxis and choking, BTS pneumothorax, NICE CKS sore throat (epiglottitis), CKS testicular and
 *   ovarian torsion, CG143 sickle cell acute painful episode, CKS acute angle-closure glaucoma and orbital cellulitis,
 *   CKS cauda equina, NG232 intracranial injury, TOXBASE/NHS poisoning, CKS heat stroke and hypothermia);
 * - `urgent` (same day): infections that need same-day treatment (CKS sore throat: quinsy drained by ENT the same day, CG191/NG138 pneumonia, NG111 pyelonephritis, NG141
 *   cellulitis, CKS pelvic inflammatory disease, CKS mastitis and breast abscess, BSR septic arthritis, CKS
 *   epididymo-orchitis, NG147 acute diverticulitis, CKS acute cholecystitis, jaundice of acute hepatitis),
 *   decompensated organ disease (NG106 heart failure, NG196 new atrial fibrillation, CKS pericarditis, NG148 acute
 *   kidney injury, NG118 renal colic, COPD exacerbation NG115), NG128 TIA, NG12's acute
 *   leukaemia (very urgent blood count), acute haemolysis and sickle cell disease (CG143), pregnancy problems that
 *   guidance assesses the same day (NG133 pre-eclampsia and gestational hypertension, CKS hyperemesis, NG126 bleeding
 *   in early pregnancy), eye emergencies seen the same day (CKS uveitis, scleritis, keratitis, optic neuritis,
 *   retinal detachment, vitreous haemorrhage, foreign body), fractures and dislocations (NG38), electrolyte
 *   disturbances and dehydration, acute confusion (delirium), alcohol withdrawal (CG100), Bell's palsy (CKS);
 * - `routine`: suspected cancer (NG12: referral on the suspected-cancer pathway within two weeks), chronic and
 *   structural disease;
 * - `self-care`: the self-limiting conditions NICE CKS advises managing at home (list below);
 * - otherwise the knowledge base's severity: 1 → emergency, 2 or must-not-miss → urgent, else routine.
 */
const CARE_BY_PREFIX: readonly (readonly [string, TriageLevel])[] = [
  // Exceptions inside broader groups below (most specific first).
  ['T56', 'routine'], // chronic lead exposure, not an acute poisoning
  // Feature pack T (stop 39): cow's milk protein allergy is routine care with a dietitian (NICE CKS), not a
  // gastroenteritis; an unexplained breast lump takes the suspected-cancer pathway (NICE NG12); a skin abscess, a womb
  // infection after birth and a wound infection after an operation are seen the same day (NICE CKS Boils; NG194;
  // NG125).
  ['K52.2', 'routine'],
  // Otitis externa: prescribed drops (antibiotic and steroid) from a GP or pharmacist prescriber (NICE CKS Otitis
  // externa), not self-care alone.
  ['H60', 'routine'],
  ['N63', 'routine'],
  ['L02', 'urgent'],
  ['O86', 'urgent'],
  ['T81.4', 'urgent'],
  ['T46.4X5', 'routine'], // the adverse effect of an ACE inhibitor taken as prescribed (its cough), not a poisoning
  ['T17.1', 'urgent'], // foreign body in the nose: not the airway
  ['J81.1', 'urgent'], // chronic pulmonary oedema (acute pulmonary oedema J81.0 is an emergency)
  ['J36', 'urgent'], // quinsy: same-day ENT drainage (NICE CKS Sore throat); the airway rules catch a threatened airway
  ['S06.0', 'urgent'], // concussion: NG232 decides by risk factors
  ['C91.0', 'urgent'],
  ['C92.0', 'urgent'],
  ['C95', 'urgent'],
  ['J44.1', 'urgent'],
  ['Q40.0', 'urgent'], // infantile pyloric stenosis: same-day paediatric assessment (NICE CKS)
  ['I20.0', 'emergency'],
  // A suspected deep-vein thrombosis needs a scan within 4 hours, or anticoagulation until a scan within 24 hours
  // (NICE NG158): the same day, by the GP, 111 or a DVT clinic (NHS: "ask for an urgent GP appointment"); with
  // breathlessness or chest pain (a clot in the lung) the rules send it to emergency care. The development vignettes
  // (avey) send a DVT to the emergency department; two clinical spot-checks (rounds 6 and 7) and NHS guidance do not.
  ['I82', 'urgent'],
  // G6PD deficiency presents as an acute haemolytic crisis (dark urine, jaundice, breathlessness): emergency care.
  ['D55', 'emergency'],
  // Treated the same day: a first episode of genital herpes (antivirals within 5 days of onset, NICE CKS Herpes
  // simplex – genital), scarlet fever (antibiotics, notifiable: NICE CKS Scarlet fever), a dental abscess (same-day
  // urgent dental care, NICE CKS Dental abscess).
  // A suspected slipped upper femoral epiphysis: same-day orthopaedic assessment (NICE CKS Limp in children).
  ['M93.0', 'urgent'],
  // Feature pack G (tenth stop): acute urinary retention needs a catheter now (NICE CKS Urinary retention);
  // neutropenic sepsis (NICE NG151), puerperal sepsis (NICE NG51) and a chemical in the eye (RCOphth) are emergencies;
  // a pulled elbow, a Bartholin's abscess, a ruptured Achilles tendon, new type 1 diabetes (NICE NG18) and reduced
  // fetal movements (RCOG Green-top 57) are seen the same day; sunburn is home care; infantile colic is by
  // appointment (NICE CKS Colic – infantile); an ACE inhibitor's cough (above) by appointment.
  ['R33', 'emergency'],
  ['D70', 'emergency'],
  ['O85', 'emergency'],
  ['T26', 'emergency'],
  ['S53', 'urgent'],
  ['N75.1', 'urgent'],
  ['S86', 'urgent'],
  ['E10.9', 'urgent'],
  ['O36.8', 'urgent'],
  // Itching in later pregnancy: liver tests and bile acids the same day (RCOG Green-top 43, 2022).
  ['O26.6', 'urgent'],
  ['L55', 'self-care'],
  ['R10.83', 'routine'],
  // Treated the day they present: symptomatic chlamydia (BASHH 2015: treat at the first visit; symptomatic patients
  // seen within 48 hours) and acute cystitis (NICE NG109: an immediate or back-up antibiotic on the day).
  ['A56', 'urgent'],
  ['N30', 'urgent'],
  ['A60', 'urgent'],
  ['A38', 'urgent'],
  ['K04.7', 'urgent'],
  ['K04.6', 'urgent'],
  ['K92.0', 'emergency'],
  ['K92.1', 'emergency'],
  ['K92.2', 'emergency'],
  ['E10.0', 'emergency'],
  ['E10.1', 'emergency'],
  ['E11.0', 'emergency'],
  ['E11.1', 'emergency'],
  ['E13.0', 'emergency'],
  ['E13.1', 'emergency'],
  ['E27.2', 'emergency'],
  ['E05.5', 'emergency'],
  ['D57.0', 'emergency'],
  ['H40.2', 'emergency'],
  ['H05.0', 'emergency'],
  ['H44.0', 'emergency'],
  ['N44.0', 'emergency'],
  ['N83.5', 'emergency'],
  ['J05.1', 'emergency'],
  ['K83.0', 'emergency'],
  ['K55.0', 'emergency'],
  ['K76.82', 'emergency'],
  ['T67.0', 'emergency'],
  ['T78.0', 'emergency'],
  ['T78.2', 'emergency'],
  ['T78.3', 'emergency'],
  ['T38.3', 'emergency'],
  ['G83.4', 'emergency'],
  ['S06.4', 'emergency'],
  ['S06.5', 'emergency'],
  ['S06.6', 'emergency'],
  ['S02', 'emergency'],
  ['S27', 'emergency'],
  ['S32.9', 'emergency'],
  ['F10.23', 'urgent'],
  ['I11.0', 'urgent'],
  // Time-critical: emergency care now.
  ...(
    [
      'I21',
      'I22',
      'I26',
      'I31.4',
      'I46',
      'I47.2',
      'I49.0',
      'I60',
      'I61',
      'I62',
      'I63',
      'I64',
      'I71',
      'I74',
      'A39',
      'A40',
      'A41',
      'A48.0',
      'A98',
      'A99',
      'G00',
      'G01',
      'G02',
      'G03',
      'G04',
      'G06',
      'G41',
      'G61.0',
      'M72.6',
      'J80',
      'J81',
      'J93',
      'J96',
      'T17',
      'T36',
      'T37',
      'T38',
      'T39',
      'T40',
      'T41',
      'T42',
      'T43',
      'T44',
      'T45',
      'T46',
      'T47',
      'T48',
      'T49',
      'T50',
      'T51',
      'T52',
      'T53',
      'T54',
      'T55',
      'T57',
      'T58',
      'T59',
      'T60',
      'T61',
      'T62',
      'T63',
      'T64',
      'T65',
      'T68',
      'T75.1',
      'T79.0',
      'T79.1',
      'K56',
      'K65',
      'K72',
      'K85',
      'K35', // CKS Appendicitis: emergency admission for suspected appendicitis
      'O00',
      'O15',
      'O44',
      'O45',
      'O60',
      'O71',
      'O72',
      'O88',
      'R40.2',
      'R57',
    ] as const
  ).map((p) => [p, 'emergency'] as const),
  // Same day.
  ...(
    [
      'J12',
      'J13',
      'J14',
      'J15',
      'J16',
      'J17',
      'J18',
      'J85',
      'J86',
      'N10',
      'N12',
      'N17',
      'N20',
      'N23',
      'L03',
      'A46',
      'K61',
      'E11.52',
      'H91.2',
      'N45',
      'N61',
      'O91',
      'N70',
      'N71',
      'N73',
      'M00',
      'M86',
      'H70',
      'K57.0',
      'K57.2',
      'K57.4',
      'K57.8',
      'K57.92',
      'K81',
      'K75.0',
      'B15',
      'B16',
      'B17',
      'B19',
      'K71',
      'A00',
      'A01',
      'B54',
      'I50',
      'I48',
      'I47.1',
      'I44',
      'I30',
      'I33',
      'I40',
      'I51.4',
      'I80.1',
      'I80.2',
      'I80.3',
      'I82',
      'G45',
      'G51.0',
      'D55',
      'D57',
      'D59',
      'D61',
      'D69.3',
      'E86',
      'E87.0',
      'E87.1',
      'E87.5',
      'E16',
      'M31.6',
      'M62.82',
      'O13',
      'O14',
      'O20',
      'O21',
      'O03',
      'O42',
      'H15.0',
      'H16',
      'H20',
      'H33',
      'H34',
      'H43.1',
      'H46',
      'T15',
      'S12',
      'S22',
      'S32',
      'S42',
      'S43',
      'S52',
      'S62',
      'S72',
      'S82',
      'S92',
      'T33',
      'R41.0',
    ] as const
  ).map((p) => [p, 'urgent'] as const),
  // Suspected cancer: the two-week pathway (NG12), not same-day care.
  ['C', 'routine'],
  ['D0', 'routine'],
  // Self-limiting conditions that NICE CKS advises looking after at home (with a pharmacist's help and advice on when
  // to seek help): colds and flu-like illness, acute sinusitis, sore throat, laryngitis, acute bronchitis, viral
  // gastroenteritis, infective and allergic conjunctivitis, acute otitis media, ear wax, hay fever, cold
  // sores, vaginal thrush, fungal skin and foot infections, nappy rash, mild contact dermatitis, acute urticaria,
  // insect bites, sprains and strains, tennis elbow, plantar fasciitis, acute low back pain, tension headache,
  // teething, mouth ulcers, threadworm, head lice, scabies (a pharmacy's permethrin: CKS Scabies), warts and
  // molluscum, chickenpox and other viral rashes of children, food poisoning (managed as gastroenteritis), blepharitis
  // (lid hygiene: CKS Blepharitis), a nosebleed that stops with first aid (CKS Epistaxis),
  // a knock to the head with none of NG232's risk factors (home with written advice; the rules catch the risk factors),
  // primary period pain eased by an anti-inflammatory (CKS Dysmenorrhoea), a few days' constipation (CKS Constipation), a
  // subconjunctival haemorrhage (CKS), a thriving baby's posseting (NICE NG1), muscles sore after unaccustomed exercise
  // (NHS Muscle pain), a small burn with no blister (NICE CKS Burns and scalds: the rules raise a blistered, large, facial
  // or young child's burn).
  ...(
    [
      'J00',
      'J01',
      'J02',
      'J03',
      'J04.0',
      'J04.1',
      'J06',
      'J11',
      'J20',
      'J40',
      'J30',
      'A08',
      'A09',
      'K52.9',
      'H10',
      'B30',
      'H66',
      'H61.2',
      'B00.1',
      'B37.3',
      'B35.3',
      'B36',
      'L22',
      'L25',
      'L50',
      'T14.8',
      'M77.1',
      'M72.2',
      'M54.5',
      'G44.2',
      'K00.7',
      'K12.0',
      'B80',
      'B85',
      'B86',
      'B07',
      'B08.1',
      'B01',
      'B08.4',
      'B09',
      'A05',
      'H01.0',
      'R04.0',
      'S09.90',
      'N94.6',
      'K59.00',
      'H11.3',
      'P92.1',
      'M79.1',
      'T30.0',
      // Stop 36: beeturia (harmless colour), a missed or late pill (pharmacy advice, FSRH missed pill rules).
      'R82.91',
      'Z30.41',
      // Green stools in a well baby (NHS Baby poo); occasional extra beats, in a story of days (NHS Heart palpitations).
      'R19.5',
      'I49.1',
      'I49.3',
      // Stop 37: slapped cheek and roseola in a well child (CKS Parvovirus B19; Roseola), herpangina (a
      // self-limiting mouth infection), oral thrush (a pharmacy's miconazole: CKS Candida – oral), cradle cap (CKS
      // Seborrhoeic dermatitis – infants), baby acne (NHS), a stye or chalazion (CKS Stye; Chalazion).
      'B08.3',
      'B08.2',
      'B08.5',
      'B37.0',
      'L21.0',
      'L70.4',
      'H00',
    ] as const
  ).map((p) => [p, 'self-care'] as const),
];

/**
 * The knowledge base's coarse judgement, for conditions no prefix above covers. Its least severe grade is not
 * self-care: many conditions graded 5 are chronic or need a prescription (psoriasis, rosacea, bacterial vaginosis,
 * irritable bowel): only the list above is.
 */
function fromSeverity(severity: number, mustNotMiss: boolean): TriageLevel {
  if (severity <= 1) return 'emergency';
  if (severity === 2 || mustNotMiss) return 'urgent';
  return 'routine';
}

/** The care a condition calls for when it is the cause (see `CARE_BY_PREFIX`). */
export function careLevelFor(condition: {
  readonly icd10: string;
  readonly severity: number;
  readonly mustNotMiss: boolean;
}): TriageLevel {
  const code = condition.icd10.toUpperCase();
  for (const [prefix, level] of CARE_BY_PREFIX) if (code.startsWith(prefix)) return level;
  return fromSeverity(condition.severity, condition.mustNotMiss);
}

/**
 * Self-care conditions that stay home care however long they have lasted: chronic or recurring complaints that NICE
 * CKS manages by self-care (Blepharitis: lid hygiene, a chronic condition; Conjunctivitis – allergic and Allergic
 * rhinitis: seasonal, recurring each year; Fungal skin infection – foot: a pharmacy treatment however long it has
 * been there). Tennis elbow, plantar fasciitis and (stop 39) tension headache were tried and left out: our blind
 * writers send a months-long one to the GP.
 */
const SELF_CARE_ANY_COURSE = ['H01.0', 'H10.1', 'H10.4', 'J30', 'B35.3'] as const;

/** True for a self-care condition whose home care does not depend on how long the complaint has lasted. */
export function selfCareAnyCourse(icd10: string): boolean {
  const code = icd10.toUpperCase();
  return SELF_CARE_ANY_COURSE.some((prefix) => code.startsWith(prefix));
}
