import { checkAudio } from './audio-input.js';
import { requireTranscriber } from './configured.js';
import type { TranscribeOptions, Transcriber, Transcript } from './transcriber.js';

/**
 * Audio bytes to text: checked (size, kind, length, silence), then transcribed by `transcriber` or the configured
 * one ({@link requireTranscriber}: an `unavailable` error that says how to add one when there is none).
 */
export async function transcribeAudio(
  bytes: Uint8Array,
  options: TranscribeOptions & { readonly transcriber?: Transcriber } = {},
): Promise<Transcript> {
  const audio = checkAudio(bytes);
  const { transcriber = requireTranscriber(), ...rest } = options;
  return transcriber.transcribe(audio, rest);
}
