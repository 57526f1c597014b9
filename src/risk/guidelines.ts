import type { GuidelineRef } from '../clinical/outputs.js';

/**
 * Guidelines as versioned data. Every recommendation the risk engines give names the guideline set it came from
 * (id, version, year). For each guideline id exactly one version is current (the default); answers made with an
 * older version carry `current: false` and a warning, so superseded advice is never presented as current.
 */
export interface GuidelineSet extends GuidelineRef {
  /** Edition as the publisher names it (same as `version`). */
  readonly edition: string;
  /** Citation of the published guideline. */
  readonly source: string;
  /** When the edition was published (YYYY-MM). */
  readonly published: string;
  /** `current` when no later edition of this guideline exists in the registry's review; `superseded` otherwise. */
  readonly status: 'current' | 'superseded';
  /** The edition that replaced this one, when it is superseded. */
  readonly supersededBy?: string;
  /** First month (YYYY-MM) the edition was in force. */
  readonly effectiveFrom: string;
  /** Month (YYYY-MM) the next edition replaced it; absent while current. */
  readonly effectiveTo?: string;
  /** What the registry checked, when it is not obvious (e.g. criteria unchanged between editions). */
  readonly note?: string;
}

/** When the registry's statuses were last checked against the publishers' sites (for the UI and docs). */
export const GUIDELINE_REGISTRY_REVIEWED = '2026-12';

type SetSpec = Omit<GuidelineSet, 'edition' | 'current' | 'status' | 'effectiveFrom' | 'year'> & {
  readonly supersededBy?: string;
  readonly effectiveFrom?: string;
};

/** A registry entry: `edition` = `version`, `effectiveFrom` defaults to `published`, status follows `supersededBy`. */
function entry(spec: SetSpec): GuidelineSet {
  const superseded = spec.supersededBy !== undefined;
  return {
    ...spec,
    edition: spec.version,
    year: Number((spec.effectiveFrom ?? spec.published).slice(0, 4)),
    current: !superseded,
    status: superseded ? 'superseded' : 'current',
    effectiveFrom: spec.effectiveFrom ?? spec.published,
  };
}

