import { describe, expect, it } from 'vitest';
import { handleIntakeStream, type StreamSocket } from './stream.js';

/** A socket double: collects what the handler sends, lets the test deliver messages. */
function fakeSocket() {
  const listeners: Record<string, ((...args: unknown[]) => void)[]> = {};
  const sent: Record<string, unknown>[] = [];
  const socket: StreamSocket = {
    readyState: 1,
    OPEN: 1,
    send: (data) => sent.push(JSON.parse(data) as Record<string, unknown>),
    on: (event: string, listener: (...args: never[]) => void) => {
      listeners[event] = [...(listeners[event] ?? []), listener as (...args: unknown[]) => void];
      return socket;
    },
  };
  const deliver = (text: string) => {
    for (const listener of listeners.message ?? []) listener(text, false);
  };
  return { socket, sent, deliver };
}

describe('intake stream', () => {
  it('reads a burst of chunks together, not the whole transcript once per chunk', async () => {
    const { socket, sent, deliver } = fakeSocket();
    handleIntakeStream(socket, { minIntervalMs: 200 });
    const chunks = Array.from({ length: 200 }, (_, i) => `Sentence ${i}: cough for ${i + 1} days. `);
    for (const chunk of chunks) deliver(chunk);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const records = sent.filter((m) => m.type === 'record');
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(10);
    const last = records[records.length - 1]!;
    expect(last.textLength).toBe(chunks.join('').length);
    expect(records.reduce((n, r) => n + (r.chunks as number), 0)).toBe(200);
  });

  it('drops held chunks on reset', async () => {
    const { socket, sent, deliver } = fakeSocket();
    handleIntakeStream(socket, { minIntervalMs: 100 });
    deliver('Cough. ');
    deliver('Fever. ');
    deliver(JSON.stringify({ type: 'reset' }));
    deliver('Headache.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const records = sent.filter((m) => m.type === 'record');
    expect(records[records.length - 1]!.textLength).toBe('Headache.'.length);
  });
});
