/**
 * `npm run bench:llm`: for now only the retrieval part of issue 14 — how often the guideline library puts the right
 * passage among the first 3 citations. No language model, gateway or privacy gate is measured here (none exists yet).
 *
 * Questions: `bench/fixtures/guideline-questions.jsonl`, written by hand by the same person who wrote the passages,
 * at the same time, each with the passage id it should retrieve. They are therefore NOT an independent test set:
 * wording overlaps with the passages more than a stranger's questions would, and the hit rate is optimistic. The
 * issue's target (≥ 90 % on guideline questions not in this repository) needs a held-out set this file is not.
 * Two groups: questions naming no edition (the right passage is the current edition's) and questions naming a
 * superseded edition (the right passage is that edition's).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type GuidelineSearchResult,
  RETRIEVAL_METHOD,
  SEMANTIC_RETRIEVAL_METHOD,
  searchGuidelines,
  searchGuidelinesSemantic,
} from '../src/guidelines/library.js';
import { GUIDELINE_PASSAGES } from '../src/guidelines/passages.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

interface Item {
  readonly id: string;
  readonly question: string;
  readonly expected: string;
}

const items: Item[] = readFileSync('bench/fixtures/guideline-questions.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Item);
for (const item of items)
  if (!GUIDELINE_PASSAGES.some((p) => p.id === item.expected))
    throw new Error(`${item.id}: expected passage ${item.expected} is not in the library`);

searchGuidelines('warm up the index');
const t0Load = performance.now();
await searchGuidelinesSemantic('warm up the sentence encoder');
const semanticLoadMs = performance.now() - t0Load;

interface Row {
  group: string;
  n: number;
  top1: number;
  top3: number;
  mrr5: number;
  misses: string[];
}
const timings: Record<string, number[]> = { lexical: [], fused: [], 'fused, equal weights': [] };
type Search = (q: string) => Promise<GuidelineSearchResult>;
const methods: Record<string, Search> = {
  lexical: async (q) => searchGuidelines(q, { limit: 5 }),
  fused: (q) => searchGuidelinesSemantic(q, { limit: 5 }),
  'fused, equal weights': (q) => searchGuidelinesSemantic(q, { limit: 5, embeddingWeight: 1 }),
};
async function evaluate(method: string, group: string, set: readonly Item[]): Promise<Row> {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const item of set) {
    const t0 = performance.now();
    const r = await methods[method]!(item.question);
    timings[method]!.push(performance.now() - t0);
    const rank = r.hits.findIndex((h) => h.passage.id === item.expected) + 1;
    if (rank === 1) top1++;
    if (rank >= 1 && rank <= 3) top3++;
    else misses.push(`${item.id} (${rank === 0 ? 'not in top 5' : `rank ${rank}`})`);
    if (rank >= 1) mrr += 1 / rank;
  }
  return {
    group: `${method}: ${group}`,
    n: set.length,
    top1: top1 / set.length,
    top3: top3 / set.length,
    mrr5: mrr / set.length,
    misses,
  };
}

const currentItems = items.filter((i) => !i.id.startsWith('old-'));
const oldItems = items.filter((i) => i.id.startsWith('old-'));
const rows: Row[] = [];
for (const method of ['fused', 'lexical', 'fused, equal weights'])
  rows.push(
    await evaluate(method, 'no edition named, current-edition passage', currentItems),
    await evaluate(method, 'superseded edition named, that edition', oldItems),
  );
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const table = markdownTable(
  ['questions', 'n', 'top-1', 'top-3', 'MRR@5', 'missed top 3'],
  rows.map((r) => [r.group, r.n, pct(r.top1), pct(r.top3), r.mrr5.toFixed(3), r.misses.join(', ') || 'none']),
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const body = [
  `Retrieval only (no language model exists in the product yet): ${GUIDELINE_PASSAGES.length} passages, ${items.length} hand-written questions. fused (the default of \`eval guideline-qa\` and the search route): ${SEMANTIC_RETRIEVAL_METHOD}. lexical (ablation, no embeddings): ${RETRIEVAL_METHOD}.`,
  '',
  table,
  '',
  `Median search time per question after warm-up: fused ${median(timings.fused!).toFixed(1)} ms, lexical ${median(timings.lexical!).toFixed(2)} ms; loading the sentence encoder and embedding the passages once took ${(semanticLoadMs / 1000).toFixed(1)} s.`,
  '',
  'Limits: the questions were written by the author of the passages at the same time, so they share wording and',
  'the rates are optimistic; they are not the held-out guideline questions the issue target refers to. A hit is the',
  'exact passage expected, so a neighbouring passage that also answers the question counts as a miss. The embedding',
  'vote of the default fusion (×0.5) was chosen on these same questions after equal weights scored lower (row',
  '"fused, equal weights"), so the fused row is tuned to this set.',
].join('\n');

console.log(table);
updateBenchmarkSection(
  'llm',
  'Guideline retrieval (bench:llm, retrieval part only)',
  'npm run bench:llm',
  body,
);
console.log('\nwrote the llm section of docs/benchmarks.md');
