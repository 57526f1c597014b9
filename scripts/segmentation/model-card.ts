import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readModelJson } from '../../src/ml/model-file.js';
import {
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  type SegmentationReport,
  type SegmentationView,
  viewsOf,
} from '../../src/vision/segmentation/model.js';

/** A view set in words, e.g. "plain + mirrored ×0.9". */
export function describeViews(views: readonly SegmentationView[]): string {
  return views
    .map((v) => `${v.flip ? 'mirrored' : 'plain'}${v.scale === 1 ? '' : ` ×${v.scale}`}`)
    .join(' + ');
}

const row = (name: string, r: SegmentationReport) =>
  `| ${name} | ${r.n} | ${r.patients} | ${r.dice.toFixed(3)} | ${r.iou.toFixed(3)} | ${r.hd95_px.toFixed(1)} | ${r.diameter_error_pct.toFixed(1)} |`;

type TrainingRecord = Readonly<Record<string, unknown>>;

/** The recipe a refit repeated (`training.refit`: fitted on train + validation), if the model is one. */
function refitOf(h: SegmentationModelFile): { of: string; recipe: TrainingRecord } | undefined {
  const r = h.training.refit as { of?: unknown; recipe?: unknown } | undefined;
  return r?.recipe ? { of: String(r.of), recipe: r.recipe as TrainingRecord } : undefined;
}

/**
 * The training commands that produced a model, first run first: a run started with `--init` records the training
 * record of the model it started from under `previous`. A refit first reproduces the validated model whose recipe it
 * repeats (that chain also produces the refit's starting weights), then runs the refit.
 */
export function trainingChain(h: SegmentationModelFile): string[] {
  const refit = refitOf(h);
  const before = refit ? trainingChain({ ...h, training: refit.recipe }) : [];
  const runs: TrainingRecord[] = [];
  for (let t: TrainingRecord | undefined = h.training; t; t = t.previous as TrainingRecord | undefined)
    runs.unshift(t);
  // A refit's earlier runs are already in its recipe's chain.
  if (refit) runs.splice(0, runs.length - 1);
  const steps = runs.flatMap((t, k) => {
    const args = [`--seed ${h.split.seed}`];
    if (t.initSeed !== undefined && t.initSeed !== h.split.seed)
      args.push(`--init-seed ${String(t.initSeed)}`);
    if (t.startedFrom) args.push(`--init ${String(t.startedFrom)}`);
    if (t.learningRate !== 0.002) args.push(`--lr ${String(t.learningRate)}`);
    if (t.augment === 'strong') args.push('--augment strong');
    if (t.refit) args.push(`--refit ${refit?.of ?? 'models/segmentation/thyroid'}`);
    args.push(
      t.fixedEpochs === undefined ? `--minutes ${String(t.minutes)}` : `--epochs ${String(t.fixedEpochs)}`,
      `--size ${h.config.inputSize}`,
      `--channels ${h.config.channels.join(',')}`,
    );
    args.push(`--out ${t.out ? String(t.out) : 'models/segmentation/thyroid'}`);
    if (t.validationOnly) args.push('--validation-only');
    if (t.averagedEpochs) args.push('--keep-epochs');
    const run = `nice -n 10 npm run train:segmentation -- ${args.join(' ')}`;
    // An earlier run written outside the committed folder was copied there (and finished) before the next started.
    const out = t.out ? String(t.out) : 'models/segmentation/thyroid';
    return k < runs.length - 1 && out !== 'models/segmentation/thyroid'
      ? [
          run,
          `cp ${out}/model.json ${out}/weights.bin models/segmentation/thyroid/ && npm run train:segmentation -- --finish-only`,
        ]
      : [run];
  });
  const last = runs[runs.length - 1];
  // A snapshot average (scripts/segmentation/average.ts) of the last run's saved epochs is copied instead of its best epoch.
  const from = last?.averagedEpochs ? String(last.averagedOut) : last?.out ? String(last.out) : undefined;
  if (last?.averagedEpochs)
    steps.push(
      `npx tsx scripts/segmentation/average.ts --run ${String(last.averagedFrom)} --epochs ${String(last.averagedEpochs)} --out ${from}`,
    );
  if (from && from !== 'models/segmentation/thyroid')
    steps.push(
      `cp ${from}/model.json ${from}/weights.bin models/segmentation/thyroid/ && npm run train:segmentation -- --finish-only`,
    );
  return [...before, ...steps];
}

/** Training seconds over the whole chain of runs (with the refitted recipe's). */
function totalSeconds(h: SegmentationModelFile): number {
  const refit = refitOf(h);
  if (refit) return totalSeconds({ ...h, training: refit.recipe }) + Number(h.training.seconds ?? 0);
  let total = 0;
  for (let t: TrainingRecord | undefined = h.training; t; t = t.previous as TrainingRecord | undefined)
    total += Number(t.seconds ?? 0);
  return total;
}

