import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../auth/config.js';

/** The web UI's session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = 'healthgpt_session';

/** One cookie's value from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The `Set-Cookie` value for a session (an empty token and 0 seconds end it). */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

/**
 * The origin the caller reached: `HEALTHGPT_PUBLIC_URL` when set, else the request's scheme and `Host` (HTTPS when
 * the server sits behind a TLS proxy, `HEALTHGPT_TRUST_PROXY_TLS`). Used for the session cookie's Origin check and
 * the `aud` of CDS Hooks JWTs.
 */
export function publicOrigin(request: FastifyRequest, config: AuthConfig, behindTlsProxy = false): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  return `${behindTlsProxy ? 'https' : (request.protocol ?? 'http')}://${request.host}`;
}

/** Whether the session cookie gets `Secure`: the request came over HTTPS, directly or through a TLS proxy. */
export function secureRequest(request: FastifyRequest, config: AuthConfig, behindTlsProxy = false): boolean {
  return request.protocol === 'https' || behindTlsProxy || (config.publicUrl?.startsWith('https:') ?? false);
}
