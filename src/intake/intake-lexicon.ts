import { familyConceptsByHistory, type KnowledgeBaseLike, lexiconFromKnowledgeBase } from './kb-adapter.js';
import { createLexicon, type Lexicon, type LexiconEntry, mergeLexicons } from './lexicon.js';

/**
 * The intake's own additions to the knowledge base's synonyms: how findings are written in consultation notes
 * (clinical shorthand, note-style abbreviations, fever patterns, words that name an absence), each mapped to a
 * knowledge-base concept id. Entries whose concept the knowledge base lacks are dropped (and listed by
 * `missingAdditionConcepts`) so the intake never emits an id the diagnosis engine does not know.
 */
/** Weight loss written as an amount ("lost 6 kg in a month", "has lost about 10 pounds"); `#` is any number. */
export const WEIGHT_LOST_BY_AMOUNT: readonly string[] = ['lost', 'losing', 'dropped', 'loss of'].flatMap(
  (verb) =>
    ['', 'about ', 'around ', 'almost ', 'nearly ', 'over ', 'more than '].flatMap((approx) =>
      ['kg', 'kgs', 'kilos', 'kilograms', 'pounds', 'lbs', 'lb', 'stone'].map(
        (unit) => `${verb} ${approx}# ${unit}`,
      ),
    ),
);

/**
 * One limb that stopped working, in everyday words ("her right hand isn't working properly", "can't use his left
 * arm"): how a stroke's arm or leg is often told. Matched inside longer text, so "her right hand isn't working" holds
 * "hand isn't working".
 */
export const LIMB_NOT_WORKING: readonly string[] = ['arm', 'hand', 'leg'].flatMap((limb) => [
  ...[
    "isn't working",
    'isnt working',
    'is not working',
    'not working',
    "won't work",
    'wont work',
    'stopped working',
  ].map((verb) => `${limb} ${verb}`),
  ...["can't use", 'cant use', 'cannot use', 'unable to use'].flatMap((verb) =>
    ['his', 'her', 'my', 'their'].flatMap((whose) =>
      ['', 'left ', 'right '].map((side) => `${verb} ${whose} ${side}${limb}`),
    ),
  ),
]);

/**
 * Tablets taken by count ("swallowed about 20 painkillers", "took 30 paracetamol"): an overdose from 8 (`minNumber`),
 * about the least count of adult-strength paracetamol or similar tablets that exceeds a day's maximum dose.
 */
export const TABLETS_TAKEN_BY_COUNT: readonly string[] = [
  'took',
  'taken',
  'taking',
  'swallowed',
  'had',
].flatMap((verb) =>
  [
    '',
    'about ',
    'around ',
    'over ',
    'nearly ',
    'maybe ',
    'up to ',
    'more than ',
    'at least ',
    'like ',
    'roughly ',
    'approx ',
    'approximately ',
  ].flatMap((approx) =>
    [
      'tablets',
      'pills',
      'painkillers',
      'paracetamol',
      'paracetamols',
      'paracetamol tablets',
      'ibuprofen',
      'ibuprofen tablets',
      'aspirin',
      'co-codamol',
      'codeine tablets',
      'antidepressants',
      'capsules',
      'sleeping tablets',
      'sleeping pills',
      'of tablets',
      'of pills',
      'of painkillers',
      'of paracetamol',
      'of sleeping tablets',
      'of sleeping pills',
      // A count of a strength ("20 x 500mg paracetamol").
      'x # mg paracetamol',
      'x # mg tablets',
      'x # mg ibuprofen',
      'x # mg co-codamol',
    ].map((what) => `${verb} ${approx}# ${what}`),
  ),
);

/**
 * Additions for the open-world knowledge base's findings that its phrase lists cannot hold (a phrase with a least
 * number); joined to the open-world lexicon by the text diagnoser.
 */
/**
 * A temperature said to be normal ("temp normal", "temperature is fine", "afebrile"): the absence of fever, in both
 * lexicons (a bare "temp" is read as a fever: "he's got a temp").
 */