/** Validation scores of one model in a soup comparison (scripts/segmentation/soup.ts). */
interface SoupRow {
  readonly modelVersion?: string;
  readonly dice: number;
  readonly hd95_px: number;
  readonly diameter_error_pct: number;
}

/** What `scripts/segmentation/soup.ts --validate --json FILE` records (validation split only). */
export interface SoupValidation {
  readonly command: string;
  readonly split: 'validation';
  readonly crops: number;
  readonly patients: number;
  readonly rule: {
    readonly minGain: number;
    readonly level: number;
    readonly resamples: number;
    readonly seed: number;
    readonly maxDiameterWorsening: number;
  };
  readonly base: SoupRow;
  readonly members: readonly SoupRow[];
  readonly memberTraining: readonly string[];
  readonly soup: SoupRow;
  readonly outputEnsembleInformationOnly: SoupRow & { readonly passesPerFrame: number };
  readonly gain: { readonly value: number; readonly low: number; readonly high: number };
  readonly cropsImproved: number;
  readonly adopt: boolean;
}

/** Validation scores with or without flip test-time augmentation. */
interface FlipTtaRow {
  readonly dice: number;
  readonly hd95_px: number;
  readonly diameter_error_pct: number;
}

/** Median / p95 time per 256 × 256 frame with or without the flag. */
interface FlipTtaTime {
  readonly endToEndMedianMs: number;
  readonly endToEndP95Ms: number;
  readonly segmentationMedianMs: number;
}

/** What `scripts/segmentation/flip-tta.ts --json FILE` records (validation split only). */
export interface FlipTtaValidation {
  readonly command: string;
  readonly rule: string;
  readonly split: 'validation';
  readonly crops: number;
  readonly patients: number;
  readonly modelVersion: string;
  readonly views: { readonly without: string; readonly with: string };
  readonly ruleNumbers: {
    readonly minGain: number;
    readonly level: number;
    readonly resamples: number;
    readonly seed: number;
    readonly maxMedianMsPerFrame: number;
  };
  readonly without: FlipTtaRow;
  readonly with: FlipTtaRow;
  readonly gain: { readonly value: number; readonly low: number; readonly high: number };
  readonly cropsImproved: number;
  readonly cropsWorse: number;
  readonly timePerFrame: {
    readonly frames: string;
    readonly roi: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
    readonly without: FlipTtaTime;
    readonly with: FlipTtaTime;
  };
  readonly adopt: boolean;
}

/**
 * Records committed beside a model that its card reports: `soup-validation.json` (a weight soup tried on validation)
 * and `flip-tta-validation.json` (flip test-time augmentation tried on validation).
 */
export interface CardRecords {
  readonly soup?: SoupValidation;
  readonly flipTta?: FlipTtaValidation;
}

export function readCardRecords(dir: string): CardRecords {
  const read = <T>(name: string): T | undefined => {
    const file = join(dir, name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  const soup = read<SoupValidation>('soup-validation.json');
  const flipTta = read<FlipTtaValidation>('flip-tta-validation.json');
  return { ...(soup ? { soup } : {}), ...(flipTta ? { flipTta } : {}) };
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;

/** The card's paragraph on a weight soup tried on the validation patients. */
export function soupParagraph(s: SoupValidation): string {
  const r = s.rule;
  return `- **Weight soup ${s.adopt ? 'adopted' : 'tried, not adopted'}** (Wortsman et al. 2022): a second network trained with the last
  run's recipe from the same starting weights with another augmentation stream, its epochs averaged the same way
  (${s.memberTraining.map((c) => `\`${c}\``).join(', then ')}), and the
  uniform average of its weights with the train-only model's (the \`--base\` folder: the model fitted on the training
  patients only, before any refit; same network, so the same time per frame), scored by
  \`${s.command}\`. Rule fixed before the second network was scored: adopt only if, on the ${s.crops} validation crops
  (${s.patients} patients) with the post-processing unchanged, the mean Dice gain is ≥ ${r.minGain}, its ${Math.round(r.level * 100)} % paired
  patient-bootstrap interval (${r.resamples} resamples, seed ${r.seed}) lies above 0, and the median diameter error is not worse
  by more than ${r.maxDiameterWorsening} point. Validation Dice: train-only model ${s.base.dice.toFixed(4)}, second network ${s.members.map((m) => m.dice.toFixed(4)).join(' / ')}, soup
  ${s.soup.dice.toFixed(4)} (gain ${signed(s.gain.value)} [${signed(s.gain.low)}, ${signed(s.gain.high)}], ${s.cropsImproved} of ${s.crops} crops better); median diameter error
  ${s.base.diameter_error_pct.toFixed(2)} → ${s.soup.diameter_error_pct.toFixed(2)} %; HD95 ${s.base.hd95_px.toFixed(1)} → ${s.soup.hd95_px.toFixed(1)} px. For information only (not a candidate), the
  output ensemble of the two (${s.outputEnsembleInformationOnly.passesPerFrame} passes per frame): Dice ${s.outputEnsembleInformationOnly.dice.toFixed(4)}.${s.adopt ? '' : ' The committed model was left unchanged and the test patients were not scored for this.'}
`;
}

