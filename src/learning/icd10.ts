import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadOpenWorldKnowledge } from '../knowledge/open-world.js';

/**
 * The ICD-10 codes HealthGPT knows: the knowledge base's conditions (the DDXPlus conditions, with the DDXPlus name
 * the diagnosis model trains on) and the open-world conditions (ICD-10-CM codes checked against the release). A
 * clinician's final diagnosis is validated against this list: an exact code, or the 3-character category of a known
 * code (`J18` when `J18.9` is known). Other codes are refused: the project cannot say what they mean.
 */
export interface KnownIcd10 {
  readonly code: string;
  readonly label: string;
  /** The DDXPlus condition name when the diagnosis model knows the condition. */
  readonly ddxplusName?: string;
}

let catalogue: Map<string, KnownIcd10> | undefined;

export function knownIcd10Codes(): ReadonlyMap<string, KnownIcd10> {
  if (catalogue) return catalogue;
  const map = new Map<string, KnownIcd10>();
  for (const condition of loadKnowledgeBase().conditions) {
    for (const code of condition.icd10.split(/\s*,\s*/)) {
      map.set(code, { code, label: condition.label, ddxplusName: condition.ddxplusName });
    }
  }
  for (const condition of loadOpenWorldKnowledge().conditions) {
    if (!map.has(condition.icd10))
      map.set(condition.icd10, { code: condition.icd10, label: condition.label });
  }
  catalogue = map;
  return map;
}

/** Normalises (`j18.9 ` → `J18.9`) and looks up a code; undefined when the project does not know it. */
export function lookupIcd10(input: string): KnownIcd10 | undefined {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/.test(code)) return undefined;
  const known = knownIcd10Codes();
  const exact = known.get(code);
  if (exact) return exact;
  if (code.length === 3) {
    const within = [...known.values()].filter((k) => k.code.startsWith(code));
    if (within.length === 0) return undefined;
    const ddx = within.find((k) => k.ddxplusName);
    return {
      code,
      label: within[0]!.label,
      ...(ddx?.ddxplusName && within.length === 1 ? { ddxplusName: ddx.ddxplusName } : {}),
    };
  }
  return undefined;
}
