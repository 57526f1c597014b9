import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { learningCapability } from '../learning/capability.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { RunState } from './coordinator.js';
import { heartSiteData, runLoopback } from './heart-run.js';
import { FEDERATED_MODEL_FORMAT } from './model-file.js';
import { federatedRegistry, HEART_FAMILY, registerFederatedModel } from './registry.js';
import { syntheticSite } from './test-fixtures.js';

const sites = new Map([
  ['north', heartSiteData(syntheticSite(60, 1))],
  ['south', heartSiteData(syntheticSite(50, 2, 1))],
  ['east', heartSiteData(syntheticSite(40, 3, -1))],
]);
let plain: RunState;
let private_: RunState;
beforeAll(async () => {
  plain = (await runLoopback({ sites, rounds: 3 })).state;
  private_ = (await runLoopback({ sites, rounds: 3, dp: { epsilon: 1, delta: 1e-5 }, seed: 5 })).state;
}, 120_000);

describe('a finished federated run enters the model registry', () => {
  it('as a candidate with what it was trained on (no row), its metrics, promotion check and card', () => {
    const store = openSqliteStore(':memory:');
    const registry = federatedRegistry(store.documents, mkdtempSync(join(tmpdir(), 'healthgpt-fedreg-')));
    const record = registerFederatedModel(registry, private_, 'test');
    expect(record).toMatchObject({
      family: HEART_FAMILY,
      version: 'v1',
      state: 'candidate',
      data: {
        runId: private_.config.runId,
        sites: ['north', 'south', 'east'],
        rows: 150,
        rounds: 3,
        algorithm: 'fedavg',
        secureAggregation: true,
        keysVerified: { north: true, south: true, east: true },
        privacy: { budget: { epsilon: 1, delta: 1e-5 } },
      },
      metrics: { roundsCompleted: 3, promotion: { promote: true, reasons: [] } },
    });
    const perSite = (record.data.privacy as { perSite: Record<string, { epsilon: number }> }).perSite;
    expect(Object.keys(perSite).sort()).toEqual(['east', 'north', 'south']);
    for (const p of Object.values(perSite)) expect(p.epsilon).toBeLessThanOrEqual(1);
    expect(record.card).toMatch(/verified against pinned identity keys: north yes, south yes, east yes/);
    expect(record.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.card).toMatch(/ε [01]\.\d{3} \(largest site\), δ 0.00001/);
    // The payload is the model file: weights, standardisation, card; nothing per row.
    const payload = registry.readPayload('v1') as Record<string, unknown>;
    expect(payload.format).toBe(FEDERATED_MODEL_FORMAT);
    expect((payload.weights as number[]).length).toBe(14);
    expect(JSON.stringify(record)).not.toMatch(/"x":|"y":|label/);
    // A second run: a newer candidate retires the waiting one; promoting needs no override (the check passed).
    const second = registerFederatedModel(registry, plain, 'test');
    expect(second.version).toBe('v2');
    expect(registry.get('v1').state).toBe('retired');
    expect(second.metrics?.finalTrainingLoss).toBeGreaterThan(0);
    expect(second.data.privacy).toBeNull();
    registry.promote('v2', 'test', 'promotion rule passed');
    expect(registry.active().version).toBe('v2');
    store.close();
  });

  it('a run that stopped early fails the promotion check, with the reason', () => {
    const store = openSqliteStore(':memory:');
    const registry = federatedRegistry(store.documents, mkdtempSync(join(tmpdir(), 'healthgpt-fedreg-')));
    const stopped: RunState = {
      ...plain,
      status: 'stopped',
      reason: 'round 2 failed 3 times',
      history: plain.history.slice(0, 2),
    };
    const record = registerFederatedModel(registry, stopped, 'test');
    const promotion = record.metrics?.promotion as { promote: boolean; reasons: string[] };
    expect(promotion.promote).toBe(false);
    expect(promotion.reasons.join('; ')).toMatch(/the run stopped: round 2 failed.*1 of 3 planned rounds/);
    store.close();
  });
});

describe('the registry routes with families', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([learningCapability]);
    const registry = federatedRegistry(server.context.store.documents, server.context.config.dataDir);
    registerFederatedModel(registry, plain, 'test');
  }, 60_000);
  afterAll(() => server?.close());

  const get = (query: string, token?: string) =>
    fetch(`${server.baseUrl}/v1/learning/models${query}`, {
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });

  it('lists the diagnosis model by default (unchanged), a family or all, each record with its family', async () => {
    const ddx = (await (await get('')).json()) as {
      items: { family: string; version: string }[];
      family: string;
      families: { family: string; versions: number }[];
    };
    expect(ddx.family).toBe('ddx');
    expect(ddx.items.map((r) => [r.family, r.version])).toEqual([['ddx', 'v1']]);
    expect(ddx.families).toEqual([
      { family: 'ddx', versions: 1 },
      { family: HEART_FAMILY, versions: 1 },
    ]);
    const fed = (await (await get(`?family=${HEART_FAMILY}`)).json()) as {
      items: { family: string; state: string; data: { sites: string[] } }[];
    };
    expect(fed.items).toHaveLength(1);
    expect(fed.items[0]).toMatchObject({ family: HEART_FAMILY, state: 'candidate' });
    expect(fed.items[0]?.data.sites).toEqual(['north', 'south', 'east']);
    const all = (await (await get('?family=all')).json()) as { items: { family: string }[] };
    expect(all.items.map((r) => r.family)).toEqual(['ddx', HEART_FAMILY]);
    expect((await get('?family=nope')).status).toBe(400);
  });

  it('shows federated families to administrators only', async () => {
    const clinician = server.tokenFor('clinician');
    expect((await get('', clinician)).status).toBe(200);
    const refused = await get(`?family=${HEART_FAMILY}`, clinician);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/administrators only/);
    expect((await get('?family=all', clinician)).status).toBe(403);
  });

  it('promotes and rolls back within a family, the diagnosis model untouched', async () => {
    const post = (path: string, body?: unknown) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    const promoted = await post(`/v1/learning/models/v1/promote?family=${HEART_FAMILY}`, {});
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ family: HEART_FAMILY, version: 'v1', state: 'active' });
    const ddx = (await (await get('')).json()) as { items: { state: string }[] };
    expect(ddx.items[0]?.state).toBe('active');
    const rollback = await post(`/v1/learning/rollback?family=${HEART_FAMILY}`);
    expect(rollback.status).toBe(409);
    expect(((await rollback.json()) as { detail: string }).detail).toMatch(/no earlier version/);
  });
});
