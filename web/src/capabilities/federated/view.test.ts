import { describe, expect, it } from 'vitest';
import { progress, type RunView, recentRounds, siteRows } from './view.js';

const run: RunView = {
  runId: 'r1',
  status: 'running',
  sites: ['a', 'b', 'c'],
  joined: ['a', 'b', 'c'],
  withdrawn: { c: 'privacy budget spent' },
  algorithm: 'fedavg',
  secureAggregation: true,
  rounds: 10,
  completedRounds: 2,
  history: [
    {
      round: 0,
      attempt: 0,
      kind: 'stats',
      participants: ['a', 'b', 'c'],
      dropped: [],
      outcome: 'aggregated',
      ms: 5,
    },
    {
      round: 1,
      attempt: 0,
      kind: 'train',
      participants: ['a', 'b'],
      dropped: ['c'],
      outcome: 'aggregated',
      rows: 9,
      loss: 0.6,
      ms: 40,
    },
    {
      round: 2,
      attempt: 0,
      kind: 'train',
      participants: ['a', 'b'],
      dropped: [],
      outcome: 'aggregated',
      rows: 9,
      loss: 0.5,
      ms: 30,
    },
  ],
  privacy: { a: { epsilon: 0.2, delta: 1e-5, steps: 2 } },
  refusals: [],
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('federated run view', () => {
  it('counts per site the training rounds taken part in and dropped from, with privacy spent', () => {
    expect(siteRows(run)).toEqual([
      { site: 'a', joined: true, withdrawn: undefined, epsilon: 0.2, delta: 1e-5, took: 2, dropped: 0 },
      {
        site: 'b',
        joined: true,
        withdrawn: undefined,
        epsilon: undefined,
        delta: undefined,
        took: 2,
        dropped: 0,
      },
      {
        site: 'c',
        joined: true,
        withdrawn: 'privacy budget spent',
        epsilon: undefined,
        delta: undefined,
        took: 0,
        dropped: 1,
      },
    ]);
  });
  it('lists the newest rounds first and shows progress', () => {
    expect(recentRounds(run, 2).map((r) => r.round)).toEqual([2, 1]);
    expect(progress(run)).toBe('2/10');
  });
});
