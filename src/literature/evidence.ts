import type { Article } from './types.js';

/**
 * Study design and Oxford CEBM 2011 level of evidence. The design comes from MEDLINE publication types and MeSH
 * when the record has them (the indexers' judgement), otherwise from the abstract with the model in
 * `design-model.ts`; both say where the answer came from. The CEBM 2011 table grades a design per question type;
 * the levels here are those for treatment-benefit questions (level 1 systematic review of randomised trials …
 * level 5 mechanism-based reasoning), which is how the library ranks — stated with every answer.
 */

export const STUDY_DESIGNS = [
  'systematic-review',
  'randomised-trial',
  'cohort',
  'case-control',
  'cross-sectional',
  'case-series',
  'guideline',
  'narrative-review',
  'animal-in-vitro',
  'editorial-letter',
  'unknown',
] as const;
export type StudyDesign = (typeof STUDY_DESIGNS)[number];

export const DESIGN_LABELS: Readonly<Record<StudyDesign, string>> = {
  'systematic-review': 'Systematic review / meta-analysis',
  'randomised-trial': 'Randomised controlled trial',
  cohort: 'Cohort study',
  'case-control': 'Case–control study',
  'cross-sectional': 'Cross-sectional study',
  'case-series': 'Case series / case report',
  guideline: 'Practice guideline',
  'narrative-review': 'Narrative review',
  'animal-in-vitro': 'Animal / in-vitro study',
  'editorial-letter': 'Editorial / letter / comment',
  unknown: 'Design not recognised',
};

/**
 * Oxford CEBM 2011 level (treatment benefits row): 1 SR of RCTs, 2 RCT, 3 non-randomised controlled cohort,
 * 4 case series / case–control / historically controlled, 5 mechanism-based reasoning. Guidelines, narrative reviews and
 * editorials are not graded by the table (null): a guideline's strength lies in the evidence it cites.
 */
export const CEBM_LEVEL: Readonly<Record<StudyDesign, number | null>> = {
  'systematic-review': 1,
  'randomised-trial': 2,
  cohort: 3,
  'case-control': 4,
  'cross-sectional': 4,
  'case-series': 4,
  guideline: null,
  'narrative-review': 5,
  'animal-in-vitro': 5,
  'editorial-letter': 5,
  unknown: null,
};

export interface EvidenceLevel {
  readonly design: StudyDesign;
  readonly label: string;
  /** CEBM 2011 level 1–5 (treatment benefits), or null where the table does not grade the design. */
  readonly level: number | null;
  readonly source: 'publication-type' | 'mesh' | 'abstract-model' | 'none';
  /** What decided it: the publication type or MeSH heading, or the model's probability. */
  readonly reason: string;
  readonly probability?: number;
}

/** Publication types, most specific first; the first that matches decides. */
const PUBLICATION_TYPE_RULES: readonly [RegExp, StudyDesign][] = [
  [/^(systematic review|meta-analysis)$/i, 'systematic-review'],
  [/^(practice guideline|guideline|consensus development conference.*)$/i, 'guideline'],
  [/^(randomized controlled trial|pragmatic clinical trial|equivalence trial)$/i, 'randomised-trial'],
  [
    /^(observational study|clinical trial, phase i|clinical trial, phase ii|controlled clinical trial)$/i,
    'cohort',
  ],
  [/^(case reports)$/i, 'case-series'],
  [
    /^(editorial|letter|comment|news|newspaper article|interview|biography|historical article|published erratum)$/i,
    'editorial-letter',
  ],
  [/^review$/i, 'narrative-review'],
];

/** MeSH headings that name a design (used when the publication types say only "Journal Article"). */
const MESH_RULES: readonly [RegExp, StudyDesign][] = [
  [/^meta-analysis as topic$/i, 'systematic-review'],
  [/^(random allocation|double-blind method|single-blind method)$/i, 'randomised-trial'],
  [
    /^(cohort studies|prospective studies|longitudinal studies|follow-up studies|retrospective studies)$/i,
    'cohort',
  ],
  [/^case-control studies$/i, 'case-control'],
  [/^cross-sectional studies$/i, 'cross-sectional'],
  [/^(animals|in vitro techniques|cell line|mice|rats)$/i, 'animal-in-vitro'],
];

/** Design from publication types / MeSH, or undefined when they say nothing about it. */
export function designFromIndexing(
  article: Pick<Article, 'publicationTypes' | 'mesh'>,
): EvidenceLevel | undefined {
  for (const [re, design] of PUBLICATION_TYPE_RULES) {
    const pt = article.publicationTypes.find((p) => re.test(p.trim()));
    if (pt) return level(design, 'publication-type', `publication type "${pt}"`);
  }
  const humans = article.mesh.some((m) => /^humans$/i.test(m));
  for (const [re, design] of MESH_RULES) {
    if (design === 'animal-in-vitro' && humans) continue;
    const mh = article.mesh.find((m) => re.test(m.trim()));
    if (mh) return level(design, 'mesh', `MeSH heading "${mh}"`);
  }
  return undefined;
}

export function level(
  design: StudyDesign,
  source: EvidenceLevel['source'],
  reason: string,
  probability?: number,
): EvidenceLevel {
  return {
    design,
    label: DESIGN_LABELS[design],
    level: CEBM_LEVEL[design],
    source,
    reason,
    ...(probability !== undefined ? { probability } : {}),
  };
}

export const UNKNOWN_EVIDENCE: EvidenceLevel = level(
  'unknown',
  'none',
  'no publication type, MeSH or abstract text',
);
