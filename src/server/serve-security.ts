import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { isLoopbackHost, type SecurityConfig } from '../app/security-config.js';
import { HealthGptError } from '../engine/errors.js';

/**
 * What `healthgpt serve` checks before it listens (issue 12): plain HTTP only on loopback, unless a TLS certificate
 * is given or the operator says a TLS-terminating proxy is in front; log files rotated and owner-only.
 */
export interface ListenPlan {
  readonly https?: { readonly key: Buffer; readonly cert: Buffer };
  readonly scheme: 'http' | 'https';
  /** A line for the console when plain HTTP is allowed beyond loopback because of a proxy. */
  readonly notice?: string;
}

export function planListen(
  host: string,
  security: SecurityConfig,
  flags: { tlsCert?: string; tlsKey?: string } = {},
): ListenPlan {
  const certFile = flags.tlsCert ?? security.tlsCertFile;
  const keyFile = flags.tlsKey ?? security.tlsKeyFile;
  if ((certFile === undefined) !== (keyFile === undefined))
    throw HealthGptError.invalid('give both a TLS certificate and its key (--tls-cert and --tls-key)');
  if (certFile && keyFile) {
    try {
      return { https: { cert: readFileSync(certFile), key: readFileSync(keyFile) }, scheme: 'https' };
    } catch (error) {
      throw HealthGptError.invalid(
        `cannot read the TLS certificate or key: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (isLoopbackHost(host)) return { scheme: 'http' };
  if (security.trustProxyTls)
    return {
      scheme: 'http',
      notice: `listening on ${host} without TLS because HEALTHGPT_TRUST_PROXY_TLS says a TLS proxy is in front: make sure nothing else can reach this port`,
    };
  throw HealthGptError.invalid(
    `refusing to serve patient data over plain HTTP on ${host}: give --tls-cert and --tls-key (HEALTHGPT_TLS_CERT, HEALTHGPT_TLS_KEY), set HEALTHGPT_TRUST_PROXY_TLS=1 behind a TLS-terminating proxy, or listen on 127.0.0.1`,
  );
}

/**
 * Fastify logger settings: to stdout, or — with `HEALTHGPT_LOG_DIR` — to `healthgpt.N.log` files in that folder
 * (0700, files 0600 through the process umask), rotated at `logMaxBytes` and keeping `logFiles` of them (pino-roll).
 */
export function loggerOptions(security: SecurityConfig, level: string): FastifyServerOptions['logger'] {
  if (!security.logDir) return { level };
  mkdirSync(security.logDir, { recursive: true, mode: 0o700 });
  chmodSync(security.logDir, 0o700);
  return {
    level,
    transport: {
      target: 'pino-roll',
      options: {
        file: join(security.logDir, 'healthgpt'),
        extension: '.log',
        size: `${Math.max(1, Math.ceil(security.logMaxBytes / 1024))}k`,
        limit: { count: security.logFiles },
        mkdir: true,
      },
    },
  };
}
