/** A problem document (RFC 9457) returned by the API, thrown as an error the UI can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { field: string; message: string }[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

function parseBody(text: string, status: number, contentType: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy or a crashed server may answer with HTML or plain text: keep the status, say what came back.
    if (status >= 400) return { title: `HTTP ${status}`, detail: text.slice(0, 300) };
    throw new ApiError(status, {
      title: 'Unexpected response',
      detail: `The server answered with ${contentType || 'an unknown content type'}, not JSON.`,
    });
  }
}

/**
 * Fired on `window` when the server answers 401 (the session expired or was ended): the sign-in gate listens and
 * shows the sign-in form again.
 */
export const SIGNED_OUT_EVENT = 'healthgpt:signed-out';

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      // The session is an HttpOnly cookie, sent to this origin only (SameSite=Strict).
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, {
      title: 'The HealthGPT server cannot be reached',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  const text = await response.text();
  const parsed = parseBody(text, response.status, response.headers.get('content-type') ?? '');
  if (response.status === 401 && !path.startsWith('/v1/auth/')) {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  if (!response.ok) throw new ApiError(response.status, (parsed ?? {}) as ApiError['problem']);
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  /**
   * Replaces a versioned resource. A body carrying the `version` it was read at (a case spread from the copy the page
   * shows) is sent with `If-Match` for that version, so saving from an older copy fails (412) instead of erasing
   * someone else's change; the version itself is not part of the body.
   */
  put: <T>(path: string, body: unknown) => {
    if (body && typeof body === 'object' && typeof (body as { version?: unknown }).version === 'number') {
      const { version, ...content } = body as { version: number };
      return request<T>('PUT', path, content, { 'if-match': `W/"${version}"` });
    }
    return request<T>('PUT', path, body);
  },
  delete: <T>(path: string) => request<T>('DELETE', path),
};
