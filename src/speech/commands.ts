import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { MAX_AUDIO_BYTES } from './audio-input.js';
import { transcribeAudio } from './transcribe.js';

function readAudioFile(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new HealthGptError('not-found', `${path}: no such file`);
  }
  if (size > MAX_AUDIO_BYTES)
    throw new HealthGptError('too-large', `${path} is ${size} bytes; the limit is ${MAX_AUDIO_BYTES}`);
  return readFileSync(path);
}

/** `healthgpt transcribe FILE [--language en] [--json]`. */
export function registerSpeechCommands(program: Command, cli: CliContext): void {
  program
    .command('transcribe')
    .description(
      'speech to text: a WAV recording (or, with a Whisper server, WebM/Ogg/MP3/FLAC) transcribed offline by pocketsphinx or by HEALTHGPT_STT_BASE_URL',
    )
    .argument('<file>', 'an audio file, at most 5 minutes')
    .option('--language <code>', 'ISO-639-1 language hint (pocketsphinx: en only)')
    .action(async (file: string, options: { language?: string }) => {
      if (options.language !== undefined && !/^[a-z]{2}$/.test(options.language))
        throw HealthGptError.invalid(
          `--language must be an ISO-639-1 code such as en, not '${options.language}'`,
        );
      const result = await transcribeAudio(readAudioFile(file), {
        ...(options.language ? { language: options.language } : {}),
      });
      cli.print(result, (r) => r.text || '(no speech recognised)');
    });
}
