import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';
import { ndcgAtK, recallAtK } from './metrics.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-literature-eval-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// A hand-made six-document collection: each query's words appear in its relevant documents only.
const corpus = write(
  'corpus.jsonl',
  [
    {
      _id: 'd1',
      title: 'Vitamin D and bone fractures',
      text: 'Vitamin D supplements lowered hip fracture rates in older women.',
    },
    { _id: 'd2', title: 'Calcium intake', text: 'Dietary calcium and fracture risk in adolescents.' },
    {
      _id: 'd3',
      title: 'Statins after myocardial infarction',
      text: 'Statin therapy reduced recurrent infarction.',
    },
    {
      _id: 'd4',
      title: 'Coffee and liver disease',
      text: 'Coffee drinkers had less cirrhosis of the liver.',
    },
    { _id: 'd5', title: 'Green tea', text: 'Tea catechins and blood pressure.' },
    {
      _id: 'd6',
      title: 'Exercise in heart failure',
      text: 'Exercise training improved quality of life in heart failure.',
    },
  ]
    .map((d) => JSON.stringify(d))
    .join('\n'),
);
const scifactCorpus = write(
  'scifact.jsonl',
  [
    {
      doc_id: 11,
      title: 'Vitamin D and fractures',
      abstract: ['Vitamin D lowered fracture rates.', 'Older women benefited.'],
    },
    { doc_id: 12, title: 'Coffee', abstract: ['Coffee and the liver.'] },
  ]
    .map((d) => JSON.stringify(d))
    .join('\n'),
);
const queriesJsonl = write(
  'queries.jsonl',
  '{"_id":"q1","text":"vitamin D fracture"}\n{"_id":"q2","text":"coffee liver"}\n{"_id":"q3","text":"heart failure exercise"}\n',
);
const queriesTsv = write(
  'queries.tsv',
  'q1\tvitamin D fracture\nq2\tcoffee liver\nq3\theart failure exercise\n',
);
const qrelsTrec = write('qrels.txt', 'q1 0 d1 2\nq1 0 d2 1\nq2 0 d4 1\nq3 0 d6 0\n');
const qrelsBeir = write('qrels.tsv', 'query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t1\nq2\td4\t1\n');

describe('retrieval metrics (as BEIR / pytrec_eval)', () => {
  it('nDCG@10 uses linear graded gains and the ideal order of every judged document', () => {
    const judged = new Map([
      ['a', 2],
      ['b', 1],
      ['c', 0],
    ]);
    expect(ndcgAtK(['a', 'b'], judged, 10)).toBeCloseTo(1, 10);
    // b first: DCG = 1 + 2/log2(3); IDCG = 2 + 1/log2(3)
    expect(ndcgAtK(['b', 'a'], judged, 10)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 10);
    expect(ndcgAtK(['x', 'c'], judged, 10)).toBe(0);
    expect(recallAtK(['x', 'b'], judged, 100)).toBe(0.5);
  });
});

