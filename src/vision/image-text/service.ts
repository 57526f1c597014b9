import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findDataset } from '../../app/datasets.js';
import { HealthGptError } from '../../engine/errors.js';
import type { Store } from '../../store/store.js';
import { decodeImage } from '../image-input.js';
import { getImage, ImageNotFoundError } from '../image-service.js';
import type { GreyImage } from '../preprocess.js';
import { dot, type ImageTextModel, loadImageTextModel, type RetrievalMetrics } from './model.js';
import { type ImageCaptionPair, loadPairImages, readPairs } from './pairs.js';
import { retrievalMetrics } from './retrieval.js';
import { type ZeroShotResult, zeroShot } from './zero-shot.js';

export const IMAGE_TEXT_STATUS = 'experimental' as const;
export const IMAGE_TEXT_CAVEAT =
  'Experimental: trained on 1,470 MedPix 2.0 CT/MR image–caption pairs (teaching cases; the data licence is not stated upstream). Retrieval and zero-shot labels are search aids, not findings.';

/** DICOM Modality codes of the images the model was trained on (MedPix CT and MR teaching images). */
export const IMAGE_TEXT_MODALITIES: ReadonlySet<string> = new Set(['CT', 'MR']);

/**
 * Refuses an image whose file says it is of another modality (a radiograph, ultrasound, mammogram…): the model has
 * never seen one, so its labels, similar images and consistency verdict would mean nothing. A PNG or JPEG names no
 * modality and is let through; the model's own CT/MR label is then the only check.
 */
export function requireImageTextScope(modality: string | undefined): void {
  if (modality === undefined || IMAGE_TEXT_MODALITIES.has(modality.toUpperCase())) return;
  throw HealthGptError.unprocessable(
    `the image–text model knows CT and MR images only; this image's DICOM Modality is ${modality}: no labels, similar images or consistency check for it`,
  );
}

export function requireImageTextModel(): ImageTextModel {
  const model = loadImageTextModel();
  if (!model)
    throw new HealthGptError(
      'unavailable',
      'the image–text model is not installed (models/image-text is missing)',
    );
  return model;
}

/**
 * `healthgpt eval image-text`: recall@1/10 in both directions among all pairs of the file; `strict` (the command's
 * default) counts only the pair's own item as correct.
 */
export async function evaluateImageText(
  pairsPath: string,
  imagesDir: string,
  options: { strict?: boolean } = {},
): Promise<RetrievalMetrics> {
  const model = requireImageTextModel();
  if (!existsSync(imagesDir)) throw HealthGptError.notFound('images folder', imagesDir);
  const pairs = readPairs(pairsPath);
  const images = loadPairImages(pairs, imagesDir, model.header.config.inputSize);
  const ie = await model.embedInputs(images);
  const te = await model.embedTexts(pairs.map((p) => p.caption));
  return retrievalMetrics(
    ie,
    te,
    pairs.map((p) => p.caption),
    options.strict === true,
  );
}

/** One searchable image: a reference teaching image (MedPix, where the data set is installed) or a stored upload. */
export interface GalleryItem {
  readonly source: 'reference' | 'stored';
  readonly id: string;
  readonly caseId?: string;
  /** The reference image's caption, or the stored image's description. */
  readonly text?: string;
  readonly modality?: string;
  readonly region?: string;
}

export interface GalleryHit extends GalleryItem {
  readonly similarity: number;
}

interface Gallery {
  readonly items: GalleryItem[];
  readonly embeddings: Float32Array[];
}

let referenceGallery: Promise<Gallery> | undefined;

/**
 * The MedPix 2.0 teaching images with their captions (train and dev files, read from `HEALTHGPT_DATA_DIR` at first
 * use and embedded once per process); empty when the data set is not installed. Nothing of it is committed.
 */
export function loadReferenceGallery(model: ImageTextModel): Promise<Gallery> {
  referenceGallery ??= (async () => {
    const root = findDataset('images', 'medpix2_captions');
    if (!root) return { items: [], embeddings: [] };
    const pairs: ImageCaptionPair[] = [];
    for (const file of ['image_captions_train.jsonl', 'image_captions_dev.jsonl'])
      if (existsSync(join(root, file))) pairs.push(...readPairs(join(root, file)));
    const present = pairs.filter((p) => existsSync(join(root, 'images128', `${p.image}.png`)));
    const inputs = loadPairImages(present, join(root, 'images128'), model.header.config.inputSize);
    const embeddings = await model.embedInputs(inputs);
    const items = present.map(
      (p): GalleryItem => ({
        source: 'reference',
        id: p.image,
        ...(p.caseId ? { caseId: p.caseId } : {}),
        text: p.caption,
        ...(p.modality ? { modality: p.modality } : {}),
        ...(p.region ? { region: p.region } : {}),
      }),
    );
    return { items, embeddings };
  })();
  return referenceGallery;
}

