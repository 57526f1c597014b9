import type { GuidelineRef } from '../clinical/outputs.js';

/**
 * Guidelines as versioned data. Every recommendation the risk engines give names the guideline set it came from
 * (id, version, year). For each guideline id exactly one version is current (the default); answers made with an
 * older version carry `current: false` and a warning, so superseded advice is never presented as current.
 */
export interface GuidelineSet extends GuidelineRef {
  /** Citation of the published guideline. */
  readonly source: string;
  /** The version that replaced this one, when it is not current. */
  readonly supersededBy?: string;
}

export const GUIDELINE_SETS: readonly GuidelineSet[] = [
  {
    id: 'lung-rads',
    title: 'ACR Lung-RADS',
    version: 'v2022',
    year: 2022,
    current: true,
    source:
      'American College of Radiology. Lung-RADS v2022 (Nov 2022); Christensen J et al. CHEST 2024;165:738-53.',
  },
  {
    id: 'lung-rads',
    title: 'ACR Lung-RADS',
    version: 'v1.1',
    year: 2019,
    current: false,
    supersededBy: 'v2022',
    source: 'American College of Radiology. Lung-RADS Version 1.1 (2019).',
  },
  {
    id: 'fleischner',
    title: 'Fleischner Society guidelines for incidental pulmonary nodules',
    version: '2017',
    year: 2017,
    current: true,
    source: 'MacMahon H et al. Radiology 2017;284:228-43. doi:10.1148/radiol.2017161659',
  },
  {
    id: 'acr-tirads',
    title: 'ACR TI-RADS',
    version: '2017',
    year: 2017,
    current: true,
    source:
      'Tessler FN et al. ACR Thyroid Imaging, Reporting and Data System (TI-RADS). J Am Coll Radiol 2017;14:587-95.',
  },
  {
    id: 'bts-pulmonary-nodules',
    title: 'British Thoracic Society guidelines for the investigation and management of pulmonary nodules',
    version: '2015',
    year: 2015,
    current: true,
    source: 'Callister MEJ et al. Thorax 2015;70 Suppl 2:ii1-ii54.',
  },
  {
    id: 'accp-lung-nodules',
    title:
      'ACCP evaluation of individuals with pulmonary nodules (Diagnosis and management of lung cancer, 3rd ed.)',
    version: '2013',
    year: 2013,
    current: true,
    source: 'Gould MK et al. Chest 2013;143(5 Suppl):e93S-e120S.',
  },
  {
    id: 'bts-cap',
    title: 'BTS guidelines for the management of community acquired pneumonia in adults',
    version: '2009',
    year: 2009,
    current: true,
    source: 'Lim WS et al. Thorax 2009;64 Suppl 3:iii1-55 (CURB-65: Lim WS et al. Thorax 2003;58:377-82).',
  },
  {
    id: 'nice-vte',
    title: 'NICE NG158 Venous thromboembolic diseases: diagnosis, management and thrombophilia testing',
    version: '2020',
    year: 2020,
    current: true,
    source:
      'National Institute for Health and Care Excellence. NG158, March 2020 (two-level Wells score for PE).',
  },
  {
    id: 'esc-af',
    title: 'ESC guidelines for the management of atrial fibrillation',
    version: '2024',
    year: 2024,
    current: true,
    source:
      'Van Gelder IC et al. 2024 ESC Guidelines for the management of atrial fibrillation. Eur Heart J 2024;45:3314-414.',
  },
  {
    id: 'esc-af',
    title: 'ESC guidelines for the management of atrial fibrillation',
    version: '2020',
    year: 2020,
    current: false,
    supersededBy: '2024',
    source:
      'Hindricks G et al. 2020 ESC Guidelines for the diagnosis and management of atrial fibrillation. Eur Heart J 2021;42:373-498.',
  },
  {
    id: 'sepsis-3',
    title: 'Third International Consensus Definitions for Sepsis and Septic Shock (Sepsis-3)',
    version: '2016',
    year: 2016,
    current: true,
    source: 'Singer M et al. JAMA 2016;315:801-10; Seymour CW et al. JAMA 2016;315:762-74.',
  },
  {
    id: 'ada-standards',
    title: 'ADA Standards of Care in Diabetes: 2. Classification and Diagnosis of Diabetes',
    version: '2023',
    year: 2023,
    current: true,
    source: 'American Diabetes Association. Diabetes Care 2023;46(Suppl 1):S19-S40.',
  },
];

/** The guideline set of `id` at `version` (default: the current one); throws for an unknown id or version. */
export function guidelineSet(id: string, version?: string): GuidelineSet {
  const versions = GUIDELINE_SETS.filter((set) => set.id === id);
  if (versions.length === 0) throw new Error(`unknown guideline '${id}'`);
  const found =
    version === undefined ? versions.find((set) => set.current) : versions.find((s) => s.version === version);
  if (!found) {
    throw new Error(
      `guideline '${id}' has no version '${version}' (known: ${versions.map((s) => s.version).join(', ')})`,
    );
  }
  return found;
}

/** The `GuidelineRef` (no source text) of a set, as stamped on recommendations and provenance. */
export function guidelineRef(set: GuidelineSet): GuidelineRef {
  return { id: set.id, title: set.title, version: set.version, year: set.year, current: set.current };
}

/** The warning an answer made with a superseded guideline version must carry; undefined for a current one. */
export function supersededWarning(set: GuidelineSet): string | undefined {
  if (set.current) return undefined;
  const next = set.supersededBy ? guidelineSet(set.id, set.supersededBy) : undefined;
  return (
    `${set.title} ${set.version} (${set.year}) is superseded` +
    (next ? ` by ${next.version} (${next.year})` : '') +
    ': this advice is not current and is shown for comparison only.'
  );
}
