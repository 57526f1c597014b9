import { z } from 'zod';
import { fieldErrorsFromZod } from '../engine/errors.js';
import { createIntakeProcessor } from './default.js';
import { diagnosisFindings } from './pipeline.js';
import { IntakeSession } from './session.js';

/** The part of a WebSocket (the `ws` package's) the stream handler uses. */
export interface StreamSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

/** Messages a stream client sends (JSON text frames); a frame that is not a JSON object is a transcript chunk. */
export const streamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chunk'), text: z.string() }).strict(),
  z.object({ type: z.literal('replace'), text: z.string() }).strict(),
  z.object({ type: z.literal('reset') }).strict(),
  z.object({ type: z.literal('config'), referenceDate: z.iso.date().optional() }).strict(),
]);

/** Shortest time between two record updates of one stream; chunks in between are read together. */
export const STREAM_MIN_INTERVAL_MS = 100;

/** Largest single stream message (characters). */
export const MAX_MESSAGE_CHARS = 1_000_000;

function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return String(data);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * One streaming consultation over a WebSocket: each chunk updates the session's transcript and the updated record
 * is sent back (`{type:"record",seq,elapsedMs,textLength,record,findings}`). Bad frames get an
 * `{type:"error",title,detail}` reply and the stream stays open; a closed or failed socket drops the session, and
 * nothing is sent to a socket that is no longer open.
 */
export function handleIntakeStream(socket: StreamSocket, options: { minIntervalMs?: number } = {}): void {
  let session: IntakeSession | undefined = new IntakeSession(createIntakeProcessor());
  let seq = 0;
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const error = (title: string, detail: string) => send({ type: 'error', title, detail });
  // Chunks are coalesced: the first is read at once, later ones arriving within `minIntervalMs` of the last update
  // are joined and read together, so a fast stream of small chunks costs one pass per interval, not one per chunk.
  const minIntervalMs = options.minIntervalMs ?? STREAM_MIN_INTERVAL_MS;
  let pending: string | undefined;
  let chunks = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastUpdate = Number.NEGATIVE_INFINITY;
  const flush = () => {
    timer = undefined;
    if (!session || pending === undefined) return;
    const text = pending;
    const joined = chunks;
    pending = undefined;
    chunks = 0;
    try {
      const update = session.replace(text);
      lastUpdate = performance.now();
      seq += 1;
      send({
        type: 'record',
        seq,
        chunks: joined,
        elapsedMs: Math.round(update.elapsedMs * 100) / 100,
        textLength: update.textLength,
        record: update.record,
        findings: diagnosisFindings(update.record),
      });
    } catch (failure) {
      error('Internal Server Error', (failure as Error).message);
    }
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, lastUpdate + minIntervalMs - performance.now()));
  };
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
    chunks = 0;
  };
  socket.on('message', (data, isBinary) => {
    if (!session) return;
    try {
      if (isBinary) return error('Unsupported Media Type', 'send text frames, not binary');
      const raw = frameText(data);
      if (raw.length > MAX_MESSAGE_CHARS) {
        return error('Content Too Large', `a message may hold ${MAX_MESSAGE_CHARS} characters`);
      }
      let message: z.infer<typeof streamMessageSchema>;
      if (raw.trimStart().startsWith('{')) {
        const parsed = streamMessageSchema.safeParse(safeJson(raw));
        if (!parsed.success)
          return error(
            'Invalid message',
            fieldErrorsFromZod(parsed.error)
              .map((e) => `${e.field}: ${e.message}`)
              .join('; '),
          );
        message = parsed.data;
      } else message = { type: 'chunk', text: raw };
      if (message.type === 'reset') {
        cancel();
        session.reset();
        return;
      }
      if (message.type === 'config') {
        const text = pending ?? session.text;
        cancel();
        session = new IntakeSession(
          createIntakeProcessor(message.referenceDate ? { referenceDate: message.referenceDate } : {}),
        );
        if (text) session.replace(text);
        return;
      }
      if (message.text.includes('\u0000'))
        return error('Unsupported Media Type', 'text contains NUL characters');
      const base = message.type === 'chunk' ? (pending ?? session.text) : '';
      // Held text never grows past what a session reads (the rest would be dropped anyway).
      pending = (base + message.text).slice(0, session.maxChars + 1);
      chunks += 1;
      schedule();
    } catch (failure) {
      error('Internal Server Error', (failure as Error).message);
    }
  });
  const drop = () => {
    cancel();
    session = undefined;
  };
  socket.on('close', drop);
  socket.on('error', drop);
}
