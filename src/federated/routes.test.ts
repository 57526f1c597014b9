import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { federatedCapability } from './capability.js';
import { Coordinator, memoryStore } from './coordinator.js';
import { summarise } from './coordinator-server.js';
import { heartRunConfig, heartSiteData } from './heart-run.js';
import { saveRunSummary } from './runs.js';
import { syntheticSite } from './test-fixtures.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([federatedCapability]);
  const sites = new Map([
    ['north', heartSiteData(syntheticSite(20, 1))],
    ['south', heartSiteData(syntheticSite(20, 2))],
  ]);
  const coordinator = new Coordinator(heartRunConfig({ sites, rounds: 5 }, 'run-admin'), memoryStore());
  saveRunSummary(server.context.store.documents, summarise(coordinator));
  coordinator.dispose();
}, 60_000);
afterAll(() => server?.close());

describe('GET /v1/federated/runs', () => {
  it('lists the recorded runs to an administrator, without vectors or keys', async () => {
    const response = await fetch(`${server.baseUrl}/v1/federated/runs`);
    expect(response.status).toBe(200);
    const { runs } = (await response.json()) as { runs: Record<string, unknown>[] };
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      runId: 'run-admin',
      status: 'joining',
      sites: ['north', 'south'],
      rounds: 5,
    });
    expect(JSON.stringify(runs[0])).not.toMatch(/publicKey|model|masked/);
    const one = await fetch(`${server.baseUrl}/v1/federated/runs/run-admin`);
    expect(one.status).toBe(200);
    expect((await fetch(`${server.baseUrl}/v1/federated/runs/nope`)).status).toBe(404);
  });

  it("refuses clinicians and site tokens (a site never reads the install's records)", async () => {
    for (const role of ['clinician', 'site'] as const) {
      const response = await fetch(`${server.baseUrl}/v1/federated/runs`, {
        headers: { authorization: `Bearer ${server.tokenFor(role)}` },
      });
      expect(response.status).toBe(403);
    }
    // A site token reads no patient record either.
    const cases = await fetch(`${server.baseUrl}/v1/cases`, {
      headers: { authorization: `Bearer ${server.tokenFor('site', 'site-2')}` },
    });
    expect(cases.status).toBe(403);
  });
});
