/**
 * Server-sent events as OpenAI-style streaming APIs send them (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * lines `data: …`, events separated by a blank line, comments starting with `:`. Yields each event's data (its
 * `data` lines joined by newlines), from a `fetch` response body, as the bytes arrive.
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseLineParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    reader.releaseLock();
  }
}

/** The line-level parser behind {@link sseEvents}: feed text in any pieces, get complete events' data out. */
export class SseLineParser {
  private buffer = '';
  private data: string[] = [];
  /** A `\r` at the end of a piece may be the first half of `\r\n`. */
  private pendingCr = false;

  *push(text: string): Generator<string> {
    let input = text;
    if (this.pendingCr && input.startsWith('\n')) input = input.slice(1);
    this.pendingCr = false;
    this.buffer += input;
    for (;;) {
      const at = this.buffer.search(/\r\n|\r|\n/);
      if (at === -1) return;
      const crAtEnd = this.buffer[at] === '\r' && at === this.buffer.length - 1;
      const width = this.buffer.startsWith('\r\n', at) ? 2 : 1;
      const line = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + width);
      if (crAtEnd) this.pendingCr = true;
      yield* this.line(line);
    }
  }

  *end(): Generator<string> {
    if (this.buffer !== '') yield* this.line(this.buffer);
    this.buffer = '';
    yield* this.line('');
  }

  private *line(line: string): Generator<string> {
    if (line === '') {
      if (this.data.length > 0) yield this.data.join('\n');
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}
