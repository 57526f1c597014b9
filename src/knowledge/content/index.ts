import { CONCEPTS } from './concepts/index.js';
import { CONDITIONS } from './conditions.js';

/** Version of the knowledge-base content; bump it when concepts, values or conditions change. */
export const KNOWLEDGE_BASE_VERSION = '0.2.0';

/** The raw knowledge-base data, validated by `loadKnowledgeBase`. */
export const KNOWLEDGE_BASE_DATA: unknown = {
  version: KNOWLEDGE_BASE_VERSION,
  concepts: CONCEPTS,
  conditions: CONDITIONS,
};
