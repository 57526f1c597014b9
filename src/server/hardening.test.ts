import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { hostName, redactUrl } from './hardening.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([]);
});
afterAll(async () => server?.close());

const inject = (options: InjectOptions) => server.app.inject(options);

describe('router-level errors are problem documents', () => {
  it('answers a wrong method with 405 and Allow', async () => {
    const res = await inject({ method: 'DELETE', url: '/v1/cases' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(String(res.headers.allow)).toContain('GET');
    expect(String(res.headers.allow)).toContain('POST');
    expect(res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('answers an unknown path with 404 and never echoes its query string in the detail', async () => {
    const res = await inject({ method: 'GET', url: '/v1/nothing?mrn=12345' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).not.toContain('12345');
  });

  it('answers a bad percent-escape with 400', async () => {
    const res = await inject({ method: 'GET', url: '/v1/cases/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers an over-long URL with 414', async () => {
    const res = await inject({ method: 'GET', url: `/v1/cases?x=${'a'.repeat(5000)}` });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('headers', () => {
  it('sends security headers and no-store on API responses', async () => {
    const res = await inject({ method: 'GET', url: '/v1/cases' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a Host that is not allow-listed (DNS rebinding) with 421', async () => {
    const res = await inject({ method: 'GET', url: '/healthz', headers: { host: 'evil.example:8080' } });
    expect(res.statusCode).toBe(421);
    const ok = await inject({ method: 'GET', url: '/healthz', headers: { host: '127.0.0.1:8080' } });
    expect(ok.statusCode).toBe(200);
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const res = await inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('helpers', () => {
  it('parses host names and redacts query strings', () => {
    expect(hostName('[::1]:8080')).toBe('::1');
    expect(hostName('LocalHost:80')).toBe('localhost');
    expect(redactUrl('/v1/images?description=secret')).toBe('/v1/images?[redacted]');
  });
});

describe('CORS when configured', () => {
  it('answers a preflight from an allowed origin only', async () => {
    const { loadSecurityConfig } = await import('../app/security-config.js');
    const cors = await startTestServer([], {
      security: loadSecurityConfig({ HEALTHGPT_CORS_ORIGINS: 'https://ehr.example' }),
    });
    try {
      const ok = await cors.app.inject({
        method: 'OPTIONS',
        url: '/v1/cases',
        headers: { origin: 'https://ehr.example', 'access-control-request-method': 'POST' },
      });
      expect(ok.statusCode).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://ehr.example');
      const other = await cors.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });
});

describe('allowed hosts', () => {
  it('includes the public URL’s host and the configured names', async () => {
    const { loadSecurityConfig } = await import('../app/security-config.js');
    const config = loadSecurityConfig({
      HEALTHGPT_PUBLIC_URL: 'https://cds.hospital.example:8443/',
      HEALTHGPT_ALLOWED_HOSTS: 'HealthGPT.ward.local, 10.0.0.5',
      HEALTHGPT_HOST: '0.0.0.0',
    });
    expect(config.allowedHosts).toEqual(
      expect.arrayContaining([
        'localhost',
        '127.0.0.1',
        '::1',
        'cds.hospital.example',
        'healthgpt.ward.local',
        '10.0.0.5',
      ]),
    );
    expect(config.allowedHosts).not.toContain('0.0.0.0');
  });
});
