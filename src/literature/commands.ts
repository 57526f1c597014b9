import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { EutilsClient } from './eutils.js';
import { readTextFile } from './eval-retrieval.js';
import { evaluateScreeningFile } from './eval-screening.js';
import { STUDY_DESIGNS } from './evidence.js';
import { IMPORT_FORMATS, type ImportFormat } from './formats.js';
import { findGaps } from './gaps.js';
import { importArticles, openLibrary, type SearchResult, searchLibrary } from './library.js';
import {
  createProject,
  decide,
  exportDecisionsCsv,
  getProject,
  nextRecords,
  parseProjectRecords,
  progress,
  projectsCollection,
} from './projects.js';
import { evaluateRetrievalFiles, RETRIEVAL_METHODS, type RetrievalMethod } from './retrieval.js';

function method(value: string): RetrievalMethod {
  if (!(RETRIEVAL_METHODS as readonly string[]).includes(value))
    throw HealthGptError.invalid(`--method must be ${RETRIEVAL_METHODS.join(', ')} (got '${value}')`);
  return value as RetrievalMethod;
}

/** `healthgpt eval retrieval|screening` (the contracts) and `healthgpt literature …`, `healthgpt screen …`. */
function intIn(name: string, v: string | undefined, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw HealthGptError.invalid(`${name} must be a whole number ${lo}–${hi} (got '${v}')`);
  return n;
}

function weightIn(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 10)
    throw HealthGptError.invalid(`${name} must be a number 0–10 (got '${v}')`);
  return n;
}

function humanSearch(r: SearchResult): string {
  const head = `${r.total} candidates; ${r.method}; weights relevance ${r.weights.relevance}, evidence ${r.weights.evidence}, recency ${r.weights.recency}`;
  return [
    head,
    ...r.hits.map(
      (h) =>
        `${h.rank}. ${h.article.title} (${h.article.year ?? 'year?'}) [${h.article.id}]\n   ${h.evidence.label}${h.evidence.level ? `, CEBM level ${h.evidence.level}` : ''} (${h.evidence.reason}); score ${h.score} = relevance ${h.components.relevance}, evidence ${h.components.evidence}, recency ${h.components.recency}; BM25 #${h.bm25?.rank ?? '-'}${h.dense ? `, cosine ${h.dense.cosine}` : ''}; matched ${h.matchedTerms.map((m) => m.word).join(', ') || 'none'}`,
    ),
  ].join('\n');
}