const storedEmbeddings = new Map<string, Float32Array>();

async function decodeStored(store: Store, imageId: string): Promise<GreyImage> {
  const image = getImage(store, imageId);
  requireImageTextScope(image.modality);
  const blob = store.blobs.get(image.blobId);
  if (!blob) throw new ImageNotFoundError('image', imageId);
  const decoded = await decodeImage(blob.bytes, { contentType: blob.contentType });
  return decoded.grey;
}

/** A stored image's embedding (cached per process by image id: stored images do not change). */
export async function storedImageEmbedding(store: Store, model: ImageTextModel, imageId: string) {
  const hit = storedEmbeddings.get(imageId);
  if (hit) return hit;
  const [embedding] = await model.embedImages([await decodeStored(store, imageId)]);
  storedEmbeddings.set(imageId, embedding as Float32Array);
  return embedding as Float32Array;
}

const MAX_STORED = 500;

async function storedGallery(store: Store, model: ImageTextModel): Promise<Gallery> {
  const listed = store.documents
    .collection<{ id: string; caseId?: string; description?: string; modality?: string; createdAt: string }>(
      'vision.images',
      (d) => d.caseId,
    )
    .list({ limit: MAX_STORED }).items;
  const items: GalleryItem[] = [];
  const embeddings: Float32Array[] = [];
  for (const { document: d } of listed) {
    try {
      embeddings.push(await storedImageEmbedding(store, model, d.id));
    } catch {
      continue; // an image whose bytes cannot be read, or of a modality the model never saw, is left out of search
    }
    items.push({
      source: 'stored',
      id: d.id,
      ...(d.caseId ? { caseId: d.caseId } : {}),
      ...(d.description ? { text: d.description } : {}),
      ...(d.modality ? { modality: d.modality } : {}),
    });
  }
  return { items, embeddings };
}

export type GallerySource = 'reference' | 'stored' | 'all';

async function galleries(store: Store | undefined, model: ImageTextModel, source: GallerySource) {
  const out: Gallery[] = [];
  if (source !== 'stored') out.push(await loadReferenceGallery(model));
  if (source !== 'reference' && store) out.push(await storedGallery(store, model));
  return out;
}

function topK(query: Float32Array, gs: Gallery[], k: number, exclude?: string): GalleryHit[] {
  const hits: GalleryHit[] = [];
  for (const g of gs)
    g.items.forEach((item, i) => {
      if (item.id === exclude) return;
      hits.push({ ...item, similarity: Number(dot(query, g.embeddings[i] as Float32Array).toFixed(4)) });
    });
  return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}

/** Images (reference and/or stored) ranked by similarity to a text query. */
export async function searchImagesByText(
  store: Store | undefined,
  query: string,
  options: { k?: number; source?: GallerySource } = {},
): Promise<{ hits: GalleryHit[]; knownTerms: number }> {
  const model = requireImageTextModel();
  const knownTerms = model.knownTerms(query);
  if (knownTerms === 0)
    throw HealthGptError.unprocessable(
      'none of the words of the query is in the image–text model’s vocabulary (it knows CT/MR caption wording)',
    );
  const [q] = await model.embedTexts([query]);
  return {
    hits: topK(q as Float32Array, await galleries(store, model, options.source ?? 'all'), options.k ?? 10),
    knownTerms,
  };
}

/** Images ranked by similarity to a grey image (the query itself left out when it is stored). */
export async function similarImages(
  store: Store | undefined,
  query: { imageId: string } | { image: GreyImage },
  options: { k?: number; source?: GallerySource } = {},
): Promise<GalleryHit[]> {
  const model = requireImageTextModel();
  let embedding: Float32Array;
  if ('imageId' in query) {
    if (!store) throw new Error('a stored image needs the store');
    embedding = await storedImageEmbedding(store, model, query.imageId);
  } else [embedding] = (await model.embedImages([query.image])) as [Float32Array];
  return topK(
    embedding,
    await galleries(store, model, options.source ?? 'all'),
    options.k ?? 10,
    'imageId' in query ? query.imageId : undefined,
  );
}

