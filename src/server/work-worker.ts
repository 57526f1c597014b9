import { parentPort, workerData } from 'node:worker_threads';
import type { Store, StoreLocation } from '../store/store.js';
import { serializeError } from './work-errors.js';
import { WORK_TASKS, type WorkTaskName } from './work-tasks.js';

/** One worker thread of the pool: runs tasks by name, one at a time, with its own connection to the store. */
interface Request {
  readonly id: number;
  readonly task: WorkTaskName;
  readonly input: unknown;
}

const location = (workerData as { location?: StoreLocation } | undefined)?.location;
let store: Store | undefined;

async function storeOf(): Promise<Store> {
  if (store) return store;
  if (!location)
    throw new Error('this task needs the store, and the store has no location a worker can open');
  if (location.kind === 'sqlite') {
    const { openSqliteStore } = await import('../store/sqlite-store.js');
    store = openSqliteStore(location.path, location.key ? { key: location.key } : {});
  } else {
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    store = openPostgresStore(location.connectionString);
  }
  return store;
}

parentPort?.on('message', async ({ id, task, input }: Request) => {
  try {
    const run = WORK_TASKS[task] as (input: unknown, store: Store) => Promise<unknown>;
    if (!run) throw new Error(`unknown task '${task}'`);
    const needsStore = run.length >= 2;
    const output = await run(input, needsStore ? await storeOf() : (undefined as never));
    parentPort?.postMessage({ id, ok: true, output });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, error: serializeError(error) });
  }
});
parentPort?.postMessage({ ready: true });
