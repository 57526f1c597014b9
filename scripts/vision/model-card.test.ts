import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visionModelsDir } from '../../src/vision/model-file.js';
import { VISION_TASKS } from '../../src/vision/tasks.js';
import { updateDefaultsAndCard } from './model-card.js';

describe('vision model cards', () => {
  it('are exactly what the committed model.json records render to (numbers generated, not hand-kept)', () => {
    const root = visionModelsDir();
    const copy = mkdtempSync(join(tmpdir(), 'hg-cards-'));
    cpSync(root, copy, { recursive: true, filter: (src) => !src.endsWith('.bin') && !src.endsWith('.onnx') });
    for (const task of VISION_TASKS) {
      updateDefaultsAndCard(task, copy);
      expect(readFileSync(join(copy, task, 'MODEL_CARD.md'), 'utf8'), `${task} card`).toBe(
        readFileSync(join(root, task, 'MODEL_CARD.md'), 'utf8'),
      );
    }
    expect(readFileSync(join(copy, 'defaults.json'), 'utf8')).toBe(
      readFileSync(join(root, 'defaults.json'), 'utf8'),
    );
  });
});
