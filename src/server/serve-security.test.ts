import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../app/security-config.js';
import { logSerializers } from './hardening.js';
import { loggerOptions, planListen } from './serve-security.js';

describe('listening beyond loopback', () => {
  const plain = loadSecurityConfig({});
  it('serves plain HTTP on loopback', () => {
    expect(planListen('127.0.0.1', plain).scheme).toBe('http');
    expect(planListen('::1', plain).scheme).toBe('http');
    expect(planListen('localhost', plain).scheme).toBe('http');
  });

  it('refuses 0.0.0.0 without TLS, unless told a TLS proxy is in front', () => {
    expect(() => planListen('0.0.0.0', plain)).toThrow(/refusing to serve patient data over plain HTTP/);
    expect(() => planListen('10.1.2.3', plain)).toThrow(/--tls-cert/);
    const proxied = planListen('0.0.0.0', loadSecurityConfig({ HEALTHGPT_TRUST_PROXY_TLS: '1' }));
    expect(proxied.scheme).toBe('http');
    expect(proxied.notice).toMatch(/TLS proxy/);
  });

  it('needs both certificate and key, and readable ones', () => {
    expect(() => planListen('0.0.0.0', plain, { tlsCert: '/nonexistent.pem' })).toThrow(/both/);
    expect(() => planListen('0.0.0.0', plain, { tlsCert: '/nonexistent.pem', tlsKey: '/x.pem' })).toThrow(
      /cannot read/,
    );
  });
});

describe('log files', () => {
  it('rotates by size into owner-only files and never logs query strings', async () => {
    const logDir = join(mkdtempSync(join(tmpdir(), 'healthgpt-logs-')), 'logs');
    const security = loadSecurityConfig({
      HEALTHGPT_LOG_DIR: logDir,
      HEALTHGPT_LOG_MAX_BYTES: '2048',
      HEALTHGPT_LOG_FILES: '3',
    });
    const previous = process.umask(0o077);
    try {
      const logger = loggerOptions(security, 'info');
      const app = Fastify({ logger: { ...(logger as object), serializers: logSerializers } });
      app.get('/v1/ping', async () => ({ ok: true }));
      for (let i = 0; i < 60; i++) await app.inject({ method: 'GET', url: `/v1/ping?mrn=PHI-MARKER-${i}` });
      await app.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      process.umask(previous);
    }
    const files = readdirSync(logDir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(4);
    expect(statSync(logDir).mode & 0o777).toBe(0o700);
    expect(files.map((f) => readFileSync(join(logDir, f), 'utf8')).join('')).toContain('/v1/ping');
    for (const file of files) {
      expect(statSync(join(logDir, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(logDir, file), 'utf8')).not.toContain('PHI-MARKER');
    }
  });
});
