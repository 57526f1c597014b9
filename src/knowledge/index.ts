/**
 * HealthGPT's clinical knowledge base: concepts (findings an interview asks about), conditions, and the mapping to
 * DDXPlus codes. See docs/knowledge-base.md.
 */
export {
  createKnowledgeBase,
  DDXPLUS_VALUE_SEPARATOR,
  loadKnowledgeBase,
  valueConceptId,
} from './knowledge-base.js';
export {
  CHILD_MAX_AGE_YEARS_EXCLUSIVE,
  OLDER_ADULT_MIN_AGE_YEARS,
  questionFor,
  registerFor,
} from './question.js';
export { type KnowledgeBaseData, KnowledgeBaseError, validateKnowledgeBase } from './schema.js';
export type {
  Concept,
  ConceptKind,
  ConceptReference,
  ConceptType,
  ConceptValue,
  Condition,
  DdxplusEvidenceMapping,
  KnowledgeBase,
  QuestionRegisters,
  Severity,
} from './types.js';
