import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, shuffle } from '../ml/random.js';
import type { SplitName, SplitSource } from '../ml/split-source.js';
import { analyseNote, type DeidModel, detectPhi, MODEL_CLASSES, modelFromFile } from './detect.js';
import {
  goldByNote,
  SPLIT,
  type SplitPart,
  splitByPatient,
  TokenCounter,
  type TokenMetrics,
} from './evaluation.js';
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
import { evaluationTokens } from './tokens.js';
import type { PhiSpan } from './types.js';

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
  /** Thresholds tried on the out-of-fold predictions, in units of the margin scale. */
  readonly thresholds?: readonly number[];
  readonly version?: string;
  /** Update size when an identifier was missed (1: plain perceptron; default 2). */
  readonly missCost?: number;
  /** `false`: one threshold for every class (default: thresholds of single classes where they help out of fold). */
  readonly classThresholds?: false;
  /** Folds (by patient) of the cross-validation that chooses the threshold (default 5). */
  readonly folds?: number;
  /**
   * Partitions of the development patients into folds (seeds `seed`, `seed + 1` …), their out-of-fold counts pooled
   * (default 3): one partition's threshold rides on its luck (each partition's own training rule gave out-of-fold
   * recall 0.980, 0.977 and 0.969 with the folds of seeds 15, 16 and 17).
   */
  readonly repeats?: number;
  /**
   * Out-of-fold precision kept above the precision target when recall decides the threshold (default 0.02: the
   * held-out precision of model 1.2.0 came out 0.014 under its out-of-fold precision).
   */
  readonly precisionMargin?: number;
  /** Perceptrons fitted with different example orders whose weights are averaged into one (default 1). */
  readonly bags?: number;
  readonly dict?: Dictionaries;
  readonly log?: (line: string) => void;
}

/** The precision target of the issue (token level). */
const PRECISION_TARGET = 0.9;

const key = (n: PhysionetNote) => `${n.pid} ${n.note}`;

/** Common words: seen as non-identifiers at least `minVocab` times and at least four times as often as identifiers. */
function commonWords(split: DeidSplit, dict: Dictionaries, minVocab: number): Set<string> {
  const counts = new Map<string, { o: number; phi: number }>();
  for (const n of split.notes) {
    const a = analyseNote(n.text, new Set(), dict);
    const y = labels(split.gold.get(key(n)) ?? [], a.tokens);
    for (const [i, t] of a.tokens.entries()) {
      if (!isCandidate(t.text)) continue;
      const lw = t.text.toLowerCase();
      const c = counts.get(lw) ?? { o: 0, phi: 0 };
      if (y[i] === 0) c.o++;
      else c.phi++;
      counts.set(lw, c);
    }
  }
  return new Set([...counts].filter(([, c]) => c.o >= minVocab && c.o >= 4 * c.phi).map(([w]) => w));
}

export interface FitSettings {
  readonly epochs: number;
  readonly missCost: number;
  readonly seed: number;
  readonly minVocab: number;
  readonly bags: number;
  readonly dict: Dictionaries;
  readonly version: string;
  readonly log: (line: string) => void;
}

/**
 * Fits the averaged perceptron on one set of notes. The margin scale is the median |best identifier − not an
 * identifier| over the model's own training tokens, so that thresholds in units of it mean the same for a fold's
 * model and for the final one.
 */
export function fitDeidModel(split: DeidSplit, s: FitSettings): PerceptronFile {
  const vocab = commonWords(split, s.dict, s.minVocab);
  const examples = split.notes.map((n) => {
    const a = analyseNote(n.text, vocab, s.dict);
    return { a, y: labels(split.gold.get(key(n)) ?? [], a.tokens) };
  });
  const bags: Perceptron[] = [];
  for (let bag = 0; bag < s.bags; bag++) {
    const perceptron = new Perceptron(MODEL_CLASSES);
    const random = seededRandom(s.seed + bag);
    for (let epoch = 0; epoch < s.epochs; epoch++) {
      let errors = 0;
      let seen = 0;
      for (const ex of shuffle(examples, random)) {
        for (let i = 0; i < ex.a.features.length; i++) {
          if (ex.a.features[i]!.length === 0 || ex.a.strong[i]) continue;
          seen++;
          if (perceptron.update(ex.a.features[i]!, ex.y[i]!, ex.y[i] === 0 ? 1 : s.missCost)) errors++;
        }
      }
      s.log(`  ${s.bags > 1 ? `bag ${bag + 1}, ` : ''}epoch ${epoch + 1}: ${errors} errors / ${seen} tokens`);
    }
    perceptron.average();
    bags.push(perceptron);
  }
  const perceptron = Perceptron.mean(bags);
  const weights = perceptron.serialise();
  const unscaled: PerceptronFile = {
    format: 'healthgpt.deid.perceptron/1',
    version: s.version,
    classes: MODEL_CLASSES,
    vocab: [...vocab].sort(),
    threshold: 0,
    scale: 1,
    weights,
    training: {},
  };
  const probe = modelFromFile(unscaled);
  const margins: number[] = [];
  for (const ex of examples)
    for (const f of ex.a.features) {
      if (f.length === 0) continue;
      const sc = probe.perceptron.scores(f);
      margins.push(Math.abs(Math.max(...sc.slice(1)) - sc[0]!));
    }
  margins.sort((x, y) => x - y);
  return { ...unscaled, scale: Math.max(1e-6, margins[Math.floor(margins.length / 2)] ?? 1) };
}

