/**
 * Out-of-fold error analysis of the de-identifier on the DEVELOPMENT patients only (the `train` and `calibration`
 * splits; the held-out patients are never read): the 5-fold cross-validation by patient of `npm run train:deid`,
 * each note scored by a model that never saw its patient, then
 *   - recall and precision over a sweep of thresholds (in units of the margin scale),
 *   - the missed identifier tokens (by gold category) and the false alarms (by rule) at one threshold, in context.
 *
 * Run: `tsx scripts/deid-oof-errors.ts [--threshold -0.05] [--show fn|fp|both] [--limit 400] [--reuse]
 * [--epochs 6] [--miss-cost 2] [--bags 1] [--min-vocab 3] [--sweep -0.2,-0.1,0] [--class-thresholds] [--seed 16]`
 * `--seed` picks the partition into folds (and the fold models' example order) as `npm run train:deid` does for each
 * of its partitions (15, 16, 17; default 15). The fold models saved for `--reuse` are those of the last run's seed.
 * `--class-thresholds` applies, at `--threshold`, the committed model's thresholds of single classes;
 * `--training-rule` instead applies the threshold and class thresholds the training rule chooses from these folds.
 * `--save FILE` writes every identifier or removed token's outcome at `--threshold`; `--against FILE` compares this
 * run with a saved one, token by token: the change in recall and precision with a 95 % bootstrap interval that
 * resamples patients (paired: both runs on the same resampled tokens).
 * `--reuse` loads the fold models saved by the previous run (in $TMPDIR/healthgpt-deid-oof) instead of refitting
 * them: quick when only rules changed, wrong after a feature change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../src/app/datasets.js';
import {
  type DeidModel,
  detectPhi,
  loadDeidModel,
  MODEL_CLASSES,
  modelFromFile,
} from '../src/deid/detect.js';
import { precisionOf, recallOf, TokenCounter } from '../src/deid/evaluation.js';
import type { PerceptronFile } from '../src/deid/perceptron.js';
import type { PhysionetNote } from '../src/deid/physionet.js';
import { evaluationTokens } from '../src/deid/tokens.js';
import {
  chooseThresholds,
  developmentSplit,
  fitSettings,
  outOfFoldModels,
  physionetSource,
} from '../src/deid/train.js';
import type { PhiSpan } from '../src/deid/types.js';
import { bootstrap } from '../src/ml/metrics.js';

const { values } = parseArgs({
  options: {
    threshold: { type: 'string' },
    show: { type: 'string', default: 'both' },
    limit: { type: 'string', default: '400' },
    reuse: { type: 'boolean', default: false },
    'class-thresholds': { type: 'boolean', default: false },
    'training-rule': { type: 'boolean', default: false },
    epochs: { type: 'string' },
    'miss-cost': { type: 'string' },
    bags: { type: 'string' },
    'min-vocab': { type: 'string' },
    seed: { type: 'string' },
    save: { type: 'string' },
    against: { type: 'string' },
    sweep: { type: 'string', default: '-0.4,-0.3,-0.2,-0.15,-0.1,-0.05,0,0.05,0.1' },
  },
});
const cacheDir = join(os.tmpdir(), 'healthgpt-deid-oof');
const settings = fitSettings({
  log: (l) => console.error(l),
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values['miss-cost'] ? { missCost: Number(values['miss-cost']) } : {}),
  ...(values.bags ? { bags: Number(values.bags) } : {}),
  ...(values['min-vocab'] ? { minVocab: Number(values['min-vocab']) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
});
const { development } = developmentSplit(physionetSource(requireDataset('deid', 'physionet')));
const key = (n: PhysionetNote) => `${n.pid} ${n.note}`;

const folds: { notes: PhysionetNote[]; model: DeidModel }[] = [];
if (values.reuse && existsSync(join(cacheDir, 'folds.json'))) {
  const saved = JSON.parse(readFileSync(join(cacheDir, 'folds.json'), 'utf8')) as {
    keys: string[];
    file: PerceptronFile;
  }[];
  const byKey = new Map(development.notes.map((n) => [key(n), n]));
  for (const f of saved)
    folds.push({ notes: f.keys.map((k) => byKey.get(k)!), model: modelFromFile(f.file) });
} else {
  for (const f of outOfFoldModels(development, 5, settings)) folds.push(f);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    join(cacheDir, 'folds.json'),
    JSON.stringify(folds.map((f) => ({ keys: f.notes.map(key), file: f.model.file }))),
  );
}

// `--training-rule`: the threshold and thresholds of single classes that `npm run train:deid` would choose from these
// fold models (a candidate recipe compared at its own operating point), instead of `--threshold` and the committed ones.
const picked = values['training-rule']
  ? chooseThresholds(folds, development.gold, { ...settings, log: () => {} })
  : undefined;
if (picked)
  console.log(
    `training rule: threshold ${picked.multiplier}×scale, classes ${JSON.stringify(picked.classMultipliers ?? {})}`,
  );
const sweep = values.sweep!.split(',').map(Number);
const chosen = picked
  ? picked.multiplier
  : values.threshold === undefined
    ? undefined
    : Number(values.threshold);
const multipliers = chosen === undefined || sweep.includes(chosen) ? sweep : [...sweep, chosen];
// `--class-thresholds`: at the chosen threshold, the committed model's thresholds of single classes (in units of
// the scale, from its training facts) for the classes that have one.
const perClass = picked
  ? picked.classMultipliers
  : values['class-thresholds']
    ? ((loadDeidModel().file.training.classThresholdMultipliers ?? undefined) as
        | Record<string, number>
        | undefined)
    : undefined;
const counters = multipliers.map(() => new TokenCounter());
const predictedAt = new Map<string, PhiSpan[]>();
const t0 = performance.now();
for (const { notes, model } of folds)
  for (const n of notes)
    for (const [j, m] of multipliers.entries()) {
      const spans = detectPhi(n.text, {
        model,
        ...(perClass && m === (chosen ?? -0.05)
          ? { classThresholds: MODEL_CLASSES.map((c) => (perClass[c] ?? m) * model.scale) }
          : { threshold: m * model.scale }),
        dict: settings.dict,
      });
      counters[j]!.add(n.text, development.gold.get(key(n)) ?? [], spans);
      if (m === (chosen ?? -0.05)) predictedAt.set(key(n), spans);
    }
console.log(
  `scored ${development.notes.length} notes at ${multipliers.length} thresholds in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
for (const [j, m] of multipliers.entries()) {
  const r = counters[j]!.metrics();
  console.log(
    `threshold ${m.toFixed(2)}×scale: recall ${r.recall.toFixed(4)} precision ${r.precision.toFixed(4)} f1 ${r.f1.toFixed(4)} (tp ${r.tp} fn ${r.fn} fp ${r.fp})`,
  );
}

// Errors at the chosen threshold (default −0.05).
const at = chosen ?? -0.05;
const limit = Number(values.limit);
const fns: { cat: string; line: string }[] = [];
const fps: { rule: string; line: string }[] = [];
// Every token that is an identifier or was removed, by patient: the unit the bootstrap resamples.
const outcomes: { pid: string; key: string; gold: boolean; removed: boolean }[] = [];
const ctx = (text: string, s: number, e: number) =>
  `${text.slice(Math.max(0, s - 45), s)}[[${text.slice(s, e)}]]${text.slice(e, e + 45)}`.replace(/\s+/g, ' ');
for (const n of development.notes) {
  const gold = development.gold.get(key(n)) ?? [];
  const predicted = predictedAt.get(key(n)) ?? [];
  for (const t of evaluationTokens(n.text)) {
    const g = gold.find((s) => s.start < t.end && t.start < s.end);
    const p = predicted.find((s) => s.start < t.end && t.start < s.end);
    if (g || p) outcomes.push({ pid: n.pid, key: `${key(n)} ${t.start}`, gold: !!g, removed: !!p });
    if (g && !p) fns.push({ cat: g.category, line: `${key(n)}  ${ctx(n.text, t.start, t.end)}` });
    if (p && !g)
      fps.push({ rule: `${p.source}:${p.rule}`, line: `${key(n)}  ${ctx(n.text, t.start, t.end)}` });
  }
}
// Recall and precision of a run with 95 % intervals (patients resampled), and its difference from a saved run.
const interval = (e: { value: number; low: number; high: number }, d = 4) =>
  `${e.value.toFixed(d)} [${e.low.toFixed(d)}, ${e.high.toFixed(d)}]`;
const boot = { resamples: 2000, seed: 15, clusters: outcomes.map((o) => o.pid) };
const removedNow = outcomes.map((o) => Number(o.removed));
const goldNow = outcomes.map((o) => Number(o.gold));
console.log(
  `\nat ${at}×scale, 95 % intervals resampling the ${new Set(boot.clusters).size} patients with an identifier or a removal: recall ${interval(bootstrap(recallOf, removedNow, goldNow, boot))}, precision ${interval(bootstrap(precisionOf, removedNow, goldNow, boot))}`,
);
if (values.save) writeFileSync(values.save, JSON.stringify(outcomes));
if (values.against) {
  // Both runs on the union of their tokens: the score holds this run's decision (bit 1) and the saved one's (bit 2).
  const saved = new Map(
    (JSON.parse(readFileSync(values.against, 'utf8')) as typeof outcomes).map((o) => [o.key, o]),
  );
  const union = new Map(outcomes.map((o) => [o.key, { ...o, before: saved.get(o.key)?.removed ?? false }]));
  for (const [k, o] of saved) if (!union.has(k)) union.set(k, { ...o, removed: false, before: o.removed });
  const rows = [...union.values()];
  const both = rows.map((o) => Number(o.removed) + 2 * Number(o.before));
  const gold = rows.map((o) => Number(o.gold));
  const delta = (f: (r: number[], g: number[]) => number) => (s: number[], g: number[]) =>
    f(
      s.map((x) => x & 1),
      g,
    ) -
    f(
      s.map((x) => x >> 1),
      g,
    );
  const paired = { ...boot, clusters: rows.map((o) => o.pid) };
  const count = (pick: (o: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
  console.log(
    `against ${values.against}: identifier tokens found ${count((o) => o.gold && o.removed && !o.before)} more, ${count((o) => o.gold && !o.removed && o.before)} fewer; false alarms ${count((o) => !o.gold && o.removed && !o.before)} more, ${count((o) => !o.gold && !o.removed && o.before)} fewer`,
  );
  console.log(
    `  change in recall ${interval(bootstrap(delta(recallOf), both, gold, paired))}, in precision ${interval(bootstrap(delta(precisionOf), both, gold, paired))}`,
  );
}

const group = <T extends { line: string }>(rows: T[], by: (r: T) => string) => {
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(by(r), [...(m.get(by(r)) ?? []), r.line]);
  return [...m].sort((a, b) => b[1].length - a[1].length);
};
if (values.show !== 'fp') {
  console.log(`\n== missed identifier tokens at ${at}×scale: ${fns.length} ==`);
  for (const [cat, lines] of group(fns, (r) => r.cat)) {
    console.log(`-- ${cat}: ${lines.length}`);
    for (const l of lines.slice(0, limit)) console.log(`  ${l}`);
  }
}
if (values.show !== 'fn') {
  console.log(`\n== false alarms at ${at}×scale: ${fps.length} ==`);
  for (const [rule, lines] of group(fps, (r) => r.rule)) {
    console.log(`-- ${rule}: ${lines.length}`);
    for (const l of lines.slice(0, limit)) console.log(`  ${l}`);
  }
}
