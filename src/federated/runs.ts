import type { DocumentStore } from '../store/store.js';
import type { summarise } from './coordinator-server.js';

/** A run's summary as the admin page and `healthgpt federated status` show it (no vector, no key). */
export type RunSummary = ReturnType<typeof summarise>;

export const RUNS_COLLECTION = 'federated-runs';

export function saveRunSummary(documents: DocumentStore, summary: RunSummary): void {
  documents.collection<RunSummary>(RUNS_COLLECTION).put(summary.runId, summary);
}

export function listRunSummaries(documents: DocumentStore, limit = 100): RunSummary[] {
  return documents
    .collection<RunSummary>(RUNS_COLLECTION)
    .list({ limit })
    .items.map((i) => i.document);
}
