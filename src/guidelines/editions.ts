import { GUIDELINE_REGISTRY_REVIEWED, GUIDELINE_SETS, type GuidelineSet } from '../risk/guidelines.js';

/**
 * Every guideline edition the library holds passages for. The editions the risk engines use come from the risk
 * registry (`src/risk/guidelines.ts`, one source of edition metadata); the library adds the editions that only it
 * cites (NEWS and NEWS2, the Surviving Sepsis Campaign, NICE CG191, and three triage sources: BTS oxygen 2017,
 * Resuscitation Council UK anaphylaxis 2021, NICE NG232 head injury). Status is relative to the registry review
 * month: `current` when no later edition was known when the registry was last checked.
 */
export type GuidelineEdition = GuidelineSet;

export { GUIDELINE_REGISTRY_REVIEWED };

type Extra = Omit<GuidelineEdition, 'edition' | 'current' | 'status' | 'effectiveFrom' | 'year'>;

function extra(spec: Extra): GuidelineEdition {
  const superseded = spec.supersededBy !== undefined;
  return {
    ...spec,
    edition: spec.version,
    year: Number(spec.published.slice(0, 4)),
    current: !superseded,
    status: superseded ? 'superseded' : 'current',
    effectiveFrom: spec.published,
  };
}

/** Editions cited by the library that no engine of the risk registry uses. */
export const LIBRARY_ONLY_EDITIONS: readonly GuidelineEdition[] = [
  extra({
    id: 'rcp-news',
    title: 'Royal College of Physicians National Early Warning Score',
    version: 'NEWS2 (2017)',
    published: '2017-12',
    source: 'Royal College of Physicians. National Early Warning Score (NEWS) 2. London: RCP, December 2017.',
  }),
  extra({
    id: 'rcp-news',
    title: 'Royal College of Physicians National Early Warning Score',
    version: 'NEWS (2012)',
    published: '2012-07',
    supersededBy: 'NEWS2 (2017)',
    effectiveTo: '2017-12',
    source: 'Royal College of Physicians. National Early Warning Score (NEWS). London: RCP, July 2012.',
  }),
  extra({
    id: 'ssc',
    title: 'Surviving Sepsis Campaign: international guidelines for management of sepsis and septic shock',
    version: '2021',
    published: '2021-10',
    source: 'Evans L et al. Crit Care Med 2021;49:e1063-e1143; Intensive Care Med 2021;47:1181-247.',
  }),
  extra({
    id: 'nice-pneumonia',
    title: 'NICE CG191 Pneumonia in adults: diagnosis and management',
    version: 'CG191 (2014, updated 2019)',
    published: '2014-12',
    source:
      'National Institute for Health and Care Excellence. Clinical guideline CG191, December 2014 (updated 2019).',
    note: 'NICE has since published newer pneumonia guidance (NG250, 2025) that this library has not encoded: check nice.org.uk before relying on CG191.',
  }),
  extra({
    id: 'bts-oxygen',
    title: 'BTS guideline for oxygen use in healthcare and emergency settings',
    version: '2017',
    published: '2017-05',
    source: "O'Driscoll BR, Howard LS, Earis J, Mak V. Thorax 2017;72 Suppl 1:ii1-ii90.",
  }),
  extra({
    id: 'rcuk-anaphylaxis',
    title: 'Resuscitation Council UK: emergency treatment of anaphylaxis',
    version: '2021',
    published: '2021-05',
    source:
      'Resuscitation Council UK. Emergency treatment of anaphylaxis: guidelines for healthcare providers. May 2021.',
  }),
  extra({
    id: 'nice-head-injury',
    title: 'NICE NG232 Head injury: assessment and early management',
    version: 'NG232 (2023)',
    published: '2023-05',
    source: 'National Institute for Health and Care Excellence. NG232, May 2023 (replaced CG176).',
  }),
];

/** Every edition: the risk registry's, then the library's own. */
export const GUIDELINE_EDITIONS: readonly GuidelineEdition[] = [...GUIDELINE_SETS, ...LIBRARY_ONLY_EDITIONS];

/** Short names used in citations (`guideline` field), keyed by registry id. */
export const GUIDELINE_SHORT_NAMES: Readonly<Record<string, string>> = {
  'lung-rads': 'ACR Lung-RADS',
  fleischner: 'Fleischner Society pulmonary nodules',
  'acr-tirads': 'ACR TI-RADS',
  'bts-pulmonary-nodules': 'BTS pulmonary nodules',
  'accp-lung-nodules': 'ACCP pulmonary nodules',
  'bts-cap': 'BTS community-acquired pneumonia',
  'nice-pneumonia': 'NICE pneumonia in adults',
  'nice-vte': 'NICE NG158 venous thromboembolism',
  'esc-af': 'ESC atrial fibrillation',
  'sepsis-3': 'Sepsis-3',
  ssc: 'Surviving Sepsis Campaign',
  'ada-standards': 'ADA Standards of Care (diagnosis)',
  'rcp-news': 'RCP National Early Warning Score',
  'bts-oxygen': 'BTS emergency oxygen',
  'rcuk-anaphylaxis': 'Resuscitation Council UK anaphylaxis',
  'nice-head-injury': 'NICE NG232 head injury',
};

/** Publishers' full names, indexed with each guideline so a question may name the body instead of the acronym. */
export const GUIDELINE_PUBLISHERS: Readonly<Record<string, string>> = {
  'lung-rads': 'American College of Radiology (ACR)',
  fleischner: 'Fleischner Society',
  'acr-tirads': 'American College of Radiology (ACR)',
  'bts-pulmonary-nodules': 'British Thoracic Society (BTS)',
  'accp-lung-nodules': 'American College of Chest Physicians (ACCP, CHEST)',
  'bts-cap': 'British Thoracic Society (BTS)',
  'nice-pneumonia': 'National Institute for Health and Care Excellence (NICE)',
  'nice-vte': 'National Institute for Health and Care Excellence (NICE)',
  'esc-af': 'European Society of Cardiology (ESC)',
  'sepsis-3': 'Society of Critical Care Medicine and European Society of Intensive Care Medicine',
  ssc: 'Society of Critical Care Medicine and European Society of Intensive Care Medicine',
  'ada-standards': 'American Diabetes Association (ADA)',
  'rcp-news': 'Royal College of Physicians (RCP)',
  'bts-oxygen': 'British Thoracic Society (BTS)',
  'rcuk-anaphylaxis': 'Resuscitation Council UK (RCUK)',
  'nice-head-injury': 'National Institute for Health and Care Excellence (NICE)',
};

export function findEdition(id: string, edition: string): GuidelineEdition | undefined {
  return GUIDELINE_EDITIONS.find((e) => e.id === id && e.edition === edition);
}