/** The card's paragraph on flip test-time augmentation tried on the validation patients. */
export function flipTtaParagraph(f: FlipTtaValidation): string {
  const r = f.ruleNumbers;
  const t = f.timePerFrame;
  return `- **Flip test-time augmentation ${f.adopt ? 'adopted (on by default)' : 'tried, not adopted (off by default)'}**: the engine option \`flipTta\` also runs every
  test-time view on the left–right mirrored ROI and averages all passes (views ${f.views.with} instead of
  ${f.views.without}; prior and threshold unchanged). Compared on the ${f.crops} validation crops (${f.patients} patients) with the
  train-only model (${f.modelVersion}; the \`--base\` folder holds \`model.json\` and \`weights.bin\` as of commit 8179e44) by \`${f.command}\`. Rule fixed and committed before measuring
  (\`${f.rule}\`): adopt only if the mean Dice gain is ≥ ${r.minGain}, its ${Math.round(r.level * 100)} % paired patient-bootstrap interval
  (${r.resamples} resamples, seed ${r.seed}) lies above 0, and the median time per 256 × 256 frame end to end stays ≤ ${r.maxMedianMsPerFrame} ms. Validation Dice
  ${f.without.dice.toFixed(4)} → ${f.with.dice.toFixed(4)} (gain ${signed(f.gain.value)} [${signed(f.gain.low)}, ${signed(f.gain.high)}]; ${f.cropsImproved} crops better, ${f.cropsWorse} worse); median diameter error
  ${f.without.diameter_error_pct.toFixed(2)} → ${f.with.diameter_error_pct.toFixed(2)} %; HD95 ${f.without.hd95_px.toFixed(1)} → ${f.with.hd95_px.toFixed(1)} px; median time per frame ${t.without.endToEndMedianMs.toFixed(1)} → ${t.with.endToEndMedianMs.toFixed(1)} ms.${f.adopt ? '' : ' The test patients were not scored for this.'}
`;
}

/** The model card for a trained segmentation model, from the numbers recorded in its `model.json` (and `records`). */
export function segmentationModelCard(h: SegmentationModelFile, records: CardRecords = {}): string {
  const t = h.training as Record<string, unknown>;
  const chain = trainingChain(h).filter((step) => step.startsWith('nice '));
  const refit = refitOf(h);
  const fitted = refit ? (t.refit as { images: number; patients: number }) : undefined;
  // The mean outline (baseline and prior) is taken over the fitted patients: train + validation in a refit.
  const outlines = refit ? 'training + validation' : 'training';
  const epochs = t.averagedEpochs
    ? `weights averaged over epochs ${String(t.averagedEpochs)}${refit ? ', as in the recipe' : `, chosen on validation; best single epoch ${String(t.bestEpoch)}`}`
    : refit
      ? 'last epoch'
      : `best validation epoch ${String(t.bestEpoch)}`;
  return `# Model card: thyroid nodule outline on ultrasound (${h.modelId})

_Generated by \`npm run train:segmentation\` from the numbers recorded in \`model.json\`; edit \`scripts/segmentation/model-card.ts\`._

## Intended use

Decision support at the ultrasound device: inside an operator-placed region of interest (ROI) around one thyroid
nodule, outline the nodule and give a per-pixel probability of "inside the nodule", from which the longest diameter
and the perpendicular one are measured. The sonographer confirms or corrects the outline and the measurement; nothing
is written to the record without that acceptance. Not a diagnosis and not a medical device.

## Data and split

- ${String(t.data)}: ${h.split.images.train + h.split.images.validation + h.split.images.test} crops (300 × 300) with an expert outline, from ${h.split.patients.train + h.split.patients.validation + h.split.patients.test} patients (DDTI image number = patient).
- Seeded by-patient split (seed ${h.split.seed}, 70 / 15 / 15 % of patients): train ${h.split.images.train} crops / ${h.split.patients.train} patients;
  validation ${h.split.images.validation} / ${h.split.patients.validation} (picks the epoch); test ${h.split.images.test} / ${h.split.patients.test} (reported below, never used for a choice).
${
  fitted && refit
    ? `- **Final refit**: every setting (starting weights, learning rate, epoch count, averaged epochs, post-processing) was
  chosen on the validation split with the model trained on the training patients only (version ${String((t.refit as { modelVersion?: unknown }).modelVersion)}); that recipe was
  then repeated once on the training + validation patients (${fitted.images} crops / ${fitted.patients} patients). The validation row below is that
  train-only model's (the refit has seen the validation patients); the test patients were used by neither.
- **Adoption rule, fixed before the refit's test score was seen**: a refit whose training completes normally (all
  planned epochs, a sane training-loss curve) replaces the train-only model whatever its test score (the same recipe on
  more patients is the standard final step). No validation check of the refit is possible: every non-test patient was
  fitted, so its own validation numbers would be on fitted patients and are not computed.
