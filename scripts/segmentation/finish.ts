import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFloat32Tensors, readModelJson } from '../../src/ml/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import {
  type LoadedCase,
  loadCase,
  readSegmentationSet,
  splitByPatient,
} from '../../src/vision/segmentation/data.js';
import { evaluateSegmenter } from '../../src/vision/segmentation/evaluate.js';
import {
  MeanOutlineSegmenter,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  type SegmentationReport,
  UnetSegmenter,
} from '../../src/vision/segmentation/model.js';
import {
  choosePostprocess,
  PRIOR_WEIGHTS,
  THRESHOLDS,
  VIEW_SETS,
} from '../../src/vision/segmentation/tune.js';
import { describeViews, readCardRecords, segmentationModelCard } from './model-card.js';

/**
 * Chooses the post-processing on the validation split, then records the validation and held-out test metrics (and
 * the mean-outline baseline's) in `model.json` and rewrites the model card. A refit (fitted on train + validation,
 * `training.refit`) chooses nothing: it keeps the post-processing and validation record of the recipe it repeats, and
 * only the held-out test metrics are recorded.
 */
export async function finishModel(
  dir: string,
  dataDir: string,
  log: (m: string) => void,
): Promise<SegmentationModelFile> {
  await tfReady();
  const header = readModelJson<SegmentationModelFile>(join(dir, 'model.json'), SEGMENTATION_FORMAT);
  const weights = readFloat32Tensors(join(dir, 'weights.bin'), header.tensors);
  const prior = weights.get('meanOutline');
  if (!prior) throw new Error(`${dir}: no meanOutline tensor`);
  const split = splitByPatient(readSegmentationSet(dataDir), header.split.seed);
  const load = (cs: typeof split.train) => cs.map(loadCase);
  const test = load(split.test);
  const patients = (cs: LoadedCase[]) => new Set(cs.map((c) => c.patient)).size;
  const report = (seg: UnetSegmenter | MeanOutlineSegmenter, cases: LoadedCase[]): SegmentationReport => {
    const { summary } = evaluateSegmenter(seg, cases);
    return {
      n: summary.n,
      patients: patients(cases),
      dice: summary.dice,
      iou: summary.iou,
      hd95_px: summary.hd95_px,
      diameter_error_pct: summary.diameter_error_pct,
    };
  };
  const baseline = new MeanOutlineSegmenter(prior, header.config.inputSize);
  const refit = header.training.refit as { recipe?: Record<string, unknown> } | undefined;
  if (refit) {
    if (!header.postprocess) throw new Error(`${dir}: a refit must carry its recipe's post-processing`);
    const finished: SegmentationModelFile = {
      ...header,
      metrics: {
        validation: header.metrics.validation,
        test: report(new UnetSegmenter(header, weights), test),
        baselineTest: report(baseline, test),
      },
      training: {
        ...header.training,
        // Kept when already recorded (e.g. a setting later chosen by cross-validation, scripts/segmentation/cross-validate.ts).
        postprocessChoice:
          header.training.postprocessChoice ??
          `kept from the refitted recipe, ${String(refit.recipe?.postprocessChoice ?? 'chosen on validation')}`,
      },
    };
    return write(dir, finished, log);
  }
  const validation = load(split.validation);
  const plain = new UnetSegmenter(
    { ...header, threshold: 0.5, postprocess: { flipAverage: false, priorWeight: 0 } },
    weights,
  );
  const { best, tried } = choosePostprocess(plain, prior, validation);
  const none = tried[0];
  log(`post-processing on validation: none ${none?.validationDice.toFixed(4)} → ${JSON.stringify(best)}`);
  const chosen: SegmentationModelFile = {
    ...header,
    threshold: best.threshold,
    postprocess: {
      flipAverage: best.views.length === 2 && best.views.every((v) => v.scale === 1),
      priorWeight: best.priorWeight,
      views: best.views,
    },
  };
  const model = new UnetSegmenter(chosen, weights);
  const finished: SegmentationModelFile = {
    ...chosen,
    metrics: {
      validation: report(model, validation),
      test: report(model, test),
      baselineTest: report(baseline, test),
    },
    training: {
      ...header.training,
      postprocessChoice: `chosen on the validation split among ${VIEW_SETS.length} view sets (${VIEW_SETS.map(describeViews).join('; ')}) × prior weight ${PRIOR_WEIGHTS.join('/')} × threshold ${THRESHOLDS.join('/')} (validation Dice without: ${none?.validationDice.toFixed(4)}, with: ${best.validationDice.toFixed(4)})`,
    },
  };
  return write(dir, finished, log);
}

function write(
  dir: string,
  finished: SegmentationModelFile,
  log: (m: string) => void,
): SegmentationModelFile {
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(finished, null, 2)}\n`);
  writeFileSync(join(dir, 'MODEL_CARD.md'), segmentationModelCard(finished, readCardRecords(dir)));
  log(
    `test: ${JSON.stringify(finished.metrics.test)}; baseline: ${JSON.stringify(finished.metrics.baselineTest)}`,
  );
  return finished;
}
