import { KNOWLEDGE_BASE_DATA } from './content/index.js';
import { type KnowledgeBaseData, validateKnowledgeBase } from './schema.js';
import type { Concept, ConceptReference, Condition, DdxplusEvidenceMapping, KnowledgeBase } from './types.js';

/** The id of one value of a concept as a concept id of its own: `pain.character` + `burning` → `pain.character.burning`. */
export function valueConceptId(conceptId: string, valueId: string): string {
  return `${conceptId}.${valueId}`;
}

/** Separator between an evidence and its value in DDXPlus evidence lists (`E_55_@_V_101`, `E_56_@_7`). */
export const DDXPLUS_VALUE_SEPARATOR = '_@_';

/** Builds the look-ups of a validated knowledge base. */
export function createKnowledgeBase(data: KnowledgeBaseData): KnowledgeBase {
  const conceptsById = new Map<string, Concept>(data.concepts.map((concept) => [concept.id, concept]));
  const conditionsById = new Map<string, Condition>(
    data.conditions.map((condition) => [condition.id, condition]),
  );
  const conditionsByName = new Map<string, Condition>(
    data.conditions.map((condition) => [condition.ddxplusName, condition]),
  );
  const references = new Map<string, ConceptReference>();
  for (const concept of data.concepts) {
    references.set(concept.id, { concept });
    for (const value of concept.values ?? [])
      references.set(valueConceptId(concept.id, value.id), { concept, value });
  }
  const conceptsByCode = new Map<string, Concept>();
  for (const concept of data.concepts) {
    if (!concept.extension) conceptsByCode.set(concept.ddxplusCode, concept);
  }
  return {
    version: data.version,
    concepts: data.concepts,
    conditions: data.conditions,
    concept: (id) => conceptsById.get(id),
    condition: (id) => conditionsById.get(id),
    fromDdxplusCondition: (name) => conditionsByName.get(name),
    resolve: (id) => references.get(id),
    fromDdxplusEvidence(code: string): DdxplusEvidenceMapping | undefined {
      const at = code.indexOf(DDXPLUS_VALUE_SEPARATOR);
      const concept = conceptsByCode.get(at < 0 ? code : code.slice(0, at));
      if (!concept) return undefined;
      if (at < 0) return { conceptId: concept.id };
      const valueCode = code.slice(at + DDXPLUS_VALUE_SEPARATOR.length);
      if (concept.type === 'scale-0-10') {
        return /^(?:\d|10)$/.test(valueCode) ? { conceptId: concept.id, value: valueCode } : undefined;
      }
      const value = concept.values?.find((candidate) => candidate.ddxplusCode === valueCode);
      return value ? { conceptId: concept.id, value: value.id } : undefined;
    },
    toDdxplus(conceptId: string, value?: string): string | undefined {
      const concept = conceptsById.get(conceptId);
      if (!concept) return undefined;
      if (value === undefined) return concept.ddxplusCode;
      if (concept.type === 'scale-0-10') {
        return /^(?:\d|10)$/.test(value)
          ? `${concept.ddxplusCode}${DDXPLUS_VALUE_SEPARATOR}${value}`
          : undefined;
      }
      const code = concept.values?.find((candidate) => candidate.id === value)?.ddxplusCode;
      return code ? `${concept.ddxplusCode}${DDXPLUS_VALUE_SEPARATOR}${code}` : undefined;
    },
  };
}

let cached: KnowledgeBase | undefined;

/**
 * The project's knowledge base, validated on first use and cached. Reads only committed files (no network, no data
 * sets folder). Throws `KnowledgeBaseError` naming every broken item if the committed data does not validate.
 */
export function loadKnowledgeBase(): KnowledgeBase {
  cached ??= createKnowledgeBase(validateKnowledgeBase(KNOWLEDGE_BASE_DATA));
  return cached;
}
