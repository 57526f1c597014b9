import { designFromAbstract } from './design-model.js';
import { designFromIndexing, type EvidenceLevel, UNKNOWN_EVIDENCE } from './evidence.js';
import type { Article } from './types.js';

/** Evidence level of one article: indexing (publication types, MeSH) first, the abstract model otherwise. */
export function classifyEvidence(article: Article): EvidenceLevel {
  return designFromIndexing(article) ?? designFromAbstract(article) ?? UNKNOWN_EVIDENCE;
}
