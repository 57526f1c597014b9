import type { CheckedAudio } from './audio-input.js';

/** What a transcriber returns. */
export interface Transcript {
  readonly text: string;
  /** Which transcriber produced it (`pocketsphinx`, `openai-compatible`). */
  readonly engine: string;
  readonly durationSeconds?: number;
  readonly language?: string;
}

export interface TranscribeOptions {
  /** ISO-639-1 language hint (`en`). */
  readonly language?: string;
  /** Words to prime the recogniser with (drug names, abbreviations); servers that do not support it ignore it. */
  readonly prompt?: string;
  readonly signal?: AbortSignal;
}

/**
 * The speech-to-text port: turns a checked audio upload into text. Implementations: {@link PocketsphinxTranscriber}
 * (offline, Debian's `pocketsphinx_continuous`) and {@link OpenAiTranscriber} (any OpenAI-compatible
 * `/v1/audio/transcriptions` server). Errors are `HealthGptError`s (`unsupported-media-type`, `timeout`,
 * `upstream-failed`, `unavailable`).
 */
export interface Transcriber {
  readonly id: string;
  /** One line for status pages: what it is and where it runs. */
  readonly description: string;
  transcribe(audio: CheckedAudio, options?: TranscribeOptions): Promise<Transcript>;
}