export const NO_FEVER: readonly string[] = [
  'afebrile',
  'apyrexial',
  'no temperature',
  'no temp',
  ...['temp', 'temperature'].flatMap((word) =>
    [
      'normal',
      'is normal',
      'was normal',
      'fine',
      'is fine',
      'ok',
      'is ok',
      'okay',
      'is okay',
      'normal range',
    ].map((state) => `${word} ${state}`),
  ),
  'normal temp',
  'normal temperature',
];

/**
 * Weight borne after an injury ("can walk on it fine", "weight bearing ok"): the absence of the Ottawa ankle and foot
 * rules' X-ray criterion (Stiell et al., JAMA 1993;269:1127), which lowers a fracture against a sprain.
 */
const WEIGHT_BEARING_ACTS = [
  'walk on it',
  'weight bear',
  'weightbear',
  'bear weight',
  'put weight on it',
  'stand on it',
];
export const BEARS_WEIGHT: readonly string[] = [
  ...['can', 'able to', 'managing to', 'still'].flatMap((verb) =>
    WEIGHT_BEARING_ACTS.map((act) => `${verb} ${act}`),
  ),
  'walking on it',
  'weight bearing',
  'weight-bearing',
  'fully weight bearing',
  'bearing weight',
];

/** The same acts refused ("not able to walk on it", "can barely stand on it"): longer, so they win over `BEARS_WEIGHT`. */
export const CANNOT_BEAR_WEIGHT: readonly string[] = [
  'not able to',
  'inability to',
  'unable to',
  "can't",
  'cant',
  'cannot',
  'can not',
  'can hardly',
  'can barely',
  'can only just',
  'struggling to',
].flatMap((verb) => WEIGHT_BEARING_ACTS.map((act) => `${verb} ${act}`));

export const OPEN_WORLD_LEXICON_ADDITIONS: readonly LexiconEntry[] = [
  { conceptId: 'sign.overdose', phrases: TABLETS_TAKEN_BY_COUNT, minNumber: 8 },
  { conceptId: 'sx.fever', phrases: NO_FEVER, namesAbsence: true },
  { conceptId: 'sign.unable-to-bear-weight', phrases: BEARS_WEIGHT, namesAbsence: true },
  { conceptId: 'sign.unable-to-bear-weight', phrases: CANNOT_BEAR_WEIGHT },
];