export const GUIDELINE_SETS: readonly GuidelineSet[] = [
  entry({
    id: 'lung-rads',
    title: 'ACR Lung-RADS',
    version: 'v2022',
    published: '2022-11',
    source:
      'American College of Radiology. Lung-RADS v2022 (Nov 2022); Christensen J et al. CHEST 2024;165:738-53.',
  }),
  entry({
    id: 'lung-rads',
    title: 'ACR Lung-RADS',
    version: 'v1.1',
    published: '2019-05',
    supersededBy: 'v2022',
    effectiveTo: '2022-11',
    source: 'American College of Radiology. Lung-RADS Version 1.1 (2019).',
  }),
  entry({
    id: 'fleischner',
    title: 'Fleischner Society guidelines for incidental pulmonary nodules',
    version: '2017',
    published: '2017-02',
    source: 'MacMahon H et al. Radiology 2017;284:228-43. doi:10.1148/radiol.2017161659',
    note: 'Replaced the 2005 (solid) and 2013 (subsolid) Fleischner statements.',
  }),
  entry({
    id: 'acr-tirads',
    title: 'ACR TI-RADS',
    version: '2017',
    published: '2017-05',
    source:
      'Tessler FN et al. ACR Thyroid Imaging, Reporting and Data System (TI-RADS). J Am Coll Radiol 2017;14:587-95.',
  }),
  entry({
    id: 'bts-pulmonary-nodules',
    title: 'British Thoracic Society guidelines for the investigation and management of pulmonary nodules',
    version: '2015',
    published: '2015-08',
    source: 'Callister MEJ et al. Thorax 2015;70 Suppl 2:ii1-ii54.',
  }),
  entry({
    id: 'accp-lung-nodules',
    title:
      'ACCP evaluation of individuals with pulmonary nodules (Diagnosis and management of lung cancer, 3rd ed.)',
    version: '2013',
    published: '2013-05',
    source: 'Gould MK et al. Chest 2013;143(5 Suppl):e93S-e120S.',
  }),
  entry({
    id: 'bts-cap',
    title: 'BTS guidelines for the management of community acquired pneumonia in adults',
    version: '2009',
    published: '2009-10',
    source: 'Lim WS et al. Thorax 2009;64 Suppl 3:iii1-55 (CURB-65: Lim WS et al. Thorax 2003;58:377-82).',
  }),
  entry({
    id: 'nice-vte',
    title: 'NICE NG158 Venous thromboembolic diseases: diagnosis, management and thrombophilia testing',
    version: '2020',
    published: '2020-03',
    source:
      'National Institute for Health and Care Excellence. NG158, March 2020 (two-level Wells score for PE).',
  }),
  entry({
    id: 'esc-af',
    title: 'ESC guidelines for the management of atrial fibrillation',
    version: '2024',
    published: '2024-08',
    source:
      'Van Gelder IC et al. 2024 ESC Guidelines for the management of atrial fibrillation. Eur Heart J 2024;45:3314-414.',
  }),
  entry({
    id: 'esc-af',
    title: 'ESC guidelines for the management of atrial fibrillation',
    version: '2020',
    published: '2020-08',
    supersededBy: '2024',
    effectiveTo: '2024-08',
    source:
      'Hindricks G et al. 2020 ESC Guidelines for the diagnosis and management of atrial fibrillation. Eur Heart J 2021;42:373-498.',
  }),
  entry({
    id: 'sepsis-3',
    title: 'Third International Consensus Definitions for Sepsis and Septic Shock (Sepsis-3)',
    version: '2016',
    published: '2016-02',
    source: 'Singer M et al. JAMA 2016;315:801-10; Seymour CW et al. JAMA 2016;315:762-74.',
  }),
  entry({
    id: 'ada-standards',
    title: 'ADA Standards of Care in Diabetes: 2. Diagnosis and Classification of Diabetes',
    version: '2025',
    published: '2024-12',
    effectiveFrom: '2025-01',
    source: 'American Diabetes Association Professional Practice Committee. Diabetes Care 2025;48(Suppl 1).',
    note: 'ADA publishes a new edition every year (online in December, in force from January): check diabetesjournals.org for a later one. The diagnostic thresholds (A1C, FPG, 2-h PG, random PG with symptoms; two abnormal results without unequivocal hyperglycaemia) are the same in the 2023, 2024 and 2025 editions.',
  }),
  entry({
    id: 'ada-standards',
    title: 'ADA Standards of Care in Diabetes: 2. Diagnosis and Classification of Diabetes',
    version: '2024',
    published: '2023-12',
    effectiveFrom: '2024-01',
    supersededBy: '2025',
    effectiveTo: '2025-01',
    source: 'American Diabetes Association Professional Practice Committee. Diabetes Care 2024;47(Suppl 1).',
  }),
  entry({
    id: 'ada-standards',
    title: 'ADA Standards of Care in Diabetes: 2. Classification and Diagnosis of Diabetes',
    version: '2023',
    published: '2022-12',
    effectiveFrom: '2023-01',
    supersededBy: '2024',
    effectiveTo: '2024-01',
    source: 'American Diabetes Association. Diabetes Care 2023;46(Suppl 1):S19-S40.',
  }),
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
  return {
    id: set.id,
    title: set.title,
    version: set.version,
    year: set.year,
    current: set.current,
    status: set.status,
    published: set.published,
    ...(set.supersededBy ? { supersededBy: set.supersededBy } : {}),
  };
}

/** Every edition of a guideline, newest first. */
export function guidelineEditions(id: string): GuidelineSet[] {
  return GUIDELINE_SETS.filter((set) => set.id === id).sort((a, b) => b.published.localeCompare(a.published));
}

/** The warning an answer made with a superseded guideline version must carry; undefined for a current one. */
export function supersededWarning(set: GuidelineSet): string | undefined {
  if (set.current) return undefined;
  const next = set.supersededBy ? guidelineSet(set.id, set.supersededBy) : undefined;
  return (
    `${set.title} ${set.version} (${set.year}) is superseded` +
    (next ? ` by ${next.version} (published ${next.published})` : '') +
    ': this advice is not current and is shown for comparison only.'
  );
}
