import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { APPLICABILITY } from '../vision/applicability.js';
import { decodeImage } from '../vision/image-input.js';
import { analyseFrame, loadDeviceModels, RoiError } from './analyse.js';
import {
  type Calibration,
  calibrationAt,
  headerCalibration,
  NO_CALIBRATION,
  ultrasoundRegions,
} from './calibration.js';
import { readCine } from './cine.js';
import { evaluateSegmentation } from './evaluate.js';

function roiOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)))
    throw HealthGptError.invalid('--roi must be x,y,width,height in pixels');
  const [x, y, width, height] = parts as [number, number, number, number];
  return { x, y, width, height };
}

/**
 * A file that is not a readable image (broken, not an image, an unsupported DICOM, over the size limits, a frame it
 * does not have) is invalid input: exit 2, with the file named. Anything else stays as it is.
 */
function refusedFile(file: string, error: unknown): unknown {
  if (error instanceof HealthGptError && BAD_FILE_CODES.has(error.code))
    return HealthGptError.invalid(`${file}: ${error.message}`);
  return error;
}

const BAD_FILE_CODES: ReadonlySet<string> = new Set([
  'invalid',
  'unprocessable',
  'unsupported-media-type',
  'too-large',
]);

/** `healthgpt eval segmentation …` and `healthgpt device measure FILE …`. */
export function registerDeviceCommands(program: Command, cli: CliContext) {
  cli.evalCommand
    .command('segmentation')
    .description(
      'evaluate the nodule segmentation model on a DDTI-like folder (cropped/*.png, mask/*.gif): Dice, IoU, HD95, diameter error, ms per image; with the mean-outline baseline',
    )
    .requiredOption('--task <task>', 'thyroid')
    .requiredOption('--data <dir>', 'folder with cropped/*.png and mask/*.gif (diagnosis.csv optional)')
    .option(
      '--split <split>',
      'all (default: every outlined crop) or test (the model file’s held-out patients)',
      'all',
    )
    .option('--model <dir>', 'model folder (default: the committed models/segmentation/thyroid)')
    .action(async (options: { task: string; data: string; split: string; model?: string }) => {
      if (options.task !== 'thyroid') throw HealthGptError.invalid('--task must be thyroid');
      if (options.split !== 'all' && options.split !== 'test')
        throw HealthGptError.invalid('--split must be all or test');
      let result: Awaited<ReturnType<typeof evaluateSegmentation>>;
      try {
        result = await evaluateSegmentation(options.data, {
          split: options.split,
          ...(options.model ? { modelDir: options.model } : {}),
        });
      } catch (error) {
        if (error instanceof HealthGptError) throw error;
        throw HealthGptError.unprocessable(error instanceof Error ? error.message : String(error));
      }
      cli.print(
        result,
        (r) =>
          `thyroid segmentation (${r.modelId}, ${r.split}) n=${r.n}: Dice ${r.dice.toFixed(4)} IoU ${r.iou.toFixed(4)} HD95 ${r.hd95_px.toFixed(2)} px, longest-diameter error (median) ${r.diameter_error_pct.toFixed(2)} %, ${r.ms_per_image} ms/image\nmean-outline baseline: Dice ${r.baseline.dice.toFixed(4)} IoU ${r.baseline.iou.toFixed(4)} HD95 ${r.baseline.hd95_px.toFixed(2)} px, diameter error ${r.baseline.diameter_error_pct.toFixed(2)} %`,
      );
    });

  const device = program
    .command('device')
    .description('ultrasound device: nodule outline, size and TI-RADS support');
  device
    .command('measure')
    .description(
      'outline and measure the thyroid nodule in an ROI of an ultrasound image (DICOM, PNG or JPEG)',
    )
    .argument('<file>', 'image file')
    .option('--roi <x,y,w,h>', 'region of interest in pixels (default: the whole image)')
    .option('--spacing <mm>', 'mm per pixel when the file has no calibration')
    .option('--frame <n>', 'frame of a multi-frame DICOM (0-based)', '0')
    .action(async (file: string, options: { roi?: string; spacing?: string; frame: string }) => {
      const roi = roiOption(options.roi);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (error) {
        throw HealthGptError.invalid(`cannot read ${file}: ${(error as Error).message}`);
      }
      const frameNo = Number(options.frame);
      if (!Number.isInteger(frameNo) || frameNo < 0)
        throw HealthGptError.invalid(`--frame must be a whole number ≥ 0, not '${options.frame}'`);
      let image: { width: number; height: number; pixels: ArrayLike<number> };
      let calibration: Calibration = NO_CALIBRATION;
      try {
        if (bytes.length > 132 && Buffer.from(bytes.subarray(128, 132)).toString('latin1') === 'DICM') {
          const cine = await readCine(bytes);
          image = { width: cine.width, height: cine.height, pixels: cine.frame(frameNo) };
          const centre = roi
            ? { x: roi.x + roi.width / 2, y: roi.y + roi.height / 2 }
            : { x: cine.width / 2, y: cine.height / 2 };
          calibration = calibrationAt(centre, ultrasoundRegions(bytes), cine.pixelSpacingMm);
        } else {
          const decoded = await decodeImage(bytes);
          image = decoded.grey;
        }
      } catch (error) {
        throw refusedFile(file, error);
      }
      // As `image analyze`: the model reads a diagnostic image, not a thumbnail (a 1×1 image has no nodule to outline).
      const minSide = APPLICABILITY.thyroid.minSidePx;
      if (Math.min(image.width, image.height) < minSide)
        throw HealthGptError.invalid(
          `${file}: the image is ${image.width}×${image.height} px; the nodule model needs at least ${minSide} px a side (a thumbnail is not a diagnostic image)`,
        );
      if (options.spacing !== undefined && !calibration.mmPerPixel) {
        const mm = Number(options.spacing);
        calibration = headerCalibration({ x: mm, y: mm });
        if (!calibration.mmPerPixel)
          throw HealthGptError.invalid(calibration.warning ?? '--spacing is not plausible');
      }
      const { segmenter } = await loadDeviceModels();
      try {
        const analysis = analyseFrame(segmenter, image, {
          ...(roi ? { roi } : {}),
          calibration,
          imageModel: true,
        });
        const { overlay: _overlay, ...rest } = analysis;
        cli.print(rest, (r) => {
          const m = r.measurement;
          const size = m
            ? `${m.longest} × ${m.perpendicular} ${m.unit} (longest × perpendicular; calibration: ${m.calibration})`
            : 'no nodule outlined';
          const range =
            r.tirads.levels.min === r.tirads.levels.max
              ? r.tirads.levels.min
              : `${r.tirads.levels.min}–${r.tirads.levels.max}`;
          return [
            `nodule: ${size}`,
            `TI-RADS (features not confirmed): ${range}; confirm ${r.tirads.toConfirm.map((t) => t.feature).join(', ')}`,
            ...r.tirads.advice.map((a) => `  at ${a.level}: ${a.rule}`),
            ...(r.tirads.imageModel
              ? [
                  `image model P(TI-RADS 4a–5) ${(r.tirads.imageModel.probability * 100).toFixed(0)} % (a hint only)`,
                ]
              : []),
            ...[...r.warnings, ...(m?.warnings ?? []), ...r.tirads.warnings].map((w) => `warning: ${w}`),
            'Decision support only: nothing is final until a clinician confirms the features and the size.',
          ].join('\n');
        });
      } catch (error) {
        if (error instanceof RoiError) throw HealthGptError.invalid(error.message);
        throw error;
      }
    });
}
