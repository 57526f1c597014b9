/**
 * Exports the committed pneumonia CNN to ONNX with its model card, so the ONNX runner is tested on a real file:
 *   npx tsx scripts/vision/export-onnx.ts [--task pneumonia]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { modelDir, readModelFile } from '../../src/vision/model-file.js';
import { exportCnnToOnnx } from '../../src/vision/onnx/export-cnn.js';
import type { OnnxModelCard } from '../../src/vision/onnx/runner.js';
import { isVisionTask, TASK_INFO, type VisionTask } from '../../src/vision/tasks.js';

/** Writes `model.onnx` and `onnx-card.json` beside a task's committed CNN. */
export function exportOnnx(task: VisionTask): string {
  const dir = modelDir(task, 'cnn');
  const { header, weights } = readModelFile(dir);
  writeFileSync(join(dir, 'model.onnx'), exportCnnToOnnx(header, weights));
  const card: OnnxModelCard = {
    modelId: `${header.modelId}-onnx`,
    file: 'model.onnx',
    labels: [TASK_INFO[task].label1],
    input: {
      name: 'image',
      width: header.config.inputSize,
      height: header.config.inputSize,
      channels: 1,
      layout: 'NCHW',
    },
    normalisation: { scale: 1 / 255, mean: [header.normalisation.mean], std: [header.normalisation.std] },
    output: { name: 'logit', kind: 'logits' },
    intendedUse: `ONNX export of ${header.modelId} ${header.modelVersion}; see MODEL_CARD.md`,
  };
  writeFileSync(join(dir, 'onnx-card.json'), `${JSON.stringify(card, null, 2)}\n`);
  return join(dir, 'model.onnx');
}

if (process.argv[1]?.endsWith('export-onnx.ts')) {
  const { values } = parseArgs({ options: { task: { type: 'string', default: 'pneumonia' } } });
  const task = values.task ?? 'pneumonia';
  if (!isVisionTask(task)) throw new Error(`unknown task ${task}`);
  console.log(`wrote ${exportOnnx(task)} and onnx-card.json`);
}
