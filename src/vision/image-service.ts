import { randomUUID } from 'node:crypto';
import type { Finding } from '../clinical/finding.js';
import type { ImageReference } from '../clinical/image.js';
import { HealthGptError } from '../engine/errors.js';
import type { Store } from '../store/store.js';
import { analyzeImage, type ImageFinding } from './analysis.js';
import { type ApplicabilityCheck, checkApplicability } from './applicability.js';
import { modalityFrame } from './dicom/read-dicom.js';
import { applyWindow, defaultWindow, type Window, type WindowPreset } from './dicom/windowing.js';
import { renderGreyPng } from './heatmap-render.js';
import { decodeImage, type ImageFormat } from './image-input.js';
import type { Arch } from './nn/architecture.js';
import type { VisionTask } from './tasks.js';
import { type VisionValidation, visionValidation } from './validation.js';

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
  /** DICOM Body Part Examined, when the file says. */
  readonly bodyPartExamined?: string;
  /** Share of coloured pixels in the first frame (0 for grey images). */
  readonly colourFraction?: number;
  /**
   * The window the image is shown with at first, in its own units (modality values, e.g. HU for CT; 0–255 for PNG
   * and JPEG): the viewer's window/level drag starts here. Absent for colour DICOM (shown through luma).
   */
  readonly window?: Window;
  readonly caseId?: string;
  readonly description?: string;
  readonly createdAt: string;
}

/**
 * A clinician's decision on an analysis: its finding enters the case (and so the differential) only once accepted.
 * `pending` until then; `rejected` keeps it out (and takes back a finding this analysis had put on the case).
 */
export interface AnalysisReview {
  readonly state: 'pending' | 'accepted' | 'rejected';
  readonly at?: string;
  readonly by?: string;
}

/** One analysis of an image by a task's model, in the `vision.analyses` collection. */
export interface StoredAnalysis {
  readonly id: string;
  readonly imageId: string;
  readonly caseId?: string;
  readonly task: VisionTask;
  readonly finding: ImageFinding;
  readonly heatmapBlobId: string;
  /** The frame analysed (0 for single-frame images). */
  readonly frame?: number;
  /** The applicability check, and whether the clinician confirmed what the file and case did not say. */
  readonly applicability?: ApplicabilityCheck & { readonly confirmedByClinician: boolean };
  readonly validation?: VisionValidation;
  readonly review?: AnalysisReview;
  readonly createdAt: string;
}

const images = (store: Store) => store.documents.collection<StoredImage>('vision.images', (d) => d.caseId);
const analyses = (store: Store) =>
  store.documents.collection<StoredAnalysis>('vision.analyses', (d) => d.imageId);

