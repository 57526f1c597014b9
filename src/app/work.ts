import type { WorkInput, WorkOutput, WorkTaskName } from '../server/work-tasks.js';
import { WORK_TASKS } from '../server/work-tasks.js';
import type { Store } from '../store/store.js';
import type { WorkRunner } from './context.js';

export type { WorkTaskName } from '../server/work-tasks.js';

/**
 * Runs a heavy task: in the context's worker pool when there is one (the server), else in this thread (CLI, library,
 * in-memory stores). The caller's code is the same either way.
 */
export async function runHeavy<K extends WorkTaskName>(
  context: { readonly work?: WorkRunner; readonly store: Store },
  task: K,
  input: WorkInput<K>,
): Promise<WorkOutput<K>> {
  const needsStore = (WORK_TASKS[task] as (...args: unknown[]) => unknown).length >= 2;
  if (context.work && (!needsStore || context.store.location))
    return (await context.work.run(task, input)) as WorkOutput<K>;
  const run = WORK_TASKS[task] as (input: unknown, store: Store) => Promise<unknown>;
  return (await run(input, context.store)) as WorkOutput<K>;
}
