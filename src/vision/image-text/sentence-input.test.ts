import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { type ImageTextConfig, imageTextShapes, initialImageTextWeights } from './config.js';
import { dot, IMAGE_TEXT_FORMAT, ImageTextModel } from './model.js';
import { SENTENCE_DIM, textInputKind, textInputRow, textInputSize } from './sentence-input.js';

const base = {
  imageEncoder: 'features' as const,
  inputSize: 64,
  channels: [16, 24, 48, 64] as const,
  hidden: 8,
  embedDim: 4,
  vocabularySize: 3,
  modalities: ['CT', 'MR'],
  regions: ['Head'],
};

describe('text tower input', () => {
  it('is the TF-IDF row for older model files, which name no text input', () => {
    expect(textInputKind(base)).toBe('tfidf');
    expect(textInputSize(base)).toBe(3);
    expect(Array.from(textInputRow(base, Float32Array.of(0.6, 0, 0.8), undefined))).toEqual([
      Float32Array.of(0.6)[0],
      0,
      Float32Array.of(0.8)[0],
    ]);
    const txt1 = imageTextShapes(base).find(([name]) => name === 'txt1.w');
    expect(txt1?.[1]).toEqual([3, 8]);
  });

  it('concatenates the TF-IDF row and the weighted sentence vector for "both", and sizes the tower to match', () => {
    const c = { ...base, textInput: 'both' as const, sentenceWeight: 2 };
    expect(textInputSize(c)).toBe(3 + SENTENCE_DIM);
    const sentence = Float32Array.from({ length: SENTENCE_DIM }, (_, i) =>
      i === 0 ? 0.5 : i === 511 ? -0.25 : 0,
    );
    const row = textInputRow(c, Float32Array.of(1, 0, 0), sentence);
    expect(row.length).toBe(3 + SENTENCE_DIM);
    expect(row[0]).toBe(1);
    expect(row[3]).toBe(1);
    expect(row[3 + 511]).toBe(-0.5);
    expect(imageTextShapes(c).find(([name]) => name === 'txt1.w')?.[1]).toEqual([3 + SENTENCE_DIM, 8]);
  });

  it('uses only the sentence vector for "sentence", and refuses a missing or mis-sized part', () => {
    const c = { ...base, textInput: 'sentence' as const };
    expect(textInputSize(c)).toBe(SENTENCE_DIM);
    const sentence = new Float32Array(SENTENCE_DIM).fill(0.1);
    expect(textInputRow(c, undefined, sentence)[0]).toBeCloseTo(0.1, 6);
    expect(() => textInputRow(c, undefined, new Float32Array(10))).toThrow(/sentence vector/);
    expect(() => textInputRow({ ...base, textInput: 'both' }, undefined, sentence)).toThrow(/TF-IDF/);
    expect(() => textInputRow(base, Float32Array.of(1, 0), undefined)).toThrow(/TF-IDF/);
  });
});

describe('a model whose text tower reads sentence vectors', () => {
  const config: ImageTextConfig = { ...base, textInput: 'both', sentenceWeight: 1 };
  const model = new ImageTextModel(
    {
      format: IMAGE_TEXT_FORMAT,
      modelId: 'vision.image-text',
      modelVersion: 'test',
      trainedAt: '2026-01-01T00:00:00Z',
      config,
      vocabulary: { terms: ['ct', 'chest', 'mr'], idf: [1, 1, 1] },
      normalisation: { mean: 0.5, std: 0.25 },
      matchCalibration: { a: 1, b: 0 },
      seed: 1,
      training: {},
      metrics: {},
      tensors: imageTextShapes(config).map(([name, shape]) => ({ name, shape })),
    },
    initialImageTextWeights(config, seededRandom(1)),
  );
  const vector = (k: number) => Float32Array.from({ length: SENTENCE_DIM }, (_, i) => Math.sin(i * k) / 16);

  it('embeds texts from given sentence vectors to unit length, and the vector changes the embedding', async () => {
    const [a, b] = (await model.embedTexts(['ct chest', 'ct chest'], [vector(1), vector(2)])) as [
      Float32Array,
      Float32Array,
    ];
    expect(a.length).toBe(4);
    expect(dot(a, a)).toBeCloseTo(1, 4);
    expect(dot(a, b)).toBeLessThan(0.9999);
  });

  it('refuses sentence vectors that are not aligned with the texts', async () => {
    await expect(model.embedTexts(['ct chest', 'mr'], [vector(1)])).rejects.toThrow(/not aligned/);
  });
});
