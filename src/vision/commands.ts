import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { analyzeImage } from './analysis.js';
import { checkApplicability } from './applicability.js';
import { evaluateVision } from './evaluate.js';
import { decodeImage, MAX_UPLOAD_BYTES } from './image-input.js';
import { registerImageTextCommands } from './image-text/commands.js';
import { isVisionTask, VISION_TASKS } from './tasks.js';
import { visionValidation } from './validation.js';

function taskOption(value: string | undefined): (typeof VISION_TASKS)[number] {
  if (!value || !isVisionTask(value))
    throw HealthGptError.invalid(`--task must be one of ${VISION_TASKS.join(', ')}`);
  return value;
}

function archOption(value: string | undefined): 'cnn' | 'vit' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'cnn' && value !== 'vit') throw HealthGptError.invalid('--arch must be cnn or vit');
  return value;
}

/**
 * Why `--data` cannot be the task's data set, before any model is loaded: a MedMNIST task needs a .npz (ZIP) file,
 * thyroid a DDTI folder. A path that does not exist is left to `evaluateVision` (not found, exit 1).
 */
function dataProblem(task: (typeof VISION_TASKS)[number], data: string): string | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(data).isDirectory();
  } catch {
    return undefined;
  }
  if (task === 'thyroid')
    return isDirectory
      ? undefined
      : `${data}: --task thyroid expects a DDTI folder (cropped/*.png, diagnosis.csv)`;
  if (isDirectory) return `${data}: --task ${task} expects a MedMNIST .npz file, not a folder`;
  const head = Buffer.alloc(4);
  const fd = openSync(data, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  // Every ZIP archive starts with a local file header (PK\x03\x04) or, when empty, the end record (PK\x05\x06).
  if (
    head[0] !== 0x50 ||
    head[1] !== 0x4b ||
    !((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  )
    return `${data}: not a .npz (ZIP) archive`;
  return undefined;
}

/** `healthgpt image analyze FILE --task …` and `healthgpt eval vision --task … --data …`. */
export function registerVisionCommands(program: Command, cli: CliContext) {
  const image = program.command('image').description('medical images: analyse with a trained model');
  registerImageTextCommands(image, cli);
  image
    .command('analyze')
    .description(
      'run a task model on a DICOM, PNG or JPEG file: finding, calibrated probability, likelihood ratio, heatmap',
    )
    .argument('<file>', 'image file')
    .requiredOption('--task <task>', `one of ${VISION_TASKS.join(', ')}`)
    .option('--arch <arch>', 'cnn or vit (default: the task default)')
    .option('--heatmap <out.png>', 'write the heatmap overlay PNG here')
    .option('--frame <n>', 'frame of a multi-frame DICOM (0-based)', '0')
    .option('--age <years>', "the patient's age in years (checked against the model's population)")
    .option(
      '--sex <sex>',
      "the patient's sex: female or male (checked where the model's population is one sex)",
    )
    .option(
      '--confirm',
      'confirm what the file does not say (modality, body part, age): the image is of the kind and patient the model was trained on',
    )
    .action(
      async (
        file: string,
        options: {
          task: string;
          arch?: string;
          heatmap?: string;
          frame: string;
          age?: string;
          sex?: string;
          confirm?: boolean;
        },
      ) => {
        const task = taskOption(options.task);
        const age = options.age === undefined ? undefined : Number(options.age);
        if (age !== undefined && !(Number.isFinite(age) && age >= 0 && age <= 120))
          throw HealthGptError.invalid('--age must be a number of years from 0 to 120');
        if (options.sex !== undefined && options.sex !== 'female' && options.sex !== 'male')
          throw HealthGptError.invalid('--sex must be female or male');
        const arch = archOption(options.arch);
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          throw new HealthGptError('not-found', `cannot read ${file}`);
        }
        if (size > MAX_UPLOAD_BYTES)
          throw new HealthGptError('too-large', `${file} is ${size} bytes; the limit is ${MAX_UPLOAD_BYTES}`);
        const frame = Number(options.frame);
        if (!Number.isInteger(frame) || frame < 0)
          throw HealthGptError.invalid(`--frame must be a whole number ≥ 0, not '${options.frame}'`);
        let decoded: Awaited<ReturnType<typeof decodeImage>>;
        try {
          decoded = await decodeImage(readFileSync(file), { frame });
        } catch (error) {
          // A file that is not a readable image (broken, not an image, an unsupported DICOM) is invalid input.
          if (error instanceof HealthGptError && error.code !== 'internal')
            throw HealthGptError.invalid(`${file}: ${error.message}`);
          throw error;
        }
        const check = checkApplicability(task, decoded, {
          ...(age !== undefined ? { ageYears: age } : {}),
          ...(options.sex === 'female' || options.sex === 'male' ? { sex: options.sex } : {}),
        });
        if (check.verdict === 'refused')
          throw HealthGptError.unprocessable(`outside the ${task} model: ${check.refusals.join(' ')}`);
        if (check.verdict === 'unconfirmed' && options.confirm !== true)
          throw HealthGptError.unprocessable(
            `confirm before analysis (--confirm): ${check.toConfirm.join(' ')}`,
          );
        const result = await analyzeImage(decoded.grey, task, arch ? { arch } : {});
        if (options.heatmap) writeFileSync(options.heatmap, result.heatmapPng);
        const out = {
          file,
          format: decoded.format,
          widthPx: decoded.widthPx,
          heightPx: decoded.heightPx,
          ...(decoded.pixelSpacingMm ? { pixelSpacingMm: decoded.pixelSpacingMm } : {}),
          ...result.finding,
          validation: visionValidation(task, arch),
          applicability: { ...check, confirmedByUser: check.verdict === 'unconfirmed' },
          ...(options.heatmap ? { heatmapFile: options.heatmap } : {}),
        };
        cli.print(
          out,
          (r) =>
            `${r.name}: ${(r.probability * 100).toFixed(1)} % (${r.status}; likelihood ratio ${r.likelihoodRatio.toFixed(2)}; ${r.modelId})${r.heatmapFile ? `\nheatmap (${r.heatmapMethod}) written to ${r.heatmapFile}` : ''}\n${r.validation.status === 'validated' ? 'Validated' : 'EXPERIMENTAL'}: ${r.validation.summary}\nDecision support only, not a diagnosis.`,
        );
      },
    );

  cli.evalCommand
    .command('vision')
    .description(
      'evaluate a vision model: AUC of P(label 1) and accuracy (MedMNIST .npz, or a DDTI folder for thyroid)',
    )
    .requiredOption('--task <task>', 'pneumonia | breast | thyroid')
    .requiredOption('--data <path>', 'MedMNIST .npz (pneumonia, breast) or DDTI folder (thyroid)')
    .option('--split <split>', 'test | val (default: test if the file has it, else val)')
    .option('--arch <arch>', 'cnn or vit (default: the task default)')
    .action(async (options: { task: string; data: string; split?: string; arch?: string }) => {
      const task = taskOption(options.task);
      const arch = archOption(options.arch);
      if (options.split !== undefined && !['test', 'val', 'train'].includes(options.split))
        throw HealthGptError.invalid('--split must be test or val');
      const problem = dataProblem(task, options.data);
      if (problem) throw HealthGptError.invalid(problem);
      try {
        const result = await evaluateVision(task, options.data, {
          ...(options.split ? { split: options.split as 'test' } : {}),
          ...(arch ? { arch } : {}),
        });
        cli.print(
          result,
          (r) =>
            `${r.task} ${r.split ?? ''} n=${r.n} AUC ${r.auc.toFixed(4)} accuracy ${r.accuracy.toFixed(4)} (${r.modelId})`,
        );
      } catch (error) {
        if (error instanceof HealthGptError) throw error;
        throw new HealthGptError('unprocessable', error instanceof Error ? error.message : String(error));
      }
    });
}
