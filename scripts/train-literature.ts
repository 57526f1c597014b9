/**
 * Trains the literature ranking: (1) chooses FTS5 BM25 field weights on NFCorpus TRAIN queries, (2) fits the learned
 * fusion (logistic regression over BM25, lexical and sentence-embedding features, then coordinate ascent on nDCG@10)
 * on NFCorpus TRAIN queries and the SciFact TRAIN claims with an even id, each collection weighing half, and writes
 * models/literature/fusion.json. NFCorpus dev and the odd-id SciFact train claims are only scored for the card, never
 * used to choose anything; the NFCorpus and SciFact test splits are not in the repository's data at all.
 *
 *   nice -n 10 npm run train:literature
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { sentenceEncoder } from '../src/guidelines/embeddings.js';
import { parseCorpusJsonl, parseQrels, parseQueries, type Query } from '../src/literature/formats.js';
import { FUSION_FEATURES, type FusionModel, isFusionTrainingClaim } from '../src/literature/fusion.js';
import { type FieldWeights, LiteratureIndex } from '../src/literature/index-db.js';
import { hasRelevant, ndcgAtK } from '../src/literature/metrics.js';
import { BM25_DEPTH, type DenseCorpus, fuseCandidates } from '../src/literature/retrieval.js';
import { terms } from '../src/literature/text.js';
import { abstractEmbeddingText, embedAll, embeddingText } from '../src/literature/vectors.js';

const dir = requireDataset('literature', 'nfcorpus');
const corpus = parseCorpusJsonl(readFileSync(join(dir, 'corpus.jsonl'), 'utf8'));
const queries = parseQueries(readFileSync(join(dir, 'queries_train_dev.jsonl'), 'utf8'));
const train = parseQrels(readFileSync(join(dir, 'qrels', 'train.tsv'), 'utf8'));
const dev = parseQrels(readFileSync(join(dir, 'qrels', 'dev.tsv'), 'utf8'));
const trainQ = queries.filter((q) => hasRelevant(train.get(q.id)));
const devQ = queries.filter((q) => hasRelevant(dev.get(q.id)));
console.log(`NFCorpus: ${corpus.length} docs, ${trainQ.length} train queries, ${devQ.length} dev queries`);
const sfDir = requireDataset('literature', 'scifact');
const sfCorpus = parseCorpusJsonl(readFileSync(join(sfDir, 'corpus.jsonl'), 'utf8'));
const sfQueries = parseQueries(readFileSync(join(sfDir, 'claims_train.jsonl'), 'utf8'));
const sfQrels = parseQrels(readFileSync(join(sfDir, 'qrels', 'train.tsv'), 'utf8'));
const sfTrainQ = sfQueries.filter((q) => hasRelevant(sfQrels.get(q.id)) && isFusionTrainingClaim(q.id));
const sfHeldQ = sfQueries.filter((q) => hasRelevant(sfQrels.get(q.id)) && !isFusionTrainingClaim(q.id));
console.log(
  `SciFact: ${sfCorpus.length} docs, ${sfTrainQ.length} even-id train claims, ${sfHeldQ.length} odd-id (held out)`,
);

function meanNdcg(
  index: LiteratureIndex,
  qs: readonly Query[],
  qrels: Map<string, Map<string, number>>,
  rank?: (q: Query) => string[],
): number {
  let s = 0;
  for (const q of qs) {
    const qt = [...new Set(terms(q.text))];
    const ranked = rank ? rank(q) : qt.length ? index.bm25(qt, BM25_DEPTH).map((h) => h.id) : [];
    s += ndcgAtK(ranked, qrels.get(q.id)!, 10);
  }
  return s / qs.length;
}

// (1) BM25 field weights, on TRAIN only.
const index = new LiteratureIndex(':memory:');
index.add(corpus, 'nfcorpus');
let best: { w: FieldWeights; ndcg: number } | undefined;
for (const title of [1, 2, 4, 6, 8]) {
  const w: FieldWeights = { title, abstract: 1, mesh: 1 };
  index.setWeights(w);
  const ndcg = meanNdcg(index, trainQ, train);
  console.log(`  title weight ${title}: train nDCG@10 ${ndcg.toFixed(4)}`);
  if (!best || ndcg > best.ndcg) best = { w, ndcg };
}
index.setWeights(best!.w);
console.log(`chosen field weights ${JSON.stringify(best!.w)} (train nDCG@10 ${best!.ndcg.toFixed(4)})`);
const bm25Dev = meanNdcg(index, devQ, dev);
console.log(`BM25 dev nDCG@10 ${bm25Dev.toFixed(4)} (reported, not used for choices)`);

// (2) Fusion features on TRAIN queries.
const encoder = await sentenceEncoder();
const rows = index.all();
const t0 = Date.now();
const vectors = await embedAll(rows.map((a) => embeddingText(a.title, a.abstract)));
console.log(`corpus vectors ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const dense: DenseCorpus = {
  rowids: rows.map((r) => r.rowid),
  vectors,
  abstractVectors: await embedAll(rows.map((a) => abstractEmbeddingText(a.title, a.abstract))),
};
const qv = await embedAll(queries.map((q) => q.text));
const qvec = new Map(queries.map((q, i) => [q.id, qv[i]!]));
const sfIndex = new LiteratureIndex(':memory:', best!.w);
sfIndex.add(sfCorpus, 'scifact');
const sfRows = sfIndex.all();
const sfDense: DenseCorpus = {
  rowids: sfRows.map((r) => r.rowid),
  vectors: await embedAll(sfRows.map((a) => embeddingText(a.title, a.abstract))),
  abstractVectors: await embedAll(sfRows.map((a) => abstractEmbeddingText(a.title, a.abstract))),
};
const sfQv = await embedAll(sfQueries.map((q) => q.text));
const sfQvec = new Map(sfQueries.map((q, i) => [q.id, sfQv[i]!]));

// Candidates and features of every query, computed once.
interface QueryCands {
  readonly q: Query;
  readonly ids: string[];
  readonly X: number[][];
}
const candsOf = (
  qs: readonly Query[],
  idx: LiteratureIndex,
  dn: DenseCorpus,
  qvecs: Map<string, Float32Array>,
): QueryCands[] =>
  qs.flatMap((q) => {
    const qt = [...new Set(terms(q.text))];
    if (!qt.length) return [];
    const cs = fuseCandidates(idx, qt, qvecs.get(q.id), dn, null);
    return [{ q, ids: cs.map((c) => c.id), X: cs.map((c) => c.features) }];
  });
const trainC = candsOf(trainQ, index, dense, qvec);
const devC = candsOf(devQ, index, dense, qvec);
const sfTrainC = candsOf(sfTrainQ, sfIndex, sfDense, sfQvec);
const sfHeldC = candsOf(sfHeldQ, sfIndex, sfDense, sfQvec);
console.log(`candidates ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const X: number[][] = [];
const Y: number[] = [];
const W: number[] = [];
for (const [cs, qrels] of [
  [trainC, train],
  [sfTrainC, sfQrels],
] as const) {
  let n = 0;
  for (const c of cs) n += c.X.length;
  for (const c of cs) {
    const judged = qrels.get(c.q.id)!;
    c.X.forEach((x, i) => {
      X.push(x);
      Y.push((judged.get(c.ids[i]!) ?? 0) > 0 ? 1 : 0);
      W.push(1 / n); // each collection weighs half of the loss
    });
  }
}
const wSum = W.reduce((a, x) => a + x, 0);
const d = FUSION_FEATURES.length;
const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x, i) => s + W[i]! * x[j]!, 0) / wSum);
const scale = Array.from(
  { length: d },
  (_, j) => Math.sqrt(X.reduce((s, x, i) => s + W[i]! * (x[j]! - mean[j]!) ** 2, 0) / wSum) || 1,
);
const Z = X.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
let w = new Array<number>(d).fill(0);
let b = 0;
const lambda = 1e-3;
for (let it = 0; it < 300; it++) {
  const g = new Array<number>(d).fill(0);
  let gb = 0;
  for (let i = 0; i < Z.length; i++) {
    const z = Z[i]!;
    let s = b;
    for (let j = 0; j < d; j++) s += w[j]! * z[j]!;
    const e = (1 / (1 + Math.exp(-s)) - Y[i]!) * W[i]!;
    for (let j = 0; j < d; j++) g[j]! += e * z[j]!;
    gb += e;
  }
  for (let j = 0; j < d; j++) w[j] = w[j]! - 0.5 * (g[j]! / wSum + lambda * w[j]!);
  b -= 0.5 * (gb / wSum);
}
// Then coordinate ascent on mean nDCG@10 over the TRAIN queries (RankLib-style), from the logistic weights.
const ndcgOf = (
  cs: readonly QueryCands[],
  qrels: Map<string, Map<string, number>>,
  weights: readonly number[],
) => {
  let s = 0;
  for (const c of cs) {
    const scored = c.X.map((x, i) => {
      let v = 0;
      for (let j = 0; j < d; j++) v += weights[j]! * ((x[j]! - mean[j]!) / scale[j]!);
      return [c.ids[i]!, v] as const;
    });
    scored.sort((a, b2) => b2[1] - a[1] || a[0].localeCompare(b2[0]));
    s += ndcgAtK(
      scored.map((x) => x[0]),
      qrels.get(c.q.id)!,
      10,
    );
  }
  return s / cs.length;
};
// The objective: mean of the two collections' train nDCG@10.
const objective = (weights: readonly number[]) =>
  (ndcgOf(trainC, train, weights) + ndcgOf(sfTrainC, sfQrels, weights)) / 2;
const logisticTrain = objective(w);
let bestW = [...w];
let bestScore = logisticTrain;
for (let round = 0; round < 3; round++)
  for (let j = 0; j < d; j++)
    for (const step of [-1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1]) {
      const cand = [...bestW];
      cand[j] = cand[j]! + step;
      const sc = objective(cand);
      if (sc > bestScore + 1e-5) {
        bestScore = sc;
        bestW = cand;
      }
    }
console.log(
  `train objective (mean nDCG@10 of the two collections): logistic ${logisticTrain.toFixed(4)}, after coordinate ascent ${bestScore.toFixed(4)}`,
);
w = bestW;
const model: FusionModel = {
  format: 'healthgpt.literature-fusion/1',
  features: [...FUSION_FEATURES],
  weights: w.map((x) => Math.round(x * 1e6) / 1e6),
  bias: Math.round(b * 1e6) / 1e6,
  mean: mean.map((x) => Math.round(x * 1e6) / 1e6),
  scale: scale.map((x) => Math.round(x * 1e6) / 1e6),
  encoder: encoder.id,
  trainedOn: `NFCorpus train queries (${trainQ.length}) and even-id SciFact train claims (${sfTrainQ.length}); ${X.length} candidate pairs, ${Y.filter((y) => y).length} relevant: logistic regression, then coordinate ascent on nDCG@10`,
};
const fusedTrain = ndcgOf(trainC, train, w);
const fusedDev = ndcgOf(devC, dev, w);
const sfBm25 = (cs: readonly QueryCands[]) =>
  meanNdcg(
    sfIndex,
    cs.map((c) => c.q),
    sfQrels,
  );
const out = {
  ...model,
  fieldWeights: best!.w,
  metrics: {
    nfcorpus_train_bm25_ndcg10: Math.round(best!.ndcg * 1e4) / 1e4,
    nfcorpus_train_fused_ndcg10: Math.round(fusedTrain * 1e4) / 1e4,
    nfcorpus_dev_bm25_ndcg10: Math.round(bm25Dev * 1e4) / 1e4,
    nfcorpus_dev_fused_ndcg10: Math.round(fusedDev * 1e4) / 1e4,
    scifact_even_train_bm25_ndcg10: Math.round(sfBm25(sfTrainC) * 1e4) / 1e4,
    scifact_even_train_fused_ndcg10: Math.round(ndcgOf(sfTrainC, sfQrels, w) * 1e4) / 1e4,
    scifact_odd_heldout_bm25_ndcg10: Math.round(sfBm25(sfHeldC) * 1e4) / 1e4,
    scifact_odd_heldout_fused_ndcg10: Math.round(ndcgOf(sfHeldC, sfQrels, w) * 1e4) / 1e4,
  },
};
console.log(JSON.stringify(out.metrics), 'weights', JSON.stringify(model.weights));
mkdirSync('models/literature', { recursive: true });
writeFileSync('models/literature/fusion.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote models/literature/fusion.json');
