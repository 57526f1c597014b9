import { z } from 'zod';
import { type AnyEngine, defineEngine, type Engine, type EngineValidation } from '../engine/engine.js';
import { analyzeImage, type ImageFinding } from './analysis.js';
import { APPLICABILITY } from './applicability.js';
import { modelDir, readDefaults, readModelFile } from './model-file.js';
import { TASK_INFO, VISION_TASKS, type VisionTask } from './tasks.js';
import { visionValidation } from './validation.js';

const inputSchema = z
  .object({
    widthPx: z.number().int().min(1).max(4096),
    heightPx: z.number().int().min(1).max(4096),
    /** Grey pixels 0–255, row-major (width × height values). */
    pixels: z
      .array(z.number().min(0).max(255))
      .min(1)
      .max(4096 * 4096),
  })
  .strict()
  .refine((v) => v.pixels.length === v.widthPx * v.heightPx, {
    message: 'pixels must hold widthPx × heightPx values',
    path: ['pixels'],
  });

export type VisionEngineInput = z.input<typeof inputSchema>;

/** Model version from the committed model file, or 'untrained' when the weights are missing from this checkout. */
function modelVersionOf(task: VisionTask): string {
  try {
    const arch = readDefaults()[task]?.arch ?? 'cnn';
    return readModelFile(modelDir(task, arch)).header.modelVersion;
  } catch {
    return 'untrained';
  }
}

const DATASETS: Readonly<Record<VisionTask, string>> = {
  pneumonia: 'PneumoniaMNIST validation split',
  breast: 'BreastMNIST validation split',
  thyroid: 'DDTI validation split (own split)',
};

/** The engine contract's validation of a task's model, from the metrics its training wrote into `model.json`. */
export function visionEngineValidation(task: VisionTask): EngineValidation {
  const v = visionValidation(task);
  return {
    status: v.status,
    metrics: [
      {
        name: 'AUC',
        ...(v.value !== undefined ? { value: Number(v.value.toFixed(3)) } : {}),
        ...(v.interval
          ? { interval: [Number(v.interval[0].toFixed(3)), Number(v.interval[1].toFixed(3))] as const }
          : {}),
        dataset: `${DATASETS[task]}${v.n !== undefined ? `, ${v.n} images` : ''}`,
        evidence: v.value !== undefined ? 'benchmark' : 'none',
        reference: `models/vision/${task}/MODEL_CARD.md`,
        note: `${v.summary} Applies only to ${APPLICABILITY[task].inputKind} of ${APPLICABILITY[task].population.label}.`,
      },
    ],
  };
}

/** A 28 × 28 grey ramp: a valid image for the example input (not a clinical image). */
const EXAMPLE_PIXELS = Array.from({ length: 28 * 28 }, (_, i) =>
  Math.round(((i % 28) + Math.floor(i / 28)) * 4.6),
);

/** One engine per task: a grey image in, the calibrated finding with its likelihood ratio out. */
export function visionEngine(task: VisionTask): Engine<typeof inputSchema, ImageFinding> {
  const info = TASK_INFO[task];
  return defineEngine({
    id: `vision.${task}`,
    aliases: [`vision-${task}`],
    outputKind: 'image-finding',
    title: info.title,
    version: '1.0.0',
    modelVersion: modelVersionOf(task),
    description: `${info.finding.name}: calibrated probability and likelihood ratio from a model trained here (see models/vision/${task}/MODEL_CARD.md). Trained on ${APPLICABILITY[task].population.label}; reads ${APPLICABILITY[task].inputKind} (${APPLICABILITY[task].modalityLabel}). Raw pixels carry no modality or patient: the image routes check where the model applies. Decision support, not a diagnosis.`,
    source:
      task === 'thyroid' ? 'DDTI, Pedraza et al., SPIE 2015' : 'MedMNIST v2, Yang et al., Sci Data 2023',
    validation: visionEngineValidation(task),
    inputSchema,
    exampleInput: { widthPx: 28, heightPx: 28, pixels: EXAMPLE_PIXELS },
    // One contribution, ln LR, with no baseline.
    additiveTotal: (finding) => Math.log(finding.likelihoodRatio),
    async compute(input) {
      const result = await analyzeImage(
        { width: input.widthPx, height: input.heightPx, pixels: Float32Array.from(input.pixels) },
        task,
      );
      const f = result.finding;
      return {
        output: f,
        explanation: {
          summary: `${f.name}: ${(f.probability * 100).toFixed(1)} % (${f.status}), likelihood ratio ${f.likelihoodRatio.toFixed(2)}.`,
          contributions: [
            {
              input: 'image',
              label: `${f.name} (${f.heatmapMethod} heatmap in the analysis)`,
              contribution: Math.log(f.likelihoodRatio),
              unit: 'log-likelihood-ratio' as const,
            },
          ],
        },
        provenance: { modelVersion: f.modelVersion },
      };
    },
  });
}

export const visionEngines: readonly AnyEngine[] = VISION_TASKS.map((t) => visionEngine(t));