/** Patients of the development notes dealt into `k` folds (seeded). */
export function patientFolds(notes: readonly PhysionetNote[], k: number, seed: number): Map<string, number> {
  const pids = shuffle([...new Set(notes.map((n) => n.pid))].sort(), seededRandom(seed));
  return new Map(pids.map((pid, i) => [pid, i % k]));
}

/**
 * The k models of a cross-validation by patient: each fitted on the other folds, with the notes of its own fold
 * (which it never saw) to score. Used to choose the threshold and by `scripts/deid-oof-errors.ts`.
 */
export function* outOfFoldModels(
  development: DeidSplit,
  k: number,
  settings: FitSettings,
): Generator<{ fold: number; notes: PhysionetNote[]; model: DeidModel }> {
  const folds = patientFolds(development.notes, k, settings.seed);
  for (let fold = 0; fold < k; fold++) {
    const inFold = (n: PhysionetNote) => folds.get(n.pid) === fold;
    settings.log(`fold ${fold + 1}/${k}`);
    const model = modelFromFile(
      fitDeidModel(
        { notes: development.notes.filter((n) => !inFold(n)), gold: development.gold, patients: 0 },
        settings,
      ),
    );
    yield { fold, notes: development.notes.filter(inFold), model };
  }
}

/**
 * Trains the token classifier on the development patients (`train` and `calibration` splits together; no other
 * split is read). The threshold is chosen by k-fold cross-validation by patient, repeated over `repeats` partitions
 * with their counts pooled: each fold's notes are scored by a model fitted on the other folds, and the threshold
 * (in units of the margin scale) is the one with the highest out-of-fold precision among those reaching the recall target with precision ≥ 0.9, else the one with the most
 * out-of-fold recall whose precision is ≥ 0.92 (the target with a margin), else the best out-of-fold F2.
 * The committed model is then fitted on all development patients.
 */
export function fitSettings(options: TrainOptions = {}): FitSettings {
  return {
    epochs: options.epochs ?? 6,
    missCost: options.missCost ?? 2,
    seed: options.seed ?? SPLIT.seed,
    minVocab: options.minVocab ?? 3,
    bags: options.bags ?? 1,
    dict: options.dict ?? loadDictionaries(),
    version: options.version ?? '1.5.0',
    log: options.log ?? (() => {}),
  };
}

/** The development patients: the `train` and `calibration` splits together (the held-out split is not read). */
export function developmentSplit(source: SplitSource<DeidSplit>): {
  development: DeidSplit;
  train: DeidSplit;
  tune: DeidSplit;
} {
  const train = source.read('train');
  const tune = source.read('calibration');
  const development: DeidSplit = {
    notes: [...train.notes, ...tune.notes],
    gold: new Map([...train.gold, ...tune.gold]),
    patients: train.patients + tune.patients,
  };
  return { development, train, tune };
}

/** Classes the model decides at least this often (at the common threshold, out of fold) get a threshold of their own. */
const MIN_CLASS_TOKENS = 10;

/** Adds the evaluation tokens covered by the model's own spans, by class, as true or false positives. */
export function countModelTokens(
  text: string,
  gold: readonly GoldSpan[],
  spans: readonly PhiSpan[],
  into: Map<string, { tp: number; fp: number }>,
): void {
  const model = spans.filter((p) => p.source === 'model');
  if (model.length === 0) return;
  for (const t of evaluationTokens(text)) {
    const p = model.find((x) => x.start < t.end && t.start < x.end);
    if (!p) continue;
    const e = into.get(p.category) ?? { tp: 0, fp: 0 };
    if (gold.some((x) => x.start < t.end && t.start < x.end)) e.tp++;
    else e.fp++;
    into.set(p.category, e);
  }
}

/**
 * The thresholds of single classes (multipliers of the scale) with the most out-of-fold true positives whose
 * precision stays at or above `floor`, fewest false positives on a tie, then the nearest to the common threshold;
 * estimated by swapping each class's model decisions at the common threshold for those at its own. Undefined when
 * no combination beats the common threshold.
 */
