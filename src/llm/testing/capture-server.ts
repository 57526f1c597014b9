import { createServer, type IncomingMessage, type Server } from 'node:http';

/** What the capture server answers: a chat completion (JSON or SSE, chosen by the request's `stream`), or a status. */
export type CaptureReply =
  | { readonly kind: 'text'; readonly text: string; readonly delayMs?: number }
  | { readonly kind: 'tool_call'; readonly name: string; readonly arguments: string }
  | { readonly kind: 'status'; readonly status: number };

export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A stand-in OpenAI-compatible model server on 127.0.0.1 that records every request it receives (to check what
 * left the machine) and answers from a script (`replies`, one per request, the last repeated).
 */
export async function startCaptureServer(replies: CaptureReply[] = [{ kind: 'text', text: 'ok' }]) {
  const captured: CapturedRequest[] = [];
  const script = replies;
  let at = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const reply = script[Math.min(at++, script.length - 1)]!;
      if (reply.kind === 'status') {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `scripted ${reply.status}` } }));
        return;
      }
      const parsed = JSON.parse(body || '{}') as { stream?: boolean; input?: unknown };
      if (req.url?.endsWith('/embeddings')) {
        const inputs = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            model: 'capture',
            data: inputs.map((_, index) => ({ index, embedding: [index, 1] })),
            usage: { prompt_tokens: 3, total_tokens: 3 },
          }),
        );
        return;
      }
      const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
      const send = () => {
        if (!parsed.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          const message =
            reply.kind === 'text'
              ? { role: 'assistant', content: reply.text }
              : {
                  role: 'assistant',
                  content: null,
                  tool_calls: [
                    {
                      id: 'call_1',
                      type: 'function',
                      function: { name: reply.name, arguments: reply.arguments },
                    },
                  ],
                };
          res.end(
            JSON.stringify({
              id: 'x',
              object: 'chat.completion',
              model: 'capture',
              choices: [{ index: 0, message, finish_reason: reply.kind === 'text' ? 'stop' : 'tool_calls' }],
              usage,
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (delta: unknown, finish: string | null = null) =>
          `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', model: 'capture', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        if (reply.kind === 'text')
          for (const word of reply.text.split(/(?<= )/)) res.write(chunk({ content: word }));
        else {
          const half = Math.floor(reply.arguments.length / 2);
          res.write(
            chunk({
              tool_calls: [
                {
                  index: 0,
                  id: 'call_1',
                  type: 'function',
                  function: { name: reply.name, arguments: reply.arguments.slice(0, half) },
                },
              ],
            }),
          );
          res.write(
            chunk({ tool_calls: [{ index: 0, function: { arguments: reply.arguments.slice(half) } }] }),
          );
        }
        res.write(chunk({}, reply.kind === 'text' ? 'stop' : 'tool_calls'));
        res.write(
          `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', model: 'capture', choices: [], usage })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      if (reply.kind === 'text' && reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
