import { loadKnowledgeBase } from '../knowledge/index.js';
import { intakeLexicon } from './intake-lexicon.js';
import type { Lexicon } from './lexicon.js';
import { modelQuestionRanker } from './model-ranker.js';
import { type IntakeOptions, IntakeProcessor } from './pipeline.js';

/**
 * An intake processor over the project's knowledge base (concepts, synonyms, conditions) and the intake's own
 * lexicon additions, with the key questions ordered by the diagnosis model's expected information gain
 * (`modelQuestionRanker`; pass `questionRanker: undefined` for the knowledge-base order alone). Each processor keeps
 * its own sentence cache and ranking: use one per consultation stream.
 */
export function createIntakeProcessor(options: Partial<IntakeOptions> = {}): IntakeProcessor {
  const kb = loadKnowledgeBase();
  if (!lexicon || lexiconKb !== kb) {
    lexicon = intakeLexicon(kb);
    lexiconKb = kb;
  }
  const ranker = 'questionRanker' in options ? undefined : modelQuestionRanker();
  return new IntakeProcessor({
    lexicon,
    knowledgeBase: kb,
    ...(ranker ? { questionRanker: ranker } : {}),
    ...options,
  });
}

let lexicon: Lexicon | undefined;
let lexiconKb: unknown;
