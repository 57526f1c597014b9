import type { ConceptValue } from '../../types.js';

/** Words for what a pain feels like. */
export const PAIN_CHARACTERS: readonly ConceptValue[] = [
  { id: 'not-applicable', label: 'Not applicable', synonyms: [], ddxplusCode: 'V_11' },
  { id: 'tearing', label: 'Tearing', synonyms: ['tearing', 'ripping', 'tearing pain'], ddxplusCode: 'V_71' },
  {
    id: 'lancinating',
    label: 'Lancinating (shooting)',
    synonyms: ['shooting', 'lancinating', 'electric', 'shooting pain'],
    ddxplusCode: 'V_112',
  },
  {
    id: 'nagging',
    label: 'Nagging, wearing',
    synonyms: ['nagging', 'wearing', 'tiresome', 'niggling', 'grinding'],
    ddxplusCode: 'V_154',
  },
  {
    id: 'tender',
    label: 'Tender',
    synonyms: ['tender', 'sore to touch', 'tenderness', 'sensitive'],
    ddxplusCode: 'V_161',
  },
  {
    id: 'stabbing',
    label: 'Stabbing',
    synonyms: ['stabbing', 'knife-like', 'like a knife'],
    ddxplusCode: 'V_179',
  },
  { id: 'pulling', label: 'Pulling', synonyms: ['pulling', 'tugging', 'dragging'], ddxplusCode: 'V_180' },
  { id: 'burning', label: 'Burning', synonyms: ['burning', 'burns', 'hot pain'], ddxplusCode: 'V_181' },
  {
    id: 'cramping',
    label: 'Cramping',
    synonyms: ['cramping', 'crampy', 'colicky', 'cramp'],
    ddxplusCode: 'V_182',
  },
  {
    id: 'heavy',
    label: 'Heavy, pressing',
    synonyms: [
      'heavy',
      'heaviness',
      // Not "pressure" or "pressing" alone: "blood pressure", "pressing on the chest wall" (tenderness).
      'pressure in the chest',
      'pressure in my chest',
      'pressure on the chest',
      'pressing pain',
      'pressing sensation',
      'a pressure',
      'like pressure',
      'squeezing',
      'tight',
      'tightness',
      'weight on chest',
      'crushing',
    ],
    ddxplusCode: 'V_183',
  },
  {
    id: 'throbbing',
    label: 'Throbbing, pulsating',
    synonyms: ['throbbing', 'pulsating', 'pounding', 'beating'],
    ddxplusCode: 'V_184',
  },
  {
    id: 'violent',
    label: 'Violent',
    synonyms: ['violent', 'severe', 'excruciating', 'agonising', 'agonizing', 'doubled over'],
    ddxplusCode: 'V_191',
  },
  { id: 'sharp', label: 'Sharp', synonyms: ['sharp', 'sharp pain'], ddxplusCode: 'V_192' },
  {
    id: 'sickening',
    label: 'Sickening',
    synonyms: ['sickening', 'nauseating', 'makes me feel sick'],
    ddxplusCode: 'V_193',
  },
  {
    id: 'frightening',
    label: 'Frightening',
    synonyms: ['frightening', 'scary', 'scaring me'],
    ddxplusCode: 'V_196',
  },
  {
    id: 'exhausting',
    label: 'Exhausting',
    synonyms: ['exhausting', 'draining', 'wears me out'],
    ddxplusCode: 'V_198',
  },
];

/** Colours of a rash. */
export const RASH_COLOURS: readonly ConceptValue[] = [
  { id: 'not-applicable', label: 'Not applicable', synonyms: [], ddxplusCode: 'V_11' },
  { id: 'dark', label: 'Dark', synonyms: ['dark', 'brown', 'purple', 'dusky'], ddxplusCode: 'V_86' },
  { id: 'yellow', label: 'Yellow', synonyms: ['yellow', 'yellowish'], ddxplusCode: 'V_107' },
  { id: 'pale', label: 'Pale', synonyms: ['pale', 'white', 'whitish'], ddxplusCode: 'V_138' },
  { id: 'pink', label: 'Pink', synonyms: ['pink', 'pinkish'], ddxplusCode: 'V_156' },
  { id: 'red', label: 'Red', synonyms: ['red', 'reddish', 'erythematous', 'scarlet'], ddxplusCode: 'V_157' },
];