export const INTAKE_LEXICON_ADDITIONS: readonly LexiconEntry[] = [
  // Pain written by site: the knowledge base has one `pain` concept with locations as values.
  {
    conceptId: 'pain',
    phrases: [
      'chest pain',
      'chest pains',
      'chest tightness',
      'chest discomfort',
      'chest pressure',
      'abdominal pain',
      'abdo pain',
      'abd pain',
      'stomach ache',
      'stomach pain',
      'tummy ache',
      'tummy pain',
      'belly pain',
      'headache',
      'headaches',
      'head ache',
      'back pain',
      'low back pain',
      'neck pain',
      'ear ache',
      'earache',
      'pleuritic chest pain',
      'epigastric pain',
      'flank pain',
      'loin pain',
      'joint pain',
      'arthralgia',
      'arthralgias',
      'pain in the chest',
      'pain in his chest',
      'pain in her chest',
      'pain in my chest',
      'angina',
    ],
    abbreviations: ['CP', 'HA', 'LBP', 'abdo pain'],
  },
  {
    conceptId: 'pain.location',
    value: 'upper-chest',
    phrases: [
      'retrosternal',
      'substernal',
      'central chest',
      'chest pain',
      'chest pains',
      'chest tightness',
      'chest discomfort',
      'chest pressure',
      'pain in the chest',
      'pain in his chest',
      'pain in her chest',
      'pain in my chest',
      'side of my chest',
      'side of the chest',
      'left of my chest',
      'right of my chest',
      'left of the chest',
      'right of the chest',
      'side of his chest',
      'side of her chest',
      'pleuritic chest pain',
    ],
    abbreviations: ['CP'],
  },
  {
    conceptId: 'pain.location',
    value: 'epigastrium',
    phrases: ['epigastric', 'epigastric pain', 'epigastrium'],
  },
  {
    conceptId: 'pain.location',
    value: 'abdomen',
    phrases: ['abdominal pain', 'abdo pain', 'abd pain', 'belly pain'],
  },
  { conceptId: 'pain.location', value: 'forehead', phrases: ['frontal headache', 'forehead pain'] },
  {
    conceptId: 'pain.radiation',
    value: 'jaw',
    phrases: ['radiating to the jaw', 'radiates to the jaw', 'radiating to his jaw', 'radiating to her jaw'],
  },
  {
    conceptId: 'pain.character',
    value: 'heavy',
    phrases: ['crushing', 'squeezing', 'pressure-like'],
  },
  { conceptId: 'pain.character', value: 'burning', phrases: ['burning'] },
  { conceptId: 'pain.character', value: 'sharp', phrases: ['sharp pain', 'knife-like'] },
  // Fever, written as notes write it; absence words.
  {
    conceptId: 'fever',
    phrases: [
      'fevers',
      'febrile',
      // Not a bare "temps": the stemmer reads it as "temp", the measurement label.
      'spiking temps',
      'high temps',
      'running temps',
      'spiking temperatures',
      'high temperatures',
      'pyrexia',
      'temperature spikes',
      'feverish',
    ],
  },
  { conceptId: 'fever', phrases: NO_FEVER, namesAbsence: true },
  {
    conceptId: 'fever.pattern.continuous',
    phrases: ['continuous fever', 'continuous fevers', 'sustained fever', 'unremitting fever'],
  },
  {
    conceptId: 'fever.pattern.remittent',
    phrases: ['remittent fever', 'remitting fever', 'fever that never returns to normal'],
  },
  {
    conceptId: 'fever.pattern.intermittent',
    phrases: [
      'intermittent fever',
      'intermittent fevers',
      'on and off fevers',
      'fevers on and off',
      'spiking fevers',
    ],
  },
  {
    conceptId: 'fever.pattern.low-grade-afternoon',
    phrases: [
      'low-grade afternoon fever',
      'low grade afternoon fever',
      'low-grade afternoon fevers',
      'afternoon fevers',
      'evening fevers',
      'low-grade evening fever',
      'low-grade fevers',
    ],
  },
  {
    conceptId: 'sweating.night',
    phrases: [
      'night sweats',
      'nightsweats',
      'drenching night sweats',
      'sweats at night',
      'night-time sweating',
    ],
  },
  { conceptId: 'sweating', phrases: ['diaphoresis', 'diaphoretic', 'sweaty', 'sweats'] },
  {
    conceptId: 'stridor',
    phrases: [
      'high-pitched sound when breathing',
      'high-pitched breathing',
      'high-pitched sound',
      'high pitched noise on breathing in',
    ],
  },
  {
    conceptId: 'weakness.focal',
    phrases: [
      'arm weakness',
      'leg weakness',
      'weak arm',
      'weak leg',
      'one-sided weakness',
      'unilateral weakness',
      'weakness on one side',
      'left-sided weakness',
      'right-sided weakness',
      'hemiplegia',
      'focal weakness',
      // Everyday words for one weak arm (a stroke is often told this way).
      "can't lift her left arm",
      'cannot lift her left arm',
      "can't raise her left arm",
      'cannot raise her left arm',
      "can't lift her right arm",
      'cannot lift her right arm',
      "can't raise her right arm",
      'cannot raise her right arm',
      "can't lift his left arm",
      'cannot lift his left arm',
      "can't raise his left arm",
      'cannot raise his left arm',
      "can't lift his right arm",
      'cannot lift his right arm',
      "can't raise his right arm",
      'cannot raise his right arm',
      "can't lift my left arm",
      'cannot lift my left arm',
      "can't raise my left arm",
      'cannot raise my left arm',
      "can't lift my right arm",
      'cannot lift my right arm',
      "can't raise my right arm",
      'cannot raise my right arm',
      "can't lift the left arm",
      'cannot lift the left arm',
      "can't raise the left arm",
      'cannot raise the left arm',
      "can't lift the right arm",
      'cannot lift the right arm',
      "can't raise the right arm",
      'cannot raise the right arm',
      'weakness of the left arm',
      'weakness in the left arm',
      'weakness of the left leg',
      'weakness in the left leg',
      'weakness of the left side',
      'left arm weakness',
      'left arm is weak',
      'left arm went weak',
      'weakness of the right arm',
      'weakness in the right arm',
      'weakness of the right leg',
      'weakness in the right leg',
      'weakness of the right side',
      'right arm weakness',
      'right arm is weak',
      'right arm went weak',
      'weakness of one arm',
      'weakness of an arm',
      'arm has gone weak',
      'arm and leg are weak',
      ...LIMB_NOT_WORKING,
    ],
  },
  // Breathing.
  {
    conceptId: 'dyspnea',
    phrases: [
      'shortness of breath',
      'short of breath',
      'dyspneic',
      'dyspnoeic',
      'difficulty in breathing',
      'labored breathing',
      'laboured breathing',
      'breathing became labored',
      'breathing became laboured',
      'breathing is labored',
      'breathing is laboured',
      'difficulties in breathing',
      'breathing difficulties',
      'sob',
      'dyspnoea',
      'dyspnea',
      'breathlessness',
      'difficulty breathing',
      'trouble breathing',
      'breathing difficulty',
      'air hunger',
    ],
    abbreviations: ['SOB', 'SOBAR', 'DOE', 'SOBOE'],
  },
  {
    conceptId: 'dyspnea.minimal-exertion',
    phrases: [
      'breathless on minimal exertion',
      'sob on minimal exertion',
      'short of breath on minimal exertion',
      'dyspnoea on minimal exertion',
      'breathless at rest',
      'breathlessness at rest',
      'breathlessness on minimal exertion',
      'short of breath at rest',
      'sob at rest',
      'breathless walking across the room',
      'breathless after a few steps',
    ],
  },
  {
    conceptId: 'worse-lying-better-sitting',
    phrases: ['orthopnoea', 'orthopnea', 'two-pillow orthopnea', 'three-pillow orthopnea'],
  },
  {
    conceptId: 'cough',
    phrases: ['coughing', 'coughs', 'dry cough', 'nonproductive cough', 'non-productive cough', 'tussive'],
  },
  {
    conceptId: 'cough.productive',
    phrases: [
      'productive cough',
      'sputum production',
      'coughing up phlegm',
      'coughing up sputum',
      'green sputum',
      'yellow-green sputum',
      'yellow green sputum',
      'green-yellow sputum',
      'yellowish-green sputum',
      'yellow-green phlegm',
      'yellow green phlegm',
      'yellow sputum',
    ],
  },
  {
    conceptId: 'hemoptysis',
    phrases: [
      'coughing up blood',
      'blood-tinged sputum',
      'haemoptysis',
      'hemoptysis',
      'blood-streaked sputum',
      'blood streaked sputum',
      'coughed up blood',
      'coughed up a bit of blood',
      'coughed up some blood',
      'coughing up a bit of blood',
      'coughing up some blood',
      'coughed up a little blood',
      'coughed blood',
      'blood in the sputum',
      'streaks of blood in the sputum',
    ],
  },
  { conceptId: 'wheeze.expiratory', phrases: ['wheezes', 'wheezing', 'wheeze', 'wheezy'] },
  // Gastrointestinal.
  {
    conceptId: 'nausea',
    phrases: ['nausea', 'nauseous', 'nauseated', 'feeling sick'],
    abbreviations: ['N/V', 'N+V', 'n/v'],
  },
  {
    conceptId: 'vomiting',
    phrases: ['vomiting', 'emesis', 'vomited', 'throwing up', 'vomits'],
    abbreviations: ['N/V', 'N+V', 'n/v', 'D/V', 'D&V'],
  },
  {
    conceptId: 'diarrhea',
    phrases: ['diarrhoea', 'diarrhea', 'loose stools', 'loose bowel motions', 'watery stools'],
    abbreviations: ['D/V', 'D&V'],
  },
  { conceptId: 'melena', phrases: ['black tarry stools', 'tarry stools', 'melaena', 'melena'] },
  { conceptId: 'heartburn', phrases: ['heartburn', 'reflux symptoms', 'acid reflux'] },
  { conceptId: 'dysphagia', phrases: ['difficulty swallowing', 'dysphagia', 'odynophagia'] },
  // General.
  {
    conceptId: 'fatigue.chronic',
    phrases: ['tiredness', 'fatigue', 'fatigued', 'lethargy', 'lethargic', 'tired'],
  },
  {
    conceptId: 'weight-loss.unintentional',
    phrases: [
      'weight loss',
      'lost weight',
      'losing weight',
      'lost a lot of weight',
      'losing a lot of weight',
      'lost weight without trying',
      'unintentional weight loss',
      'unexplained weight loss',
      ...WEIGHT_LOST_BY_AMOUNT,
    ],
    abbreviations: ['WL'],
  },
  { conceptId: 'chills', phrases: ['chills', 'rigors', 'shivering', 'shaking chills'] },
  { conceptId: 'myalgia', phrases: ['myalgias', 'myalgia', 'body aches', 'muscle aches'] },
  {
    conceptId: 'lightheadedness',
    phrases: ['dizziness', 'dizzy', 'light-headedness', 'lightheadedness', 'vertigo'],
  },
  {
    conceptId: 'syncope',
    phrases: ['syncope', 'syncopal episode', 'fainting', 'passed out', 'loss of consciousness'],
    abbreviations: ['LOC'],
  },
  {
    conceptId: 'palpitations',
    phrases: ['palpitations', 'racing heart', 'heart racing', 'fluttering in the chest'],
  },
  {
    conceptId: 'swelling',
    phrases: [
      'ankle swelling',
      'leg swelling',
      'pedal edema',
      'pedal oedema',
      'peripheral edema',
      'peripheral oedema',
      'edema',
      'oedema',
    ],
  },
  { conceptId: 'sore-throat', phrases: ['sore throat', 'throat pain', 'pharyngitis'] },
  {
    conceptId: 'nasal-congestion',
    phrases: ['runny nose', 'rhinorrhoea', 'rhinorrhea', 'blocked nose', 'nasal congestion', 'coryza'],
  },
  {
    conceptId: 'confusion',
    phrases: ['confusion', 'confused', 'disoriented', 'altered mental status'],
    abbreviations: ['AMS'],
  },
  { conceptId: 'skin-lesion', phrases: ['rash', 'rashes', 'skin rash'] },
  // History and lifestyle in note shorthand.
  {
    conceptId: 'history.hypertension',
    phrases: ['hypertension', 'high blood pressure'],
    abbreviations: ['HTN'],
  },
  {
    conceptId: 'history.diabetes',
    phrases: [
      'diabetes',
      'diabetes mellitus',
      'type 2 diabetes',
      'type ii diabetes',
      'type 1 diabetes',
      'diabetic',
    ],
    abbreviations: ['DM', 'T2DM', 'T1DM', 'NIDDM', 'IDDM'],
  },
  {
    conceptId: 'history.coronary-disease',
    phrases: [
      'coronary artery disease',
      'ischaemic heart disease',
      'ischemic heart disease',
      'myocardial infarction',
      'heart attack',
    ],
    abbreviations: ['CAD', 'IHD', 'MI', 'NSTEMI', 'STEMI'],
  },
  {
    conceptId: 'history.dvt',
    phrases: ['deep vein thrombosis', 'dvt', 'dvts', 'blood clot in the leg'],
    abbreviations: ['DVT', 'VTE'],
  },
  {
    conceptId: 'history.copd',
    phrases: ['copd', 'emphysema', 'chronic bronchitis'],
    abbreviations: ['COPD'],
  },
  { conceptId: 'history.asthma', phrases: ['asthma', 'asthmatic'] },
  {
    conceptId: 'history.active-cancer',
    phrases: ['cancer', 'malignancy', 'carcinoma', 'lymphoma', 'leukaemia', 'leukemia'],
  },
  // Cancers the knowledge base records by site in a relative only: the patient's own is `history.active-cancer`.
  {
    conceptId: 'history.active-cancer',
    relativeConceptId: 'family.lung-cancer',
    phrases: ['lung cancer', 'cancer of the lung', 'carcinoma of the lung', 'bronchial carcinoma', 'lung ca'],
  },
  {
    conceptId: 'history.active-cancer',
    relativeConceptId: 'family.pancreatic-cancer',
    phrases: ['pancreatic cancer', 'cancer of the pancreas', 'carcinoma of the pancreas', 'pancreatic ca'],
  },
  {
    conceptId: 'history.heart-failure',
    phrases: ['heart failure', 'congestive heart failure', 'ccf'],
    abbreviations: ['CHF', 'CCF', 'HF'],
  },
  { conceptId: 'history.stroke', phrases: ['stroke', 'cva', 'tia'], abbreviations: ['CVA', 'TIA'] },
  {
    conceptId: 'history.hypercholesterolemia',
    phrases: ['hyperlipidaemia', 'hyperlipidemia', 'high cholesterol', 'dyslipidaemia'],
    abbreviations: ['HLD'],
  },
  {
    conceptId: 'history.recent-surgery',
    phrases: ['recent surgery', 'recent operation', 'post-operative', 'postoperative'],
  },
  {
    conceptId: 'history.immobilization',
    phrases: [
      'long-haul flight',
      'long haul flight',
      'long flight',
      'bedbound',
      'immobile',
      'immobilised',
      'immobilized',
    ],
  },
  { conceptId: 'history.hiv', phrases: ['hiv', 'hiv positive', 'hiv infection'], abbreviations: ['HIV'] },
  {
    conceptId: 'lifestyle.smoking',
    phrases: ['smoker', 'smokes', 'smoking', 'cigarettes', 'tobacco use', 'tobacco', 'current smoker'],
  },
  {
    conceptId: 'lifestyle.iv-drug-use',
    phrases: ['iv drug use', 'ivdu', 'intravenous drug use', 'injects drugs'],
    abbreviations: ['IVDU'],
  },
  { conceptId: 'history.pneumothorax', phrases: ['pneumothorax', 'pneumothoraces'] },
  {
    conceptId: 'dyspnea.minimal-exertion',
    phrases: ['shortness of breath on minimal exertion', 'dyspnea on minimal exertion'],
  },
  { conceptId: 'chest-pain.at-rest', phrases: ['pain at rest', 'chest pain at rest', 'pain while at rest'] },
  {
    conceptId: 'paresthesia.limbs-and-mouth',
    phrases: ['tingling around the mouth', 'perioral tingling', 'perioral numbness'],
  },
  {
    conceptId: 'lifestyle.former-smoker',
    phrases: [
      'ex-smoker',
      'ex smoker',
      'former smoker',
      'quit smoking',
      'stopped smoking',
      'gave up smoking',
    ],
  },
  {
    conceptId: 'lifestyle.alcohol-excess',
    phrases: ['heavy drinking', 'heavy drinker', 'alcohol excess', 'alcohol abuse', 'etoh abuse'],
    abbreviations: ['EtOH', 'ETOH'],
  },
  {
    conceptId: 'exposure.sick-contact',
    phrases: ['sick contacts', 'sick contact', 'unwell contacts', 'ill contacts'],
  },
  { conceptId: 'travel.abroad-4-weeks', value: 'none', phrases: ['no recent travel', 'no travel'] },
];

