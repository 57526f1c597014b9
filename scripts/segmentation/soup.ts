/**
 * Weight-space ensemble ("uniform model soup", Wortsman et al. 2022) of segmentation networks fine-tuned from the same
 * starting weights (issue 19):
 *   npx tsx scripts/segmentation/soup.ts --base DIR --member DIR [--member DIR…] --out DIR [--validate] [--json FILE]
 * Every network tensor of base and members is averaged with equal weight; the mean outline, post-processing, split and
 * metrics are base's (a soup has the same architecture, so the same cost per frame as one network).
 *
 * `--validate` compares the soup with base on the VALIDATION patients only (base must be a model fitted on the training
 * patients, with its post-processing chosen; the test split is never read), both run with base's post-processing
 * unchanged (nothing is re-tuned for the soup). For information only, it also scores the output ensemble of base and
 * members (each running base's views, probabilities averaged: k times the passes per frame); that is not a candidate.
 *
 * Adoption rule, fixed before the second member's validation score was seen (2026-12-06): the soup of the train-only
 * model and a second member (same recipe, init seed 4) is adopted only when, on the 72 validation crops (40 patients),
 *   (a) the mean Dice gain over base is ≥ 0.003,
 *   (b) the 95 % paired patient-cluster bootstrap interval of that gain (2000 resamples, seed 19) lies above 0, and
 *   (c) the median longest-diameter error is not worse than base's by more than 1 percentage point.
 * When adopted, the same soup is made of the committed refit and a refit of the second member (same recipe on the
 * training + validation patients), which replaces the committed model if that training completes normally (as for the
 * first refit); the test patients are then scored once with `npm run bench:device`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFloat32Tensors } from '../../src/ml/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { type CaseResult, evaluateSegmenter, scoreCase } from '../../src/vision/segmentation/evaluate.js';
import { largestComponent } from '../../src/vision/segmentation/metrics.js';
import {
  blend,
  type SegmentationModelFile,
  UnetSegmenter,
  viewsOf,
} from '../../src/vision/segmentation/model.js';
import { mapToRoi } from '../../src/vision/segmentation/roi.js';
import { type SoupValidation, trainingChain } from './model-card.js';
import {
  pairedDiceGain,
  readSegmentationModel,
  roundedGain,
  summaryRow,
  validationCases,
} from './validation.js';
import { averageWeights } from './weights.js';

/** The rule above, as numbers. */
export const SOUP_RULE = {
  minGain: 0.003,
  level: 0.95,
  resamples: 2000,
  seed: 19,
  maxDiameterWorsening: 1,
} as const;

/** The commands of a model's last training run and its snapshot average (without the copy into the committed folder). */
function lastRunSteps(h: SegmentationModelFile): string[] {
  const chain = trainingChain(h);
  let k = chain.length - 1;
  while (k > 0 && !chain[k]?.startsWith('nice ')) k--;
  return chain.slice(k).filter((step) => !step.startsWith('cp '));
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      base: { type: 'string' },
      member: { type: 'string', multiple: true },
      out: { type: 'string' },
      validate: { type: 'boolean', default: false },
      json: { type: 'string' },
      data: { type: 'string' },
    },
  });
  if (!args.base || !args.member?.length || !args.out)
    throw new Error(
      'usage: soup.ts --base DIR --member DIR [--member DIR…] --out DIR [--validate] [--json FILE]',
    );
  const dirs = [args.base, ...args.member].map((d) => resolve(d));
  const models = dirs.map(readSegmentationModel);
  const headers = models.map((m) => m.header);
  const base = headers[0] as SegmentationModelFile;
  const weights = models.map((m) => m.weights);
  if (weights.length < 2) throw new Error('a soup needs at least two networks');
  const soup = averageWeights(weights, ['meanOutline']);
  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const header: SegmentationModelFile = {
    ...base,
    modelVersion: `${base.modelVersion}-soup${dirs.length}`,
    training: {
      ...base.training,
      soup: {
        rule: 'uniform average of the network weights (Wortsman et al. 2022); mean outline and post-processing of the first',
        members: dirs.map((d, i) => ({
          dir: d === resolve('.') ? '.' : d,
          modelVersion: headers[i]?.modelVersion,
        })),
        memberTraining: headers.slice(1).map((h) => h.training),
      },
    },
  };
  writeFileSync(join(out, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
  writeFloat32Tensors(join(out, 'weights.bin'), base.tensors, soup);
  console.log(`soup of ${dirs.length} networks → ${out}`);
  if (!args.validate) return;

  const validation = validationCases(base, args.data);
  await tfReady();
  const patients = validation.map((c) => c.patient);
  const score = (m: UnetSegmenter) => evaluateSegmenter(m, validation).cases;
  const single = score(new UnetSegmenter(base, weights[0] as Map<string, Float32Array>));
  const souped = score(new UnetSegmenter(base, soup));
  // Information only: the output ensemble (every network runs base's views; all passes averaged, blended, thresholded).
  const nets = weights.map((w) => new UnetSegmenter(base, w));
  const prior = weights[0]?.get('meanOutline') as Float32Array;
  const size = base.config.inputSize;
  const views = viewsOf(base.postprocess);
  const ensemble: CaseResult[] = validation.map((c) => {
    const image = { width: c.width, height: c.height, pixels: c.image };
    const roi = { x: 0, y: 0, width: c.width, height: c.height };
    const p = blend(
      nets.flatMap((n) => n.viewProbabilities(image, roi, views)),
      base.postprocess?.priorWeight ?? 0,
      prior,
    );
    const map = mapToRoi(p, size, roi);
    const data = new Uint8Array(map.pixels.length);
    for (let i = 0; i < data.length; i++) data[i] = (map.pixels[i] as number) > base.threshold ? 1 : 0;
    return scoreCase(
      c.id,
      largestComponent({ width: c.width, height: c.height, data }),
      { width: c.width, height: c.height, data: c.mask },
      0,
    );
  });
  const members = weights.slice(1).map((w) => score(new UnetSegmenter(base, w)));

  const gain = pairedDiceGain(single, souped, patients, SOUP_RULE);
  const row = summaryRow;
  const s = row(single);
  const u = row(souped);
  const checks = {
    gainAtLeast: gain.value >= SOUP_RULE.minGain,
    intervalAboveZero: gain.low > 0,
    diameterNotWorse: u.diameter_error_pct - s.diameter_error_pct <= SOUP_RULE.maxDiameterWorsening,
  };
  const result: SoupValidation & { checks: typeof checks; postprocess: unknown } = {
    command: `npx tsx scripts/segmentation/soup.ts ${process.argv.slice(2).join(' ')}`,
    split: 'validation' as const,
    crops: validation.length,
    patients: new Set(patients).size,
    postprocess: base.postprocess,
    rule: SOUP_RULE,
    base: { modelVersion: base.modelVersion, ...s },
    memberTraining: headers.slice(1).flatMap(lastRunSteps),
    members: members.map((m, i) => ({ modelVersion: headers[i + 1]?.modelVersion, ...row(m) })),
    soup: u,
    outputEnsembleInformationOnly: { passesPerFrame: views.length * nets.length, ...row(ensemble) },
    gain: roundedGain(gain),
    cropsImproved: gain.cropsImproved,
    checks,
    adopt: checks.gainAtLeast && checks.intervalAboveZero && checks.diameterNotWorse,
  };
  console.log(JSON.stringify(result, null, 2));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
