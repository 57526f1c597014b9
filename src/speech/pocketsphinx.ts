import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import type { CheckedAudio } from './audio-input.js';
import type { TranscribeOptions, Transcriber, Transcript } from './transcriber.js';
import { toWav16kMono } from './wav.js';

/** Debian's `pocketsphinx` package (0.8) installs the recogniser as `pocketsphinx_continuous`. */
export const POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
/** Where Debian's `pocketsphinx-en-us` puts the US English acoustic model, language model and dictionary. */
export const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxOptions {
  /** The binary (a path, or a name looked up on PATH). */
  readonly binary: string;
  /** A folder with `en-us/` (acoustic model), `en-us.lm.bin` and `cmudict-en-us.dict`. */
  readonly modelDir: string;
  /** Time limit per clip (ms); default 20 s plus twice the clip's length. */
  readonly timeoutMs?: number;
}

/** The binary's full path when it can be run, from a path or a name on `PATH`. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = name.includes('/') ? [name] : path.split(delimiter).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/**
 * Pocketsphinx from the environment: `HEALTHGPT_POCKETSPHINX_BIN` (default `pocketsphinx_continuous` on PATH) and
 * `HEALTHGPT_POCKETSPHINX_MODEL` (default Debian's en-us folder). Undefined, with the reason, when either is missing.
 */
export function pocketsphinxFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): { transcriber: PocketsphinxTranscriber } | { missing: string } {
  const binary = findExecutable(env.HEALTHGPT_POCKETSPHINX_BIN ?? POCKETSPHINX_BINARY, env.PATH ?? '');
  if (!binary) return { missing: `${env.HEALTHGPT_POCKETSPHINX_BIN ?? POCKETSPHINX_BINARY} not found` };
  const modelDir = env.HEALTHGPT_POCKETSPHINX_MODEL ?? DEBIAN_MODEL_DIR;
  if (!existsSync(join(modelDir, 'en-us.lm.bin'))) return { missing: `no pocketsphinx model in ${modelDir}` };
  const timeout = Number(env.HEALTHGPT_STT_TIMEOUT_MS);
  return {
    transcriber: new PocketsphinxTranscriber({
      binary,
      modelDir,
      ...(timeout > 0 ? { timeoutMs: timeout } : {}),
    }),
  };
}

/** The recogniser prints one line per utterance; anything that looks like a log line is dropped. */
export function parsePocketsphinxOutput(stdout: string): string {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^(INFO|WARN|ERROR|FATAL)\b|^READY\b|^Listening\b/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// One recogniser at a time: each uses a full core and the server shares the machine with the rest of HealthGPT.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Offline speech-to-text with CMU Pocketsphinx (Debian `pocketsphinx` + `pocketsphinx-en-us`): the clip is converted
 * to 16 kHz mono 16-bit WAV, written to a private temp folder and read by `pocketsphinx_continuous -infile`, run as
 * a child process with a time limit. US English only, and far less accurate than Whisper (see docs/speech.md).
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly id = 'pocketsphinx';
  readonly description: string;

  constructor(readonly options: PocketsphinxOptions) {
    this.description = `pocketsphinx (offline, US English) at ${options.binary}`;
  }

  async transcribe(audio: CheckedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    if (!audio.pcm || audio.durationSeconds === undefined)
      throw new HealthGptError(
        'unsupported-media-type',
        `the offline recogniser (pocketsphinx) reads WAV only, not ${audio.container}: send PCM WAV, or configure a Whisper server (docs/speech.md)`,
      );
    if (options.language && options.language !== 'en')
      throw HealthGptError.invalid(
        `the offline recogniser has an English model only, not '${options.language}'`,
        [{ field: '/language', message: 'pocketsphinx-en-us recognises English only' }],
      );
    const wav = toWav16kMono(audio.pcm);
    const timeoutMs = this.options.timeoutMs ?? 20_000 + audio.durationSeconds * 2000;
    const text = await oneAtATime(() => this.run(wav, timeoutMs, options.signal));
    return { text, engine: this.id, durationSeconds: audio.durationSeconds, language: 'en' };
  }

  private async run(wav: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const dir = await mkdtemp(join(tmpdir(), 'healthgpt-stt-'));
    try {
      const file = join(dir, 'clip.wav');
      await writeFile(file, wav, { mode: 0o600 });
      const { modelDir } = this.options;
      const args = [
        ...['-infile', file, '-logfn', '/dev/null'],
        ...['-hmm', join(modelDir, 'en-us'), '-lm', join(modelDir, 'en-us.lm.bin')],
        ...['-dict', join(modelDir, 'cmudict-en-us.dict')],
      ];
      return parsePocketsphinxOutput(await runChild(this.options.binary, args, timeoutMs, signal));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function runChild(binary: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let failure: HealthGptError | undefined;
    const stop = (error: HealthGptError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () =>
        stop(
          new HealthGptError('timeout', `pocketsphinx took longer than ${Math.round(timeoutMs / 1000)} s`),
        ),
      timeoutMs,
    );
    const onAbort = () => stop(new HealthGptError('timeout', 'transcription cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      finish();
      reject(new HealthGptError('unavailable', `pocketsphinx could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      finish();
      if (failure) reject(failure);
      else if (code !== 0)
        reject(
          new HealthGptError(
            'upstream-failed',
            `pocketsphinx exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`,
          ),
        );
      else resolve(stdout);
    });
  });
}
