import { describe, expect, it } from 'vitest';
import { SseLineParser, sseEvents } from './sse.js';

function streamOf(pieces: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? encoder.encode(p) : p);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of sseEvents(stream)) out.push(data);
  return out;
}

describe('sseEvents', () => {
  it('yields each event’s data, split across arbitrary chunk boundaries', async () => {
    const text = 'data: {"a":1}\n\n: keep-alive\n\ndata: {"b":\ndata: 2}\n\nevent: x\ndata: [DONE]\n\n';
    const expected = ['{"a":1}', '{"b":\n2}', '[DONE]'];
    expect(await collect(streamOf([text]))).toEqual(expected);
    for (let cut = 1; cut < text.length; cut += 3)
      expect(await collect(streamOf([text.slice(0, cut), text.slice(cut)]))).toEqual(expected);
  });

  it('accepts CRLF and CR line ends, a CRLF split between chunks, and a last event without a blank line', async () => {
    expect(await collect(streamOf(['data: one\r', '\n\r\ndata: two\r\rdata:three']))).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"t":"≥ 90 %"}\n\n');
    const at = bytes.indexOf(0xe2) + 1; // inside the three bytes of ≥
    expect(await collect(streamOf([bytes.slice(0, at), bytes.slice(at)]))).toEqual(['{"t":"≥ 90 %"}']);
  });
});

describe('SseLineParser', () => {
  it('keeps an unfinished event until its blank line', () => {
    const parser = new SseLineParser();
    expect([...parser.push('data: a\n')]).toEqual([]);
    expect([...parser.push('\n')]).toEqual(['a']);
    expect([...parser.end()]).toEqual([]);
  });
});