describe('healthgpt eval retrieval', () => {
  it.each([
    ['BEIR JSONL queries + TREC qrels', queriesJsonl, qrelsTrec],
    ['TSV queries + BEIR qrels', queriesTsv, qrelsBeir],
  ])(
    'prints n, ndcg_at_10, recall_at_100 (%s); a query without relevant documents is skipped',
    async (_, q, r) => {
      const { code, stdout, stderr } = await runCli([
        'eval',
        'retrieval',
        '--corpus',
        corpus,
        '--queries',
        q,
        '--qrels',
        r,
        '--method',
        'bm25',
        '--json',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(Object.keys(out).sort()).toEqual(['n', 'ndcg_at_10', 'recall_at_100']);
      expect(out.n).toBe(2);
      expect(out.recall_at_100).toBe(1);
      expect(out.ndcg_at_10).toBe(1);
    },
  );

  it('reads SciFact JSONL (doc_id, abstract sentences)', async () => {
    const q = write('sq.tsv', '1\tvitamin D fractures in older women\n');
    const r = write('sr.txt', '1 0 11 1\n');
    const { code, stdout } = await runCli([
      'eval',
      'retrieval',
      '--corpus',
      scifactCorpus,
      '--queries',
      q,
      '--qrels',
      r,
      '--method',
      'bm25',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ n: 1, ndcg_at_10: 1, recall_at_100: 1 });
  });

  it.each([
    [
      'a corpus line that is not JSON',
      write('bad.jsonl', '{"_id":"a","title":"x","text":"y"}\n{oops\n'),
      queriesTsv,
      qrelsTrec,
      /line 2 is not valid JSON/,
    ],
    [
      'duplicate corpus ids',
      write('dup.jsonl', '{"_id":"a","title":"x","text":"y"}\n{"_id":"a","title":"z","text":"w"}\n'),
      queriesTsv,
      qrelsTrec,
      /duplicate id 'a' at line 2/,
    ],
    ['a qrels line with two fields', corpus, queriesTsv, write('badq.txt', 'q1 d1\n'), /line 1 needs/],
    ['a missing file', join(dir, 'nope.jsonl'), queriesTsv, qrelsTrec, /no such file/],
    [
      'an empty corpus',
      write('empty-corpus.jsonl', ''),
      queriesTsv,
      qrelsTrec,
      /empty-corpus\.jsonl: no documents in the corpus$/,
    ],
  ])('refuses %s with a one-line error', async (what, c, q, r, message) => {
    const { code, stderr, stdout } = await runCli([
      'eval',
      'retrieval',
      '--corpus',
      c,
      '--queries',
      q,
      '--qrels',
      r,
      '--method',
      'bm25',
      '--json',
    ]);
    expect(code).not.toBe(0);
    if (what !== 'a missing file') expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});

function screeningCsv(n: number, included: number): string {
  const rows = ['record_id,pubmedID,title,keywords,authors,abstract,label_abstract_screening,label_included'];
  for (let i = 0; i < n; i++) {
    const rel = i < included;
    const title = rel
      ? `Randomised trial of drug alpha in migraine patients ${i}`
      : `Survey of hospital parking and staff ${i}`;
    const abstract = rel
      ? 'A double-blind randomised trial of drug alpha versus placebo for acute migraine headache relief.'
      : `We describe parking, catering and staffing levels in hospital number ${i}, with "quoted, text".`;
    rows.push(
      `${i + 1},${1000 + i},${title},${rel ? 'Migraine Disorders; Humans' : 'Hospitals; Humans'},"Doe, J",${JSON.stringify(abstract).replace(/\\"/g, '""')},${rel ? 1 : 0},${rel ? 1 : 0}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('healthgpt eval screening', () => {
  it('prints n, included, wss_at_95, recall_at_10pct, recall_at_20pct; separable records are found first', async () => {
    const file = write('records.csv', screeningCsv(200, 10));
    const { code, stdout, stderr } = await runCli(['eval', 'screening', '--records', file, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r).sort()).toEqual([
      'included',
      'n',
      'recall_at_10pct',
      'recall_at_20pct',
      'wss_at_95',
    ]);
    expect(r.n).toBe(200);
    expect(r.included).toBe(10);
    // As asreview-insights counts, without the two priors: 198 records, 9 relevant, level 8 (8/9 ≤ 95 %). All found
    // within the first 9 screened puts the 8th at index ≤ 8; random order: round(9 i / 197) reaches 8 at i = 165.
    // WSS@95 ≥ (165 − 8) / 198.
    expect(r.wss_at_95).toBeGreaterThanOrEqual(157 / 198);
    expect(r.recall_at_10pct).toBe(1);
  });

  it.each([
    [
      'a ragged row',
      'record_id,title,abstract,label_included\n1,a,b,1\n2,c,d\n',
      /line 3 has 3 fields; the header has 4/,
    ],
    [
      'an unterminated quote',
      'record_id,title,abstract,label_included\n1,"a,b,1\n',
      /unterminated quoted field .* line 2/,
    ],
    [
      'no included record',
      'record_id,title,abstract,label_included\n1,a,b,0\n2,c,d,0\n',
      /no record is labelled included/,
    ],
    [
      'a bad label',
      'record_id,title,abstract,label_included\n1,a,b,yes\n',
      /line 2 has label_included 'yes'/,
    ],
    [
      'duplicate ids',
      'record_id,title,abstract,label_included\n1,a,b,1\n1,c,d,0\n',
      /duplicate record id '1' on line 3/,
    ],
    [
      'nothing beyond the two priors',
      'record_id,title,abstract,label_included\n1,a,b,1\n2,c,d,0\n',
      /nothing relevant is left to screen after the priors/,
    ],
    [
      'a single included record among three',
      'record_id,title,abstract,label_included\n1,a,b,1\n2,c,d,0\n3,e,f,0\n',
      /nothing relevant is left to screen after the priors/,
    ],
  ])('refuses %s, naming the line', async (_, text, message) => {
    const { code, stderr } = await runCli([
      'eval',
      'screening',
      '--records',
      write(`bad-${Math.random()}.csv`, text),
      '--json',
    ]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