/** Whether a rash peels (value ids `yes` / `no`). */
export const PEELING_ANSWERS: readonly ConceptValue[] = [
  { id: 'no', label: 'Not peeling', synonyms: ['intact skin', 'no peeling'], ddxplusCode: 'V_10' },
  {
    id: 'yes',
    label: 'Peeling',
    synonyms: ['peeling', 'flaking', 'scaling', 'desquamating'],
    ddxplusCode: 'V_12',
  },
];

/** Whether skin lesions are larger than 1 cm (value ids `yes` / `no`). */
export const SIZE_ANSWERS: readonly ConceptValue[] = [
  {
    id: 'no',
    label: '1 cm or smaller',
    synonyms: ['small spots', 'tiny spots', 'pinpoint spots'],
    ddxplusCode: 'V_10',
  },
  {
    id: 'yes',
    label: 'Larger than 1 cm',
    synonyms: ['large spots', 'big patches', 'plaques', 'larger than a fingernail'],
    ddxplusCode: 'V_12',
  },
];

/** World regions for recent travel. */
export const TRAVEL_REGIONS: readonly ConceptValue[] = [
  {
    id: 'none',
    label: 'No travel abroad',
    synonyms: ['no travel', 'not travelled', 'stayed home'],
    ddxplusCode: 'V_10',
  },
  {
    id: 'north-africa',
    label: 'North Africa',
    synonyms: ['north africa', 'morocco', 'algeria', 'tunisia', 'libya', 'egypt'],
    ddxplusCode: 'V_0',
  },
  {
    id: 'west-africa',
    label: 'West Africa',
    synonyms: [
      'west africa',
      'nigeria',
      'ghana',
      'senegal',
      'sierra leone',
      'guinea',
      'liberia',
      'mali',
      'ivory coast',
    ],
    ddxplusCode: 'V_1',
  },
  {
    id: 'southern-africa',
    label: 'Southern Africa',
    synonyms: ['south africa', 'southern africa', 'namibia', 'botswana', 'zimbabwe', 'mozambique'],
    ddxplusCode: 'V_2',
  },
  {
    id: 'central-america',
    label: 'Central America',
    synonyms: ['central america', 'mexico', 'guatemala', 'honduras', 'costa rica', 'panama', 'nicaragua'],
    ddxplusCode: 'V_3',
  },
  {
    id: 'north-america',
    label: 'North America',
    synonyms: ['north america', 'usa', 'united states', 'canada'],
    ddxplusCode: 'V_4',
  },
  {
    id: 'south-america',
    label: 'South America',
    synonyms: ['south america', 'brazil', 'argentina', 'peru', 'colombia', 'chile', 'bolivia'],
    ddxplusCode: 'V_5',
  },
  {
    id: 'asia',
    label: 'Asia',
    synonyms: ['asia', 'china', 'india', 'japan', 'korea', 'pakistan', 'middle east'],
    ddxplusCode: 'V_6',
  },
  {
    id: 'south-east-asia',
    label: 'South-East Asia',
    synonyms: [
      'south-east asia',
      'southeast asia',
      'thailand',
      'vietnam',
      'indonesia',
      'philippines',
      'malaysia',
      'cambodia',
    ],
    ddxplusCode: 'V_7',
  },
  {
    id: 'caribbean',
    label: 'Caribbean',
    synonyms: ['caribbean', 'caribbeans', 'jamaica', 'cuba', 'haiti', 'dominican republic', 'barbados'],
    ddxplusCode: 'V_8',
  },
  {
    id: 'europe',
    label: 'Europe',
    synonyms: ['europe', 'uk', 'france', 'germany', 'spain', 'italy'],
    ddxplusCode: 'V_9',
  },
  {
    id: 'oceania',
    label: 'Oceania',
    synonyms: ['oceania', 'australia', 'new zealand', 'pacific islands', 'fiji'],
    ddxplusCode: 'V_13',
  },
];
