import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { MAX_AUDIO_BYTES } from './audio-input.js';
import { chooseTranscriber } from './configured.js';
import { transcribeAudio } from './transcribe.js';

/** Dictation is patient content: clinicians and admins (the same group as `CLINICAL` in the server's roles). */
const CLINICAL: readonly PrincipalRole[] = ['admin', 'clinician'];

/** The multipart envelope around the largest audio file, its form fields and boundaries. */
const BODY_LIMIT = MAX_AUDIO_BYTES + 64 * 1024;

const formSchema = z
  .object({
    model: z.string().max(200).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'an ISO-639-1 code such as en')
      .optional(),
    prompt: z.string().max(2000).optional(),
    response_format: z.enum(['json', 'text']).default('json'),
    temperature: z.string().max(10).optional(),
  })
  .strict();

/** The multipart form as fields and the one `file` part, with clear errors for what is missing or extra. */
async function readForm(body: Buffer, contentType: string) {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw HealthGptError.invalid('the multipart/form-data body cannot be parsed');
  }
  const fields: Record<string, string> = {};
  let file: Uint8Array | undefined;
  for (const [name, value] of form.entries()) {
    if (name === 'file' && typeof value !== 'string') file = new Uint8Array(await value.arrayBuffer());
    else if (typeof value === 'string') fields[name] = value;
    else
      throw HealthGptError.invalid(`unexpected file part '${name}'`, [
        { field: `/body/${name}`, message: 'only file is a file part' },
      ]);
  }
  if (!file)
    throw HealthGptError.invalid('the form has no file part', [
      { field: '/body/file', message: 'attach the audio as file' },
    ]);
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success)
    throw HealthGptError.invalid(
      'bad form fields',
      parsed.error.issues.map((issue) => ({
        field: `/body/${issue.path.join('/')}`,
        message: issue.message,
      })),
    );
  return { file, fields: parsed.data };
}

/** `POST /v1/audio/transcriptions` (OpenAI's shape) and `GET /v1/audio/status` (is dictation available?). */
export function registerSpeechRoutes(app: HttpApp): void {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (_r, body, done) => done(null, body),
  );
  app.addContentTypeParser(/^audio\//, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_r, body, done) =>
    done(null, body),
  );

  app.post(
    '/v1/audio/transcriptions',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: { roles: CLINICAL, audit: 'speech.transcribe', resourceType: 'audio' } },
      schema: {
        tags: ['speech'],
        summary:
          'Speech to text, OpenAI-compatible (multipart `file`, `model`, `language`, `response_format`)',
        description:
          'Body: multipart/form-data with the audio as `file` (WAV PCM, or for a Whisper server also WebM, Ogg, MP3, FLAC, MP4), optional `model` (ignored: the server’s configured transcriber is used), `language` (ISO-639-1), `prompt`, `response_format` json (default) or text. The raw audio with an audio/* content type is accepted too. Transcribed offline by pocketsphinx or by the OpenAI-compatible server at HEALTHGPT_STT_BASE_URL (see docs/speech.md); 503 when neither is available, 415 for non-audio, 413 over 5 minutes or 64 MiB.',
        response: {
          200: z.union([
            z.object({
              text: z.string(),
              healthgpt: z.object({ engine: z.string(), durationSeconds: z.number().optional() }),
            }),
            z.string(),
          ]),
        },
      },
    },
    async (request, reply) => {
      const contentType = request.headers['content-type'] ?? '';
      const body = request.body as unknown;
      if (!Buffer.isBuffer(body))
        throw new HealthGptError(
          'unsupported-media-type',
          'send multipart/form-data with the audio as file (or the audio bytes with an audio/* content type)',
        );
      const { file, fields } = contentType.startsWith('multipart/')
        ? await readForm(body, contentType)
        : { file: new Uint8Array(body), fields: formSchema.parse({}) };
      const controller = new AbortController();
      // The response closing before it was written is the client going away: stop the recogniser.
      reply.raw.on('close', () => {
        if (!reply.raw.writableEnded) controller.abort();
      });
      const result = await transcribeAudio(file, {
        signal: controller.signal,
        ...(fields.language ? { language: fields.language } : {}),
        ...(fields.prompt ? { prompt: fields.prompt } : {}),
      });
      if (fields.response_format === 'text') return reply.type('text/plain; charset=utf-8').send(result.text);
      return {
        text: result.text,
        healthgpt: {
          engine: result.engine,
          ...(result.durationSeconds === undefined ? {} : { durationSeconds: result.durationSeconds }),
        },
      };
    },
  );

  app.get(
    '/v1/audio/status',
    {
      config: { access: { roles: CLINICAL } },
      schema: {
        tags: ['speech'],
        summary: 'Whether dictation (speech to text) is available, and which transcriber serves it',
        response: {
          200: z.object({
            available: z.boolean(),
            engine: z.string().optional(),
            description: z.string().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    async () => {
      const choice = chooseTranscriber();
      return 'transcriber' in choice
        ? { available: true, engine: choice.transcriber.id, description: choice.transcriber.description }
        : { available: false, reason: choice.unavailable };
    },
  );
}
