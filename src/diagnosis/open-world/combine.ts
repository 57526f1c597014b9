import type { Condition, KnowledgeBase } from '../../knowledge/index.js';
import type { OpenWorldCondition } from '../../knowledge/open-world.js';
import type { ConditionInfo } from '../kb-bridge.js';
import type { OpenWorldPosterior } from './model.js';

/**
 * Combines the DDXPlus-trained model (expert on its 49 conditions) with the open-world model (several hundred
 * conditions and "something else") as a mixture of experts: the open-world posterior decides how much mass goes to
 * the conditions the DDXPlus model knows (its *gate*: the open-world mass of their ICD-10 counterparts); within the
 * gate the mass is shared by `ddxWeight` × the DDXPlus posterior + (1 − `ddxWeight`) × the open-world split. The
 * "something else" share stays as the open-world model gives it. Probabilities add up to 1 with it.
 */
export interface CombinedEntry {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10: string;
  readonly probability: number;
  readonly severity: number;
  readonly mustNotMiss: boolean;
  /** Present findings the knowledge links to the condition. */
  readonly supportingFindings: number;
  /** Which model(s) the condition comes from. */
  readonly sources: readonly ('ddxplus' | 'open-world')[];
  /** Red-flag rules whose pattern raised the condition (`syndromes.ts`). */
  readonly raisedBy?: readonly string[];
}

export interface CombinedDifferential {
  readonly entries: readonly CombinedEntry[];
  readonly somethingElse: number;
  /** Share of the mass the DDXPlus model distributed. */
  readonly ddxGate: number;
}

export interface DdxPosterior {
  readonly conditions: readonly ConditionInfo[];
  readonly probabilities: readonly number[];
  /** Present findings linked to each condition by the knowledge base. */
  readonly supporting: readonly number[];
}

const category = (icd10: string) => icd10.slice(0, 3).toUpperCase();

/**
 * Open-world conditions that share an ICD-10 code or category with a DDXPlus condition but are a different
 * condition, with a different presentation and care: pairing them would hand their mass to the DDXPlus one (a
 * band-like daily headache listed as cluster headache, achalasia as Boerhaave's rupture, generalised anxiety as a
 * panic attack). Reviewed over every code and category match of knowledge 1.0.3 against the 49 DDXPlus conditions.
 */
export const NOT_DDX_COUNTERPARTS: ReadonlySet<string> = new Set([
  'achalasia', // K22.0 — not Boerhaave syndrome K22.3
  'diffuse-esophageal-spasm', // K22.4 — not Boerhaave syndrome
  'allergy', // T78.40 — not anaphylaxis T78.0
  'anxiety', // F41.9 — generalised anxiety, not a panic attack F41.0
  'atrial-flutter', // I48.92 — not atrial fibrillation I48.91
  'blepharospasm', // G24.5 — not an acute dystonic reaction G24.02
  'chronic-inflammatory-demyelinating-polyneuropathy-cidp', // G61.81 — not Guillain–Barré G61.0
  'chronic-otitis-media', // coded H66.90 by the source — not acute otitis media
  'fracture-of-the-rib', // S22.3 traumatic — not a spontaneous (cough) rib fracture
  'paroxysmal-ventricular-tachycardia', // I47.2 — not PSVT I47.1
  'pulmonary-congestion', // J81.1 chronic — not acute pulmonary oedema J81.0
  'strep-throat', // J02.0 — not viral pharyngitis J02.9
  'tension-headache', // G44.2 — not cluster headache G44.0
  'tracheitis', // J04.1 — not acute laryngitis J04.0
  'variant-angina', // I20.1 — not stable angina I20.9
  'vocal-cord-polyp', // J38.1 — not laryngospasm J38.5
]);

