/**
 * Trains the abstract-only study-design model (models/literature/design.json). Labels are weak: the design that the
 * record's own MeSH headings / publication types give (`designFromIndexing`), on the Cohen 2006 screening records
 * (MeSH in `keywords`, de-duplicated by PMID) and the 604 MEDLINE records. Features never include MeSH. Split: 80 %
 * train / 20 % test by a hash of the PMID (own split); the threshold is chosen on the training part.
 *
 *   nice -n 10 npm run train:literature-design
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { requireDataset } from '../src/app/datasets.js';
import { parseCsv } from '../src/literature/csv.js';
import { type DesignModel, designFeatureKeys, designProbabilities } from '../src/literature/design-model.js';
import { designFromIndexing, type StudyDesign } from '../src/literature/evidence.js';
import { parseMedlineXml } from '../src/literature/formats.js';

interface Example {
  pmid: string;
  title: string;
  abstract: string;
  design: StudyDesign | 'other';
}
const lit = requireDataset('literature');
const seen = new Set<string>();
const examples: Example[] = [];
const add = (pmid: string, title: string, abstract: string, mesh: string[], pts: string[]) => {
  if (!pmid || seen.has(pmid) || abstract.trim().length < 100) return;
  seen.add(pmid);
  const d = designFromIndexing({ mesh, publicationTypes: pts });
  examples.push({ pmid, title, abstract, design: d?.design ?? 'other' });
};
for (const f of readdirSync(join(lit, 'cohen2006_sr_screening'))
  .filter((x) => x.endsWith('.csv'))
  .sort()) {
  const { header, rows } = parseCsv(readFileSync(join(lit, 'cohen2006_sr_screening', f), 'utf8'), f);
  const col = (n: string) => header.indexOf(n);
  for (const r of rows)
    add(
      r.cells[col('pubmedID')]!,
      r.cells[col('title')]!,
      r.cells[col('abstract')]!,
      r.cells[col('keywords')]!.split(';').map((s) => s.trim()),
      [],
    );
}
for (const a of parseMedlineXml(
  gunzipSync(readFileSync(join(lit, 'medline_xml', 'medline16n0902_sample.xml.gz'))).toString('utf8'),
))
  add(a.pmid ?? a.id, a.title, a.abstract, [...a.mesh], [...a.publicationTypes]);

const isTest = (pmid: string) => createHash('sha256').update(pmid).digest()[0]! < 52; // ≈ 20 %
const counts: Record<string, number> = {};
for (const e of examples) counts[e.design] = (counts[e.design] ?? 0) + 1;
console.log(`${examples.length} records with abstracts; weak labels:`, counts);
const classes = (Object.entries(counts) as [StudyDesign | 'other', number][])
  .filter(([d, n]) => d !== 'other' && n >= 20)
  .map(([d]) => d as StudyDesign)
  .sort();
const train = examples.filter((e) => !isTest(e.pmid));
const test = examples.filter((e) => isTest(e.pmid));

// vocabulary: the 3,000 most frequent features (document frequency ≥ 3) of the training part
const df = new Map<string, number>();
for (const e of train)
  for (const k of designFeatureKeys(e.title, e.abstract).keys()) df.set(k, (df.get(k) ?? 0) + 1);
const vocabulary = [...df.entries()]
  .filter(([, n]) => n >= 3)
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  .slice(0, 3000)
  .map(([k]) => k);
const idf = vocabulary.map(
  (k) => Math.round((Math.log((train.length + 1) / (df.get(k)! + 1)) + 1) * 1e4) / 1e4,
);
const index = new Map(vocabulary.map((v, i) => [v, i]));
const vec = (e: Example) => {
  const out: [number, number][] = [];
  for (const [k, c] of designFeatureKeys(e.title, e.abstract)) {
    const i = index.get(k);
    if (i !== undefined) out.push([i, (1 + Math.log(c)) * idf[i]!]);
  }
  const n = Math.sqrt(out.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return out.map(([i, v]) => [i, v / n] as [number, number]);
};
const X = train.map(vec);
const weights = classes.map(() => new Array<number>(vocabulary.length).fill(0));
const bias = classes.map(() => 0);
classes.forEach((cls, c) => {
  const y = train.map((e) => (e.design === cls ? 1 : 0));
  const pos = y.filter(Boolean).length;
  const wPos = train.length / (2 * pos);
  const wNeg = train.length / (2 * (train.length - pos));
  const w = weights[c]!;
  for (let epoch = 0; epoch < 15; epoch++) {
    for (let i = 0; i < X.length; i++) {
      const lr = 0.3 / (1 + epoch);
      let s = bias[c]!;
      for (const [j, v] of X[i]!) s += w[j]! * v;
      const p = 1 / (1 + Math.exp(-s));
      const g = (p - y[i]!) * (y[i] ? wPos : wNeg);
      for (const [j, v] of X[i]!) w[j] = w[j]! - lr * (g * v + 1e-4 * w[j]!);
      bias[c] = bias[c]! - lr * g * 0.1;
    }
  }
});
const model: DesignModel = {
  format: 'healthgpt.literature-design/1',
  classes,
  vocabulary,
  idf,
  weights: weights.map((w) => w.map((x) => Math.round(x * 1e4) / 1e4)),
  bias: bias.map((x) => Math.round(x * 1e4) / 1e4),
  threshold: 0.8,
  trainedOn: `weak labels (design from MeSH/publication types) on ${train.length} records (Cohen 2006 sets + MEDLINE sample, 80 % by PMID hash)`,
};
function evaluate(part: Example[], threshold: number) {
  let answered = 0;
  let correct = 0;
  const perClass: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const c of classes) perClass[c] = { tp: 0, fp: 0, fn: 0 };
  for (const e of part) {
    const p = designProbabilities({ ...model, threshold }, index, e.title, e.abstract);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    const pred = p[best]! >= threshold ? classes[best]! : 'other';
    if (pred !== 'other') {
      answered++;
      if (pred === e.design) correct++;
      else perClass[pred]!.fp++;
    }
    if (pred === e.design && pred !== 'other') perClass[pred]!.tp++;
    else if (e.design !== 'other' && perClass[e.design]) perClass[e.design]!.fn++;
  }
  const f1 = Object.fromEntries(
    Object.entries(perClass).map(([c, m]) => [
      c,
      Math.round(((2 * m.tp) / Math.max(1, 2 * m.tp + m.fp + m.fn)) * 1000) / 1000,
    ]),
  );
  return {
    n: part.length,
    answered,
    precisionWhenAnswered: Math.round((correct / Math.max(1, answered)) * 1000) / 1000,
    f1,
  };
}
let bestT = 0.5;
let bestScore = -1;
for (const t of [0.5, 0.6, 0.7, 0.8, 0.9]) {
  const r = evaluate(train, t);
  const macro = Object.values(r.f1).reduce((s, x) => s + x, 0) / classes.length;
  if (macro > bestScore) {
    bestScore = macro;
    bestT = t;
  }
}
const final: DesignModel = {
  ...model,
  threshold: bestT,
  metrics: {
    trainThresholdChoice: bestT,
    test: evaluate(test, bestT),
    trainInSample: evaluate(train, bestT),
  },
};
console.log(JSON.stringify(final.metrics, null, 1));
mkdirSync('models/literature', { recursive: true });
writeFileSync('models/literature/design.json', `${JSON.stringify(final)}\n`);
console.log('wrote models/literature/design.json');
