import { isIP } from 'node:net';
import { HealthGptError } from '../engine/errors.js';
import { type CheckedAudio, CONTAINER_MIME } from './audio-input.js';
import type { TranscribeOptions, Transcriber, Transcript } from './transcriber.js';

export interface OpenAiTranscriberOptions {
  /** Server root, e.g. `http://127.0.0.1:8000` or `http://whisper.hospital.internal/v1`. */
  readonly baseUrl: string;
  /** Model name the server expects (`whisper-1`, `Systran/faster-whisper-small` …). */
  readonly model?: string;
  readonly apiKey?: string;
  /** Per-request time limit (ms), default 120 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The endpoint URL from a server root given with or without `/v1`. */
export function transcriptionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/audio/transcriptions`;
}

/**
 * Whether a server is on this machine or the hospital's own network (loopback, RFC 1918 / unique-local addresses,
 * single-label or `.internal`/`.local`/`.lan` names). Audio is a voice and usually names the patient: it may not
 * leave the hospital unless an administrator says so (`HEALTHGPT_STT_ALLOW_EXTERNAL=true`).
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(host) === 6) return host === '::1' || /^f[cd]/.test(host) || host.startsWith('::ffff:127.');
  return host === 'localhost' || !host.includes('.') || /\.(internal|local|lan|localhost)$/.test(host);
}

/**
 * Any OpenAI-compatible `POST /v1/audio/transcriptions` (multipart form: `file`, `model`, `response_format=json`,
 * optional `language`, `prompt`), as served by OpenAI, faster-whisper-server / speaches, whisper.cpp's server, vLLM
 * and LocalAI. https://platform.openai.com/docs/api-reference/audio/createTranscription
 */
export class OpenAiTranscriber implements Transcriber {
  readonly id = 'openai-compatible';
  readonly description: string;
  readonly url: string;

  constructor(readonly options: OpenAiTranscriberOptions) {
    this.url = transcriptionsUrl(options.baseUrl);
    this.description = `OpenAI-compatible transcription server at ${this.url} (model ${options.model ?? 'whisper-1'})`;
  }

  async transcribe(audio: CheckedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    const { model = 'whisper-1', apiKey, timeoutMs = 120_000 } = this.options;
    const form = new FormData();
    const type = CONTAINER_MIME[audio.container];
    form.append('file', new Blob([new Uint8Array(audio.bytes)], { type }), `audio.${audio.container}`);
    form.append('model', model);
    form.append('response_format', 'json');
    if (options.language) form.append('language', options.language);
    if (options.prompt) form.append('prompt', options.prompt);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let body: string;
    try {
      response = await (this.options.fetch ?? fetch)(this.url, {
        method: 'POST',
        body: form,
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        signal,
      });
      body = await response.text();
    } catch (error) {
      if (timeout.aborted)
        throw new HealthGptError(
          'timeout',
          `the transcription server did not answer within ${timeoutMs / 1000} s`,
        );
      if (options.signal?.aborted) throw new HealthGptError('timeout', 'transcription cancelled');
      throw new HealthGptError(
        'upstream-failed',
        `the transcription server at ${this.url} cannot be reached: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (!response.ok)
      throw new HealthGptError(
        'upstream-failed',
        `the transcription server answered ${response.status}: ${body.slice(0, 200)}`,
        { details: { upstreamStatus: response.status } },
      );
    return { ...parseTranscriptionBody(body), engine: this.id, ...durationOf(audio) };
  }
}

function durationOf(audio: CheckedAudio): { durationSeconds?: number } {
  return audio.durationSeconds === undefined ? {} : { durationSeconds: audio.durationSeconds };
}

/** `{ text, language? }` from the server's JSON (some servers answer plain text even when asked for JSON). */
export function parseTranscriptionBody(body: string): { text: string; language?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (body.trim().startsWith('<'))
      throw new HealthGptError('upstream-failed', 'the transcription server answered HTML, not a transcript');
    return { text: body.trim() };
  }
  const record = (parsed ?? {}) as { text?: unknown; language?: unknown };
  if (typeof record.text !== 'string')
    throw new HealthGptError(
      'upstream-failed',
      'the transcription server answered JSON without a text field',
    );
  return {
    text: record.text.trim(),
    ...(typeof record.language === 'string' ? { language: record.language } : {}),
  };
}
