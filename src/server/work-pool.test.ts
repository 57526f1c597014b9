import { afterAll, describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import { WorkPool } from './work-pool.js';

const pool = new WorkPool({ threads: 1, timeBudgetMs: 20_000 });
afterAll(() => pool.close());

describe('worker pool', () => {
  it('runs heavy work off the main thread: timers keep firing while a task spins', async () => {
    await pool.run('test.spin', { ms: 1 }); // start the worker
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const spins = await pool.run('test.spin', { ms: 600 });
    clearInterval(timer);
    expect(spins).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('stops a task past its time budget with a timeout error and keeps serving', async () => {
    const started = Date.now();
    const error = await pool.run('test.spin', { ms: 30_000 }, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthGptError);
    expect((error as HealthGptError).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await pool.run('test.spin', { ms: 1 })).toBeGreaterThan(0);
  });

  it('brings domain errors back as the same classes, with their codes and field errors', async () => {
    const error = await pool
      .run('forecast.compute', {
        request: {
          department: 'ed',
          seriesCsv: 'timestamp,count\n0001-01-01T00:00:00Z,1\n9999-12-31T00:00:00Z,1',
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthGptError);
    expect((error as HealthGptError).message).toMatch(/limit is \d+ hours/);
  });

  it('refuses new work at once when the queue is full', async () => {
    const small = new WorkPool({ threads: 1, timeBudgetMs: 5_000, maxQueue: 1 });
    try {
      const running = small.run('test.spin', { ms: 300 });
      const queued = small.run('test.spin', { ms: 1 });
      const refused = await small.run('test.spin', { ms: 1 }).catch((e: unknown) => e);
      expect((refused as HealthGptError).code).toBe('unavailable');
      await Promise.all([running, queued]);
    } finally {
      await small.close();
    }
  });
});
