import type { PatientContext } from '../clinical/patient.js';
import type { VisionTask } from './tasks.js';

/**
 * Where each vision model applies: the kind of image it was trained on (DICOM Modality and Body Part Examined, grey
 * or colour, shape and size) and the patients it was trained on. An image outside these is refused; where the file
 * or the case does not say (a PNG has no modality; a case may have no age), the clinician must confirm before the
 * model runs. The models were trained on public data sets (see each model card); nothing here widens what they saw.
 */
export interface VisionApplicability {
  /** DICOM Modality values (0008,0060) the model accepts. */
  readonly modalities: readonly string[];
  /** What the accepted modality is, for people. */
  readonly modalityLabel: string;
  /** DICOM Body Part Examined values (0018,0015) the model accepts. */
  readonly bodyParts: readonly string[];
  readonly bodyPartLabel: string;
  /** The patients in the training data. */
  readonly population: {
    readonly label: string;
    readonly minAgeYears?: number;
    readonly maxAgeYears?: number;
    readonly sex?: 'female' | 'male';
  };
  /** What one input is, for people (e.g. "one frontal chest radiograph"). */
  readonly inputKind: string;
  /** Accepted width / height ratio of the image. */
  readonly aspectRatio: readonly [number, number];
  /** Smallest accepted side in pixels (the models read 28×28 downsampled images; anything smaller is a thumbnail). */
  readonly minSidePx: number;
  /** Largest share of coloured pixels accepted: the training images were grey. */
  readonly maxColourFraction: number;
}

export const APPLICABILITY: Readonly<Record<VisionTask, VisionApplicability>> = {
  pneumonia: {
    modalities: ['CR', 'DX'],
    modalityLabel: 'radiograph (DICOM CR or DX)',
    bodyParts: ['CHEST'],
    bodyPartLabel: 'chest',
    population: {
      label: 'children aged 1–5 years (one centre in Guangzhou; Kermany et al. 2018)',
      minAgeYears: 1,
      maxAgeYears: 5,
    },
    inputKind: 'one frontal chest radiograph, grey',
    aspectRatio: [0.6, 1.6],
    minSidePx: 64,
    maxColourFraction: 0.01,
  },
  breast: {
    modalities: ['US'],
    modalityLabel: 'ultrasound (DICOM US)',
    bodyParts: ['BREAST'],
    bodyPartLabel: 'breast',
    population: {
      label: 'women aged 25–75 years (one centre in Cairo; BUSI, Al-Dhabyani et al. 2020)',
      minAgeYears: 25,
      maxAgeYears: 75,
      sex: 'female',
    },
    inputKind: 'one B-mode breast ultrasound image of a lesion, grey',
    aspectRatio: [0.5, 2.5],
    minSidePx: 64,
    maxColourFraction: 0.05,
  },
  thyroid: {
    modalities: ['US'],
    modalityLabel: 'ultrasound (DICOM US)',
    bodyParts: ['THYROID', 'NECK'],
    bodyPartLabel: 'thyroid (neck)',
    population: {
      label: 'adults with a thyroid nodule (one centre in Bogotá; DDTI, Pedraza et al. 2015)',
      minAgeYears: 18,
    },
    inputKind: 'one B-mode thyroid ultrasound image of a nodule, grey',
    aspectRatio: [0.5, 2.5],
    minSidePx: 64,
    maxColourFraction: 0.05,
  },
};

/** What is known about the image to be analysed. */
export interface ImageFacts {
  readonly format: 'dicom' | 'png' | 'jpeg';
  readonly widthPx: number;
  readonly heightPx: number;
  readonly colourFraction: number;
  readonly modality?: string;
  readonly bodyPartExamined?: string;
}

export interface ApplicabilityCheck {
  readonly task: VisionTask;
  /** `refused`: something known is outside the model; `unconfirmed`: something needed is not known. */
  readonly verdict: 'applicable' | 'unconfirmed' | 'refused';
  /** Why it was refused (each a sentence for the clinician). */
  readonly refusals: readonly string[];
  /** What the clinician must confirm because neither the file nor the case says it. */
  readonly toConfirm: readonly string[];
}

