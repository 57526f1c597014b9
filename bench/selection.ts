/**
 * `npm run bench:selection`: the selection history of each committed model — how many candidates were compared, on
 * which split (and its size), and where the reported numbers come from — so the benchmark tables say how often a
 * split was looked at, not only the model cards.
 *
 * Sizes and counts are read from committed records where one exists: the vision `model.json` files (split sizes),
 * `models/vision/defaults.json` (architectures compared), the breast selection log (`models/vision/breast/selection.md`,
 * one row per scored model), the forecast tuning script (`bench/forecast/tune-collect.ts`, one entry per variant),
 * and the project's DDXPlus split (computed from the data when `HEALTHGPT_DATA_DIR` has it). History that no file
 * records as data (what was looked at while developing) is quoted from the model card or doc named in the row.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDataset } from '../src/app/datasets.js';
import { readDdxplusPatients } from '../src/diagnosis/ddxplus/patients.js';
import { DDX_SPLIT } from '../src/diagnosis/eval/split.js';
import { stratifiedSplit } from '../src/ml/split.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

interface VisionHeader {
  readonly modelId: string;
  readonly metrics: { readonly calibration: { n: number }; readonly validation: { n: number } };
}

const rows: string[][] = [];
const visionRoot = 'models/vision';
const defaults = JSON.parse(readFileSync(join(visionRoot, 'defaults.json'), 'utf8')) as Record<
  string,
  { arch: string }
>;
for (const task of Object.keys(defaults)) {
  const arch = defaults[task]!.arch;
  const archs = readdirSync(join(visionRoot, task)).filter((a) =>
    existsSync(join(visionRoot, task, a, 'model.json')),
  );
  const header = JSON.parse(readFileSync(join(visionRoot, task, arch, 'model.json'), 'utf8')) as VisionHeader;
  const { calibration, validation } = header.metrics;
  const log = join(visionRoot, task, 'selection.md');
  if (existsSync(log)) {
    // One table row per scored model in the "Everything tried" table of the selection log.
    const text = readFileSync(log, 'utf8');
    const tried = text.slice(text.indexOf('Everything tried'));
    const scored = tried
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| run ') && !l.startsWith('| ---')).length;
    rows.push([
      header.modelId,
      `${scored} trained or folded networks, then ${archs.length} architectures`,
      `calibration split (n = ${calibration.n})`,
      `validation AUC printed for all ${scored} runs (n = ${validation.n}): no longer untouched`,
      `validation (n = ${validation.n})`,
      `${log}, ${join(visionRoot, task, 'MODEL_CARD.md')}`,
    ]);
  } else {
    rows.push([
      header.modelId,
      `${archs.length} architectures (${archs.join(', ')})`,
      `calibration split (n = ${calibration.n})`,
      'not used for the choice',
      `validation (n = ${validation.n})`,
      join(visionRoot, task, 'MODEL_CARD.md'),
    ]);
  }
}

const ddxData = findDataset('ddxplus', 'patients_dev.csv');
let ddxSizes = 'validation';
let ddxCalibration = 'calibration patients inside training';
if (ddxData) {
  const patients = readDdxplusPatients(ddxData);
  const { train, validation } = stratifiedSplit(
    patients,
    (p) => p.pathology,
    DDX_SPLIT.validationFraction,
    DDX_SPLIT.seed,
  );
  const inner = stratifiedSplit(train, (p) => p.pathology, 0.15, DDX_SPLIT.seed + 1);
  ddxSizes = `validation (n = ${validation.length} patients)`;
  ddxCalibration = `calibration patients inside training (n = ${inner.validation.length})`;
}
rows.push([
  'ddx-logistic',
  'temperatures, list mixture and sharpening fitted by grid search; stop threshold 0.995 and the list design chosen by hand',
  ddxCalibration,
  'validation numbers of earlier models were looked at while settling the threshold and the list design (how many: not recorded)',
  ddxSizes,
  'models/ddx/MODEL_CARD.md (caveats)',
]);

const tuneScript = readFileSync('bench/forecast/tune-collect.ts', 'utf8');
const variantBlock = tuneScript.slice(
  tuneScript.indexOf('const variants'),
  tuneScript.indexOf('};', tuneScript.indexOf('const variants')),
);
const variantCount = (variantBlock.match(/^ {2}\w+: \(\) =>/gm) ?? []).length;
rows.push([
  'forecast count regression (default unchanged)',
  tuneScript.includes('count: () => countRegressionModel()')
    ? `the default and ${variantCount - 1} variants in the tuning script, plus blends with the hour-of-week baseline`
    : `${variantCount} model variants in the tuning script, plus blends with the hour-of-week baseline`,
  'tuning window: 183 days before each test window (91 origins per series)',
  'test window: 3 candidates, looked at twice',
  'test window (183 days per series)',
  'bench/forecast/tune-collect.ts; docs/forecast.md (second tuning round)',
]);
rows.push([
  'intake negation / ConText lexicon',
  'hand-written trigger lexicon, revised while studying errors',
  'the NegEx / ConText development files',
  'negation: the same development file (no held-out part); ConText: see the intake section for its held-out part',
  'the development files; recognition also on two held-out fixture rounds, both since used for fixes',
  'docs/intake.md',
]);
rows.push([
  'risk scores (Brock, Mayo, CURB-65, …)',
  'none: published coefficients and rules',
  '–',
  '–',
  'LUNA16 nodules (size-only sanity check)',
  'docs/risk.md',
]);

const body = [
  'How each committed model was chosen: candidates compared, the split the choice used, whether the reported split was looked at during selection, and where the reported numbers come from. A split used to choose among many candidates flatters the chosen one; read the reported numbers with the count in mind.',
  '',
  markdownTable(
    [
      'model',
      'candidates compared',
      'chosen on',
      'reported split seen during selection',
      'reported on',
      'record',
    ],
    rows,
  ),
].join('\n');
updateBenchmarkSection('selection', 'Model selection history', 'npm run bench:selection', body);
console.log(body);
