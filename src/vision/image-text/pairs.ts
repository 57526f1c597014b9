import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HealthGptError } from '../../engine/errors.js';
import { shuffle } from '../../ml/random.js';
import { decodePng } from '../io/raster.js';
import { type GreyImage, resizeArea } from '../preprocess.js';

/**
 * Image–caption pairs in the format of MedPix 2.0's `image_captions_*.jsonl` (one JSON object per line): the image
 * file stem, its case id and the `Description` block with the free-text caption and the structured modality, plane
 * and location fields. Only `image` and `Description.Caption` are required; the rest is used where present.
 */
const pairRowSchema = z.object({
  image: z.string().min(1),
  U_id: z.string().optional(),
  Type: z.string().nullish(),
  Description: z.object({
    Caption: z.string().nullish(),
    Modality: z.string().nullish(),
    Plane: z.string().nullish(),
  }),
  Location: z.string().nullish(),
  'Location Category': z.string().nullish(),
});

export interface ImageCaptionPair {
  readonly image: string;
  readonly caseId?: string;
  readonly caption: string;
  /** 'CT' or 'MR' where the row says (`Type`). */
  readonly modality?: string;
  /** MedPix's finer modality field (`Description.Modality`, e.g. a CT contrast phase or an MR sequence). */
  readonly modalityDetail?: string;
  readonly plane?: string;
  /** MedPix location category: Head, Thorax, Abdomen, 'Spine and Muscles', 'Reproductive and Urinary System'. */
  readonly region?: string;
}

/** Parses a pairs file; a malformed line is an `invalid` error naming the line. */
export function parsePairs(text: string, source = 'pairs file'): ImageCaptionPair[] {
  const pairs: ImageCaptionPair[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw HealthGptError.invalid(`${source} line ${i + 1} is not JSON`);
    }
    const row = pairRowSchema.safeParse(json);
    if (!row.success)
      throw HealthGptError.invalid(
        `${source} line ${i + 1} is not an image–caption pair (needs "image" and "Description.Caption")`,
      );
    const r = row.data;
    const caption = r.Description.Caption?.trim() ?? '';
    if (caption === '') throw HealthGptError.invalid(`${source} line ${i + 1} has an empty caption`);
    pairs.push({
      image: r.image,
      caption,
      ...(r.U_id ? { caseId: r.U_id } : {}),
      ...(r.Type ? { modality: r.Type } : {}),
      ...(r.Description.Modality?.trim() ? { modalityDetail: r.Description.Modality.trim() } : {}),
      ...(r.Description.Plane ? { plane: r.Description.Plane } : {}),
      ...(r['Location Category'] ? { region: r['Location Category'] } : {}),
    });
  }
  if (pairs.length === 0) throw HealthGptError.invalid(`${source} has no pairs`);
  return pairs;
}

/**
 * Splits pairs by case (all images of a case on one side): `share` of the cases, drawn with `random` from the
 * sorted case ids, go to `held`, the rest to `fit`. Pairs without a case id are their own case.
 */
export function splitByCase(
  pairs: readonly ImageCaptionPair[],
  random: () => number,
  share = 0.1,
): { fit: ImageCaptionPair[]; held: ImageCaptionPair[]; heldCases: number } {
  const caseOf = (p: ImageCaptionPair) => p.caseId ?? p.image;
  const cases = [...new Set(pairs.map(caseOf))].sort();
  const heldCases = new Set(shuffle(cases, random).slice(0, Math.round(cases.length * share)));
  return {
    fit: pairs.filter((p) => !heldCases.has(caseOf(p))),
    held: pairs.filter((p) => heldCases.has(caseOf(p))),
    heldCases: heldCases.size,
  };
}

export function readPairs(path: string): ImageCaptionPair[] {
  if (!existsSync(path)) throw HealthGptError.notFound('pairs file', path);
  return parsePairs(readFileSync(path, 'utf8'), path);
}

/**
 * Pads a grey image to a square with black (CT/MR backgrounds are black; aspect ratio kept) and resizes it by area
 * averaging to `size`×`size`.
 */
export function squareInput(image: GreyImage, size: number): Float32Array {
  const side = Math.max(image.width, image.height);
  let square = image;
  if (image.width !== image.height) {
    const pixels = new Float32Array(side * side);
    const ox = Math.floor((side - image.width) / 2);
    const oy = Math.floor((side - image.height) / 2);
    for (let y = 0; y < image.height; y++)
      pixels.set(image.pixels.subarray(y * image.width, (y + 1) * image.width), (y + oy) * side + ox);
    square = { width: side, height: side, pixels };
  }
  return side === size ? square.pixels : resizeArea(square, size, size).pixels;
}

/** Loads `<dir>/<image>.png` for every pair at model size; a missing file is a `not-found` error naming it. */
export function loadPairImages(
  pairs: readonly ImageCaptionPair[],
  dir: string,
  size: number,
): Float32Array[] {
  return pairs.map((p) => {
    const path = join(dir, `${p.image}.png`);
    if (!existsSync(path)) throw HealthGptError.notFound('image file', path);
    return squareInput(decodePng(new Uint8Array(readFileSync(path))), size);
  });
}
