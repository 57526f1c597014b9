import { loadKnowledgeBase } from '../knowledge/index.js';
import { intakeLexicon } from './intake-lexicon.js';
import type { Lexicon } from './lexicon.js';
import { modelQuestionRanker } from './model-ranker.js';
import { type IntakeOptions, IntakeProcessor } from './pipeline.js';
import { providedNextQuestionSource } from './question-source.js';

/**
 * An intake processor over the project's knowledge base (concepts, synonyms, conditions) and the intake's own
 * lexicon additions, with the key questions ordered by the wired next-question source (`provideNextQuestionSource`:
 * the application wires the diagnosis model's expected information gain; pass `questionRanker: undefined` for the
 * knowledge-base order alone). Each processor keeps
 * its own sentence cache and ranking: use one per consultation stream.
 */
export function createIntakeProcessor(options: Partial<IntakeOptions> = {}): IntakeProcessor {
  const kb = loadKnowledgeBase();
  if (!lexicon || lexiconKb !== kb) {
    lexicon = intakeLexicon(kb);
    lexiconKb = kb;
  }
  const source = providedNextQuestionSource();
  const ranker = 'questionRanker' in options || !source ? undefined : modelQuestionRanker(source);
  return new IntakeProcessor({
    lexicon,
    knowledgeBase: kb,
    ...(ranker ? { questionRanker: ranker } : {}),
    ...options,
  });
}

let lexicon: Lexicon | undefined;
let lexiconKb: unknown;
