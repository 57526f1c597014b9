import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import { findingSchema } from '../clinical/schemas.js';
import { HealthGptError } from '../engine/errors.js';
import { createIntakeProcessor } from './default.js';
import { checkConsultationText, decodeText, MAX_TEXT_CHARS } from './input.js';
import { diagnosisFindings, processBounded } from './pipeline.js';
import { speechProviderFromEnv, TranscriptionError } from './speech.js';
import { handleIntakeStream, type StreamSocket } from './stream.js';

const intakeBody = z.union([
  z.string(),
  z
    .object({
      text: z.string(),
      referenceDate: z.iso.date().optional(),
      /** `fhir` adds the FHIR R4 Bundle to the answer. */
      include: z
        .array(z.enum(['fhir']))
        .max(1)
        .optional(),
    })
    .strict(),
]);

const intakeResponse = z.object({
  record: z.record(z.string(), z.unknown()),
  findings: z.array(findingSchema),
  partial: z.boolean(),
  fhir: z.record(z.string(), z.unknown()).optional(),
});

/** Largest audio upload (bytes): about 25 minutes of 16 kHz mono 16-bit WAV. */
const MAX_AUDIO_BYTES = 50 * 1024 * 1024;

/** `POST /v1/intake` and the `GET /v1/intake/stream` WebSocket. */
export function registerIntakeRoutes(app: HttpApp, context: AppContext): void {
  // Plain-text bodies are decoded here in their declared charset (UTF-8, ISO-8859-1, UTF-16), strictly.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = /charset=([^;]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    try {
      done(null, decodeText(body as Buffer, charset));
    } catch (error) {
      done(error as Error);
    }
  });

  app.post(
    '/v1/intake',
    {
      bodyLimit: MAX_TEXT_CHARS * 4 + 1024,
      schema: {
        tags: ['intake'],
        summary: 'Consultation text to a structured record (findings, values, key questions, FHIR)',
        description:
          'Body: JSON `{ text, referenceDate?, include?: ["fhir"] }`, or the text itself as `text/plain` (UTF-8, ISO-8859-1 or UTF-16 charset). Empty, binary or badly encoded text is a 4xx problem document.',
        body: intakeBody,
        response: { 200: intakeResponse },
      },
    },
    async (request) => {
      const body = request.body;
      const text = typeof body === 'string' ? body : body.text;
      const referenceDate = typeof body === 'string' ? undefined : body.referenceDate;
      checkConsultationText(text);
      const wantFhir = typeof body !== 'string' && body.include?.includes('fhir') === true;
      // A long consultation is read in a worker thread with a time budget (src/server/work-pool.ts).
      const read = await runHeavy(context, 'intake.read', {
        text,
        ...(referenceDate ? { referenceDate } : {}),
        fhir: wantFhir,
      });
      return {
        record: read.record as unknown as Record<string, unknown>,
        findings: read.findings,
        partial: read.record.partial !== undefined,
        ...(read.fhir ? { fhir: read.fhir as unknown as Record<string, unknown> } : {}),
      };
    },
  );

  // Dictated audio: transcribed by the configured OpenAI-compatible service, then read like typed text.
  app.addContentTypeParser(/^audio\//, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post(
    '/v1/intake/audio',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      schema: {
        tags: ['intake'],
        summary: 'Dictated consultation (audio/*) to a transcript and a structured record',
        description:
          'Body: the audio bytes with an `audio/*` content type (wav, webm, mpeg, ogg …). Transcribed by the OpenAI-compatible `/v1/audio/transcriptions` service at `HEALTHGPT_STT_BASE_URL` (503 when none is configured, 502 when it fails). Query `language` (ISO-639-1) and `referenceDate` optional.',
        querystring: z
          .object({
            language: z
              .string()
              .regex(/^[a-z]{2}$/)
              .optional(),
            referenceDate: z.iso.date().optional(),
          })
          .strict(),
        response: { 200: intakeResponse.extend({ transcript: z.string() }) },
      },
    },
    async (request) => {
      const provider = speechProviderFromEnv();
      if (!provider) {
        throw new HealthGptError(
          'unavailable',
          'no speech-to-text service is configured (set HEALTHGPT_STT_BASE_URL)',
        );
      }
      const audio = request.body as unknown;
      if (!Buffer.isBuffer(audio) || audio.length === 0) {
        throw new HealthGptError(
          'unsupported-media-type',
          'send the audio bytes with an audio/* content type',
        );
      }
      let transcript: string;
      try {
        const result = await provider.transcribe({
          audio,
          contentType: request.headers['content-type'] ?? 'application/octet-stream',
          ...(request.query.language ? { language: request.query.language } : {}),
        });
        transcript = result.text;
      } catch (error) {
        if (error instanceof TranscriptionError) {
          throw new HealthGptError('upstream-failed', error.message, { cause: error });
        }
        throw error;
      }
      const { referenceDate } = request.query;
      const record = processBounded(
        createIntakeProcessor(referenceDate ? { referenceDate } : {}),
        transcript,
      );
      return {
        transcript,
        record: record as unknown as Record<string, unknown>,
        findings: diagnosisFindings(record),
        partial: record.partial !== undefined,
      };
    },
  );

  app.get(
    '/v1/intake/stream',
    {
      websocket: true,
      schema: {
        tags: ['intake'],
        summary: 'WebSocket: send transcript chunks, receive the updated record after each',
        description:
          'Client frames: JSON `{type:"chunk",text}`, `{type:"replace",text}`, `{type:"reset"}`, `{type:"config",referenceDate}`, or plain text (a chunk). Server frames: `{type:"record",seq,elapsedMs,record,findings}` or `{type:"error",title,detail}`.',
      },
    },
    (socket) => handleIntakeStream(socket as unknown as StreamSocket),
  );
}
