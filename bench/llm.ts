/**
 * `npm run bench:llm`: issue 14's targets. (1) Retrieval — how often the guideline library puts the right passage
 * among the first 3 citations; (2) the language-model gateway (`bench/llm-gateway.ts`) — first streamed token from the
 * in-process fixture model, the gateway's own overhead per request, identifying tokens in outbound requests.
 *
 * Questions: `bench/fixtures/guideline-questions.jsonl`, written by hand by the same person who wrote the passages,
 * at the same time, each with the passage id it should retrieve. They are therefore NOT an independent test set:
 * wording overlaps with the passages more than a stranger's questions would, and the hit rate is optimistic. The
 * issue's target (≥ 90 % on guideline questions not in this repository) needs a held-out set this file is not.
 * Two groups: questions naming no edition (the right passage is the current edition's) and questions naming a
 * superseded edition (the right passage is that edition's).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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
import {
  firstTokenLatency,
  gatewayOverhead,
  latencyCells,
  outboundIdentifyingTokens,
} from './llm-gateway.js';

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
  `Guideline retrieval (what every answer is grounded in, and the whole answer when no model is configured): ${GUIDELINE_PASSAGES.length} passages, ${items.length} hand-written questions. fused (the default of \`eval guideline-qa\` and the search route): ${SEMANTIC_RETRIEVAL_METHOD}. lexical (ablation, no embeddings): ${RETRIEVAL_METHOD}.`,
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

const loadAtStart = loadavg()[0]!;
const latency = await firstTokenLatency();
const overhead = await gatewayOverhead();
const privacy = await outboundIdentifyingTokens();
const latencyHeader = ['what', 'n', 'median', 'p95', 'max'];
const gatewayBody = [
  '',
  '### Language-model gateway',
  '',
  `Machine load (1-minute average) when the gateway timings started: ${loadAtStart.toFixed(1)} on ${cpus().length} cores (timings on a loaded machine are slower than on a quiet one).`,
  '',
  typeof latency === 'string'
    ? `First streamed token: not measured (${latency}).`
    : [
        `First streamed token from the in-process fixture model (\`../shared/fixtures/llm/stories260K.gguf\`, 1.2 MB, llama.cpp via \`@fugood/llama.node\`, CPU, model loaded once before timing; a ${latency.promptTokens}-token chat prompt, up to 32 tokens generated). Target < 50 ms.`,
        '',
        markdownTable(latencyHeader, latency.rows.map(latencyCells)),
        '',
        `Generation speed over those runs: ${latency.tokensPerSecond.toFixed(0)} tokens/s (a 260K-parameter model: a clinical-size model is far slower on CPU).`,
      ].join('\n'),
  '',
  'Gateway overhead per request against a stub provider that answers at once (so all measured time is HealthGPT’s own); overhead = median minus the stub-alone median. Target < 5 ms.',
  '',
  markdownTable(
    [...latencyHeader, 'overhead (median)'],
    overhead.rows.map((r, i) => [
      ...latencyCells(r),
      i === 0
        ? '—'
        : `${[overhead.overhead.gateway, overhead.overhead.gatewayGrounded, overhead.overhead.http, overhead.overhead.httpGrounded][i - 1]!.toFixed(2)} ms`,
    ]),
  ),
  '',
  'Privacy gate: the hand-made de-identification test notes (src/llm/testing/phi-notes.ts: names, dates, record numbers, phone numbers, an e-mail, an address) sent through HealthGPT configured with a remote provider — as system and user messages, streamed, and as an attached case note — to a capture server on 127.0.0.1 that records every request body. Target 0.',
  '',
  markdownTable(
    [
      'requests captured',
      'bytes captured',
      'identifying tokens in the notes',
      'identifying tokens that arrived',
    ],
    [[String(privacy.requests), String(privacy.bytes), String(privacy.inNotes), String(privacy.arrived)]],
  ),
  '',
  'Limits: the notes are few and written by the author of the gate (5 notes, their identifiers listed by hand); a token counts when a name word of an identifier or its whole digit sequence (any grouping) appears. Real notes hold identifier forms these do not. First-token time is for a 260K-parameter model: it measures the plumbing (binding, queue, SSE), not what a clinical model takes.',
].join('\n');
console.log(gatewayBody);
updateBenchmarkSection(
  'llm',
  'Language-model gateway and guideline retrieval (bench:llm)',
  'npm run bench:llm',
  `${body}\n${gatewayBody}`,
);
console.log('\nwrote the llm section of docs/benchmarks.md');
