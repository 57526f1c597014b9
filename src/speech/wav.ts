import { HealthGptError } from '../engine/errors.js';

/** Decoded audio: mono samples in [-1, 1] at `sampleRate`, and what the file said about itself. */
export interface PcmAudio {
  readonly sampleRate: number;
  readonly samples: Float32Array;
  /** Channels and bits per sample of the source file (before mixing down). */
  readonly source: { readonly channels: number; readonly bitsPerSample: number; readonly float: boolean };
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

function unsupported(message: string): HealthGptError {
  return new HealthGptError('unsupported-media-type', message);
}

function readFmt(view: DataView, at: number, size: number) {
  if (size < 16) throw unsupported('WAV fmt chunk is shorter than 16 bytes');
  let format = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
  if (format === EXTENSIBLE && size >= 40) format = view.getUint16(at + 24, true);
  return { format, channels, sampleRate, blockAlign, bitsPerSample };
}

/**
 * Reads a RIFF/WAVE file: integer PCM (8, 16, 24, 32 bit) or IEEE float (32, 64 bit), any channel count (mixed down
 * to mono). Anything else (compressed WAV such as A-law, µ-law, ADPCM; a truncated header) is refused with a clear
 * `unsupported-media-type` error. http://soundfile.sapp.org/doc/WaveFormat/
 */
export function readWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw unsupported('not a RIFF/WAVE file');
  let fmt: ReturnType<typeof readFmt> | undefined;
  let data: Uint8Array | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') fmt = readFmt(view, body, Math.min(size, bytes.length - body));
    // A streamed recording may declare a larger (or 0xFFFFFFFF) data size than it has: read what is there.
    if (id === 'data') data = bytes.subarray(body, Math.min(body + size, bytes.length));
    if (fmt && data) break;
    at = body + size + (size % 2);
  }
  if (!fmt) throw unsupported('WAV file has no fmt chunk');
  if (!data) throw unsupported('WAV file has no data chunk');
  const { format, channels, sampleRate, blockAlign, bitsPerSample } = fmt;
  const float = format === IEEE_FLOAT;
  if (format !== PCM && !float)
    throw unsupported(`WAV encoding ${format} is compressed; send PCM (format 1) or float (format 3)`);
  const okBits = float ? [32, 64] : [8, 16, 24, 32];
  if (!okBits.includes(bitsPerSample))
    throw unsupported(`${bitsPerSample}-bit WAV samples are not supported`);
  if (channels < 1 || channels > 16) throw unsupported(`WAV declares ${channels} channels`);
  if (sampleRate < 4000 || sampleRate > 384_000)
    throw unsupported(`WAV sample rate ${sampleRate} Hz is out of range`);
  const bytesPer = bitsPerSample / 8;
  const frame = Math.max(blockAlign, bytesPer * channels);
  const frames = Math.floor(data.length / frame);
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(dataView, bitsPerSample, float);
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(i * frame + c * bytesPer);
    samples[i] = sum / channels;
  }
  return { sampleRate, samples, source: { channels, bitsPerSample, float } };
}

function sampleReader(view: DataView, bits: number, float: boolean): (at: number) => number {
  if (float) return bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => {
        const v = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        return v / 8_388_608;
      };
    default:
      return (at) => view.getInt32(at, true) / 2_147_483_648;
  }
}

/** Zero crossings on each side of the windowed-sinc kernel: sharper cut-off for more work. */
const LOBES = 8;

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/**
 * Resamples mono audio to `rate` by band-limited (Lanczos-windowed sinc) interpolation: when downsampling the
 * kernel is widened so it also low-passes at the new Nyquist frequency, so 44.1 or 48 kHz speech does not alias into
 * the 0–8 kHz band a 16 kHz recogniser hears, nor lose the consonants that a cruder filter smears.
 */
export function resample(samples: Float32Array, from: number, rate: number): Float32Array {
  if (from === rate) return samples;
  const ratio = from / rate;
  const out = new Float32Array(Math.floor(samples.length / ratio));
  const scale = Math.max(1, ratio); // kernel width in input samples per output-rate zero crossing
  const reach = Math.ceil(LOBES * scale);
  for (let i = 0; i < out.length; i++) {
    const centre = i * ratio;
    const first = Math.max(0, Math.floor(centre) - reach + 1);
    const last = Math.min(samples.length - 1, Math.floor(centre) + reach);
    let sum = 0;
    let weights = 0;
    for (let j = first; j <= last; j++) {
      const x = (j - centre) / scale;
      if (Math.abs(x) >= LOBES) continue;
      const w = sinc(x) * sinc(x / LOBES);
      sum += (samples[j] ?? 0) * w;
      weights += w;
    }
    out[i] = weights === 0 ? 0 : sum / weights;
  }
  return out;
}

/** Writes mono samples as a 16-bit PCM WAV file (clipped to [-1, 1]). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i] ?? 0));
    view.setInt16(44 + i * 2, Math.round(v < 0 ? v * 32768 : v * 32767), true);
  }
  return bytes;
}

/** Audio as a recogniser for 16 kHz speech wants it: mono, 16 kHz, 16-bit PCM WAV. */
export function toWav16kMono(audio: PcmAudio): Uint8Array {
  return encodeWav16(resample(audio.samples, audio.sampleRate, 16_000), 16_000);
}
