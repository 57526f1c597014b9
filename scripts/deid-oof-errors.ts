/**
 * Out-of-fold error analysis of the de-identifier on the DEVELOPMENT patients only (the `train` and `calibration`
 * splits; the held-out patients are never read): the 5-fold cross-validation by patient of `npm run train:deid`,
 * each note scored by a model that never saw its patient, then
 *   - recall and precision over a sweep of thresholds (in units of the margin scale),
 *   - the missed identifier tokens (by gold category) and the false alarms (by rule) at one threshold, in context.
 *
 * Run: `tsx scripts/deid-oof-errors.ts [--threshold -0.05] [--show fn|fp|both] [--limit 400] [--reuse]
 * [--epochs 6] [--miss-cost 2] [--sweep -0.2,-0.1,0] [--class-thresholds]`
 * `--class-thresholds` applies, at `--threshold`, the committed model's thresholds of single classes.
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
import { TokenCounter } from '../src/deid/evaluation.js';
import type { PerceptronFile } from '../src/deid/perceptron.js';
import type { PhysionetNote } from '../src/deid/physionet.js';
import { evaluationTokens } from '../src/deid/tokens.js';
import { developmentSplit, fitSettings, outOfFoldModels, physionetSource } from '../src/deid/train.js';
import type { PhiSpan } from '../src/deid/types.js';

const { values } = parseArgs({
  options: {
    threshold: { type: 'string' },
    show: { type: 'string', default: 'both' },
    limit: { type: 'string', default: '400' },
    reuse: { type: 'boolean', default: false },
    'class-thresholds': { type: 'boolean', default: false },
    epochs: { type: 'string' },
    'miss-cost': { type: 'string' },
    sweep: { type: 'string', default: '-0.4,-0.3,-0.2,-0.15,-0.1,-0.05,0,0.05,0.1' },
  },
});
const cacheDir = join(os.tmpdir(), 'healthgpt-deid-oof');
const settings = fitSettings({
  log: (l) => console.error(l),
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values['miss-cost'] ? { missCost: Number(values['miss-cost']) } : {}),
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

const sweep = values.sweep!.split(',').map(Number);
const chosen = values.threshold === undefined ? undefined : Number(values.threshold);
const multipliers = chosen === undefined || sweep.includes(chosen) ? sweep : [...sweep, chosen];
// `--class-thresholds`: at the chosen threshold, the committed model's thresholds of single classes (in units of
// the scale, from its training facts) for the classes that have one.
const perClass = values['class-thresholds']
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
const ctx = (text: string, s: number, e: number) =>
  `${text.slice(Math.max(0, s - 45), s)}[[${text.slice(s, e)}]]${text.slice(e, e + 45)}`.replace(/\s+/g, ' ');
for (const n of development.notes) {
  const gold = development.gold.get(key(n)) ?? [];
  const predicted = predictedAt.get(key(n)) ?? [];
  for (const t of evaluationTokens(n.text)) {
    const g = gold.find((s) => s.start < t.end && t.start < s.end);
    const p = predicted.find((s) => s.start < t.end && t.start < s.end);
    if (g && !p) fns.push({ cat: g.category, line: `${key(n)}  ${ctx(n.text, t.start, t.end)}` });
    if (p && !g)
      fps.push({ rule: `${p.source}:${p.rule}`, line: `${key(n)}  ${ctx(n.text, t.start, t.end)}` });
  }
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