export function registerLiteratureCommands(program: Command, cli: CliContext): void {
  const literature = program
    .command('literature')
    .description('the local literature library: import, search, research gaps');
  literature
    .command('import')
    .description('import MEDLINE/PubMed XML, BEIR JSONL, RIS or CSV into the library (all or nothing)')
    .argument('<file>', 'the file to import (at most 100 MB)')
    .option('--format <format>', `one of ${IMPORT_FORMATS.join(', ')} (default: from the name and content)`)
    .option('--replace', 'update articles whose id is already in the library')
    .action((file: string, options: { format?: string; replace?: boolean }) => {
      if (options.format && !(IMPORT_FORMATS as readonly string[]).includes(options.format))
        throw HealthGptError.invalid(
          `--format must be one of ${IMPORT_FORMATS.join(', ')} (got '${options.format}')`,
        );
      const index = openLibrary(cli.config.dataDir);
      const r = importArticles(index, readTextFile(file, 'import file'), file, {
        ...(options.format ? { format: options.format as ImportFormat } : {}),
        ...(options.replace ? { replace: true } : {}),
      });
      cli.print(
        r,
        (x) =>
          `imported ${x.added} new, ${x.replaced} replaced (${x.format}); library holds ${x.total}; designs: ${Object.entries(
            x.byDesign,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
      );
    });
  literature
    .command('search')
    .description('ranked articles with evidence level and why each ranked where it did')
    .argument('<query...>', 'the question or keywords')
    .option('--limit <n>', 'articles to show (1–100)', '10')
    .option('--from <year>', 'published in or after')
    .option('--to <year>', 'published in or before')
    .option('--max-level <level>', 'only CEBM level 1..N')
    .option('--design <design>', `only this design (${STUDY_DESIGNS.join(', ')})`)
    .option('--w-relevance <w>', 'weight of relevance (default 0.7)')
    .option('--w-evidence <w>', 'weight of the evidence level (default 0.2)')
    .option('--w-recency <w>', 'weight of recency (default 0.1)')
    .option('--rerank', 're-rank with sentence embeddings and the learned fusion')
    .action(async (query: string[], o: Record<string, string | boolean | undefined>) => {
      const design = o.design as string | undefined;
      if (design && !(STUDY_DESIGNS as readonly string[]).includes(design))
        throw HealthGptError.invalid(`--design must be one of ${STUDY_DESIGNS.join(', ')}`);
      const yearFrom = intIn('--from', o.from as string | undefined, 1800, 2200);
      const yearTo = intIn('--to', o.to as string | undefined, 1800, 2200);
      const maxLevel = intIn('--max-level', o.maxLevel as string | undefined, 1, 5);
      const weights = {
        ...(weightIn('--w-relevance', o.wRelevance as string | undefined) !== undefined
          ? { relevance: Number(o.wRelevance) }
          : {}),
        ...(weightIn('--w-evidence', o.wEvidence as string | undefined) !== undefined
          ? { evidence: Number(o.wEvidence) }
          : {}),
        ...(weightIn('--w-recency', o.wRecency as string | undefined) !== undefined
          ? { recency: Number(o.wRecency) }
          : {}),
      };
      const r = await searchLibrary(openLibrary(cli.config.dataDir), query.join(' '), {
        limit: intIn('--limit', o.limit as string, 1, 100) ?? 10,
        weights,
        ...(yearFrom !== undefined ? { yearFrom } : {}),
        ...(yearTo !== undefined ? { yearTo } : {}),
        ...(maxLevel !== undefined ? { maxLevel } : {}),
        ...(design ? { designs: [design] } : {}),
        ...(o.rerank ? { rerank: true } : {}),
      });
      cli.print(r, humanSearch);
    });
  literature
    .command('gaps')
    .description(
      'concept pairs studied apart but rarely together, and growing or fading concepts (MeSH-based)',
    )
    .argument('[topic...]', 'restrict to papers on this topic (MeSH heading or words)')
    .option('--limit <n>', 'gaps and trends to show', '10')
    .option('--min-papers <n>', 'papers a concept needs to count as well studied')
    .action((topic: string[], o: { limit: string; minPapers?: string }) => {
      const index = openLibrary(cli.config.dataDir);
      const minConceptPapers = intIn('--min-papers', o.minPapers, 1, 100_000);
      const r = findGaps(index.all(), {
        ...(topic.length ? { topic: topic.join(' ') } : {}),
        limit: intIn('--limit', o.limit, 1, 100) ?? 10,
        ...(minConceptPapers !== undefined ? { minConceptPapers } : {}),
      });
      cli.print(r, (x) =>
        [
          `${x.papers} papers (${x.papersWithMesh} with MeSH), ${x.concepts} well-studied concepts. ${x.note}`,
          ...x.gaps.map(
            (g) => `gap [${g.confidence}] ${g.a} × ${g.c}: ${g.reason}; via ${g.linkingConcepts.join(', ')}`,
          ),
          ...x.trends.map((t) => `${t.direction} [${t.confidence}] ${t.concept}: ${t.reason}`),
        ].join('\n'),
      );
    });

  literature
    .command('pubmed')
    .description(
      'search PubMed (E-utilities) and import the top records into the library; needs network access to NCBI (HEALTHGPT_PUBMED_API_KEY for 10 requests a second)',
    )
    .argument('<query...>', 'a PubMed query')
    .option('--max <n>', 'records to fetch and import (1–200)', '20')
    .option('--replace', 'update articles already in the library')
    .action(async (query: string[], o: { max: string; replace?: boolean }) => {
      const client = new EutilsClient({
        ...(process.env.HEALTHGPT_PUBMED_API_KEY ? { apiKey: process.env.HEALTHGPT_PUBMED_API_KEY } : {}),
        ...(process.env.HEALTHGPT_PUBMED_EMAIL ? { email: process.env.HEALTHGPT_PUBMED_EMAIL } : {}),
        ...(process.env.HEALTHGPT_PUBMED_BASE_URL ? { baseUrl: process.env.HEALTHGPT_PUBMED_BASE_URL } : {}),
      });
      const found = await client.search(query.join(' '), { retmax: intIn('--max', o.max, 1, 200) ?? 20 });
      const articles = await client.fetch(found.ids);
      const index = openLibrary(cli.config.dataDir);
      const r = index.add(articles, 'pubmed', { replace: o.replace ?? false });
      cli.print(
        { count: found.count, fetched: articles.length, ...r, total: index.count() },
        (x) =>
          `PubMed: ${x.count} matches; fetched ${x.fetched}, imported ${x.added} new, ${x.replaced} replaced; library holds ${x.total}`,
      );
    });

  const screen = program
    .command('screen')
    .description('screening projects for systematic reviews (active learning)');
  screen
    .command('create')
    .description('a new project from records (CSV with title/abstract, or RIS)')
    .requiredOption('--name <name>', 'project name')
    .requiredOption('--records <file>', 'CSV or RIS file')
    .action((o: { name: string; records: string }) => {
      const records = parseProjectRecords(readTextFile(o.records, 'records'), o.records);
      const p = createProject(projectsCollection(cli.app().store.documents), o.name, records, 'cli');
      cli.print(progress(p), (x) => `project ${x.id}: ${x.records} records`);
    });
  screen
    .command('list')
    .description('screening projects with their progress')
    .action(() => {
      const page = projectsCollection(cli.app().store.documents).list({ limit: 100 });
      const list = page.items.map((i) => progress(i.document, null));
      cli.print(
        list,
        (l) =>
          l
            .map((x) => `${x.id} ${x.name}: ${x.screened}/${x.records} screened, ${x.included} included`)
            .join('\n') || 'no projects',
      );
    });
  screen
    .command('next')
    .description(
      'the unscreened records most likely relevant, with progress and the remaining-relevant estimate',
    )
    .argument('<project>', 'project id')
    .option('--limit <n>', 'records to show', '5')
    .action((id: string, o: { limit: string }) => {
      const p = getProject(projectsCollection(cli.app().store.documents), id);
      const r = nextRecords(p, intIn('--limit', o.limit, 1, 100) ?? 5);
      cli.print(r, (x) =>
        [
          `${x.progress.screened}/${x.progress.records} screened, ${x.progress.included} included; estimated relevant remaining: ${x.progress.estimatedRemainingRelevant ?? 'unknown'} (${x.progress.estimateNote})`,
          ...x.next.map((s) => `${s.record.id} [p=${s.probability ?? '-'}] ${s.record.title}`),
        ].join('\n'),
      );
    });
  screen
    .command('decide')
    .description('record a decision on one record')
    .argument('<project>', 'project id')
    .argument('<record>', 'record id')
    .argument('<decision>', 'include or exclude')
    .action((id: string, record: string, decision: string) => {
      if (decision !== 'include' && decision !== 'exclude')
        throw HealthGptError.invalid(`decision must be include or exclude (got '${decision}')`);
      const p = decide(projectsCollection(cli.app().store.documents), id, record, decision, 'cli');
      cli.print(progress(p), (x) => `${x.screened}/${x.records} screened, ${x.included} included`);
    });
  screen
    .command('export')
    .description('every record with its decision, as CSV (or JSON with --json)')
    .argument('<project>', 'project id')
    .action((id: string) => {
      const p = getProject(projectsCollection(cli.app().store.documents), id);
      cli.print(
        p.records.map((r) => ({ id: r.id, title: r.title, decision: p.decisions[r.id] ?? null })),
        () => exportDecisionsCsv(p).trimEnd(),
      );
    });
  screen
    .command('simulate')
    .description('simulation mode: screen a fully labelled CSV with the learner (same as eval screening)')
    .requiredOption('--records <file>', 'CSV with label_included')
    .action(async (o: { records: string }) => {
      const r = await evaluateScreeningFile(o.records);
      cli.print(
        r,
        (x) =>
          `WSS@95 ${x.wss_at_95}, recall@10% ${x.recall_at_10pct}, recall@20% ${x.recall_at_20pct} (${x.n} records, ${x.included} included; seeds ${x.perSeed.map((s) => s.wss_at_95.toFixed(3)).join(' ')})`,
      );
    });
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
    .option(
      '--abstract-vectors',
      'also embed every whole abstract for two fusion features (0.1-0.2 s an abstract the first time, cached after)',
    )
    .action(
      async (options: {
        corpus: string;
        queries: string;
        qrels: string;
        method: RetrievalMethod;
        abstractVectors?: boolean;
      }) => {
        const progress = cli.progress('queries', 0);
        const r = await evaluateRetrievalFiles(options, options.method, options.abstractVectors === true);
        progress.done?.();
        cli.print(
          { n: r.n, ndcg_at_10: r.ndcg_at_10, recall_at_100: r.recall_at_100 },
          (x) => `${x.n} queries: nDCG@10 ${x.ndcg_at_10}, recall@100 ${x.recall_at_100} (${r.method})`,
        );
      },
    );

  cli.evalCommand
    .command('screening')
    .description(
      'screening simulation (ASReview protocol: 1 included + 1 excluded prior, 5 seeds): WSS@95 and recall at 10 % / 20 % screened',
    )
    .requiredOption(
      '--records <file>',
      'CSV with title, abstract, keywords (optional) and label_included (0/1)',
    )
    .action(async (options: { records: string }) => {
      const r = await evaluateScreeningFile(options.records);
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