/**
 * Checks one image (and the patient, when the image belongs to a case) against a model's declared domain. Known
 * mismatches refuse; unknowns are listed for the clinician to confirm (`confirmApplicability: true` in the API).
 */
export function checkApplicability(
  task: VisionTask,
  image: ImageFacts,
  patient?: Pick<PatientContext, 'ageYears' | 'sex'>,
): ApplicabilityCheck {
  const a = APPLICABILITY[task];
  const refusals: string[] = [];
  const toConfirm: string[] = [];
  const modality = image.modality?.trim().toUpperCase();
  if (modality === undefined) {
    toConfirm.push(
      `The ${image.format === 'dicom' ? 'DICOM file has no Modality' : `${image.format.toUpperCase()} file does not say what kind of image it is`}: confirm it is a ${a.modalityLabel}.`,
    );
  } else if (!a.modalities.includes(modality)) {
    refusals.push(`The image is modality ${modality}; this model reads only ${a.modalityLabel}.`);
  }
  const bodyPart = image.bodyPartExamined?.trim().toUpperCase();
  if (bodyPart === undefined) {
    toConfirm.push(`The file does not name the body part: confirm the image shows the ${a.bodyPartLabel}.`);
  } else if (!a.bodyParts.includes(bodyPart)) {
    refusals.push(`The image shows body part ${bodyPart}; this model reads only the ${a.bodyPartLabel}.`);
  }
  if (image.colourFraction > a.maxColourFraction) {
    refusals.push(
      `${Math.round(image.colourFraction * 100)} % of the image is in colour; this model was trained on grey images only (no colour Doppler, photographs or coloured overlays).`,
    );
  }
  const ratio = image.widthPx / image.heightPx;
  if (ratio < a.aspectRatio[0] || ratio > a.aspectRatio[1]) {
    refusals.push(
      `The image is ${image.widthPx}×${image.heightPx} px (width/height ${ratio.toFixed(2)}); this model accepts ${a.aspectRatio[0]}–${a.aspectRatio[1]}, so it is probably a strip, a montage or a cropped part.`,
    );
  }
  if (Math.min(image.widthPx, image.heightPx) < a.minSidePx) {
    refusals.push(
      `The image is ${image.widthPx}×${image.heightPx} px; this model needs at least ${a.minSidePx} px a side (a thumbnail is not a diagnostic image).`,
    );
  }
  const { minAgeYears, maxAgeYears, sex } = a.population;
  if (minAgeYears !== undefined || maxAgeYears !== undefined) {
    const age = patient?.ageYears;
    if (age === undefined) {
      toConfirm.push(`The case has no age: confirm the patient is among ${a.population.label}.`);
    } else if (
      (minAgeYears !== undefined && age < minAgeYears) ||
      (maxAgeYears !== undefined && age > maxAgeYears)
    ) {
      refusals.push(
        `The patient is ${formatYears(age)}; this model was trained on ${a.population.label} and is not valid outside that population.`,
      );
    }
  }
  if (sex !== undefined) {
    const patientSex = patient?.sex;
    if (patientSex === undefined || patientSex === 'unknown' || patientSex === 'other') {
      toConfirm.push(
        `The case does not record the patient's sex: confirm the patient is among ${a.population.label}.`,
      );
    } else if (patientSex !== sex) {
      refusals.push(`The patient is ${patientSex}; this model was trained on ${a.population.label}.`);
    }
  }
  const verdict = refusals.length > 0 ? 'refused' : toConfirm.length > 0 ? 'unconfirmed' : 'applicable';
  return { task, verdict, refusals, toConfirm };
}

function formatYears(age: number): string {
  if (age < 1) return `${Math.round(age * 12)} months old`;
  return `${Math.floor(age)} years old`;
}
