/** A push/pull queue bridging a callback producer (native token callbacks) to an async iterator consumer. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failed: { error: unknown } | undefined;
  private ended = false;

  /** `onCancel` runs when the consumer stops iterating before the end (a `break`, a thrown error). */
  constructor(private readonly onCancel?: () => void) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.failed = { error };
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    if (this.waiting && this.items.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    try {
      yield* this.drain();
    } finally {
      if (!this.ended) this.onCancel?.();
    }
  }

  private async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift()!;
        continue;
      }
      if (this.ended) {
        if (this.failed) throw this.failed.error;
        return;
      }
      const next = await new Promise<IteratorResult<T>>((resolve) => {
        this.waiting = resolve;
      });
      if (next.done) {
        if (this.failed) throw this.failed.error;
        return;
      }
      yield next.value;
    }
  }
}

/** Runs tasks one at a time (a llama.cpp context generates one sequence at a time). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
