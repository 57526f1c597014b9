import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDdxModelPath } from '../diagnosis/model-file.js';
import type { DdxFairnessGroup, DdxFairnessReport } from '../fairness/ddx-fairness.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { baseRecord, dedupeRecords, expandByWeight, isCheckRecord, MAX_RECORD_WEIGHT } from './dataset.js';
import { decidePromotion } from './promotion.js';
import { ModelRegistry } from './registry.js';
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

const group = (
  attribute: string,
  value: string,
  n: number,
  gtpa: number,
  ciLow: number,
  flagged = false,
): DdxFairnessGroup => ({
  attribute,
  value,
  n,
  gtpa_at_1: gtpa,
  ci_low: ciLow,
  ci_high: 1,
  rest: 0.9,
  p_value: 0.5,
  p_adjusted: 1,
  flagged,
  tested: true,
});
const report = (overall: number, ciLow: number, groups: DdxFairnessGroup[]): DdxFairnessReport => ({
  n: 200,
  model_version: 'x',
  mode: 'full',
  overall: { gtpa_at_1: overall, ci_low: ciLow, ci_high: 1 },
  groups,
  method: {
    interval: '',
    test: '',
    correction: '',
    alpha: 0.05,
    resamples: 10,
    seed: 1,
    min_group_size: 10,
  },
});

describe('decidePromotion', () => {
  const active = report(0.9, 0.86, [group('sex', 'F', 100, 0.9, 0.84), group('sex', 'M', 100, 0.9, 0.84)]);

  it('promotes a candidate no worse overall and within every group interval', () => {
    const decision = decidePromotion(
      active,
      report(0.92, 0.88, [group('sex', 'F', 100, 0.85, 0.8), group('sex', 'M', 100, 0.99, 0.95)]),
    );
    expect(decision).toMatchObject({ promote: true, reasons: [] });
  });

  it('refuses a candidate that makes one group worse beyond its interval, even if better overall', () => {
    const decision = decidePromotion(
      active,
      report(0.95, 0.9, [group('sex', 'F', 100, 0.8, 0.7), group('sex', 'M', 100, 1, 1)]),
    );
    expect(decision.promote).toBe(false);
    expect(decision.reasons.join()).toMatch(/sex F/);
  });

  it('refuses a candidate worse overall, or one newly flagging a group', () => {
    expect(decidePromotion(active, report(0.89, 0.85, active.groups as DdxFairnessGroup[])).promote).toBe(
      false,
    );
    const flagged = decidePromotion(
      active,
      report(0.9, 0.86, [group('sex', 'F', 100, 0.9, 0.84, true), group('sex', 'M', 100, 0.9, 0.84)]),
    );
    expect(flagged.promote).toBe(false);
    expect(flagged.reasons.join()).toMatch(/flagged/);
  });
});
