import type { IntakeProcessor } from './pipeline.js';
import type { IntakeRecord } from './record.js';

/** Largest transcript one streaming session holds (characters); beyond it the record is marked partial. */
export const MAX_SESSION_CHARS = 200_000;

export interface SessionUpdate {
  readonly record: IntakeRecord;
  /** Time to produce this record, in milliseconds. */
  readonly elapsedMs: number;
  readonly textLength: number;
}

/**
 * One consultation arriving in chunks (typed, pasted or transcribed). Each update re-segments the transcript and
 * analyses only new or changed sentences (the processor caches the others), so updates stay fast as it grows.
 */
export class IntakeSession {
  #text = '';
  #truncated = false;

  constructor(
    readonly processor: IntakeProcessor,
    readonly maxChars = MAX_SESSION_CHARS,
  ) {}

  get text(): string {
    return this.#text;
  }

  /** Adds a chunk to the transcript; text beyond `maxChars` is dropped and the record marked partial. */
  append(chunk: string): SessionUpdate {
    return this.replace(this.#text + chunk);
  }

  /** Replaces the whole transcript (the page sends its editor's content after each edit). */
  replace(text: string): SessionUpdate {
    this.#truncated = text.length > this.maxChars;
    this.#text = this.#truncated ? text.slice(0, this.maxChars) : text;
    const started = performance.now();
    const record = this.processor.process(
      this.#text,
      this.#truncated
        ? {
            reason: `transcript longer than ${this.maxChars} characters; the rest was not read`,
            charactersRead: this.maxChars,
          }
        : undefined,
    );
    return { record, elapsedMs: performance.now() - started, textLength: this.#text.length };
  }

  reset(): void {
    this.#text = '';
    this.#truncated = false;
  }
}
