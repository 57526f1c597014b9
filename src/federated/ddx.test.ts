import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { readDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import { readDdxplusSpec } from '../diagnosis/ddxplus/release.js';
import { AnswerTable, patternKey } from '../diagnosis/model/answer-table.js';
import { type DdxLogisticJson, DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { SpecIndex } from '../diagnosis/model/spec.js';
import { DEFAULT_TRAIN_OPTIONS, keptMultiValues, preparePatients } from '../diagnosis/model/train.js';
import { seededRandom } from '../ml/random.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { RunState } from './coordinator.js';
import {
  type DdxLayout,
  ddxRunConfig,
  ddxSiteData,
  runFederatedDdx,
  sitesByAge,
  top1FullEvidence,
} from './ddx.js';
import { runLoopback } from './heart-run.js';
import type { Task } from './protocol.js';
import { DDX_FAMILY, federatedRegistry, registerFederatedDdxModel } from './registry.js';

describeWithDataset('federated DDXPlus model over the site/coordinator protocol', ['ddxplus'], (dir) => {
  const spec = readDdxplusSpec(dir);
  const patients = readDdxplusPatients(join(dir, 'patients_dev.csv')).slice(0, 300);
  const index = new SpecIndex(spec);
  const train = { ...DEFAULT_TRAIN_OPTIONS, epochs: 2 };
  const sites = sitesByAge(patients);
  let state: RunState;
  let model: DdxLogisticModel;
  let layout: DdxLayout;

  beforeAll(async () => {
    ({ state, model, layout } = await runFederatedDdx(spec, sites, { rounds: 2, train }));
  }, 120_000);

  it('runs four age-group sites with secure aggregation; the statistics sum is the pooled statistics', () => {
    expect([...sites.values()].reduce((n, l) => n + l.length, 0)).toBe(300);
    expect(state.status).toBe('done');
    expect(state.config.secure).toBe(true);
    const rounds = state.history.filter((h) => h.outcome === 'aggregated');
    expect(rounds.map((h) => [h.kind, h.participants.length])).toEqual([
      ['stats', 4],
      ['train', 4],
      ['train', 4],
    ]);
    // The vectors have the spec's fixed lengths, whatever the data.
    expect(state.model).toHaveLength(layout.modelLength);
    expect(state.statistics).toHaveLength(layout.statsLength);
    const pooled = layout.statistics(preparePatients(index, patients));
    (state.statistics ?? []).forEach((v, i) => {
      expect(v).toBeCloseTo(pooled[i] as number, 4);
    });
  });

  it('builds what the central trainer builds from those sums (kept values, counts, the answer table)', () => {
    const prepared = preparePatients(index, patients);
    expect(model.keptValues).toEqual(keptMultiValues(index, prepared));
    const counts = spec.conditions.map(() => 0);
    for (const p of prepared) counts[p.condition]! += 1;
    expect(model.conditionCounts).toEqual(counts);
    const central = AnswerTable.count(
      index,
      prepared.map((p) => ({ answers: p.answers, condition: p.condition })),
    );
    for (const question of index.spec.questions) {
      if (question.type === 'multi') continue; // counted per value (docs/federated.md)
      const byKey = (entry: (typeof central)[string] | undefined) =>
        new Map(entry?.patterns.map((pattern, p) => [patternKey(pattern), entry.counts[p]]));
      expect(byKey(model.answerCounts[question.code])).toEqual(byKey(central[question.code]));
    }
  });

  it('enters the model registry as a candidate of federated-ddx that the diagnosis model reads back', () => {
    const store = openSqliteStore(':memory:');
    const registry = federatedRegistry(
      store.documents,
      mkdtempSync(join(tmpdir(), 'healthgpt-fedddx-')),
      DDX_FAMILY,
    );
    const record = registerFederatedDdxModel(registry, state, model, 'test');
    expect(record).toMatchObject({
      family: 'federated-ddx',
      version: 'v1',
      state: 'candidate',
      data: { runId: state.config.runId, patients: 300, rounds: 2, secureAggregation: true, privacy: null },
      metrics: { roundsCompleted: 2, promotion: { promote: true } },
    });
    const back = DdxLogisticModel.fromJSON(registry.readPayload('v1') as DdxLogisticJson);
    // Far above chance (1 in 49) on the training patients after two rounds.
    expect(top1FullEvidence(back, patients)).toBeGreaterThan(0.3);
  });

  it("FedProx keeps a site's local model closer to the global one; with μ = 0 it is FedAvg", () => {
    const part = patients.slice(0, 100);
    const task = (algorithm: 'fedavg' | 'fedprox', mu: number): Task => ({
      runId: state.config.runId,
      version: 0,
      status: 'running',
      kind: 'train',
      round: 1,
      attempt: 0,
      context: '',
      secure: true,
      participants: [],
      model: state.model,
      ...(state.shared ? { shared: state.shared } : {}),
      training: { ...state.config.training, algorithm, mu },
    });
    const local = (algorithm: 'fedavg' | 'fedprox', mu: number) => {
      const values = ddxSiteData(layout, part, train, seededRandom(9)).train?.(task(algorithm, mu)) ?? [];
      const n = values[layout.modelLength] as number;
      expect(n).toBe(100);
      return values.slice(0, layout.modelLength).map((v, i) => v / n - (state.model[i] as number));
    };
    const norm = (d: number[]) => Math.sqrt(d.reduce((a, v) => a + v * v, 0));
    const avg = local('fedavg', 0);
    expect(local('fedprox', 0)).toEqual(avg);
    const prox = norm(local('fedprox', 0.1));
    expect(prox).toBeGreaterThan(0);
    expect(prox).toBeLessThan(0.8 * norm(avg));
  });

  it('refuses a site update of the wrong shape; the round goes on without it and the model keeps its shape', async () => {
    const small = patients.slice(0, 120);
    const names = ['a', 'b', 'c'];
    const parts = names.map((_, i) => small.filter((_p, k) => k % 3 === i) as DdxplusPatient[]);
    const honest = parts.map((p, i) => ddxSiteData(layout, p, train, seededRandom(i + 1)));
    const hostile = {
      statistics: honest[2]!.statistics,
      train: (task: Parameters<NonNullable<(typeof honest)[0]['train']>>[0]) =>
        honest[2]!.train!(task).slice(0, 1000),
    };
    const run = await runLoopback({
      sites: new Map([
        ['a', honest[0]!],
        ['b', honest[1]!],
        ['c', hostile],
      ]),
      rounds: 1,
      config: (runId) => ddxRunConfig(layout, runId, names, { rounds: 1, train, roundTimeoutMs: 8000 }),
    });
    expect(run.state.status).toBe('done');
    const trainRound = run.state.history.find((h) => h.kind === 'train' && h.outcome === 'aggregated');
    expect([...(trainRound?.participants ?? [])].sort()).toEqual(['a', 'b']);
    expect(trainRound?.dropped).toEqual(['c']);
    expect(trainRound?.rows).toBe(parts[0]!.length + parts[1]!.length);
    expect(run.state.refusals.some((r) => r.site === 'c' && /wrong shape/.test(r.reason))).toBe(true);
    expect(run.state.model).toHaveLength(layout.modelLength);
    expect(run.state.model.every(Number.isFinite)).toBe(true);
    // A site refuses a shared vector or global model that does not have the layout's shape.
    expect(() => layout.keptValues([1, 0])).toThrow(/wrong shape/);
    expect(() =>
      honest[0]!.train!({ ...run.sites.get('a')!.lastTask!, kind: 'train', round: 1, model: [0, 1] }),
    ).toThrow(/wrong shape/);
  }, 60_000);
});
