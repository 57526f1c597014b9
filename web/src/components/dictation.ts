import { encodeWav16, resample } from '../../../src/speech/wav.js';
import { ApiError } from '../api.js';

/** What `GET /v1/audio/status` says. */
export interface SpeechStatus {
  readonly available: boolean;
  readonly engine?: string;
  readonly description?: string;
  readonly reason?: string;
}

/**
 * A browser recording (MediaRecorder's WebM/Opus or Ogg) as 16 kHz mono 16-bit WAV: decoded by the browser's own
 * audio decoder, mixed down and resampled here, so the offline recogniser (which reads WAV only) can take it.
 */
export async function recordingToWav(recording: Blob): Promise<Uint8Array> {
  const context = new AudioContext();
  try {
    const audio = await context.decodeAudioData(await recording.arrayBuffer());
    const mono = new Float32Array(audio.length);
    for (let c = 0; c < audio.numberOfChannels; c++) {
      const channel = audio.getChannelData(c);
      for (let i = 0; i < mono.length; i++)
        mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / audio.numberOfChannels;
    }
    return encodeWav16(resample(mono, audio.sampleRate, 16_000), 16_000);
  } finally {
    void context.close();
  }
}

export interface UploadOptions {
  /** Server root; '' (the default) is this page's origin, where the session cookie signs the request in. */
  readonly baseUrl?: string;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/**
 * Uploads audio to `POST /v1/audio/transcriptions` as OpenAI's multipart form (`file`, `model`) and returns the
 * text. A refusal (no transcriber, not audio, too long) is thrown as an `ApiError` carrying the problem document.
 */
export async function uploadForTranscript(
  audio: Uint8Array | Blob,
  options: UploadOptions = {},
): Promise<string> {
  const file = audio instanceof Blob ? audio : new Blob([new Uint8Array(audio)], { type: 'audio/wav' });
  const form = new FormData();
  form.append('file', file, file.type.includes('wav') ? 'dictation.wav' : 'dictation.webm');
  form.append('model', 'default');
  const response = await fetch(`${options.baseUrl ?? ''}/v1/audio/transcriptions`, {
    method: 'POST',
    credentials: 'same-origin',
    body: form,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let body: { text?: unknown; title?: string; detail?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { detail: text.slice(0, 300) };
  }
  if (!response.ok || typeof body.text !== 'string')
    throw new ApiError(response.status, {
      ...(body.title ? { title: body.title } : {}),
      detail: body.detail ?? `HTTP ${response.status}`,
    });
  return body.text;
}

/** `current` with the dictated text appended after one space (or alone when `current` is blank). */
export function insertDictation(current: string, dictated: string): string {
  const piece = dictated.trim();
  if (!piece) return current;
  if (!current.trim()) return piece;
  return /\s$/.test(current) ? `${current}${piece}` : `${current} ${piece}`;
}
