import type { ConceptValue } from '../../types.js';
import { BODY_LOCATIONS } from './body-locations.js';

/**
 * How notes and patients name a pain by its site ("chest pain", "CP", "tummy ache"), added to the body sites of
 * `pain.location` only: the same words would be wrong for a rash or a swelling at that site. Generic words that do
 * not point to one site ("headache", "earache" without a side) are left to the text matcher.
 */
const PAIN_SITE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'upper-chest': [
    'chest pain',
    'cp',
    'central chest pain',
    'retrosternal pain',
    'substernal chest pain',
    'chest tightness',
    'chest pressure',
  ],
  'lower-chest': ['lower chest pain'],
  'chest-side-right': ['right-sided chest pain', 'right chest pain'],
  'chest-side-left': ['left-sided chest pain', 'left chest pain'],
  abdomen: [
    'abdominal pain',
    'abdo pain',
    'belly ache',
    'bellyache',
    'tummy ache',
    'stomach ache',
    'stomachache',
  ],
  epigastrium: ['epigastric pain', 'epigastric discomfort'],
  'hypochondrium-right': ['right upper quadrant pain', 'ruq pain'],
  'hypochondrium-left': ['left upper quadrant pain', 'luq pain'],
  'iliac-fossa-right': ['right lower quadrant pain', 'rlq pain', 'rif pain'],
  'iliac-fossa-left': ['left lower quadrant pain', 'llq pain', 'lif pain'],
  pharynx: ['throat pain', 'painful throat'],
  'lower-back-spine': ['low back pain', 'lower back pain', 'lbp', 'lumbago'],
  'back-of-neck': ['neck pain'],
  forehead: ['frontal headache'],
  'temple-right': ['right temporal headache'],
  'temple-left': ['left temporal headache'],
  'back-of-head': ['occipital headache'],
  'ear-right': ['right earache', 'right ear pain'],
  'ear-left': ['left earache', 'left ear pain'],
  'eye-right': ['right eye pain'],
  'eye-left': ['left eye pain'],
  'groin-right': ['right groin pain'],
  'groin-left': ['left groin pain'],
  'loin-right': ['right loin pain', 'right flank pain'],
  'loin-left': ['left loin pain', 'left flank pain'],
};

/** The body sites with pain-specific synonyms, for `pain.location`. Ids and DDXPlus codes are those of the sites. */
export const PAIN_LOCATIONS: readonly ConceptValue[] = BODY_LOCATIONS.map((site) => {
  const extra = PAIN_SITE_SYNONYMS[site.id];
  return extra ? { ...site, synonyms: [...site.synonyms, ...extra] } : site;
});

/** Site ids named in `PAIN_SITE_SYNONYMS`, for the test that each is a body site. */
export const PAIN_SITE_IDS: readonly string[] = Object.keys(PAIN_SITE_SYNONYMS);
