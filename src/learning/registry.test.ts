import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDdxModelPath } from '../diagnosis/model-file.js';
import { type AuditItem, auditSubgroups } from '../fairness/audit.js';
import { compareOnSameItems } from '../fairness/compare.js';
import { type DdxFairnessReport, toDdxFairnessReport } from '../fairness/ddx-fairness.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { baseRecord, dedupeRecords, expandByWeight, isCheckRecord, MAX_RECORD_WEIGHT } from './dataset.js';
import { decidePromotion } from './promotion.js';
import { FamilyRegistry, listAllModels, ModelRegistry, modelFamilyOf } from './registry.js';
import { committedDdxModel } from './service.js';

let store: Store;
let stateDir: string;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  stateDir = mkdtempSync(join(tmpdir(), 'healthgpt-registry-'));
});
afterEach(() => store.close());

function copyOf(version: string) {
  const model = committedDdxModel();
  const copy = Object.assign(Object.create(Object.getPrototypeOf(model)), model);
  copy.modelVersion = version;
  return copy as typeof model;
}

describe('ModelRegistry', () => {
  it('starts with the committed model as active v1 and no pointer', () => {
    const registry = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    expect(registry.list().map((r) => [r.version, r.state])).toEqual([['v1', 'active']]);
    expect(registry.active().modelVersion).toBe(committedDdxModel().modelVersion);
    expect(activeDdxModelPath({ HEALTHGPT_STATE_DIR: stateDir })).toBeUndefined();
  });

  it('keeps candidates waiting until promoted, then serves them through the pointer; rollback returns', () => {
    const registry = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    const meta = { parent: 'v1', dataHash: 'abc', data: {}, card: '# card', by: 'test' };
    registry.addCandidate('v2', copyOf('ddx-test-v2'), meta);
    // A candidate does not change what is served.
    expect(registry.active().version).toBe('v1');
    expect(activeDdxModelPath({ HEALTHGPT_STATE_DIR: stateDir })).toBeUndefined();
    // A newer candidate retires the waiting one.
    registry.addCandidate('v3', copyOf('ddx-test-v3'), meta);
    expect(registry.get('v2').state).toBe('retired');
    expect(() => registry.promote('v2', 'test', 'x')).toThrow(/retired, not a candidate/);

    registry.promote('v3', 'test', 'rule passed');
    expect(registry.active().version).toBe('v3');
    expect(registry.get('v1').state).toBe('retired');
    const path = activeDdxModelPath({ HEALTHGPT_STATE_DIR: stateDir })!;
    expect(existsSync(path)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).modelVersion).toBe('ddx-test-v3');
    expect(registry.load('v3').modelVersion).toBe('ddx-test-v3');

    const { from, to } = registry.rollback('test');
    expect([from.version, to.version]).toEqual(['v3', 'v1']);
    expect(registry.active().version).toBe('v1');
    expect(activeDdxModelPath({ HEALTHGPT_STATE_DIR: stateDir })).toBeUndefined();
    expect(() => registry.rollback('test')).toThrow(/no earlier version/);
    expect(registry.get('v3').history.map((h) => h.event)).toEqual(['trained', 'active', 'retired']);
  });
});

describe('model families', () => {
  const meta = (by = 'test') => ({
    modelVersion: 'fed-x',
    dataHash: 'h',
    data: { sites: ['a', 'b'] },
    metrics: { promotion: { promote: true } },
    card: '# card',
    by,
  });

  it('keeps other families apart from the diagnosis model, under their own ids and folders', () => {
    const ddx = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    const fed = new FamilyRegistry(store.documents, stateDir, 'federated-heart-logistic');
    expect(fed.list()).toEqual([]);
    expect(fed.nextVersion()).toBe('v1');
    expect(fed.findActive()).toBeUndefined();
    expect(() => fed.active()).toThrow(/no version of federated-heart-logistic is active/);
    const v1 = fed.addCandidatePayload('v1', { weights: [1, 2] }, meta());
    expect(v1).toMatchObject({ family: 'federated-heart-logistic', version: 'v1', state: 'candidate' });
    expect(v1.parent).toBeUndefined();
    // Same version name as the diagnosis model's v1, different record; the ddx registry does not see it.
    expect(ddx.list().map((r) => [r.family, r.version, r.state])).toEqual([['ddx', 'v1', 'active']]);
    expect(ddx.nextVersion()).toBe('v2');
    expect(() => ddx.get('v2')).toThrow(/no model version 'v2'/);
    expect(() => fed.get('v2')).toThrow(/no model version 'v2' of family federated-heart-logistic/);
    expect(fed.readPayload('v1')).toEqual({ weights: [1, 2] });
    expect(existsSync(join(stateDir, 'models', 'federated-heart-logistic', 'v1.json'))).toBe(true);
    expect(listAllModels(store.documents).map((r) => `${r.family}/${r.version}`)).toEqual([
      'ddx/v1',
      'federated-heart-logistic/v1',
    ]);
    expect(() => fed.addCandidatePayload('v1', {}, meta())).toThrow(/exists/);
  });

  it('promotes a first version with nothing active, and rolls back within the family only', () => {
    const ddx = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    const fed = new FamilyRegistry(store.documents, stateDir, 'federated-heart-logistic');
    fed.addCandidatePayload('v1', { w: 1 }, meta());
    fed.promote('v1', 'admin', 'run complete');
    expect(fed.active().version).toBe('v1');
    const pointer = JSON.parse(
      readFileSync(join(stateDir, 'models', 'federated-heart-logistic', 'active.json'), 'utf8'),
    );
    expect(pointer).toEqual({ version: 'v1', modelVersion: 'fed-x', file: 'v1.json' });
    // The diagnosis model is untouched: still v1 active, no pointer written.
    expect(ddx.active().version).toBe('v1');
    expect(activeDdxModelPath({ HEALTHGPT_STATE_DIR: stateDir })).toBeUndefined();
    expect(() => fed.rollback('admin')).toThrow(/no earlier version/);
    const v2 = fed.addCandidatePayload('v2', { w: 2 }, meta());
    expect(v2.parent).toBe('v1');
    fed.promote('v2', 'admin', 'run complete');
    expect(fed.get('v1').state).toBe('retired');
    const { from, to } = fed.rollback('admin');
    expect([from.version, to.version]).toEqual(['v2', 'v1']);
    expect(fed.active().version).toBe('v1');
    expect(ddx.active().version).toBe('v1');
  });

  it('reads records stored before families existed as ddx', () => {
    const collection = store.documents.collection<Record<string, unknown>>('learning-models');
    const registry = new ModelRegistry(store.documents, stateDir, committedDdxModel);
    const { family: _family, ...legacy } = registry.get('v1');
    collection.put('v1', legacy);
    expect(
      store.documents.collection<{ family?: string }>('learning-models').get('v1')?.family,
    ).toBeUndefined();
    expect(registry.get('v1').family).toBe('ddx');
    expect(registry.list()).toHaveLength(1);
    expect(listAllModels(store.documents)[0]?.family).toBe('ddx');
    expect(() => modelFamilyOf('nope')).toThrow(/unknown model family 'nope'/);
  });
});