export function classCombination(
  multipliers: readonly number[],
  byClass: readonly ReadonlyMap<string, { tp: number; fp: number }>[],
  chosen: { multiplier: number; tp: number; fp: number },
  floor: number,
): Record<string, number> | undefined {
  const at = multipliers.indexOf(chosen.multiplier);
  const base = byClass[at]!;
  const classes = [...base]
    .filter(([, c]) => c.tp + c.fp >= MIN_CLASS_TOKENS)
    .map(([c]) => c)
    .sort();
  let best: { tp: number; fp: number; distance: number; pick: number[] } | undefined;
  const pick: number[] = new Array(classes.length).fill(at);
  const visit = (c: number, tp: number, fp: number, distance: number) => {
    if (c === classes.length) {
      if (tp / (tp + fp || 1) < floor) return;
      if (
        !best ||
        tp > best.tp ||
        (tp === best.tp && (fp < best.fp || (fp === best.fp && distance < best.distance)))
      )
        best = { tp, fp, distance, pick: [...pick] };
      return;
    }
    const name = classes[c]!;
    const b = base.get(name)!;
    for (let j = 0; j < multipliers.length; j++) {
      const e = byClass[j]!.get(name) ?? { tp: 0, fp: 0 };
      pick[c] = j;
      visit(
        c + 1,
        tp + e.tp - b.tp,
        fp + e.fp - b.fp,
        distance + Math.abs(multipliers[j]! - chosen.multiplier),
      );
    }
    pick[c] = at;
  };
  visit(0, chosen.tp, chosen.fp, 0);
  if (!best || best.tp <= chosen.tp) return undefined;
  const found = best;
  return Object.fromEntries(classes.map((c, i) => [c, multipliers[found.pick[i]!]!]));
}

/** The operating point chosen out of fold: one threshold, the thresholds of single classes, and their scores. */
export interface ChosenThresholds {
  readonly multiplier: number;
  readonly classMultipliers: Record<string, number> | undefined;
  readonly outOfFold: TokenMetrics;
  readonly outOfFoldOneThreshold: TokenMetrics;
  readonly precisionFloor: number;
  readonly target: number;
}

/**
 * The training rule's thresholds from the fold models of a cross-validation: the one with the highest out-of-fold
 * precision among those reaching the recall target with precision >= 0.9, else the most out-of-fold recall with
 * precision >= the floor (the target with a margin), else the best F2; then the thresholds of single classes with
 * the most recall above the floor, kept only when rescoring the folds confirms them. Shared by `trainDeid` and
 * `scripts/deid-oof-errors.ts --training-rule` (a candidate compared at its own operating point).
 */
export function chooseThresholds(
  folds: readonly { notes: readonly PhysionetNote[]; model: DeidModel }[],
  gold: ReadonlyMap<string, readonly GoldSpan[]>,
  settings: FitSettings,
  options: TrainOptions = {},
): ChosenThresholds {
  const log = settings.log;
  const target = options.targetRecall ?? 0.98;
  const precisionFloor = Math.round((PRECISION_TARGET + (options.precisionMargin ?? 0.02)) * 1000) / 1000;
  const multipliers = options.thresholds ?? [
    -0.4, -0.3, -0.25, -0.2, -0.18, -0.16, -0.14, -0.12, -0.1, -0.09, -0.08, -0.07, -0.06, -0.05, -0.04,
    -0.02, 0, 0.05, 0.1,
  ];

  const counters = multipliers.map(() => new TokenCounter());
  // The model's own decisions by class at each threshold, for the thresholds of single classes.
  const byClass = multipliers.map(() => new Map<string, { tp: number; fp: number }>());
  for (const { notes: foldNotes, model } of folds)
    for (const n of foldNotes)
      for (const [j, m] of multipliers.entries()) {
        const spans = detectPhi(n.text, { model, threshold: m * model.scale, dict: settings.dict });
        counters[j]!.add(n.text, gold.get(key(n)) ?? [], spans);
        countModelTokens(n.text, gold.get(key(n)) ?? [], spans, byClass[j]!);
      }
  const tried = multipliers.map((m, j) => {
    const metrics = counters[j]!.metrics();
    log(`threshold ${m.toFixed(2)}×scale, out of fold: ${JSON.stringify(metrics)}`);
    return { multiplier: m, ...metrics };
  });
  const reaching = tried
    .filter((t) => t.recall >= target && t.precision >= PRECISION_TARGET)
    .sort((a, b) => b.precision - a.precision);
  const f2 = (t: { precision: number; recall: number }) =>
    (5 * t.precision * t.recall) / (4 * t.precision + t.recall || 1);
  // Recall first: the lowest threshold whose out-of-fold precision keeps a margin over the precision target.
  const recallFirst = tried
    .filter((t) => t.precision >= precisionFloor)
    .sort((a, b) => b.recall - a.recall || b.precision - a.precision)[0];
  const chosen = reaching[0] ?? recallFirst ?? [...tried].sort((a, b) => f2(b) - f2(a))[0]!;
  const why = reaching.length
    ? 'recall target reached'
    : recallFirst
      ? `most recall with precision >= ${precisionFloor}`
      : 'best F2';
  log(`chosen threshold ${chosen.multiplier}×scale (${why})`);

  // Thresholds of single classes: the combination with the most out-of-fold recall whose precision stays above the
  // floor, estimated from the model's decisions by class, then checked by scoring the folds again with it.
  const perClass =
    options.classThresholds === false
      ? undefined
      : classCombination(multipliers, byClass, chosen, precisionFloor);
  let outOfFold: TokenMetrics = chosen;
  let classMultipliers: Record<string, number> | undefined;
  if (perClass) {
    const counter = new TokenCounter();
    for (const { notes: foldNotes, model } of folds) {
      const classThresholds = MODEL_CLASSES.map((c) => (perClass[c] ?? chosen.multiplier) * model.scale);
      for (const n of foldNotes)
        counter.add(
          n.text,
          gold.get(key(n)) ?? [],
          detectPhi(n.text, { model, classThresholds, dict: settings.dict }),
        );
    }
    const checked = counter.metrics();
    log(`thresholds by class ${JSON.stringify(perClass)}, out of fold: ${JSON.stringify(checked)}`);
    if (checked.precision >= precisionFloor && checked.recall > chosen.recall) {
      outOfFold = checked;
      classMultipliers = perClass;
    } else log('thresholds by class not kept (no more recall above the precision floor when checked)');
  }
  return {
    multiplier: chosen.multiplier,
    classMultipliers,
    outOfFold,
    outOfFoldOneThreshold: chosen,
    precisionFloor,
    target,
  };
}

