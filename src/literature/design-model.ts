import type { EvidenceLevel } from './evidence.js';
import type { Article } from './types.js';

/** Study design from the abstract text (model trained by scripts/train-literature-design.ts). */
export function designFromAbstract(_article: Article): EvidenceLevel | undefined {
  return undefined;
}
