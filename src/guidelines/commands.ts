import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { listGuidelines } from './library.js';
import {
  answerGuidelineQuestions,
  type GuidelineQaResult,
  parseQuestionsJsonl,
  RETRIEVAL_MODES,
  type RetrievalMode,
  searchByMode,
} from './qa-eval.js';

function retrievalMode(value: string): RetrievalMode {
  if (!(RETRIEVAL_MODES as readonly string[]).includes(value))
    throw HealthGptError.invalid(`--retrieval must be ${RETRIEVAL_MODES.join(' or ')} (got '${value}')`);
  return value as RetrievalMode;
}

function humanQa(r: GuidelineQaResult): string {
  return r.answers
    .map(
      (a) =>
        `${a.id}: ${a.citations
          .slice(0, 3)
          .map((c) => `${c.guideline} ${c.edition}${c.current ? '' : ' (superseded)'}`)
          .join(' | ')}`,
    )
    .concat(`${r.n} questions answered from retrieval (not generated)`)
    .join('\n');
}

/**
 * `healthgpt eval guideline-qa --questions FILE.jsonl --json` and `healthgpt guidelines list|search`.
 */
export function registerGuidelineCommands(program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('guideline-qa')
    .description(
      'answer guideline questions from retrieval alone (extractive, not generated) with ranked citations',
    )
    .requiredOption('--questions <file>', 'JSONL file, one {"id","question"} object per line')
    .option(
      '--retrieval <mode>',
      'fused (BM25 + character 4-grams + sentence embeddings) or lexical (no embedding model)',
      retrievalMode,
      'fused' as RetrievalMode,
    )
    .action(async (options: { questions: string; retrieval: RetrievalMode }) => {
      let text: string;
      try {
        text = readFileSync(options.questions, 'utf8');
      } catch (error) {
        throw new HealthGptError(
          'not-found',
          `cannot read questions '${options.questions}': ${(error as Error).message}`,
        );
      }
      const questions = parseQuestionsJsonl(text);
      cli.print(await answerGuidelineQuestions(questions, options.retrieval), humanQa);
    });

  const guidelines = program.command('guidelines').description('the guideline library: editions and search');
  guidelines
    .command('list')
    .description('guidelines with their editions, status and publication month')
    .action(() =>
      cli.print(listGuidelines(), (list) =>
        list
          .map(
            (g) =>
              `${g.name}: ${g.editions.map((e) => `${e.edition} (${e.status}, ${e.published})`).join(', ')}`,
          )
          .join('\n'),
      ),
    );
  guidelines
    .command('search')
    .description('ranked guideline passages for a question, with why each ranked where it did')
    .argument('<query...>', 'the question')
    .option('--limit <n>', 'passages to show', '5')
    .option('--retrieval <mode>', 'fused or lexical', retrievalMode, 'fused' as RetrievalMode)
    .action(async (query: string[], options: { limit: string; retrieval: RetrievalMode }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50)
        throw HealthGptError.invalid(`--limit must be a whole number 1–50 (got '${options.limit}')`);
      cli.print(await searchByMode(query.join(' '), options.retrieval, { limit }), (r) =>
        r.hits
          .map(
            (h) =>
              `${h.rank}. ${h.guideline} ${h.passage.edition}${h.current ? '' : ' (superseded)'} — ${h.passage.section} [score ${h.score}; bm25 #${h.bm25?.rank ?? '-'}, 4-gram #${h.ngram?.rank ?? '-'}, embedding #${h.embedding?.rank ?? '-'}; matched ${h.matchedTerms.join(', ') || 'none'}]\n   ${h.passage.text}${h.olderEditionsDiffer.length ? `\n   older edition differs: ${h.olderEditionsDiffer.map((o) => o.edition).join(', ')}` : ''}`,
          )
          .join('\n'),
      );
    });
}
