import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { evaluateScreeningFile } from './eval-screening.js';
import { evaluateRetrievalFiles, RETRIEVAL_METHODS, type RetrievalMethod } from './retrieval.js';

function method(value: string): RetrievalMethod {
  if (!(RETRIEVAL_METHODS as readonly string[]).includes(value))
    throw HealthGptError.invalid(`--method must be ${RETRIEVAL_METHODS.join(', ')} (got '${value}')`);
  return value as RetrievalMethod;
}

/** `healthgpt eval retrieval|screening` (the contracts) and `healthgpt literature …`, `healthgpt screen …`. */
export function registerLiteratureCommands(program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('retrieval')
    .description(
      'literature retrieval on a BEIR-style test collection: mean nDCG@10 and recall@100 (graded gains as in BEIR)',
    )
    .requiredOption(
      '--corpus <file>',
      'BEIR JSONL (_id, title, text) or SciFact JSONL (doc_id, title, abstract[])',
    )
    .requiredOption('--queries <file>', 'BEIR JSONL (_id, text) or TSV id<TAB>text')
    .requiredOption('--qrels <file>', 'TREC "qid 0 docid grade" or BEIR TSV with a header')
    .option(
      '--method <method>',
      `ranking: ${RETRIEVAL_METHODS.join(', ')}`,
      method,
      'fused' as RetrievalMethod,
    )
    .action(async (options: { corpus: string; queries: string; qrels: string; method: RetrievalMethod }) => {
      const progress = cli.progress('queries', 0);
      const r = await evaluateRetrievalFiles(options, options.method);
      progress.done?.();
      cli.print(
        { n: r.n, ndcg_at_10: r.ndcg_at_10, recall_at_100: r.recall_at_100 },
        (x) => `${x.n} queries: nDCG@10 ${x.ndcg_at_10}, recall@100 ${x.recall_at_100} (${r.method})`,
      );
    });

  cli.evalCommand
    .command('screening')
    .description(
      'screening simulation (ASReview protocol: 1 included + 1 excluded prior, 5 seeds): WSS@95 and recall at 10 % / 20 % screened',
    )
    .requiredOption(
      '--records <file>',
      'CSV with title, abstract, keywords (optional) and label_included (0/1)',
    )
    .action((options: { records: string }) => {
      const r = evaluateScreeningFile(options.records);
      cli.print(
        {
          n: r.n,
          included: r.included,
          wss_at_95: r.wss_at_95,
          recall_at_10pct: r.recall_at_10pct,
          recall_at_20pct: r.recall_at_20pct,
        },
        (x) =>
          `${x.n} records, ${x.included} included: WSS@95 ${x.wss_at_95}; recall after 10 % screened ${x.recall_at_10pct}, after 20 % ${x.recall_at_20pct} (mean of 5 seeds)`,
      );
    });
}
