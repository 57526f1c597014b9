/**
 * `npm run bench:literature`: retrieval (NFCorpus dev, SciFact train claims) with BM25 and the learned fusion, screening
 * WSS@95 on the Cohen 2006 topics not used for choosing the learner's settings, the research-gap back-test on the
 * dated MEDLINE records, search latency over 10,000 abstracts and indexing time for 5,000.
 *
 * Splits: BM25 field weights were chosen on NFCorpus TRAIN queries; the fusion model was fitted on NFCorpus TRAIN
 * queries and the even-id SciFact TRAIN claims; NFCorpus dev and the odd-id SciFact train claims were never used for a
 * choice. The NFCorpus and SciFact test splits are held out of this
 * repository's data (the issue's targets are on them), so the numbers here are not the targets' numbers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { requireDataset } from '../src/app/datasets.js';
import { parseScreeningCsv } from '../src/literature/cohen.js';
import { simulateWithLearner } from '../src/literature/eval-screening.js';
import { parseCorpusJsonl, parseMedlineXml, parseQrels, parseQueries } from '../src/literature/formats.js';
import { isFusionTrainingClaim } from '../src/literature/fusion.js';
import { backtestGaps } from '../src/literature/gaps.js';
import { LiteratureIndex } from '../src/literature/index-db.js';
import { searchLibrary } from '../src/literature/library.js';
import { evaluateRetrieval } from '../src/literature/retrieval.js';
import { DEFAULT_LEARNER, type LearnerOptions } from '../src/literature/screening.js';
import type { Article } from '../src/literature/types.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

const lit = requireDataset('literature');
const read = (...p: string[]) => readFileSync(join(lit, ...p), 'utf8');
const f4 = (x: number) => x.toFixed(4);
const only = process.argv[2]; // optional: retrieval | screening | speed | gaps

// --- retrieval
const retrievalRows: string[][] = [];
if (!only || only === 'retrieval') {
  const nf = parseCorpusJsonl(read('nfcorpus', 'corpus.jsonl'));
  const nfQ = parseQueries(read('nfcorpus', 'queries_train_dev.jsonl'));
  const nfDev = parseQrels(read('nfcorpus', 'qrels', 'dev.tsv'));
  const sf = parseCorpusJsonl(read('scifact', 'corpus.jsonl'));
  // Odd-id claims only: the even-id ones trained the fusion.
  const sfQ = parseQueries(read('scifact', 'claims_train.jsonl')).filter((q) => !isFusionTrainingClaim(q.id));
  const sfQrels = parseQrels(read('scifact', 'qrels', 'train.tsv'));
  const sfN = sfQ.filter((q) => sfQrels.has(q.id)).length;
  for (const [name, corpus, queries, qrels, anchor] of [
    [
      'NFCorpus dev (324 queries; not used for tuning)',
      nf,
      nfQ,
      nfDev,
      'BEIR test BM25 0.325; target (test) ≥ 0.36',
    ],
    [
      `SciFact train claims with odd ids (${sfN}; not used for tuning)`,
      sf,
      sfQ,
      sfQrels,
      'BEIR test BM25 0.679; target (test) ≥ 0.72',
    ],
  ] as const) {
    for (const [method, withAbstracts] of [
      ['bm25', false],
      ['fused', false],
      ['fused', true],
    ] as const) {
      const t0 = Date.now();
      const r = await evaluateRetrieval(corpus, queries, qrels, method, withAbstracts);
      retrievalRows.push([name, r.method, String(r.n), f4(r.ndcg_at_10), f4(r.recall_at_100), anchor]);
      console.log(
        name,
        method,
        r.n,
        r.ndcg_at_10,
        r.recall_at_100,
        `${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
  }
}

// --- screening
const TUNING_TOPICS = ['ADHD', 'AtypicalAntipsychotics', 'Estrogens'];
const REPORT_TOPICS = ['BetaBlockers', 'CalciumChannelBlockers', 'NSAIDS', 'Opiods', 'OralHypoglycemics'];
const screeningRows: string[][] = [];
const wss: Record<'tuning' | 'report', number[]> = { tuning: [], report: [] };
const wssCohenMeans: Record<'tuning' | 'report', number[]> = { tuning: [], report: [] };
// ASReview's own default learner on the same protocol, as an outside anchor (not a candidate for the default: the
// learner was chosen on the tuning topics before this row was measured).
const ASREVIEW_DEFAULT: LearnerOptions = {
  ...DEFAULT_LEARNER,
  classifier: 'naive-bayes',
  balance: 'double',
  batchShare: 0,
  dense: 0,
  features: { bigrams: false, keywords: false, minDf: 1, titleTerms: 0, rawTf: true, noStem: true },
};
const nbMeans: Record<'tuning' | 'report', number[]> = { tuning: [], report: [] };
if (!only || only === 'screening') {
  for (const topic of [...REPORT_TOPICS, ...TUNING_TOPICS]) {
    const { records, labels } = parseScreeningCsv(read('cohen2006_sr_screening', `${topic}.csv`), topic);
    const t0 = Date.now();
    const r = await simulateWithLearner(records, labels as number[], DEFAULT_LEARNER);
    const nb = await simulateWithLearner(records, labels as number[], ASREVIEW_DEFAULT);
    const role = TUNING_TOPICS.includes(topic) ? 'tuning' : 'report';
    const cohen = r.perSeed.reduce((a, x) => a + x.wss_at_95_cohen, 0) / r.perSeed.length;
    wss[role].push(r.wss_at_95);
    wssCohenMeans[role].push(cohen);
    nbMeans[role].push(nb.wss_at_95);
    screeningRows.push([
      topic,
      role === 'tuning' ? 'tuning (settings chosen here)' : 'reported (not used for choices)',
      String(r.n),
      String(r.included),
      f4(r.wss_at_95),
      f4(cohen),
      f4(r.recall_at_10pct),
      f4(r.recall_at_20pct),
      f4(nb.wss_at_95),
    ]);
    console.log(
      topic,
      r.n,
      r.included,
      r.wss_at_95,
      cohen,
      nb.wss_at_95,
      `${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

// --- gaps back-test
let gapsLine = '';
if (!only || only === 'gaps') {
  const medline = parseMedlineXml(
    gunzipSync(readFileSync(join(lit, 'medline_xml', 'medline16n0902_sample.xml.gz'))).toString('utf8'),
  );
  const b = backtestGaps(medline, 2014);
  gapsLine = `Research-gap back-test on the 604 MEDLINE records (only ${medline.filter((a) => a.mesh.length).length} carry MeSH; years mostly 2014–2015): gaps found from papers up to ${b.year} (${b.papersBefore} papers): ${b.gapsTested}; filled by a later paper (${b.papersAfter} papers after ${b.year}): ${b.gapsFilledLater}. Baseline: of ${b.baselinePairsTested} well-studied concept pairs never together up to ${b.year}, ${b.baselineFilledLater} appeared together later (${b.baselinePairsTested ? ((100 * b.baselineFilledLater) / b.baselinePairsTested).toFixed(1) : '–'} %). A sample this small cannot validate the method; it shows the back-test runs.`;
  console.log(gapsLine);
}

// --- speed
let speedRows: string[][] = [];
if (!only || only === 'speed') {
  const nf = parseCorpusJsonl(read('nfcorpus', 'corpus.jsonl'));
  const sf = parseCorpusJsonl(read('scifact', 'corpus.jsonl'));
  const extra: Article[] = [];
  for (const topic of ['BetaBlockers', 'Opiods']) {
    const { records } = parseScreeningCsv(read('cohen2006_sr_screening', `${topic}.csv`), topic);
    for (const r of records)
      extra.push({
        id: `${topic}-${r.id}`,
        title: r.title,
        abstract: r.abstract,
        authors: [],
        publicationTypes: [],
        mesh: [...(r.keywords ?? [])],
      });
  }
  const all = [...nf, ...sf.map((a) => ({ ...a, id: `sf-${a.id}` })), ...extra];
  const tenK = all.slice(0, 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'healthgpt-bench-lit-'));
  // indexing 5,000 abstracts into a file-backed library (one thread)
  const idx5 = new LiteratureIndex(join(dir, 'five.sqlite'));
  const t0 = performance.now();
  idx5.add(sf.slice(0, 5000), 'bench');
  const indexMs = performance.now() - t0;
  idx5.close();
  const idx = new LiteratureIndex(join(dir, 'ten.sqlite'));
  idx.add(tenK, 'bench');
  const queries = parseQueries(read('nfcorpus', 'queries_train_dev.jsonl')).slice(0, 300);
  for (const q of queries.slice(0, 20)) await searchLibrary(idx, q.text, { limit: 10 }); // warm
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await searchLibrary(idx, q.text, { limit: 10 });
    times.push(performance.now() - s);
  }
  idx.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!.toFixed(1);
  speedRows = [
    [
      `search over ${tenK.length.toLocaleString('en')} abstracts (BM25 + evidence/recency, top 10 explained), ${times.length} NFCorpus queries`,
      `median ${p(0.5)} ms, p95 ${p(0.95)} ms`,
      '< 100 ms',
    ],
    [
      'indexing 5,000 SciFact abstracts (parse already done; tokenise, classify, FTS5 insert, one thread)',
      `${(indexMs / 1000).toFixed(1)} s`,
      '< 60 s',
    ],
  ];
  console.log(speedRows);
}

const body = [
  'Retrieval: BM25 is SQLite FTS5 `bm25()` (k1 1.2, b 0.75 fixed by SQLite) over text tokenised by `src/literature/text.ts`, title weight chosen on NFCorpus train queries; "fused" re-ranks BM25 top 100 ∪ dense top 50 (Universal Sentence Encoder lite on titles) with the linear model of `models/literature/fusion.json` over BM25, dense and lexical features (IDF-weighted and title coverage, title and abstract BM25, term proximity, pseudo-relevance feedback), fitted on NFCorpus train queries and the even-id SciFact train claims, plus a learned term-association score (`models/literature/term-association.json`: for each query stem, the stems that documents judged relevant to NFCorpus train queries holding it carry far more often than documents in general; its weight chosen out of fold on NFCorpus train queries, and on the even-id SciFact claims for long queries). The third row of each collection adds whole title + abstract vectors (`healthgpt eval retrieval --abstract-vectors`): two more fusion features and 50 more candidates, at 0.1–0.2 s an abstract on one core the first time (cached after), so the evaluation command leaves them out by default (the second row). nDCG@10 with graded gains as BEIR; queries without a relevant document skipped. The held-out test splits the targets refer to are not in this repository\'s data: these rows are dev/train splits, not the target numbers.',
  '',
  retrievalRows.length
    ? markdownTable(
        ['collection', 'method', 'queries', 'nDCG@10', 'recall@100', 'anchor / target'],
        retrievalRows,
      )
    : '(retrieval not run)',
  '',
  `Screening (ASReview protocol: one included + one excluded prior drawn per seed, seeds 1–5, retrain as decisions arrive in batches of ${DEFAULT_LEARNER.batchShare * 100} % of the records, certainty sampling; TF-IDF over stems${DEFAULT_LEARNER.features.titleTerms ? ', title stems apart' : ''}${DEFAULT_LEARNER.features.bigrams ? ' and stem bigrams' : ''}${DEFAULT_LEARNER.features.keywords ? ' and MeSH keywords' : ''}${DEFAULT_LEARNER.dense ? `, with the USE-lite sentence vector of title + abstract appended (weight ${DEFAULT_LEARNER.dense})` : ''}, class-balanced L2 logistic regression, λ ${DEFAULT_LEARNER.lambda}). WSS@95 and recall@k % are computed as asreview-insights computes them: the two priors are left out of the records and of the relevant count, the level is the largest relevant count at or below 95 %, and the random baseline is numpy's rounded linspace; "Cohen" is (TN + FN) / N − 0.05 at the first point recall ≥ 95 % on the same orders (priors left out too). Settings were chosen on ${TUNING_TOPICS.join(', ')}; reported on ${REPORT_TOPICS.join(', ')}. Mean WSS@95 on the reported topics: **${f4(mean(wss.report))}** (Cohen's formula ${f4(mean(wssCohenMeans.report))}; target on the issue's unseen topics ≥ 0.55; plain TF-IDF + LR ≈ 0.44 there); on the tuning topics ${f4(mean(wss.tuning))}. ASReview's default learner (multinomial naive Bayes, alpha 3.822, on raw-count TF-IDF words with its "double" dynamic resampling in expectation, retrained after every decision) on the same protocol: ${f4(mean(nbMeans.report))} on the reported topics, ${f4(mean(nbMeans.tuning))} on the tuning topics (an anchor, measured after the choice).`,
  '',
  screeningRows.length
    ? markdownTable(
        [
          'topic',
          'role',
          'records',
          'included',
          'WSS@95',
          'WSS@95 (Cohen)',
          'recall@10%',
          'recall@20%',
          'WSS@95, ASReview default NB',
        ],
        screeningRows,
      )
    : '(screening not run)',
  '',
  gapsLine,
  '',
  speedRows.length ? markdownTable(['measure', 'value', 'target'], speedRows) : '',
  '',
  `Load average at the end: ${loadavg()[0]!.toFixed(1)} (a shared machine; timings vary with it).`,
].join('\n');
console.log(body);
if (!only) {
  updateBenchmarkSection(
    'literature',
    'Literature: retrieval, screening, gaps, speed',
    'npm run bench:literature',
    body,
  );
  console.log('\nwrote the literature section of docs/benchmarks.md');
}
