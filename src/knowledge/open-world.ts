import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';

/**
 * The open-world condition space: several hundred common primary-care, paediatric and emergency conditions beyond
 * the 49 DDXPlus ones, each with a checked ICD-10-CM code, severity, must-not-miss flag, age and sex odds, a relative
 * prior and P(finding | condition) with the source of every association; and the findings (symptoms, exam signs,
 * laboratory patterns, history items) with the phrases the intake reads them by. Built by
 * `scripts/build-open-world.ts` from SymCat, the Columbia disease–symptom KB, HPO layperson synonyms and ICD-10-CM,
 * plus the project's editorial tables; see docs/knowledge-base.md.
 */

export type OpenWorldFindingKind = 'symptom' | 'sign' | 'lab' | 'history';

export interface OpenWorldFinding {
  /** `sx.<slug>` for symptoms, `sign.*`, `lab.*` for exam signs, bedside and laboratory patterns. */
  readonly id: string;
  readonly label: string;
  readonly kind: OpenWorldFindingKind;
  /** Lower-case phrases that name the finding in notes and patients' words. */
  readonly phrases: readonly string[];
  readonly sources: readonly string[];
}

export interface OpenWorldAssociation {
  readonly finding: string;
  /** P(finding reported | condition), 0–1. */
  readonly p: number;
  /** Where the association comes from (`symcat`, `columbia-dskb`, `editorial`). */
  readonly sources: readonly string[];
}

export interface OpenWorldCondition {
  readonly id: string;
  readonly label: string;
  /** ICD-10-CM code, checked against the ICD-10-CM release. */
  readonly icd10: string;
  readonly icd10Source: string;
  /** 1 = most severe … 5 = least severe. */
  readonly severity: number;
  readonly mustNotMiss: boolean;
  /** Natural-log prior relative to the median condition. */
  readonly logPrior: number;
  readonly priorSource: string;
  /** Relative odds per age band (`ageBands`). */
  readonly ageOdds: readonly number[];
  readonly sexOdds: { readonly male: number; readonly female: number };
  readonly findings: readonly OpenWorldAssociation[];
}

export interface OpenWorldKnowledge {
  readonly version: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly ageBands: readonly string[];
  readonly findings: readonly OpenWorldFinding[];
  readonly conditions: readonly OpenWorldCondition[];
  finding(id: string): OpenWorldFinding | undefined;
  condition(id: string): OpenWorldCondition | undefined;
}

export const OPEN_WORLD_PATH = join(committedModelsDir('open-world'), 'knowledge.json');

/** Age band index (<1, 1–4, 5–14, 15–29, 30–44, 45–59, 60–74, 75+) of an age in years. */
export function ageBandOf(ageYears: number): number {
  const bounds = [1, 5, 15, 30, 45, 60, 75];
  const index = bounds.findIndex((bound) => ageYears < bound);
  return index === -1 ? bounds.length : index;
}

let cached: OpenWorldKnowledge | undefined;

/** Loads (once) the committed open-world knowledge. */
export function loadOpenWorldKnowledge(path = OPEN_WORLD_PATH): OpenWorldKnowledge {
  if (path === OPEN_WORLD_PATH && cached) return cached;
  const json = readModelJson<Omit<OpenWorldKnowledge, 'finding' | 'condition'>>(path);
  const findings = new Map(json.findings.map((f) => [f.id, f]));
  const conditions = new Map(json.conditions.map((c) => [c.id, c]));
  const knowledge: OpenWorldKnowledge = {
    ...json,
    finding: (id) => findings.get(id),
    condition: (id) => conditions.get(id),
  };
  if (path === OPEN_WORLD_PATH) cached = knowledge;
  return knowledge;
}

/**
 * The open-world findings as knowledge-base concepts the intake's lexicon reads (`lexiconFromKnowledgeBase`):
 * yes/no concepts with their phrases as synonyms.
 */
export function openWorldConcepts(knowledge: OpenWorldKnowledge = loadOpenWorldKnowledge()): {
  readonly id: string;
  readonly label: string;
  readonly type: 'binary';
  readonly synonyms: readonly string[];
  readonly abbreviations: readonly string[];
}[] {
  return knowledge.findings.map((f) => ({
    id: f.id,
    label: f.label,
    type: 'binary' as const,
    synonyms: f.phrases,
    abbreviations: [],
  }));
}
