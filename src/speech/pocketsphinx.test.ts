import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { KNOWN_STRETCHES, pocketsphinxUnavailable, SPEECH_FIXTURE } from '../../test/speech-fixture.js';
import { HealthGptError } from '../engine/errors.js';
import { checkAudio } from './audio-input.js';
import { PocketsphinxTranscriber, parsePocketsphinxOutput, pocketsphinxFromEnv } from './pocketsphinx.js';
import { encodeWav16, readWav, resample } from './wav.js';
import { normaliseWords, wordErrors } from './wer.js';

describe('parsePocketsphinxOutput', () => {
  it('joins one utterance per line and drops log lines', () => {
    expect(
      parsePocketsphinxOutput('INFO: cmd_ln.c(697): Parsing\nhello there\n\nREADY....\n  general kenobi \n'),
    ).toBe('hello there general kenobi');
  });
});

describe('pocketsphinxFromEnv', () => {
  it('says what is missing when the binary or the model is not there', () => {
    expect(pocketsphinxFromEnv({ PATH: '/nonexistent' })).toEqual({
      missing: 'pocketsphinx_continuous not found',
    });
    expect(
      pocketsphinxFromEnv({
        PATH: '/bin:/usr/bin',
        HEALTHGPT_POCKETSPHINX_BIN: '/bin/true',
        HEALTHGPT_POCKETSPHINX_MODEL: '/nonexistent',
      }),
    ).toEqual({
      missing: 'no pocketsphinx model in /nonexistent',
    });
  });
});

describeIfAvailable('pocketsphinx on the real recording', pocketsphinxUnavailable(), () => {
  const local = pocketsphinxFromEnv();
  const transcriber = 'transcriber' in local ? local.transcriber : (undefined as never);
  const pcm = readWav(readFileSync(SPEECH_FIXTURE));

  it('hears the robust words of the 15-second clip', async () => {
    const result = await transcriber.transcribe(checkAudio(readFileSync(SPEECH_FIXTURE)));
    expect(result.engine).toBe('pocketsphinx');
    expect(result.durationSeconds).toBe(15);
    const words = normaliseWords(result.text);
    for (const word of ['wikipedia', 'prevents', 'improving', 'maintaining', 'ignore'])
      expect(words).toContain(word);
  }, 60_000);

  it('keeps the word error rate on the stretches with known text at or under 5 of 16 words (measured 4)', async () => {
    let errors = 0;
    let words = 0;
    for (const stretch of KNOWN_STRETCHES) {
      const slice = pcm.samples.subarray(Math.round(stretch.from * 16000), Math.round(stretch.to * 16000));
      const result = await transcriber.transcribe(checkAudio(encodeWav16(slice, 16000)));
      const counted = wordErrors(stretch.text, result.text);
      errors += counted.errors;
      words += counted.words;
    }
    // Printed so that the numbers quoted in docs/speech.md come from this command.
    console.info(
      `pocketsphinx, stretches with known text: ${errors} word errors in ${words} words (WER ${(errors / words).toFixed(3)})`,
    );
    expect(words).toBe(16);
    expect(errors).toBeLessThanOrEqual(5);
  }, 60_000);

  it('hears the same sentence from a 44.1 kHz stereo 16-bit copy (converted to 16 kHz mono before recognition)', async () => {
    const stretch = KNOWN_STRETCHES[1] ?? { from: 0, to: 0, text: '' };
    const mono = resample(pcm.samples.subarray(stretch.from * 16000, stretch.to * 16000), 16000, 44100);
    const stereo = new Uint8Array(44 + mono.length * 4);
    const header = encodeWav16(new Float32Array(0), 44100);
    stereo.set(header);
    const view = new DataView(stereo.buffer);
    view.setUint32(4, 36 + mono.length * 4, true);
    view.setUint16(22, 2, true);
    view.setUint32(28, 44100 * 4, true);
    view.setUint16(32, 4, true);
    view.setUint32(40, mono.length * 4, true);
    for (let i = 0; i < mono.length; i++) {
      const v = Math.round((mono[i] ?? 0) * 32767);
      view.setInt16(44 + i * 4, v, true);
      view.setInt16(46 + i * 4, v, true);
    }
    const result = await transcriber.transcribe(checkAudio(stereo));
    // The 16 kHz original scores 1 error in these 12 words; the converted copy must not do worse.
    expect(wordErrors(stretch.text, result.text).errors).toBeLessThanOrEqual(1);
  }, 60_000);

  it('refuses non-WAV audio and other languages, and stops at its time limit', async () => {
    const webm = checkAudio(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]));
    await expect(transcriber.transcribe(webm)).rejects.toMatchObject({ code: 'unsupported-media-type' });
    const clip = checkAudio(readFileSync(SPEECH_FIXTURE));
    await expect(transcriber.transcribe(clip, { language: 'fr' })).rejects.toMatchObject({ code: 'invalid' });
    const hurried = new PocketsphinxTranscriber({ ...transcriber.options, timeoutMs: 50 });
    const error = await hurried.transcribe(clip).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthGptError);
    expect(error).toMatchObject({ code: 'timeout' });
  }, 60_000);
});
