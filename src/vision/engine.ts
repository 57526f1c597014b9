import { z } from 'zod';
import { type AnyEngine, type Engine, provenanceOf } from '../engine/engine.js';
import { analyzeImage, type ImageFinding } from './analysis.js';
import { modelDir, readDefaults, readModelFile } from './model-file.js';
import { TASK_INFO, VISION_TASKS, type VisionTask } from './tasks.js';

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

export type VisionEngineInput = z.infer<typeof inputSchema>;

/** Model version from the committed model file, or 'untrained' when the weights are missing from this checkout. */
function modelVersionOf(task: VisionTask): string {
  try {
    const arch = readDefaults()[task]?.arch ?? 'cnn';
    return readModelFile(modelDir(task, arch)).header.modelVersion;
  } catch {
    return 'untrained';
  }
}

/** One engine per task: a grey image in, the calibrated finding with its likelihood ratio out. */
export function visionEngine(task: VisionTask): Engine<VisionEngineInput, ImageFinding> {
  const info = TASK_INFO[task];
  return {
    id: `vision-${task}`,
    kind: 'vision',
    title: info.title,
    version: '1.0.0',
    modelVersion: modelVersionOf(task),
    description: `${info.finding.name}: calibrated probability and likelihood ratio from a model trained here (see models/vision/${task}/MODEL_CARD.md). Decision support, not a diagnosis.`,
    source:
      task === 'thyroid' ? 'DDTI, Pedraza et al., SPIE 2015' : 'MedMNIST v2, Yang et al., Sci Data 2023',
    inputSchema: inputSchema as unknown as z.ZodType<VisionEngineInput>,
    async run(input) {
      const result = await analyzeImage(
        { width: input.widthPx, height: input.heightPx, pixels: Float32Array.from(input.pixels) },
        task,
      );
      const f = result.finding;
      return {
        output: f,
        explanation: {
          contributions: [
            {
              input: 'image',
              label: `${f.name} (${f.heatmapMethod} heatmap in the analysis)`,
              contribution: Math.log(f.likelihoodRatio),
              unit: 'log-likelihood-ratio' as const,
            },
          ],
        },
        provenance: provenanceOf(this, { modelVersion: f.modelVersion }),
      };
    },
  };
}

export const visionEngines: readonly AnyEngine[] = VISION_TASKS.map((t) => visionEngine(t));
