import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedModelsDir, readModelJson } from '../../src/ml/model-file.js';
import { SEGMENTATION_FORMAT, type SegmentationModelFile } from '../../src/vision/segmentation/model.js';
import {
  type FlipTtaValidation,
  flipTtaParagraph,
  readCardRecords,
  type SoupValidation,
  segmentationModelCard,
  soupParagraph,
  trainingChain,
} from './model-card.js';

const dir = committedModelsDir('segmentation', 'thyroid');
const committed = readModelJson<SegmentationModelFile>(join(dir, 'model.json'), SEGMENTATION_FORMAT);

describe('segmentation model card', () => {
  it('is exactly what the committed model.json renders to (numbers generated, not hand-kept)', () => {
    expect(readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8')).toBe(
      segmentationModelCard(committed, readCardRecords(dir)),
    );
  });

  it('a refit reproduces its validated recipe first, then refits from the recipe’s starting weights', () => {
    const stage1 = { initSeed: 1, learningRate: 0.002, minutes: 10, seconds: 600, out: '/tmp/a' };
    const recipe = {
      initSeed: 3,
      learningRate: 0.0003,
      minutes: 5,
      seconds: 300,
      startedFrom: '/tmp/a',
      previous: stage1,
      out: '/tmp/b',
      validationOnly: true,
      averagedEpochs: '3-5',
      averagedFrom: '/tmp/b',
      averagedOut: '/tmp/avg',
    };
    const refitRun = {
      ...recipe,
      validationOnly: undefined,
      seconds: 400,
      fixedEpochs: 5,
      out: '/tmp/refit',
      averagedFrom: '/tmp/refit',
      averagedOut: '/tmp/refit-avg',
      refit: { of: 'models/segmentation/thyroid', modelVersion: 'v1', images: 9, patients: 5, recipe },
    };
    const h = { ...committed, training: refitRun } as SegmentationModelFile;
    const chain = trainingChain(h);
    const recipeChain = trainingChain({ ...committed, training: recipe } as SegmentationModelFile);
    // The recipe's own chain ends with the validated model in the committed folder.
    expect(chain.slice(0, recipeChain.length)).toEqual(recipeChain);
    expect(recipeChain.at(-1)).toContain('cp /tmp/avg/model.json');
    const rest = chain.slice(recipeChain.length);
    expect(rest[0]).toMatch(
      /--init-seed 3 --init \/tmp\/a --lr 0\.0003 --refit models\/segmentation\/thyroid --epochs 5 .*--out \/tmp\/refit --keep-epochs$/,
    );
    expect(rest[0]).not.toContain('--minutes');
    expect(rest[1]).toBe(
      'npx tsx scripts/segmentation/average.ts --run /tmp/refit --epochs 3-5 --out /tmp/refit-avg',
    );
    expect(rest[2]).toContain('cp /tmp/refit-avg/model.json');
    expect(rest).toHaveLength(3);
    const card = segmentationModelCard(h);
    expect(card).toContain('**Final refit**');
    expect(card).toContain('Adoption rule, fixed before the refit');
    expect(segmentationModelCard(committed).includes('Adoption rule')).toBe(
      committed.training.refit !== undefined,
    );
    expect(card).toContain('U-Net validation (train-only model of the recipe)');
    // Training time over the whole chain: stage 1 + recipe + refit.
    expect(card).toContain('1300 s in all');
  });
});