/**
 * Open-world condition id → index of the DDXPlus condition that stands for it: the same condition id first (one
 * condition coded differently by the two sources, e.g. acute bronchitis J40 / J20.9, must not be listed twice), then
 * the exact code, then the ICD-10 category — never for the conditions of `NOT_DDX_COUNTERPARTS`.
 */
export function ddxCounterparts(
  ddx: readonly Pick<ConditionInfo, 'icd10' | 'conditionId'>[],
  openWorld: readonly OpenWorldCondition[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of openWorld) {
    if (NOT_DDX_COUNTERPARTS.has(c.id)) continue;
    let d = ddx.findIndex((x) => x.conditionId === c.id);
    if (d < 0) d = ddx.findIndex((x) => x.icd10.toUpperCase() === c.icd10.toUpperCase());
    if (d < 0) d = ddx.findIndex((x) => category(x.icd10) === category(c.icd10));
    if (d >= 0) out.set(c.id, d);
  }
  return out;
}

export function combineDifferentials(
  openWorld: OpenWorldPosterior,
  ddx: DdxPosterior | undefined,
  counterparts: ReadonlyMap<string, number>,
  ddxWeight: number,
): CombinedDifferential {
  const entries: CombinedEntry[] = [];
  if (!ddx) {
    for (const s of openWorld.ranked)
      entries.push(fromOpenWorld(s.condition, s.probability, s.supportingFindings.length));
    return { entries: sortEntries(entries), somethingElse: openWorld.somethingElse, ddxGate: 0 };
  }
  const owShare = new Array<number>(ddx.conditions.length).fill(0);
  const owSupport = new Array<number>(ddx.conditions.length).fill(0);
  for (const s of openWorld.ranked) {
    const d = counterparts.get(s.condition.id);
    if (d === undefined) {
      entries.push(fromOpenWorld(s.condition, s.probability, s.supportingFindings.length));
      continue;
    }
    owShare[d]! += s.probability;
    owSupport[d] = Math.max(owSupport[d]!, s.supportingFindings.length);
  }
  const gate = owShare.reduce((a, b) => a + b, 0);
  ddx.conditions.forEach((info, d) => {
    const probability = ddxWeight * gate * ddx.probabilities[d]! + (1 - ddxWeight) * owShare[d]!;
    entries.push({
      conditionId: info.conditionId,
      label: info.label,
      icd10: info.icd10,
      probability,
      severity: info.severity,
      mustNotMiss: info.mustNotMiss,
      // Counted in the open-world vocabulary when the condition has an open-world counterpart (the DDXPlus
      // concepts split one complaint into several, e.g. pain, its site and its character).
      supportingFindings: owShare[d]! > 0 ? owSupport[d]! : ddx.supporting[d]!,
      sources: owShare[d]! > 0 ? ['ddxplus', 'open-world'] : ['ddxplus'],
    });
  });
  return { entries: sortEntries(entries), somethingElse: openWorld.somethingElse, ddxGate: gate };
}

function fromOpenWorld(
  c: OpenWorldCondition,
  probability: number,
  supportingFindings: number,
): CombinedEntry {
  return {
    conditionId: c.id,
    label: c.label,
    icd10: c.icd10,
    probability,
    severity: c.severity,
    mustNotMiss: c.mustNotMiss,
    supportingFindings,
    sources: ['open-world'],
  };
}

function sortEntries(entries: CombinedEntry[]): CombinedEntry[] {
  return entries.sort((a, b) => b.probability - a.probability || a.severity - b.severity);
}

/** Present knowledge-base findings linked to each DDXPlus condition (`typicalConceptIds`). */
export function ddxSupport(
  kb: KnowledgeBase,
  conditions: readonly ConditionInfo[],
  presentConceptIds: ReadonlySet<string>,
): number[] {
  return conditions.map((info) => {
    const condition: Condition | undefined = kb.condition(info.conditionId);
    if (!condition) return 0;
    return condition.typicalConceptIds.filter((id) => presentConceptIds.has(id)).length;
  });
}