const MODALITY_WORDS: Readonly<Record<string, RegExp>> = {
  CT: /\b(ct|cta|computed tomography|hounsfield)\b/i,
  MR: /\b(mri?|magnetic resonance|t1|t2|flair|dwi|gadolinium)\b/i,
};
const REGION_WORDS: Readonly<Record<string, RegExp>> = {
  Head: /\b(brain|head|skull|cerebr\w*|orbit\w*|sinus\w*|pituitary|cerebell\w*|intracranial)\b/i,
  Thorax: /\b(chest|thora\w*|lungs?|pulmonary|mediastin\w*|pleura\w*|heart|cardiac)\b/i,
  Abdomen: /\b(abdom\w*|liver|hepatic|pancrea\w*|spleen|splenic|bowel|colon|stomach|gallbladder)\b/i,
  'Spine and Muscles':
    /\b(spine|spinal|vertebra\w*|lumbar|cervical spine|knee|shoulder|hip|femur|muscles?|bone)\b/i,
  'Reproductive and Urinary System':
    /\b(pelvi\w*|kidneys?|renal|bladder|uter\w*|ovar\w*|prostat\w*|testi\w*|scrot\w*)\b/i,
};

function mentioned(text: string, words: Readonly<Record<string, RegExp>>): string[] {
  return Object.entries(words)
    .filter(([, re]) => re.test(text))
    .map(([k]) => k);
}

export interface ConsistencyWarning {
  readonly kind: 'modality' | 'region' | 'overall';
  readonly message: string;
}

export interface ConsistencyReport {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly status: typeof IMAGE_TEXT_STATUS;
  /** Cosine of the image and text embeddings. */
  readonly similarity: number;
  /** P(text describes this image), logistic fit on held-out training pairs; `undefined` when the text is unknown to the model. */
  readonly matchProbability?: number;
  readonly knownTerms: number;
  readonly zeroShot: readonly ZeroShotResult[];
  readonly textMentions: { readonly modality: readonly string[]; readonly region: readonly string[] };
  readonly warnings: readonly ConsistencyWarning[];
  readonly caveat: string;
}

/** Only a confident image read is set against the text (a soft zero-shot label raises nothing). */
const CONFIDENT = 0.8;

/**
 * Cross-modal consistency: the image's zero-shot modality and body region against those the record text names,
 * and the overall image–text match. A disagreement is a warning to look again (wrong image on the case, wrong side,
 * wrong record), never a finding. Text that names nothing the model knows gives no verdict (unknown stays unknown).
 */
export async function consistencyCheck(image: GreyImage, text: string): Promise<ConsistencyReport> {
  const model = requireImageTextModel();
  const [ie] = (await model.embedImages([image])) as [Float32Array];
  const [te] = (await model.embedTexts([text])) as [Float32Array];
  const knownTerms = model.knownTerms(text);
  const similarity = dot(ie, te);
  const shots = await zeroShot(model, ie);
  const textMentions = { modality: mentioned(text, MODALITY_WORDS), region: mentioned(text, REGION_WORDS) };
  const warnings: ConsistencyWarning[] = [];
  for (const key of ['modality', 'region'] as const) {
    const shot = shots.find((s) => s.id === key);
    const named = textMentions[key];
    if (!shot || named.length === 0 || named.includes(shot.label)) continue;
    const p = shot.probabilities[shot.label] ?? 0;
    if (p < CONFIDENT) continue;
    warnings.push({
      kind: key,
      message: `The record names ${named.join(' / ')} but the image looks like ${shot.label} (zero-shot ${(p * 100).toFixed(0)} %). Check that this image belongs to this record.`,
    });
  }
  const matchProbability = knownTerms >= 3 ? model.matchProbability(similarity) : undefined;
  if (matchProbability !== undefined && matchProbability < 0.2)
    warnings.push({
      kind: 'overall',
      message: `The image and the record text match poorly (P ${(matchProbability * 100).toFixed(0)} % that the text describes this image).`,
    });
  return {
    modelId: model.modelId,
    modelVersion: model.modelVersion,
    status: IMAGE_TEXT_STATUS,
    similarity: Number(similarity.toFixed(4)),
    ...(matchProbability !== undefined ? { matchProbability: Number(matchProbability.toFixed(4)) } : {}),
    knownTerms,
    zeroShot: shots,
    textMentions,
    warnings,
    caveat: IMAGE_TEXT_CAVEAT,
  };
}

/** The consistency check of a stored image against the given text, else its description and its case's note. */
export async function consistencyOfStored(store: Store, imageId: string, text?: string) {
  const image = getImage(store, imageId);
  const record =
    text ??
    [image.description, image.caseId ? store.cases.get(image.caseId)?.note : undefined]
      .filter(Boolean)
      .join('\n');
  if (record.trim() === '')
    throw HealthGptError.unprocessable(
      'no record text to check against: give text, or a description on the image or a note on its case',
    );
  return consistencyCheck(await decodeStored(store, imageId), record);
}

/** Zero-shot labels of a grey image. */
export async function zeroShotLabels(image: GreyImage): Promise<ZeroShotResult[]> {
  const model = requireImageTextModel();
  const [e] = (await model.embedImages([image])) as [Float32Array];
  return zeroShot(model, e);
}
