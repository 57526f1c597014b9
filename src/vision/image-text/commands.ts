import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../app/capability.js';
import { HealthGptError } from '../../engine/errors.js';
import { decodeImage, MAX_UPLOAD_BYTES } from '../image-input.js';
import type { GreyImage } from '../preprocess.js';
import {
  consistencyCheck,
  evaluateImageText,
  type GalleryHit,
  type GallerySource,
  requireImageTextScope,
  searchImagesByText,
  similarImages,
  zeroShotLabels,
} from './service.js';

async function readGrey(file: string): Promise<GreyImage> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new HealthGptError('not-found', `cannot read ${file}`);
  }
  if (size > MAX_UPLOAD_BYTES)
    throw new HealthGptError('too-large', `${file} is ${size} bytes; the limit is ${MAX_UPLOAD_BYTES}`);
  const decoded = await decodeImage(readFileSync(file));
  requireImageTextScope(decoded.modality);
  return decoded.grey;
}

function kOption(value: string): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > 100)
    throw HealthGptError.invalid('--k must be a whole number from 1 to 100');
  return k;
}

function sourceOption(value: string): GallerySource {
  if (value !== 'reference' && value !== 'stored' && value !== 'all')
    throw HealthGptError.invalid('--source must be reference, stored or all');
  return value;
}

const hitLines = (hits: readonly GalleryHit[]) =>
  hits.length === 0
    ? 'no images to search (the MedPix reference set is not installed and none are stored)'
    : hits
        .map(
          (h, i) =>
            `${i + 1}. ${h.similarity.toFixed(3)}  ${h.source} ${h.id}${h.caseId ? ` (case ${h.caseId})` : ''}${h.text ? `: ${h.text.slice(0, 100)}` : ''}`,
        )
        .join('\n');

/**
 * `healthgpt eval image-text`, and `healthgpt image search|similar|labels|consistency` (the experimental image–text
 * model).
 */
export function registerImageTextCommands(image: Command, cli: CliContext) {
  cli.evalCommand
    .command('image-text')
    .description(
      'image–text retrieval recall@1/10 in both directions among all pairs of a MedPix-format image_captions_*.jsonl',
    )
    .requiredOption(
      '--pairs <file>',
      'image–caption pairs, one JSON object a line (MedPix 2.0 image_captions format)',
    )
    .requiredOption('--images <dir>', 'folder of <image>.png files')
    .option(
      '--identical-captions',
      'also count as correct any item whose caption is the same text (MedPix repeats a case caption on its images); default: only the pair’s own item',
    )
    .action(async (options: { pairs: string; images: string; identicalCaptions?: boolean }) => {
      const result = await evaluateImageText(options.pairs, options.images, {
        strict: options.identicalCaptions !== true,
      });
      cli.print(
        result,
        (r) =>
          `n=${r.n} image→text R@1 ${r.i2t_recall_at_1.toFixed(3)} R@10 ${r.i2t_recall_at_10.toFixed(3)}; text→image R@1 ${r.t2i_recall_at_1.toFixed(3)} R@10 ${r.t2i_recall_at_10.toFixed(3)}`,
      );
    });

  image
    .command('search')
    .description('find images by a text description (experimental image–text model)')
    .argument('<text>', 'what to look for, e.g. "axial CT chest mass"')
    .option('--k <n>', 'how many', '10')
    .option('--source <source>', 'reference (MedPix teaching images) | stored | all', 'all')
    .action(async (text: string, options: { k: string; source: string }) => {
      const k = kOption(options.k);
      const source = sourceOption(options.source);
      const store = source === 'reference' ? undefined : cli.app().store;
      const result = await searchImagesByText(store, text, { k, source });
      cli.print(result, (r) => `${hitLines(r.hits)}\nExperimental search aid, not a finding.`);
    });

  image
    .command('similar')
    .description('find images similar to an image file (experimental image–text model)')
    .argument('<file>', 'DICOM, PNG or JPEG')
    .option('--k <n>', 'how many', '10')
    .option('--source <source>', 'reference | stored | all', 'all')
    .action(async (file: string, options: { k: string; source: string }) => {
      const k = kOption(options.k);
      const source = sourceOption(options.source);
      const grey = await readGrey(file);
      const store = source === 'reference' ? undefined : cli.app().store;
      const hits = await similarImages(store, { image: grey }, { k, source });
      cli.print({ hits }, (r) => `${hitLines(r.hits)}\nExperimental search aid, not a finding.`);
    });

  image
    .command('labels')
    .description('zero-shot modality, body region and finding labels from text prompts (experimental)')
    .argument('<file>', 'DICOM, PNG or JPEG')
    .action(async (file: string) => {
      const labels = await zeroShotLabels(await readGrey(file));
      cli.print(
        { labels },
        (r) =>
          `${r.labels.map((l) => `${l.title}: ${l.label} (${((l.probabilities[l.label] ?? 0) * 100).toFixed(0)} %)`).join('\n')}\nExperimental: zero-shot labels from text prompts.`,
      );
    });

  image
    .command('consistency')
    .description('check an image against record text: modality, body region and overall match (experimental)')
    .argument('<file>', 'DICOM, PNG or JPEG')
    .requiredOption('--text <text>', 'the record text (report, note, order) the image should match')
    .action(async (file: string, options: { text: string }) => {
      if (options.text.trim() === '') throw HealthGptError.invalid('--text must not be empty');
      const report = await consistencyCheck(await readGrey(file), options.text);
      cli.print(
        report,
        (r) =>
          `${r.warnings.length === 0 ? 'No disagreement found.' : r.warnings.map((w) => `WARNING: ${w.message}`).join('\n')}\nsimilarity ${r.similarity.toFixed(3)}${r.matchProbability !== undefined ? `, P(match) ${(r.matchProbability * 100).toFixed(0)} %` : ' (the text names nothing the model knows: no match verdict)'}\n${r.caveat}`,
      );
    });
}
