import { HealthGptError } from '../engine/errors.js';
import { type PcmAudio, readWav } from './wav.js';

/** Longest clip transcribed in one request (seconds): dictation, not whole consultations. */
export const MAX_AUDIO_SECONDS = 300;
/** Largest upload (bytes): 5 minutes of 48 kHz stereo 16-bit WAV with room to spare. */
export const MAX_AUDIO_BYTES = 64 * 1024 * 1024;

export type AudioContainer = 'wav' | 'webm' | 'ogg' | 'mp3' | 'flac' | 'mp4';

/** The MIME type sent upstream for each container. */
export const CONTAINER_MIME: Readonly<Record<AudioContainer, string>> = {
  wav: 'audio/wav',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  mp4: 'audio/mp4',
};

/** An audio upload checked for size and kind; WAV files are decoded (and their duration known). */
export interface CheckedAudio {
  readonly bytes: Uint8Array;
  readonly container: AudioContainer;
  /** Decoded samples, for WAV only (other containers go to a server that decodes them itself). */
  readonly pcm?: PcmAudio;
  readonly durationSeconds?: number;
}

function startsWith(bytes: Uint8Array, text: string, at = 0): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The container by its magic bytes (never by the name or the declared type, which a client may get wrong). */
export function sniffContainer(bytes: Uint8Array): AudioContainer | undefined {
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return 'wav';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  if (startsWith(bytes, 'OggS')) return 'ogg';
  if (startsWith(bytes, 'fLaC')) return 'flac';
  if (startsWith(bytes, 'ftyp', 4)) return 'mp4';
  if (startsWith(bytes, 'ID3')) return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not 'reserved'.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0) return 'mp3';
  return undefined;
}

/**
 * Refuses what cannot be speech before any recogniser sees it: empty, over {@link MAX_AUDIO_BYTES}, not an audio
 * container, a WAV file without samples, silent throughout, or longer than {@link MAX_AUDIO_SECONDS}.
 */
export function checkAudio(bytes: Uint8Array): CheckedAudio {
  if (bytes.length === 0) throw HealthGptError.invalid('the audio file is empty');
  if (bytes.length > MAX_AUDIO_BYTES)
    throw new HealthGptError(
      'too-large',
      `the audio file is ${bytes.length} bytes; the limit is ${MAX_AUDIO_BYTES} (about ${MAX_AUDIO_SECONDS / 60} minutes)`,
    );
  const container = sniffContainer(bytes);
  if (!container)
    throw new HealthGptError(
      'unsupported-media-type',
      'not an audio file: send WAV (PCM), WebM/Opus, Ogg, MP3, FLAC or MP4 audio',
    );
  if (container !== 'wav') return { bytes, container };
  const pcm = readWav(bytes);
  const durationSeconds = pcm.samples.length / pcm.sampleRate;
  if (pcm.samples.length === 0)
    throw HealthGptError.invalid('the WAV file has no samples (an empty recording)');
  if (durationSeconds > MAX_AUDIO_SECONDS)
    throw new HealthGptError(
      'too-large',
      `the recording is ${durationSeconds.toFixed(0)} s long; the limit is ${MAX_AUDIO_SECONDS} s — split it`,
    );
  let peak = 0;
  for (const v of pcm.samples) peak = Math.max(peak, Math.abs(v));
  if (peak < 1 / 32768)
    throw HealthGptError.invalid('the recording is silent (every sample is zero): check the microphone');
  return { bytes, container, pcm, durationSeconds };
}
