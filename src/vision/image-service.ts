import { randomUUID } from 'node:crypto';
import type { Finding } from '../clinical/finding.js';
import type { ImageReference } from '../clinical/image.js';
import type { Store } from '../store/store.js';
import { analyzeImage, type ImageFinding } from './analysis.js';
import type { WindowPreset } from './dicom/windowing.js';
import { renderGreyPng } from './heatmap-render.js';
import { decodeImage, type ImageFormat, ImageInputError } from './image-input.js';
import type { Arch } from './nn/architecture.js';
import type { VisionTask } from './tasks.js';

/** An uploaded image as stored in the `vision.images` document collection (bytes in the blob store). */
export interface StoredImage {
  readonly id: string;
  readonly blobId: string;
  readonly contentType: string;
  readonly format: ImageFormat;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly frames: number;
  readonly pixelSpacingMm?: readonly [number, number];
  readonly modality?: string;
  readonly caseId?: string;
  readonly description?: string;
  readonly createdAt: string;
}

/** One analysis of an image by a task's model, in the `vision.analyses` collection. */
export interface StoredAnalysis {
  readonly id: string;
  readonly imageId: string;
  readonly caseId?: string;
  readonly task: VisionTask;
  readonly finding: ImageFinding;
  readonly heatmapBlobId: string;
  readonly createdAt: string;
}

const images = (store: Store) => store.documents.collection<StoredImage>('vision.images', (d) => d.caseId);
const analyses = (store: Store) =>
  store.documents.collection<StoredAnalysis>('vision.analyses', (d) => d.imageId);

/** Not found, for the API's 404. */
export class ImageNotFoundError extends Error {
  constructor(
    readonly what: 'image' | 'case' | 'analysis',
    readonly id: string,
  ) {
    super(`${what} '${id}' does not exist`);
    this.name = 'ImageNotFoundError';
  }
}

/**
 * Checks and stores an upload: decoded once (so broken files are refused at the door), bytes in `blobs`, metadata
 * in `vision.images`; with a `caseId`, the image is also listed on the case.
 */
export async function storeImage(
  store: Store,
  bytes: Uint8Array,
  options: { contentType?: string; caseId?: string; description?: string } = {},
): Promise<StoredImage> {
  if (options.caseId && !store.cases.get(options.caseId))
    throw new ImageNotFoundError('case', options.caseId);
  const decoded = await decodeImage(bytes, options.contentType ? { contentType: options.contentType } : {});
  return store.transaction(() => {
    const blobId = store.blobs.put(bytes, decoded.contentType);
    const image: StoredImage = {
      id: randomUUID(),
      blobId,
      contentType: decoded.contentType,
      format: decoded.format,
      widthPx: decoded.widthPx,
      heightPx: decoded.heightPx,
      frames: decoded.frames,
      ...(decoded.pixelSpacingMm ? { pixelSpacingMm: decoded.pixelSpacingMm } : {}),
      ...(decoded.modality ? { modality: decoded.modality } : {}),
      ...(options.caseId ? { caseId: options.caseId } : {}),
      ...(options.description ? { description: options.description } : {}),
      createdAt: new Date().toISOString(),
    };
    images(store).put(image.id, image);
    if (options.caseId) {
      const current = store.cases.get(options.caseId);
      if (current) {
        const reference: ImageReference = {
          id: image.id,
          contentType: image.contentType,
          blobId,
          widthPx: image.widthPx,
          heightPx: image.heightPx,
          ...(image.modality ? { modality: image.modality } : {}),
          ...(image.pixelSpacingMm
            ? { pixelSpacingMm: [image.pixelSpacingMm[0], image.pixelSpacingMm[1]] as const }
            : {}),
          ...(image.description ? { description: image.description } : {}),
        };
        const { id: _id, createdAt: _c, updatedAt: _u, ...content } = current;
        store.cases.update(options.caseId, { ...content, images: [...current.images, reference] });
      }
    }
    return image;
  });
}

export function getImage(store: Store, id: string): StoredImage {
  const image = images(store).get(id);
  if (!image) throw new ImageNotFoundError('image', id);
  return image;
}

export function listAnalyses(store: Store, imageId: string): StoredAnalysis[] {
  return analyses(store)
    .list({ key: imageId, limit: 100 })
    .items.map((i) => i.document);
}

export function getAnalysis(store: Store, imageId: string, analysisId: string): StoredAnalysis {
  const analysis = analyses(store).get(analysisId);
  if (!analysis || analysis.imageId !== imageId) throw new ImageNotFoundError('analysis', analysisId);
  return analysis;
}

/** The stored image rendered as a grey PNG (DICOM through a window preset or its own window), for the viewer. */
export async function renderStoredImage(
  store: Store,
  id: string,
  options: { window?: WindowPreset; frame?: number } = {},
): Promise<Uint8Array> {
  const image = getImage(store, id);
  const blob = store.blobs.get(image.blobId);
  if (!blob) throw new ImageNotFoundError('image', id);
  const decoded = await decodeImage(blob.bytes, { contentType: blob.contentType, ...options });
  return renderGreyPng(decoded.grey);
}

/**
 * Runs a task's model on a stored image: the finding (probability, likelihood ratio) in `vision.analyses`, the
 * heatmap overlay PNG in `blobs`; when the image belongs to a case, the finding is set on the case (replacing an
 * earlier one for the same concept) so the differential and risk panels see it.
 */
export async function analyzeStoredImage(
  store: Store,
  imageId: string,
  task: VisionTask,
  options: { arch?: Arch; frame?: number } = {},
): Promise<StoredAnalysis> {
  const image = getImage(store, imageId);
  const blob = store.blobs.get(image.blobId);
  if (!blob) throw new ImageNotFoundError('image', imageId);
  const decoded = await decodeImage(blob.bytes, {
    contentType: blob.contentType,
    ...(options.frame !== undefined ? { frame: options.frame } : {}),
  });
  if (decoded.dicom && decoded.dicom.samplesPerPixel !== 1 && task === 'pneumonia') {
    throw new ImageInputError(422, 'the pneumonia model reads grey radiographs; this DICOM is colour');
  }
  const result = await analyzeImage(decoded.grey, task, options.arch ? { arch: options.arch } : {});
  return store.transaction(() => {
    const heatmapBlobId = store.blobs.put(result.heatmapPng, 'image/png');
    const analysis: StoredAnalysis = {
      id: randomUUID(),
      imageId,
      ...(image.caseId ? { caseId: image.caseId } : {}),
      task,
      finding: result.finding,
      heatmapBlobId,
      createdAt: new Date().toISOString(),
    };
    analyses(store).put(analysis.id, analysis);
    if (image.caseId) {
      const current = store.cases.get(image.caseId);
      if (current) {
        const finding: Finding = {
          conceptId: result.finding.conceptId,
          status: result.finding.status,
          value: Number(result.finding.probability.toFixed(3)),
          certainty: 'possible',
          temporality: 'recent',
          experiencer: 'patient',
        };
        const { id: _id, createdAt: _c, updatedAt: _u, ...content } = current;
        store.cases.update(image.caseId, {
          ...content,
          findings: [...current.findings.filter((f) => f.conceptId !== finding.conceptId), finding],
        });
      }
    }
    return analysis;
  });
}
