/**
 * Speech-to-text for dictated consultations. Audio is optional: text is the intake's main path. A provider turns an
 * audio clip into text, which then goes through the same pipeline (or the stream) as typed text.
 */

export interface TranscriptionRequest {
  readonly audio: Uint8Array;
  /** MIME type of the audio (`audio/wav`, `audio/webm`, `audio/mpeg` …). */
  readonly contentType: string;
  readonly fileName?: string;
  /** ISO-639-1 language hint (`en`). */
  readonly language?: string;
  /** Words to prime the recogniser with (drug names, abbreviations). */
  readonly prompt?: string;
}

export interface Transcription {
  readonly text: string;
  readonly language?: string;
  readonly durationSeconds?: number;
}

/** Any speech-to-text service. */
export interface SpeechToTextProvider {
  readonly id: string;
  transcribe(request: TranscriptionRequest, signal?: AbortSignal): Promise<Transcription>;
}

export interface OpenAiTranscriptionOptions {
  /** Server root, e.g. `http://127.0.0.1:8080` (whisper.cpp server, faster-whisper-server, vLLM). */
  readonly baseUrl: string;
  /** Model name the server expects (`whisper-1`, `Systran/faster-whisper-small` …). */
  readonly model?: string;
  readonly apiKey?: string;
  /** Per-request time limit (ms). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** An error from the transcription service, with its HTTP status when it answered. */
export class TranscriptionError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TranscriptionError';
  }
}

/**
 * The OpenAI-compatible `POST /v1/audio/transcriptions` endpoint (multipart form: `file`, `model`, optional
 * `language`, `prompt`, `response_format=json`), as served by OpenAI, whisper.cpp's server, faster-whisper-server
 * and vLLM. https://platform.openai.com/docs/api-reference/audio/createTranscription
 */
export class OpenAiTranscriptionProvider implements SpeechToTextProvider {
  readonly id = 'openai-compatible';

  constructor(readonly options: OpenAiTranscriptionOptions) {}

  async transcribe(request: TranscriptionRequest, signal?: AbortSignal): Promise<Transcription> {
    const { baseUrl, model = 'whisper-1', apiKey, timeoutMs = 120_000 } = this.options;
    const form = new FormData();
    const bytes = new Uint8Array(request.audio);
    form.append('file', new Blob([bytes], { type: request.contentType }), request.fileName ?? 'audio');
    form.append('model', model);
    form.append('response_format', 'json');
    if (request.language) form.append('language', request.language);
    if (request.prompt) form.append('prompt', request.prompt);
    const timeout = AbortSignal.timeout(timeoutMs);
    const url = `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/audio/transcriptions`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        body: form,
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new TranscriptionError(
        `transcription service unreachable at ${url}: ${(error as Error).message}`,
      );
    }
    const body = await response.text();
    if (!response.ok) {
      throw new TranscriptionError(
        `transcription service answered ${response.status}: ${body.slice(0, 200)}`,
        response.status,
      );
    }
    let parsed: { text?: unknown; language?: unknown; duration?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Servers asked for json sometimes answer plain text.
      return { text: body.trim() };
    }
    if (typeof parsed.text !== 'string') throw new TranscriptionError('transcription response has no text');
    return {
      text: parsed.text.trim(),
      ...(typeof parsed.language === 'string' ? { language: parsed.language } : {}),
      ...(typeof parsed.duration === 'number' ? { durationSeconds: parsed.duration } : {}),
    };
  }
}

/** The configured provider: `HEALTHGPT_STT_BASE_URL` (and optional `HEALTHGPT_STT_MODEL`, `HEALTHGPT_STT_API_KEY`). */
export function speechProviderFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): SpeechToTextProvider | undefined {
  const baseUrl = env.HEALTHGPT_STT_BASE_URL;
  if (!baseUrl) return undefined;
  return new OpenAiTranscriptionProvider({
    baseUrl,
    ...(env.HEALTHGPT_STT_MODEL ? { model: env.HEALTHGPT_STT_MODEL } : {}),
    ...(env.HEALTHGPT_STT_API_KEY ? { apiKey: env.HEALTHGPT_STT_API_KEY } : {}),
  });
}