`
    : ''
}- Held-out test patients: ${h.split.testPatients.join(', ')}.

## Metrics (whole crop as ROI, at the crop's 300 × 300 resolution)

Dice and IoU are means over images; HD95 is the mean of per-image 95th-percentile boundary distances (pixels; an
empty outline scores the image diagonal); diameter error is the median |model − expert| longest diameter, % of the
expert's. The baseline is the mean of the ${outlines} outlines, the same for every image (it ignores the pixels).

| model / split | images | patients | Dice | IoU | HD95 px | diameter error % |
| --- | --- | --- | --- | --- | --- | --- |
${row(refit ? 'U-Net validation (train-only model of the recipe)' : 'U-Net validation', h.metrics.validation)}
${row('U-Net test', h.metrics.test)}
${row('mean-outline baseline test', h.metrics.baselineTest)}

Reproduce the test row: \`npm run bench:device\` (it evaluates the held-out patients listed above).

## Network and training

- U-Net (Ronneberger et al. 2015) with ${h.config.channels.length} levels, channels ${h.config.channels.join(' / ')}, input ${h.config.inputSize} × ${h.config.inputSize} (the ROI is resampled, standardised per ROI; the output is mapped back to the ROI's pixels bilinearly, thresholded at ${h.threshold}, largest connected region kept). ${String(t.parameters)} parameters (float32).
- ${chain.length > 1 ? 'Last run: ' : ''}${String(t.loss)}; ${String(t.optimiser)}; learning rate ${String(t.learningRate)}; batch ${String(t.batchSize)}; ${String(t.epochs)} epochs ${t.fixedEpochs === undefined ? `in a ${String(t.minutes)}-minute budget` : '(fixed)'} (${epochs}), ${String(t.seconds)} s on this 2-core machine with other work running (TensorFlow.js wasm backend).
- Augmentation: ${String(t.augmentation)}.
- Post-processing: ${h.postprocess ? `average of the test-time views ${describeViews(viewsOf(h.postprocess))} (mirrored = left–right mirror of the ROI; ×s = ROI scaled by s about its centre, mapped back), blend with the mean ${outlines} outline at weight ${h.postprocess.priorWeight}, threshold ${h.threshold}` : `none, threshold ${h.threshold}`}${t.postprocessChoice ? ` (${String(t.postprocessChoice)})` : ''}.
${records.soup ? soupParagraph(records.soup) : ''}${records.flipTta ? flipTtaParagraph(records.flipTta) : ''}- Reproduce, in order (each run starts from the weights of the one before${chain.length > 1 ? `; ${chain.length} training runs, ${totalSeconds(h)} s in all` : ''}; timing depends on load, so the epoch
  counts and weights can differ):
${trainingChain(h)
  .map((step, i) => `  ${i + 1}. \`${step}\``)
  .join('\n')}

## Limitations

- One public data set from one centre (DDTI, Colombia), crops already centred on the nodule by the preprocessing; a
  live ROI placed by an operator will be less centred. The augmentation shifts and scales the ROI, but accuracy on
  off-centre ROIs has not been measured against an outline.
- The outlines come from one annotation per image; inter-observer variation is not known here.
- Masks of crops with two nodules were split by the preprocessing; the network outlines one region (the largest).
- The crops were resized to a square by the preprocessing, so the aspect ratio of the original scan is lost; measured
  diameters on these crops are in crop pixels. On a device frame the measurement uses the frame's own calibration.
- Few patients (${h.split.patients.test} in the test split): the test numbers have wide uncertainty.
- The test split was scored once after each development round (the rounds and their test figures are listed in
  docs/device.md). No setting was chosen on it, but repeated looks make the reported test figure slightly optimistic.
`;
}

// `npx tsx scripts/segmentation/model-card.ts DIR` re-renders DIR/MODEL_CARD.md from DIR/model.json and the records
// beside it, without scoring anything.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? 'models/segmentation/thyroid');
  const h = readModelJson<SegmentationModelFile>(join(dir, 'model.json'), SEGMENTATION_FORMAT);
  writeFileSync(join(dir, 'MODEL_CARD.md'), segmentationModelCard(h, readCardRecords(dir)));
  console.log(`wrote ${join(dir, 'MODEL_CARD.md')}`);
}
