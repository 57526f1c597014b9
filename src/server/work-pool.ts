import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkRunner } from '../app/context.js';
import { HealthGptError } from '../engine/errors.js';
import type { StoreLocation } from '../store/store.js';
import { deserializeError, type SerializedError } from './work-errors.js';
import { WORK_TASKS, type WorkInput, type WorkOutput, type WorkTaskName } from './work-tasks.js';

/**
 * A small pool of worker threads (node:worker_threads) for heavy work — image decoding and analysis, DICOM
 * rendering, forecast fitting — so that the event loop stays free for `/healthz` and light routes (issue 12: one
 * compressed DICOM held the server for 8–11 s). Each task has a time budget: past it the worker is terminated
 * (which stops even a tight loop), replaced, and the request answered 503 `timeout`; a full queue answers 503
 * `unavailable` at once. Workers start on first use.
 */
export interface WorkPoolOptions {
  readonly threads: number;
  readonly timeBudgetMs: number;
  /** The store workers open for tasks that read or write records. */
  readonly location?: StoreLocation;
  /** Most tasks waiting for a worker before new ones are refused. */
  readonly maxQueue?: number;
}

interface Job {
  readonly id: number;
  readonly task: WorkTaskName;
  readonly input: unknown;
  readonly budgetMs: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './work-worker.ts' : './work-worker.js',
  import.meta.url,
);

/** Starts one worker; from TypeScript sources (tests, `npm run dev`) through tsx's loader. */
function startWorker(location: StoreLocation | undefined): Worker {
  const workerData = { location };
  if (workerUrl.pathname.endsWith('.ts')) {
    // Resolved here, so the worker finds tsx whatever the working directory.
    let tsx = 'tsx/esm/api';
    try {
      const require = createRequire(import.meta.url);
      const manifest = require.resolve('tsx/package.json');
      const exported = (require(manifest) as { exports?: Record<string, unknown> }).exports?.['./esm/api'];
      const entry =
        typeof exported === 'object' && exported ? (exported as { import?: unknown }).import : undefined;
      const file =
        typeof entry === 'string'
          ? entry
          : typeof entry === 'object' && entry
            ? (entry as { default?: string }).default
            : undefined;
      if (file) tsx = pathToFileURL(join(dirname(manifest), file)).href;
    } catch {
      // keep the bare specifier
    }
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(workerUrl.href)}); });`;
    return new Worker(bootstrap, { eval: true, workerData });
  }
  return new Worker(workerUrl, { workerData });
}

export class WorkPool implements WorkRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkPoolOptions) {}

  /** Runs a task in a worker within the time budget (or `budgetMs`). */
  run<K extends WorkTaskName>(task: K, input: WorkInput<K>, budgetMs?: number): Promise<WorkOutput<K>>;
  run(task: string, input: unknown): Promise<unknown>;
  run(task: string, input: unknown, budgetMs = this.options.timeBudgetMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new HealthGptError('unavailable', 'the server is shutting down'));
    if (!(task in WORK_TASKS)) return Promise.reject(new Error(`unknown task '${task}'`));
    if (this.queue.length >= (this.options.maxQueue ?? 64)) {
      return Promise.reject(
        new HealthGptError('unavailable', 'the server is busy with heavy work; retry in a few seconds', {
          details: { retryAfterSeconds: 5 },
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task: task as WorkTaskName, input, budgetMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts every worker now and waits until each is ready (at server start, so no request pays for it). */
  async warm(): Promise<void> {
    while (this.slots.length < Math.max(1, this.options.threads)) this.spawn();
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  /** Tasks running and waiting (for tests and the load benchmark). */
  stats() {
    return {
      threads: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
    };
  }

  private spawn(): Slot {
    const worker = startWorker(this.options.location);
    worker.unref();
    const slot: Slot = {
      worker,
      ready: new Promise((resolve, reject) => {
        const onMessage = (message: { ready?: boolean }) => {
          if (message.ready) {
            worker.off('message', onMessage);
            resolve();
          }
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      }),
    };
    worker.on(
      'message',
      (message: { id?: number; ok?: boolean; output?: unknown; error?: SerializedError }) => {
        const job = slot.job;
        if (!job || message.id !== job.id) return;
        this.finish(slot);
        if (message.ok) job.resolve(message.output);
        else job.reject(message.error ? deserializeError(message.error) : new Error('worker failed'));
      },
    );
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('worker exited')));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    queueMicrotask(() => this.dispatch());
  }

  /** A worker died or was terminated: its job fails, it leaves the pool, the queue goes on with a new one. */
  private fail(slot: Slot, error: unknown) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    if (job) job.reject(error instanceof HealthGptError ? error : internal(error));
    if (!this.closed) queueMicrotask(() => this.dispatch());
  }

  private dispatch() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < Math.max(1, this.options.threads)) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      const chosen = slot;
      chosen.job = job;
      chosen.timer = setTimeout(() => {
        const timeout = new HealthGptError(
          'timeout',
          `the ${job.task} work ran past its ${job.budgetMs} ms time budget and was stopped`,
          { details: { budgetMs: job.budgetMs } },
        );
        this.fail(chosen, timeout);
        void chosen.worker.terminate();
      }, job.budgetMs);
      chosen.ready.then(
        () => {
          if (chosen.job === job) chosen.worker.postMessage({ id: job.id, task: job.task, input: job.input });
        },
        (error: unknown) => this.fail(chosen, error),
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new HealthGptError('unavailable', 'the server is shutting down'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }
}

function internal(error: unknown): HealthGptError {
  return new HealthGptError('internal', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
