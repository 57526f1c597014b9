import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, shuffle } from '../ml/random.js';
import type { SplitName, SplitSource } from '../ml/split-source.js';
import { analyseNote, detectPhi, MODEL_CLASSES, modelFromFile } from './detect.js';
import { goldByNote, SPLIT, type SplitPart, splitByPatient, TokenCounter } from './evaluation.js';
import { isCandidate } from './features.js';
import { type Dictionaries, loadDictionaries } from './lexicon.js';
import { Perceptron, type PerceptronFile } from './perceptron.js';
import {
  decodeLatin1,
  type GoldSpan,
  type PhysionetNote,
  parsePhysionetPhrases,
  parsePhysionetText,
} from './physionet.js';

/** Notes of one split with their gold spans. */
export interface DeidSplit {
  readonly notes: readonly PhysionetNote[];
  readonly gold: ReadonlyMap<string, readonly GoldSpan[]>;
  readonly patients: number;
}

const PART_OF: Record<SplitName, SplitPart | undefined> = {
  train: 'train',
  calibration: 'tune',
  validation: 'heldout',
  test: undefined,
};

/**
 * The PhysioNet deid corpus as a split source: `train` (classifier), `calibration` (the tune patients: threshold),
 * `validation` (held-out patients: benchmark only). There is no `test` split.
 */
export function physionetSource(dir: string): SplitSource<DeidSplit> {
  const notes = parsePhysionetText(decodeLatin1(readFileSync(join(dir, 'id.text')), 'id.text'));
  const gold = goldByNote(
    parsePhysionetPhrases(decodeLatin1(readFileSync(join(dir, 'id-phi.phrase')), 'id-phi.phrase'), notes),
  );
  const split = splitByPatient(notes);
  return {
    description: `PhysioNet deid nursing notes, by patient, seed ${SPLIT.seed}, cuts ${SPLIT.cuts.join('/')}`,
    read(name) {
      const part = PART_OF[name];
      if (!part) throw new Error(`the deid corpus has no '${name}' split`);
      const chosen = notes.filter((n) => split.get(n.pid) === part);
      return { notes: chosen, gold, patients: new Set(chosen.map((n) => n.pid)).size };
    },
  };
}

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

export interface TrainOptions {
  readonly epochs?: number;
  readonly seed?: number;
  readonly minVocab?: number;
  readonly targetRecall?: number;
  /** Thresholds tried on the calibration split, in units of the margin scale. */
  readonly thresholds?: readonly number[];
  readonly version?: string;
  /** Update size when an identifier was missed (1: plain perceptron; default 2, chosen by F2 on the tune split). */
  readonly missCost?: number;
  readonly dict?: Dictionaries;
  readonly log?: (line: string) => void;
}

const key = (n: PhysionetNote) => `${n.pid} ${n.note}`;

/**
 * Fits the token classifier on `train`, chooses the threshold on `calibration` (highest precision with recall ≥ the
 * target and precision ≥ 0.9, else best F2). Reads no other split.
 */
export function trainDeid(source: SplitSource<DeidSplit>, options: TrainOptions = {}): PerceptronFile {
  const epochs = options.epochs ?? 6;
  const missCost = options.missCost ?? 2;
  const seed = options.seed ?? SPLIT.seed;
  const minVocab = options.minVocab ?? 3;
  const target = options.targetRecall ?? 0.98;
  const log = options.log ?? (() => {});
  const dict = options.dict ?? loadDictionaries();
  const train = source.read('train');

  const counts = new Map<string, { o: number; phi: number }>();
  for (const n of train.notes) {
    const a = analyseNote(n.text, new Set(), dict);
    const y = labels(train.gold.get(key(n)) ?? [], a.tokens);
    for (const [i, t] of a.tokens.entries()) {
      if (!isCandidate(t.text)) continue;
      const lw = t.text.toLowerCase();
      const c = counts.get(lw) ?? { o: 0, phi: 0 };
      if (y[i] === 0) c.o++;
      else c.phi++;
      counts.set(lw, c);
    }
  }
  const vocab = new Set([...counts].filter(([, c]) => c.o >= minVocab && c.o >= 4 * c.phi).map(([w]) => w));

  const examples = train.notes.map((n) => {
    const a = analyseNote(n.text, vocab, dict);
    return { a, y: labels(train.gold.get(key(n)) ?? [], a.tokens) };
  });
  const perceptron = new Perceptron(MODEL_CLASSES);
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    let seen = 0;
    for (const ex of shuffle(examples, random)) {
      for (let i = 0; i < ex.a.features.length; i++) {
        if (ex.a.features[i]!.length === 0 || ex.a.strong[i]) continue;
        seen++;
        if (perceptron.update(ex.a.features[i]!, ex.y[i]!, ex.y[i] === 0 ? 1 : missCost)) errors++;
      }
    }
    log(`epoch ${epoch + 1}: ${errors} errors / ${seen} tokens`);
  }
  perceptron.average();
  const weights = perceptron.serialise();
  const file = (threshold: number, scale: number, training: Record<string, unknown>): PerceptronFile => ({
    format: 'healthgpt.deid.perceptron/1',
    version: options.version ?? '1.0.0',
    classes: MODEL_CLASSES,
    vocab: [...vocab].sort(),
    threshold,
    scale,
    weights,
    training,
  });

  const tune = source.read('calibration');
  const probe = modelFromFile(file(0, 1, {}));
  const margins: number[] = [];
  for (const n of tune.notes) {
    for (const f of analyseNote(n.text, vocab, dict).features) {
      if (f.length === 0) continue;
      const s = probe.perceptron.scores(f);
      margins.push(Math.abs(Math.max(...s.slice(1)) - s[0]!));
    }
  }
  margins.sort((x, y) => x - y);
  const scale = Math.max(1e-6, margins[Math.floor(margins.length / 2)] ?? 1);
  const tried = (
    options.thresholds ?? [-0.6, -0.5, -0.4, -0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.2]
  ).map((k) => {
    const threshold = k * scale;
    const counter = new TokenCounter();
    for (const n of tune.notes)
      counter.add(n.text, tune.gold.get(key(n)) ?? [], detectPhi(n.text, { model: probe, threshold, dict }));
    const m = counter.metrics();
    log(`threshold ${k.toFixed(2)}×scale: ${JSON.stringify(m)}`);
    return { threshold, ...m };
  });
  const reaching = tried
    .filter((t) => t.recall >= target && t.precision >= 0.9)
    .sort((a, b) => b.precision - a.precision);
  const f2 = (t: { precision: number; recall: number }) =>
    (5 * t.precision * t.recall) / (4 * t.precision + t.recall || 1);
  const chosen = reaching[0] ?? [...tried].sort((a, b) => f2(b) - f2(a))[0]!;
  log(`chosen threshold ${chosen.threshold} (${reaching.length ? 'recall target reached' : 'best F2'})`);
  return file(chosen.threshold, scale, {
    corpus: 'PhysioNet deid 1.1 nursing notes (deid/physionet)',
    split: {
      seed: SPLIT.seed,
      cuts: SPLIT.cuts,
      patients: { train: train.patients, tune: tune.patients },
    },
    notes: { train: train.notes.length, tune: tune.notes.length },
    epochs,
    missCost,
    minVocabCount: minVocab,
    thresholdRule: `highest tune precision with token recall >= ${target} and precision >= 0.9, else best F2`,
    tune: { precision: chosen.precision, recall: chosen.recall, f1: chosen.f1 },
    features: Object.keys(weights).length,
  });
}
