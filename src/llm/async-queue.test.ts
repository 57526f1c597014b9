import { describe, expect, it } from 'vitest';
import { AsyncQueue, Mutex } from './async-queue.js';

describe('AsyncQueue', () => {
  it('delivers pushed items in order, then ends; a consumer that reads to the end cancels nothing', async () => {
    let cancelled = 0;
    const q = new AsyncQueue<number>(() => cancelled++);
    q.push(1);
    setTimeout(() => {
      q.push(2);
      q.end();
    }, 5);
    const seen: number[] = [];
    for await (const x of q) seen.push(x);
    expect(seen).toEqual([1, 2]);
    expect(cancelled).toBe(0);
  });

  it('tells the producer when the consumer stops early (how the in-process model is stopped)', async () => {
    let cancelled = 0;
    const q = new AsyncQueue<number>(() => cancelled++);
    q.push(1);
    q.push(2);
    for await (const x of q) if (x === 1) break;
    expect(cancelled).toBe(1);
  });

  it('rethrows the producer’s failure after the items before it', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.fail(new Error('model crashed'));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const x of q) seen.push(x);
      })(),
    ).rejects.toThrow('model crashed');
    expect(seen).toEqual([1]);
  });
});

describe('Mutex', () => {
  it('runs tasks one at a time, in order, and goes on after a failure', async () => {
    const m = new Mutex();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      m.run(task('a', 20, true)),
      m.run(task('b', 1)),
      m.run(task('c', 1)),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
