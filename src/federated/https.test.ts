import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { Coordinator, memoryStore } from './coordinator.js';
import { createCoordinatorServer } from './coordinator-server.js';
import { heartRunConfig, heartSiteData } from './heart-run.js';
import { Site } from './site.js';
import { syntheticSite } from './test-fixtures.js';

const openssl = spawnSync('openssl', ['version']).status === 0;

/** The protocol over HTTPS: a site trusts the coordinator only through the CA it is given. */
describeIfAvailable('federated protocol over HTTPS', openssl ? undefined : 'openssl is not installed', () => {
  it('trains with a coordinator certificate from a private CA, and a site without that CA cannot connect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-fed-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'));
    const sites = new Map([
      ['north', heartSiteData(syntheticSite(40, 1))],
      ['south', heartSiteData(syntheticSite(40, 2))],
    ]);
    const coordinator = new Coordinator(heartRunConfig({ sites, rounds: 2 }, 'tls-run'), memoryStore());
    const tokens = new Map([
      ['hgpt_north', 'north'],
      ['hgpt_south', 'south'],
    ]);
    const server = createCoordinatorServer(() => coordinator, {
      authenticate: (t) => tokens.get(t),
      https: { cert, key: readFileSync(join(dir, 'key.pem')) },
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const url = `https://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    try {
      const untrusting = new Site({
        name: 'north',
        coordinatorUrl: url,
        token: 'hgpt_north',
        runId: 'tls-run',
        data: sites.get('north') as never,
        retryForMs: 300,
      });
      await expect(untrusting.run()).rejects.toThrow(/coordinator unreachable/);
      const runs = [...sites].map(([name, data]) =>
        new Site({
          name,
          coordinatorUrl: url,
          token: `hgpt_${name}`,
          runId: 'tls-run',
          data,
          ca: cert,
        }).run(),
      );
      const tasks = await Promise.all(runs);
      expect(tasks.map((t) => t.status)).toEqual(['done', 'done']);
      expect(
        (await coordinator.whenFinished()).history.filter((h) => h.outcome === 'aggregated'),
      ).toHaveLength(3);
    } finally {
      coordinator.dispose();
      await server.close();
    }
  }, 60_000);
});