describe('weight-soup paragraph of the card', () => {
  const row = (dice: number, diameter: number) => ({ dice, hd95_px: 30, diameter_error_pct: diameter });
  const record = (adopt: boolean): SoupValidation => ({
    command: 'npx tsx scripts/segmentation/soup.ts --base A --member B --out C --validate',
    split: 'validation',
    crops: 72,
    patients: 40,
    rule: { minGain: 0.003, level: 0.95, resamples: 2000, seed: 19, maxDiameterWorsening: 1 },
    base: row(0.8661, 6.98),
    members: [row(0.86, 7.1)],
    memberTraining: ['nice -n 10 npm run train:segmentation -- --init-seed 4'],
    soup: row(adopt ? 0.8712 : 0.8655, 6.5),
    outputEnsembleInformationOnly: { ...row(0.867, 6.9), passesPerFrame: 4 },
    gain: adopt ? { value: 0.0051, low: 0.001, high: 0.009 } : { value: -0.0006, low: -0.004, high: 0.003 },
    cropsImproved: 30,
    adopt,
  });

  it('reports the rule, every score and the decision from the record', () => {
    const no = soupParagraph(record(false));
    expect(no).toContain('tried, not adopted');
    expect(no).toContain('gain −0.0006 [−0.0040, +0.0030]');
    expect(no).toContain('train-only model 0.8661, second network 0.8600, soup\n  0.8655');
    expect(no).toContain('the test patients were not scored');
    expect(no).toContain('`nice -n 10 npm run train:segmentation -- --init-seed 4`');
    const yes = soupParagraph(record(true));
    expect(yes).toContain('**Weight soup adopted**');
    expect(yes).not.toContain('not scored');
  });

  it('appears in the card only when a record is given', () => {
    expect(segmentationModelCard(committed, { soup: record(false) })).toContain(
      'Weight soup tried, not adopted',
    );
    expect(segmentationModelCard(committed)).not.toContain('Weight soup');
  });
});

describe('flip test-time augmentation paragraph of the card', () => {
  const row = (dice: number, diameter: number) => ({ dice, hd95_px: 31.3, diameter_error_pct: diameter });
  const time = (ms: number) => ({
    endToEndMedianMs: ms,
    endToEndP95Ms: ms + 5,
    segmentationMedianMs: ms - 2,
  });
  const record = (adopt: boolean): FlipTtaValidation => ({
    command: 'npx tsx scripts/segmentation/flip-tta.ts --base A',
    rule: 'scripts/segmentation/flip-tta-rule.md',
    split: 'validation',
    crops: 72,
    patients: 40,
    modelVersion: 'v-train-only',
    views: { without: 'plain + mirrored ×0.85', with: 'plain + mirrored ×0.85 + mirrored + plain ×0.85' },
    ruleNumbers: { minGain: 0.002, level: 0.95, resamples: 2000, seed: 19, maxMedianMsPerFrame: 30 },
    without: row(0.8661, 6.98),
    with: row(adopt ? 0.8702 : 0.8655, 6.81),
    gain: adopt
      ? { value: 0.0041, low: 0.0012, high: 0.007 }
      : { value: -0.0006, low: -0.0027, high: 0.0015 },
    cropsImproved: 37,
    cropsWorse: 34,
    timePerFrame: {
      frames: '100 frames',
      roi: { x: 48, y: 48, width: 160, height: 160 },
      without: time(12.5),
      with: time(19.3),
    },
    adopt,
  });

  it('reports the rule, the scores, the time and the decision from the record', () => {
    const no = flipTtaParagraph(record(false));
    expect(no).toContain('tried, not adopted (off by default)');
    expect(no).toContain('0.8661 → 0.8655 (gain −0.0006 [−0.0027, +0.0015]; 37 crops better, 34 worse)');
    expect(no).toContain('`scripts/segmentation/flip-tta-rule.md`');
    expect(no).toContain('12.5 → 19.3 ms');
    expect(no).toContain('test patients were not scored');
    const yes = flipTtaParagraph(record(true));
    expect(yes).toContain('adopted (on by default)');
    expect(yes).not.toContain('not scored');
  });

  it('appears in the card only when a record is given', () => {
    expect(segmentationModelCard(committed, { flipTta: record(false) })).toContain(
      'Flip test-time augmentation tried',
    );
    expect(segmentationModelCard(committed)).not.toContain('Flip test-time augmentation');
  });
});