describe('training records', () => {
  const patient = {
    ageYears: 70,
    sex: 'F' as const,
    pathology: 'URTI',
    evidences: ['E_91', 'E_53'],
    initialEvidence: 'E_91',
    differential: [['URTI', 1]] as [string, number][],
  };

  it('removes duplicates (latest wins) and caps weights', () => {
    const a = { ...baseRecord(patient), weight: 10 };
    const b = { ...baseRecord({ ...patient, evidences: ['E_53', 'E_91'] }), weight: 2 };
    expect(a.key).toBe(b.key); // same patient, evidences in another order
    const merged = dedupeRecords([a, b]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.weight).toBe(2);
    expect(dedupeRecords([a])[0]!.weight).toBe(MAX_RECORD_WEIGHT);
  });

  it('expands weights into repeated patients, fractional parts on average', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      ...baseRecord({ ...patient, ageYears: i % 100 }),
      key: `k${i}`,
      weight: 1.5,
    }));
    const n = expandByWeight(records, 1).length;
    expect(n).toBeGreaterThan(1400);
    expect(n).toBeLessThan(1600);
  });

  it('holds out about one record in five as check cases, fixed parts win', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `case:${i}`);
    const share = keys.filter((key) => isCheckRecord({ key })).length / keys.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    expect(isCheckRecord({ key: 'x', part: 'check' })).toBe(true);
    expect(isCheckRecord({ key: 'x', part: 'train' })).toBe(false);
  });
});

const report = (items: readonly AuditItem[]): DdxFairnessReport =>
  toDdxFairnessReport(auditSubgroups(items, { attributes: ['sex'], resamples: 200 }), 'x');
const run = (spec: Record<string, [number, number]>): AuditItem[] =>
  Object.entries(spec).flatMap(([sex, [n, right]]) =>
    Array.from({ length: n }, (_, i) => ({ correct: i < right, attributes: { sex } })),
  );
const decide = (before: AuditItem[], after: AuditItem[]) =>
  decidePromotion(
    report(before),
    report(after),
    compareOnSameItems(before, after, ['sex'], { resamples: 200 }),
  );

describe('decidePromotion', () => {
  const active = run({ F: [100, 90], M: [100, 90] });

  it('promotes a candidate no worse overall and not worse beyond noise in any group', () => {
    // One more miss among women, three more right among men: within noise for women, better overall.
    expect(decide(active, run({ F: [100, 89], M: [100, 93] }))).toMatchObject({ promote: true, reasons: [] });
  });

  it('refuses a candidate that makes one group worse beyond noise, even if better overall', () => {
    const decision = decide(active, run({ F: [100, 75], M: [100, 100] }));
    expect(decision.promote).toBe(false);
    expect(decision.reasons.join()).toMatch(/sex F: 90.0 % → 75.0 %/);
    expect(decision.reasons.join()).not.toMatch(/sex M/);
  });

  it('refuses a candidate worse overall, and one newly flagging a group', () => {
    expect(decide(active, run({ F: [100, 89], M: [100, 90] })).promote).toBe(false);
    const flagged = decide(active, run({ F: [100, 80], M: [100, 100] }));
    expect(flagged.promote).toBe(false);
    expect(flagged.reasons.join()).toMatch(/flagged for the candidate/);
  });

  it('does not treat one miss in a group the active model got all right as worse beyond noise', () => {
    const perfect = run({ F: [50, 50], M: [50, 45] });
    const decision = decide(perfect, run({ F: [50, 49], M: [50, 47] }));
    expect(decision.checks.find((c) => c.value === 'F')).toMatchObject({
      before: 1,
      after: 0.98,
      worse: false,
    });
    expect(decision.promote).toBe(true);
  });
});