/** Not found, for the API's 404. */
export class ImageNotFoundError extends HealthGptError {
  constructor(
    readonly what: 'image' | 'case' | 'analysis',
    readonly id: string,
  ) {
    super('not-found', `${what} '${id}' does not exist`);
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
      ...(decoded.bodyPartExamined ? { bodyPartExamined: decoded.bodyPartExamined } : {}),
      colourFraction: Number(decoded.colourFraction.toFixed(4)),
      ...(initialWindow(decoded) ? { window: initialWindow(decoded) } : {}),
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

function initialWindow(decoded: Awaited<ReturnType<typeof decodeImage>>): Window | undefined {
  if (!decoded.dicom) return { center: 127.5, width: 256 };
  if (decoded.dicom.samplesPerPixel !== 1) return undefined;
  const w = defaultWindow(decoded.dicom, modalityFrame(decoded.dicom, 0));
  return { center: Number(w.center.toFixed(2)), width: Number(w.width.toFixed(2)) };
}

export function getImage(store: Store, id: string): StoredImage {
  const image = images(store).get(id);
  if (!image) throw new ImageNotFoundError('image', id);
  return image;
}

/** An image's analyses, newest first. */
export function listAnalyses(store: Store, imageId: string): StoredAnalysis[] {
  return analyses(store)
    .list({ key: imageId, limit: 100 })
    .items.map((i) => i.document)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function getAnalysis(store: Store, imageId: string, analysisId: string): StoredAnalysis {
  const analysis = analyses(store).get(analysisId);
  if (!analysis || analysis.imageId !== imageId) throw new ImageNotFoundError('analysis', analysisId);
  return analysis;
}

/**
 * The stored image rendered as a grey PNG for the viewer: DICOM through a window preset, a window the clinician set
 * (centre and width in modality units) or its own window; PNG and JPEG through a window on 0–255 when one is given.
 */
export async function renderStoredImage(
  store: Store,
  id: string,
  options: { window?: WindowPreset | Window; frame?: number } = {},
): Promise<Uint8Array> {
  const image = getImage(store, id);
  const blob = store.blobs.get(image.blobId);
  if (!blob) throw new ImageNotFoundError('image', id);
  const decoded = await decodeImage(blob.bytes, { contentType: blob.contentType, ...options });
  const window = options.window;
  if (decoded.dicom || window === undefined || typeof window === 'string') return renderGreyPng(decoded.grey);
  const pixels = decoded.grey.pixels.map((v) => applyWindow(v, window));
  return renderGreyPng({ ...decoded.grey, pixels });
}

/**
 * Runs a task's model on a stored image, only where the model applies: the image (modality, body part, grey, shape,
 * size) and the case's patient (age, sex) are checked against the model's declared domain
 * (`src/vision/applicability.ts`); a known mismatch is refused, and what neither the file nor the case says must be
 * confirmed by the clinician (`confirmApplicability`). The finding and heatmap are stored as a pending analysis:
 * nothing is written on the case until a clinician accepts it (`reviewAnalysis`).
 */
export async function analyzeStoredImage(
  store: Store,
  imageId: string,
  task: VisionTask,
  options: { arch?: Arch; frame?: number; confirmApplicability?: boolean } = {},
): Promise<StoredAnalysis> {
  const image = getImage(store, imageId);
  const blob = store.blobs.get(image.blobId);
  if (!blob) throw new ImageNotFoundError('image', imageId);
  const decoded = await decodeImage(blob.bytes, {
    contentType: blob.contentType,
    ...(options.frame !== undefined ? { frame: options.frame } : {}),
  });
  const casePatient = image.caseId ? store.cases.get(image.caseId)?.patient : undefined;
  // The case says who the patient is; where it does not, the DICOM header may (Patient's Age and Sex).
  const patient = {
    ...(decoded.dicom?.patientAgeYears !== undefined ? { ageYears: decoded.dicom.patientAgeYears } : {}),
    ...(decoded.dicom?.patientSex ? { sex: decoded.dicom.patientSex } : {}),
    ...(casePatient?.ageYears !== undefined ? { ageYears: casePatient.ageYears } : {}),
    ...(casePatient?.sex && casePatient.sex !== 'unknown' ? { sex: casePatient.sex } : {}),
  };
  const check = checkApplicability(task, decoded, patient);
  if (check.verdict === 'refused') {
    throw HealthGptError.unprocessable(
      `This image is outside what the ${task} model applies to. ${check.refusals.join(' ')}`,
      undefined,
      { title: "Image outside the model's scope", details: { applicability: check } },
    );
  }
  if (check.verdict === 'unconfirmed' && options.confirmApplicability !== true) {
    throw HealthGptError.unprocessable(
      `Confirm before analysis: ${check.toConfirm.join(' ')} Then send confirmApplicability: true.`,
      [{ field: '/confirmApplicability', message: 'required: the file or the case does not say enough' }],
      { title: 'Confirmation needed', details: { applicability: check } },
    );
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
      frame: options.frame ?? 0,
      applicability: { ...check, confirmedByClinician: check.verdict === 'unconfirmed' },
      validation: visionValidation(task, options.arch),
      review: { state: 'pending' },
      createdAt: new Date().toISOString(),
    };
    analyses(store).put(analysis.id, analysis);
    return analysis;
  });
}

/**
 * A clinician accepts or rejects an analysis. Accepting writes its finding on the image's case (replacing an earlier
 * one for the same concept) so the differential and risk panels see it; an experimental model's finding is written
 * only with `includeExperimental`. Rejecting takes back the finding if this analysis had put it there.
 */
export function reviewAnalysis(
  store: Store,
  imageId: string,
  analysisId: string,
  decision: 'accept' | 'reject',
  options: { includeExperimental?: boolean; actor?: string } = {},
): StoredAnalysis {
  const analysis = getAnalysis(store, imageId, analysisId);
  if (!analysis.caseId)
    throw HealthGptError.unprocessable('the image belongs to no case, so its finding has nowhere to go');
  const validation = analysis.validation ?? visionValidation(analysis.task);
  if (decision === 'accept' && validation.status !== 'validated' && options.includeExperimental !== true) {
    throw HealthGptError.unprocessable(
      `The ${analysis.task} model is experimental (${validation.summary}) Its finding is not added to the case unless you send includeExperimental: true.`,
      [{ field: '/includeExperimental', message: 'required to add an experimental model’s finding' }],
      { title: 'Experimental model' },
    );
  }
  const caseId = analysis.caseId;
  return store.transaction(() => {
    const current = store.cases.get(caseId);
    if (!current) throw new ImageNotFoundError('case', caseId);
    const value = Number(analysis.finding.probability.toFixed(3));
    const others = current.findings.filter((f) => f.conceptId !== analysis.finding.conceptId);
    const mine = current.findings.find(
      (f) => f.conceptId === analysis.finding.conceptId && f.value === value,
    );
    let findings = current.findings;
    if (decision === 'accept') {
      const finding: Finding = {
        conceptId: analysis.finding.conceptId,
        label: analysis.finding.name,
        status: analysis.finding.status,
        value,
        certainty: 'possible',
        temporality: 'recent',
        experiencer: 'patient',
      };
      findings = [...others, finding];
    } else if (analysis.review?.state === 'accepted' && mine) {
      findings = others;
    }
    if (findings !== current.findings) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...content } = current;
      store.cases.update(caseId, { ...content, findings });
    }
    const reviewed: StoredAnalysis = {
      ...analysis,
      review: {
        state: decision === 'accept' ? 'accepted' : 'rejected',
        at: new Date().toISOString(),
        ...(options.actor ? { by: options.actor } : {}),
      },
    };
    analyses(store).put(reviewed.id, reviewed);
    return reviewed;
  });
}
