import { describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import { encodeWav16, readWav, resample, toWav16kMono } from './wav.js';

/** A WAV file built by hand: `format` 1 (PCM) or 3 (float), interleaved frames already encoded as `data`. */
function wavFile(options: {
  format?: number;
  channels?: number;
  sampleRate: number;
  bits: number;
  data: Uint8Array;
  extensible?: boolean;
}): Uint8Array {
  const { format = 1, channels = 1, sampleRate, bits, data, extensible = false } = options;
  const fmtSize = extensible ? 40 : 16;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + data.length);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : format, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, (sampleRate * channels * bits) / 8, true);
  view.setUint16(32, (channels * bits) / 8, true);
  view.setUint16(34, bits, true);
  if (extensible) view.setUint16(20 + 24, format, true); // sub-format GUID, first two bytes
  ascii(20 + fmtSize, 'data');
  view.setUint32(24 + fmtSize, data.length, true);
  bytes.set(data, 28 + fmtSize);
  return bytes;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HealthGptError ? error.code : 'other';
  }
  return undefined;
}

describe('readWav', () => {
  it('reads 16-bit PCM exactly as written', () => {
    const wav = encodeWav16(Float32Array.from([0, 0.5, -0.5, 1, -1]), 16000);
    const pcm = readWav(wav);
    expect(pcm.sampleRate).toBe(16000);
    expect(Array.from(pcm.samples)).toEqual([0, 16384 / 32768, -0.5, 32767 / 32768, -1]);
  });

  it('reads 8-bit unsigned, 24-bit and float samples and mixes stereo down to mono', () => {
    const eight = readWav(wavFile({ sampleRate: 8000, bits: 8, data: Uint8Array.from([128, 192, 64]) }));
    expect(Array.from(eight.samples)).toEqual([0, 0.5, -0.5]);
    // 24-bit little-endian: 0x400000 = +0.5, 0xC00000 = -0.5
    const d24 = Uint8Array.from([0, 0, 0x40, 0, 0, 0xc0]);
    expect(Array.from(readWav(wavFile({ sampleRate: 8000, bits: 24, data: d24 })).samples)).toEqual([
      0.5, -0.5,
    ]);
    const float = new Uint8Array(new Float32Array([0.25, 0.75, -1, 0]).buffer);
    const stereo = readWav(wavFile({ format: 3, channels: 2, sampleRate: 8000, bits: 32, data: float }));
    expect(Array.from(stereo.samples)).toEqual([0.5, -0.5]);
    expect(stereo.source).toEqual({ channels: 2, bitsPerSample: 32, float: true });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM sub-format', () => {
    const data = new Uint8Array(new Int16Array([16384, -16384]).buffer);
    const pcm = readWav(wavFile({ sampleRate: 16000, bits: 16, data, extensible: true }));
    expect(Array.from(pcm.samples)).toEqual([0.5, -0.5]);
  });

  it('refuses what is not PCM WAV with unsupported-media-type', () => {
    expect(codeOf(() => readWav(new TextEncoder().encode('hello, this is not audio')))).toBe(
      'unsupported-media-type',
    );
    const alaw = wavFile({ format: 6, sampleRate: 8000, bits: 8, data: new Uint8Array(4) });
    expect(codeOf(() => readWav(alaw))).toBe('unsupported-media-type');
    const noData = encodeWav16(new Float32Array(0), 16000).subarray(0, 36);
    expect(codeOf(() => readWav(noData))).toBe('unsupported-media-type');
  });
});

describe('resample', () => {
  const tone = (hz: number, rate: number, seconds: number) =>
    Float32Array.from({ length: rate * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
  const crossings = (x: Float32Array) => {
    let n = 0;
    for (let i = 1; i < x.length; i++) if ((x[i - 1] ?? 0) < 0 !== (x[i] ?? 0) < 0) n++;
    return n;
  };

  it('keeps a 440 Hz tone at 440 Hz from 48 kHz and from 8 kHz to 16 kHz', () => {
    for (const from of [48000, 44100, 8000]) {
      const out = resample(tone(440, from, 1), from, 16000);
      expect(out.length).toBe(Math.floor(from / (from / 16000)));
      expect(Math.abs(crossings(out) - 880)).toBeLessThanOrEqual(2);
    }
  });

  it('attenuates a 12 kHz tone that a 16 kHz recogniser cannot represent (no full-strength alias)', () => {
    const out = resample(tone(12000, 48000, 1), 48000, 16000);
    const rms = Math.sqrt(out.reduce((s, v) => s + v * v, 0) / out.length);
    expect(rms).toBeLessThan(0.5 / Math.SQRT2 / 2);
  });

  it('toWav16kMono writes a 16 kHz mono 16-bit file', () => {
    const wav = toWav16kMono({
      sampleRate: 48000,
      samples: tone(300, 48000, 1),
      source: { channels: 1, bitsPerSample: 16, float: false },
    });
    const back = readWav(wav);
    expect(back.sampleRate).toBe(16000);
    expect(back.samples.length).toBe(16000);
    expect(back.source).toEqual({ channels: 1, bitsPerSample: 16, float: false });
  });
});
