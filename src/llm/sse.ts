/**
 * Server-sent events as the OpenAI streaming API uses them
 * (https://platform.openai.com/docs/api-reference/chat-streaming): `data: <json>\n\n` per chunk and a final
 * `data: [DONE]`. `parseSse` reads them from a byte stream; `sseData` writes one.
 */

/** The `data` payloads of an event stream, in order (comments and other fields are skipped). */
export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const flushLine = function* (line: string): Generator<string> {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      const width = buffer.startsWith('\r\n', newline) ? 2 : 1;
      buffer = buffer.slice(newline + width);
      yield* flushLine(line);
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
  buffer += decoder.decode();
  if (buffer !== '') yield* flushLine(buffer);
  yield* flushLine('');
}

/** One SSE event carrying `payload` as JSON (or the literal `[DONE]`). */
export function sseData(payload: unknown): string {
  return `data: ${payload === '[DONE]' ? '[DONE]' : JSON.stringify(payload)}\n\n`;
}
