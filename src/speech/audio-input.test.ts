import { describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import { checkAudio, MAX_AUDIO_BYTES, sniffContainer } from './audio-input.js';
import { encodeWav16 } from './wav.js';

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return error instanceof HealthGptError ? `${error.code}: ${error.message}` : 'other';
  }
  return undefined;
}

const noise = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.1);

describe('checkAudio', () => {
  it('decodes a WAV file and knows its duration', () => {
    const checked = checkAudio(encodeWav16(noise(8000), 16000));
    expect(checked.container).toBe('wav');
    expect(checked.durationSeconds).toBe(0.5);
  });

  it('refuses empty, oversized, non-audio, sample-less, silent and over-long input, each with its own error', async () => {
    expect(await codeOf(() => checkAudio(new Uint8Array(0)))).toMatch(/^invalid: .*empty/);
    expect(await codeOf(() => checkAudio(new Uint8Array(MAX_AUDIO_BYTES + 1)))).toMatch(/^too-large/);
    expect(await codeOf(() => checkAudio(new TextEncoder().encode('{"text":"hello"}')))).toMatch(
      /^unsupported-media-type: not an audio file/,
    );
    expect(await codeOf(() => checkAudio(encodeWav16(new Float32Array(0), 16000)))).toMatch(
      /^invalid: .*no samples/,
    );
    expect(await codeOf(() => checkAudio(encodeWav16(new Float32Array(16000), 16000)))).toMatch(
      /^invalid: .*silent/,
    );
    expect(await codeOf(() => checkAudio(encodeWav16(noise(4000 * 301), 4000)))).toMatch(
      /^too-large: .*301 s/,
    );
  });

  it('passes other audio containers through undecoded', () => {
    const webm = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0]);
    expect(checkAudio(webm)).toEqual({ bytes: webm, container: 'webm' });
  });
});

describe('sniffContainer', () => {
  it('knows the audio containers by their magic bytes', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(sniffContainer(text('OggS\0\x02'))).toBe('ogg');
    expect(sniffContainer(text('fLaC\0\0'))).toBe('flac');
    expect(sniffContainer(text('ID3\x04\0'))).toBe('mp3');
    expect(sniffContainer(Uint8Array.from([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffContainer(text('\0\0\0\x20ftypM4A '))).toBe('mp4');
    expect(sniffContainer(text('%PDF-1.7'))).toBeUndefined();
    expect(sniffContainer(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
  });
});
