import { z } from 'zod';
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
export function handleIntakeStream(socket: StreamSocket): void {
  let session: IntakeSession | undefined = new IntakeSession(createIntakeProcessor());
  let seq = 0;
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const error = (title: string, detail: string) => send({ type: 'error', title, detail });
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
          return error('Invalid message', parsed.error.issues.map((i) => i.message).join('; '));
        message = parsed.data;
      } else message = { type: 'chunk', text: raw };
      if (message.type === 'reset') {
        session.reset();
        return;
      }
      if (message.type === 'config') {
        const text = session.text;
        session = new IntakeSession(
          createIntakeProcessor(message.referenceDate ? { referenceDate: message.referenceDate } : {}),
        );
        if (text) session.replace(text);
        return;
      }
      if (message.text.includes('\u0000'))
        return error('Unsupported Media Type', 'text contains NUL characters');
      const update = message.type === 'chunk' ? session.append(message.text) : session.replace(message.text);
      seq += 1;
      send({
        type: 'record',
        seq,
        elapsedMs: Math.round(update.elapsedMs * 100) / 100,
        textLength: update.textLength,
        record: update.record,
        findings: diagnosisFindings(update.record),
      });
    } catch (failure) {
      error('Internal Server Error', (failure as Error).message);
    }
  });
  const drop = () => {
    session = undefined;
  };
  socket.on('close', drop);
  socket.on('error', drop);
}
