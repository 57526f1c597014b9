import { loadKnowledgeBase } from '../diagnosis/knowledge/index.js';
import { intakeLexicon } from './intake-lexicon.js';
import type { Lexicon } from './lexicon.js';
import { type IntakeOptions, IntakeProcessor } from './pipeline.js';

/**
 * An intake processor over the project's knowledge base (concepts, synonyms, conditions) and the intake's own
 * lexicon additions. Each processor keeps its own sentence cache: use one per consultation stream.
 */
export function createIntakeProcessor(options: Partial<IntakeOptions> = {}): IntakeProcessor {
  const kb = loadKnowledgeBase();
  if (!lexicon || lexiconKb !== kb) {
    lexicon = intakeLexicon(kb);
    lexiconKb = kb;
  }
  return new IntakeProcessor({ lexicon, knowledgeBase: kb, ...options });
}

let lexicon: Lexicon | undefined;
let lexiconKb: unknown;
