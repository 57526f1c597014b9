import { HealthGptError } from '../engine/errors.js';

/** One outbound request as it is logged: never its content. */
export interface OutboundLogEntry {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly requestBytes: number;
  readonly status: number | 'error';
  readonly durationMs: number;
  readonly attempt: number;
}

export type OutboundLogger = (entry: OutboundLogEntry) => void;

export interface HttpCallOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Whole-request budget (until the response headers, or for non-streamed calls the body too). */
  readonly timeoutMs: number;
  /** Extra attempts after a 5xx answer or a failed connection (429 and 4xx are not retried). */
  readonly retries: number;
  readonly signal?: AbortSignal;
  readonly log?: OutboundLogger;
  /** Milliseconds before the first retry (doubling after). */
  readonly backoffMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * POSTs JSON to a model server with a timeout, retries on 5xx and connection errors, and a content-free log line per
 * attempt. Returns the response once its status is 2xx; maps every failure to a `HealthGptError`: `unavailable`
 * (connection refused, DNS), `upstream-failed` (error status), `timeout`. A caller's abort rethrows its reason.
 */
export async function postJson(
  options: HttpCallOptions,
): Promise<{ response: Response; done: () => void; signal: AbortSignal }> {
  const url = new URL(options.url);
  const bytes = Buffer.byteLength(options.body);
  let lastError: HealthGptError | undefined;
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    if (attempt > 1) await sleep((options.backoffMs ?? 200) * 2 ** (attempt - 2), options.signal);
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(
          new HealthGptError('timeout', `language model server did not answer in ${options.timeoutMs} ms`),
        ),
      options.timeoutMs,
    );
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    const started = performance.now();
    const log = (status: number | 'error') =>
      options.log?.({
        method: 'POST',
        host: url.host,
        path: url.pathname,
        requestBytes: bytes,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        attempt,
      });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...options.headers,
        },
        body: options.body,
        signal,
      });
    } catch (error) {
      clearTimeout(timer);
      log('error');
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.signal.aborted) throw timeout.signal.reason;
      lastError = new HealthGptError(
        'unavailable',
        `language model server at ${url.host} cannot be reached (${causeOf(error)})`,
        { cause: error },
      );
      continue;
    }
    log(response.status);
    if (response.ok) return { response, done: () => clearTimeout(timer), signal };
    clearTimeout(timer);
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    lastError = new HealthGptError(
      'upstream-failed',
      `language model server answered ${response.status}${detail ? `: ${detail}` : ''}`,
      { details: { upstreamStatus: response.status } },
    );
    if (response.status < 500) break;
  }
  throw lastError!;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * A body-read failure as what caused it: the caller's abort (`callerSignal`), the timeout (`requestSignal`, the
 * combined signal `postJson` returned), or a broken stream (`upstream-failed`).
 */
export function bodyError(
  error: unknown,
  callerSignal: AbortSignal | undefined,
  requestSignal: AbortSignal,
): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  if (requestSignal.aborted) return requestSignal.reason;
  if (error instanceof HealthGptError) return error;
  const reason = (error as { cause?: unknown }).cause;
  if (reason instanceof HealthGptError) return reason;
  return new HealthGptError('upstream-failed', `language model stream broke: ${(error as Error).message}`, {
    cause: error,
  });
}