export function trainDeid(source: SplitSource<DeidSplit>, options: TrainOptions = {}): PerceptronFile {
  const settings = fitSettings(options);
  const k = options.folds ?? 5;
  const repeats = options.repeats ?? 3;
  const log = settings.log;
  const { development, train, tune } = developmentSplit(source);
  const { notes, gold } = development;
  const seeds = Array.from({ length: repeats }, (_, r) => settings.seed + r);
  const folds = seeds.flatMap((seed) => {
    log(`cross-validation, fold seed ${seed}`);
    return [...outOfFoldModels(development, k, { ...settings, seed })];
  });
  const picked = chooseThresholds(folds, gold, settings, options);
  const { classMultipliers, outOfFold, precisionFloor, target } = picked;
  const chosen = { multiplier: picked.multiplier, ...picked.outOfFoldOneThreshold };

  log('final model on all development patients');
  const final = fitDeidModel(development, settings);
  return {
    ...final,
    threshold: chosen.multiplier * final.scale,
    ...(classMultipliers
      ? {
          classThresholds: Object.fromEntries(
            Object.entries(classMultipliers).map(([c, m]) => [c, m * final.scale]),
          ),
        }
      : {}),
    training: {
      corpus: 'PhysioNet deid 1.1 nursing notes (deid/physionet)',
      split: {
        seed: SPLIT.seed,
        cuts: SPLIT.cuts,
        patients: { development: development.patients, train: train.patients, tune: tune.patients },
      },
      notes: { development: notes.length },
      epochs: settings.epochs,
      missCost: settings.missCost,
      minVocabCount: settings.minVocab,
      crossValidation: {
        folds: k,
        repeats,
        seeds,
        by: 'patient',
        pooled: 'out-of-fold token counts summed over the repeats',
      },
      thresholdRule: `(out-of-fold counts pooled over ${repeats} partitions into ${k} folds) highest out-of-fold precision with token recall >= ${target} and precision >= ${PRECISION_TARGET}, else the most out-of-fold recall with precision >= ${precisionFloor}, else best out-of-fold F2`,
      thresholdMultiplier: chosen.multiplier,
      classThresholdMultipliers: classMultipliers ?? null,
      classThresholdRule: `per class (date, location, name, phone …: classes with at least ${MIN_CLASS_TOKENS} model tokens), the combination of thresholds with the most out-of-fold recall whose precision is >= ${precisionFloor}, estimated from the model's decisions by class and kept only if rescoring the folds confirms it`,
      outOfFold: {
        precision: outOfFold.precision,
        recall: outOfFold.recall,
        f1: outOfFold.f1,
        tp: outOfFold.tp,
        fn: outOfFold.fn,
        fp: outOfFold.fp,
      },
      outOfFoldOneThreshold: { precision: chosen.precision, recall: chosen.recall, f1: chosen.f1 },
      features: Object.keys(final.weights).length,
    },
  };
}
