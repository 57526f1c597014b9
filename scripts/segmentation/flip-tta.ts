/**
 * Flip test-time augmentation (issue 19), compared on the VALIDATION patients only:
 *   npx tsx scripts/segmentation/flip-tta.ts --base DIR [--json FILE] [--data DIR]
 * `--base` is a model fitted on the training patients only, with its post-processing chosen (the train-only model of
 * the committed recipe: `git show 8179e44:models/segmentation/thyroid/model.json` and `…/weights.bin`). The same network
 * segments every validation crop (whole crop as ROI) with and without `flipTta` (every test-time view also run
 * mirrored, all passes averaged, prior and threshold unchanged); the test split is never read. The time per 256 × 256
 * frame is measured with the committed model (same network shape) by the timing procedure of `npm run bench:device`,
 * with and without the flag.
 *
 * The adoption rule was fixed and committed before this ran: scripts/segmentation/flip-tta-rule.md (FLIP_TTA_RULE).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_ROI, benchFrames, quantile, timeFrames } from '../../bench/lib/device-timing.js';
import { loadDeviceModels } from '../../src/device/analyse.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { evaluateSegmenter } from '../../src/vision/segmentation/evaluate.js';
import { UnetSegmenter } from '../../src/vision/segmentation/model.js';
import { describeViews, type FlipTtaValidation } from './model-card.js';
import {
  median,
  pairedDiceGain,
  readSegmentationModel,
  roundedGain,
  summaryRow,
  validationCases,
} from './validation.js';

/** The rule of flip-tta-rule.md, as numbers. */
export const FLIP_TTA_RULE = {
  minGain: 0.002,
  level: 0.95,
  resamples: 2000,
  seed: 19,
  maxMedianMsPerFrame: 30,
} as const;

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { base: { type: 'string' }, json: { type: 'string' }, data: { type: 'string' } },
  });
  if (!args.base) throw new Error('usage: flip-tta.ts --base DIR [--json FILE] [--data DIR]');
  const { header, weights } = readSegmentationModel(resolve(args.base));
  const validation = validationCases(header, args.data);
  await tfReady();
  const model = new UnetSegmenter(header, weights);
  const without = evaluateSegmenter(model, validation, { flipTta: false }).cases;
  const withFlip = evaluateSegmenter(model, validation, { flipTta: true }).cases;
  const patients = validation.map((c) => c.patient);
  const gain = pairedDiceGain(without, withFlip, patients, FLIP_TTA_RULE);

  // Time per frame: the committed model (same shape as the base), with and without the flag, alternating blocks of
  // 50 frames so that a change in the machine's load hits both alike.
  const { segmenter } = await loadDeviceModels();
  const frames = benchFrames();
  const times = {
    off: { total: [] as number[], segment: [] as number[] },
    on: { total: [] as number[], segment: [] as number[] },
  };
  for (let block = 0; block < 2; block++)
    for (const flag of [false, true]) {
      const t = timeFrames(segmenter, frames, { flipTta: flag }, 50);
      const into = flag ? times.on : times.off;
      into.total.push(...t.total);
      into.segment.push(...t.segment);
    }
  const timing = (t: { total: number[]; segment: number[] }) => ({
    endToEndMedianMs: Number(median(t.total).toFixed(1)),
    endToEndP95Ms: Number(quantile(t.total, 0.95).toFixed(1)),
    segmentationMedianMs: Number(median(t.segment).toFixed(1)),
  });
  const timeOff = timing(times.off);
  const timeOn = timing(times.on);

  const checks = {
    gainAtLeast: gain.value >= FLIP_TTA_RULE.minGain,
    intervalAboveZero: gain.low > 0,
    timeWithinBudget: median(times.on.total) <= FLIP_TTA_RULE.maxMedianMsPerFrame,
  };
  const result: FlipTtaValidation & Record<string, unknown> = {
    command: `npx tsx scripts/segmentation/flip-tta.ts ${process.argv.slice(2).join(' ')}`,
    rule: 'scripts/segmentation/flip-tta-rule.md',
    split: 'validation' as const,
    crops: validation.length,
    patients: new Set(patients).size,
    modelVersion: header.modelVersion,
    views: {
      without: describeViews(model.viewsFor({ flipTta: false })),
      with: describeViews(model.viewsFor({ flipTta: true })),
    },
    priorWeight: header.postprocess?.priorWeight ?? 0,
    threshold: header.threshold,
    ruleNumbers: FLIP_TTA_RULE,
    without: summaryRow(without),
    with: summaryRow(withFlip),
    gain: roundedGain(gain),
    cropsImproved: gain.cropsImproved,
    cropsWorse: withFlip.filter((r, i) => r.dice < (without[i]?.dice ?? 0)).length,
    timePerFrame: {
      frames:
        '100 synthetic 256 × 256 frames each, 160 × 160 ROI, alternating blocks of 50, after 5 warm-up frames',
      roi: BENCH_ROI,
      without: timeOff,
      with: timeOn,
    },
    checks,
    adopt: checks.gainAtLeast && checks.intervalAboveZero && checks.timeWithinBudget,
  };
  console.log(JSON.stringify(result, null, 2));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