/**
 * Knowledge-base phrases the intake does not read as their concept, because the phrase says less than the concept:
 * a phrase may name a concept only when it carries every qualifier of it. "Dyspnoea on exertion" (DOE, SOBOE) is
 * breathlessness made worse by effort, not breathlessness on *minimal* effort; it is read as `dyspnea` plus
 * `worse-with-exertion` from its words instead. Likewise "weakness" alone is not *focal* weakness.
 */
export const INTAKE_LEXICON_REMOVALS: Readonly<Record<string, readonly string[]>> = {
  // Generalised weakness (tiredness, frailty) is not a focal deficit: "weakness" alone names neither side nor limb.
  'weakness.focal': ['weakness'],
  // "Sneezing fits": the open-world reading, where a longer phrase takes the word first, reads "fit" and "fits" as
  // seizures (and triage's seizure rule with it); read here as well, they would count in "sneezing fits".
  seizure: ['fit', 'fits'],
  'dyspnea.minimal-exertion': [
    'dyspnea on exertion',
    'dyspnoea on exertion',
    'exertional dyspnea',
    'exertional dyspnoea',
    'breathless on exertion',
    'breathless walking',
    'short of breath with activity',
    'DOE',
    'SOBOE',
  ],
};

function withoutRemovals(kb: KnowledgeBaseLike): KnowledgeBaseLike {
  const drop = (id: string, phrases: readonly string[]) => {
    const removed = new Set((INTAKE_LEXICON_REMOVALS[id] ?? []).map((p) => p.toLowerCase()));
    return removed.size === 0 ? phrases : phrases.filter((p) => !removed.has(p.toLowerCase()));
  };
  return {
    ...kb,
    concepts: kb.concepts.map((c) =>
      INTAKE_LEXICON_REMOVALS[c.id]
        ? { ...c, synonyms: drop(c.id, c.synonyms), abbreviations: drop(c.id, c.abbreviations) }
        : c,
    ),
  };
}

