/**
 * Trains the de-identification token classifier (`models/deid/perceptron.json`) on the PhysioNet deid corpus
 * (`$HEALTHGPT_DATA_DIR/deid/physionet`), split by patient (`SPLIT` in src/deid/evaluation.ts): the perceptron
 * learns on `train`, the decision threshold is chosen on `tune` (highest precision with token recall ≥ 0.98 there;
 * best F2 when no threshold reaches it), and the `heldout` patients are never read here.
 *
 * Run: `npm run train:deid` (a few seconds; deterministic).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { analyseNote, detectPhi, MODEL_CLASSES, modelFromFile } from '../src/deid/detect.js';
import { goldByNote, SPLIT, splitByPatient, TokenCounter } from '../src/deid/evaluation.js';
import { isCandidate } from '../src/deid/features.js';
import { loadDictionaries } from '../src/deid/lexicon.js';
import { Perceptron, type PerceptronFile } from '../src/deid/perceptron.js';
import {
  decodeLatin1,
  type GoldSpan,
  parsePhysionetPhrases,
  parsePhysionetText,
} from '../src/deid/physionet.js';
import { seededRandom, shuffle } from '../src/ml/random.js';

const EPOCHS = 6;
const MIN_VOCAB = 3;
const TARGET_RECALL = 0.98;
const VERSION = '1.0.0';

const dir = requireDataset('deid', 'physionet');
const notes = parsePhysionetText(decodeLatin1(readFileSync(join(dir, 'id.text')), 'id.text'));
const gold = parsePhysionetPhrases(
  decodeLatin1(readFileSync(join(dir, 'id-phi.phrase')), 'id-phi.phrase'),
  notes,
);
const split = splitByPatient(notes);
const byNote = goldByNote(gold);
const train = notes.filter((n) => split.get(n.pid) === 'train');
const tune = notes.filter((n) => split.get(n.pid) === 'tune');
const patients = (part: string) => [...split.values()].filter((p) => p === part).length;

const CATEGORY: Record<string, (typeof MODEL_CLASSES)[number]> = {
  HCPName: 'name',
  PTName: 'name',
  PTNameInitial: 'name',
  RelativeProxyName: 'name',
  Location: 'location',
  Date: 'date',
  DateYear: 'date',
  Age: 'age',
  Phone: 'phone',
  Other: 'id',
};

function labels(spans: readonly GoldSpan[], tokens: readonly { start: number; end: number }[]): number[] {
  return tokens.map((t) => {
    const g = spans.find((s) => s.end > t.start && s.start < t.end);
    return g ? MODEL_CLASSES.indexOf(CATEGORY[g.category] ?? 'id') : 0;
  });
}

// Vocabulary: words seen often as non-identifiers in train, and far more often so than as identifiers.
const dict = loadDictionaries();
const counts = new Map<string, { o: number; phi: number }>();
for (const n of train) {
  const a = analyseNote(n.text, new Set(), dict);
  const y = labels(byNote.get(`${n.pid} ${n.note}`) ?? [], a.tokens);
  for (const [i, t] of a.tokens.entries()) {
    if (!isCandidate(t.text)) continue;
    const lw = t.text.toLowerCase();
    const c = counts.get(lw) ?? { o: 0, phi: 0 };
    if (y[i] === 0) c.o++;
    else c.phi++;
    counts.set(lw, c);
  }
}
const vocab = new Set([...counts].filter(([, c]) => c.o >= MIN_VOCAB && c.o >= 4 * c.phi).map(([w]) => w));

const examples = train.map((n) => {
  const a = analyseNote(n.text, vocab, dict);
  return { features: a.features, y: labels(byNote.get(`${n.pid} ${n.note}`) ?? [], a.tokens), a };
});
const perceptron = new Perceptron(MODEL_CLASSES);
const random = seededRandom(SPLIT.seed);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  let errors = 0;
  let seen = 0;
  for (const ex of shuffle(examples, random)) {
    for (let i = 0; i < ex.features.length; i++) {
      if (ex.features[i]!.length === 0 || ex.a.strong[i]) continue;
      seen++;
      if (perceptron.update(ex.features[i]!, ex.y[i]!)) errors++;
    }
  }
  console.log(`epoch ${epoch + 1}: ${errors} errors / ${seen} tokens`);
}
perceptron.average();
const weights = perceptron.serialise();

function fileWith(threshold: number, scale: number, training: Record<string, unknown>): PerceptronFile {
  return {
    format: 'healthgpt.deid.perceptron/1',
    version: VERSION,
    classes: MODEL_CLASSES,
    vocab: [...vocab].sort(),
    threshold,
    scale,
    weights,
    training,
  };
}

// Margin scale: median |margin| of the tuning tokens the model sees, so scores spread over 0–1.
const probe = modelFromFile(fileWith(0, 1, {}));
const margins: number[] = [];
for (const n of tune) {
  const a = analyseNote(n.text, vocab, dict);
  for (const f of a.features) {
    if (f.length === 0) continue;
    const s = probe.perceptron.scores(f);
    margins.push(Math.abs(Math.max(...s.slice(1)) - s[0]!));
  }
}
margins.sort((x, y) => x - y);
const scale = Math.max(1e-6, margins[Math.floor(margins.length / 2)]!);

function evaluateOn(part: typeof tune, threshold: number) {
  const counter = new TokenCounter();
  for (const n of part)
    counter.add(
      n.text,
      byNote.get(`${n.pid} ${n.note}`) ?? [],
      detectPhi(n.text, { model: probe, threshold, dict }),
    );
  return counter.metrics();
}
const candidates = [-0.6, -0.5, -0.4, -0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.2].map(
  (k) => k * scale,
);
const tried = candidates.map((threshold) => ({ threshold, ...evaluateOn(tune, threshold) }));
for (const t of tried)
  console.log(`threshold ${(t.threshold / scale).toFixed(2)}×scale: ${JSON.stringify(t)}`);
// Highest precision among thresholds that reach the recall target with precision >= 0.9; otherwise best F2
// (recall weighted four times precision: a missed identifier costs more than a removed clinical word).
const reaching = tried
  .filter((t) => t.recall >= TARGET_RECALL && t.precision >= 0.9)
  .sort((a, b) => b.precision - a.precision);
const f2 = (t: { precision: number; recall: number }) =>
  (5 * t.precision * t.recall) / (4 * t.precision + t.recall || 1);
const chosen = reaching[0] ?? [...tried].sort((a, b) => f2(b) - f2(a))[0]!;
console.log(
  `chosen threshold ${chosen.threshold} (${reaching.length ? 'recall target reached' : 'best F2'})`,
);

const file = fileWith(chosen.threshold, scale, {
  corpus: 'PhysioNet deid 1.1 nursing notes (deid/physionet)',
  split: {
    seed: SPLIT.seed,
    cuts: SPLIT.cuts,
    patients: { train: patients('train'), tune: patients('tune'), heldout: patients('heldout') },
  },
  notes: { train: train.length, tune: tune.length },
  epochs: EPOCHS,
  minVocabCount: MIN_VOCAB,
  thresholdRule: `highest tune precision with token recall >= ${TARGET_RECALL} and precision >= 0.9, else best F2`,
  tune: { precision: chosen.precision, recall: chosen.recall, f1: chosen.f1 },
  features: Object.keys(weights).length,
});
writeFileSync(join('models', 'deid', 'perceptron.json'), `${JSON.stringify(file)}\n`);
console.log(
  `wrote models/deid/perceptron.json: ${Object.keys(weights).length} features, vocab ${vocab.size}`,
);