/** Concept ids used by the additions that the knowledge base lacks (to ask its maintainers for). */
export function missingAdditionConcepts(kb: KnowledgeBaseLike): string[] {
  const known = new Set(kb.concepts.map((c) => c.id));
  const used = INTAKE_LEXICON_ADDITIONS.flatMap((e) =>
    e.relativeConceptId ? [e.conceptId, e.relativeConceptId] : [e.conceptId],
  );
  return [...new Set(used.filter((id) => !known.has(id)))];
}

/**
 * The intake's lexicon for a knowledge base: its concepts, synonyms, abbreviations and values, plus the additions
 * above whose concept (and value) the knowledge base has. An addition for a patient-history concept names the
 * knowledge base's family concept for it when a relative has it (`familyHistoryOf`), like the knowledge base's own
 * phrases; a family concept the knowledge base lacks is dropped.
 */
export function intakeLexicon(kb: KnowledgeBaseLike): Lexicon {
  const concepts = new Map(kb.concepts.map((c) => [c.id, c]));
  const familyConcepts = familyConceptsByHistory(kb);
  const additions = INTAKE_LEXICON_ADDITIONS.filter((entry) => {
    const concept = concepts.get(entry.conceptId);
    if (!concept) return false;
    return entry.value === undefined || (concept.values ?? []).some((v) => v.id === entry.value);
  }).map((entry): LexiconEntry => {
    const { relativeConceptId: written, ...rest } = entry;
    const relativeConceptId =
      written && concepts.has(written)
        ? written
        : entry.value === undefined
          ? familyConcepts.get(entry.conceptId)
          : undefined;
    return relativeConceptId ? { ...rest, relativeConceptId } : rest;
  });
  return mergeLexicons(createLexicon(additions), lexiconFromKnowledgeBase(withoutRemovals(kb)));
}
