import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../store/store.js';

/**
 * Stored audit reports and the alerts raised when an audit flags a group (`fairness-reports`, `fairness-alerts` in
 * the document store). An alert names the engine, the group, its value and interval, and the rest's value.
 */
export interface StoredReport {
  readonly id: string;
  readonly at: string;
  readonly engine: string;
  readonly by: string;
  readonly source: string;
  readonly report: unknown;
  readonly flagged: readonly string[];
}

export interface FairnessAlert {
  readonly id: string;
  readonly at: string;
  readonly reportId: string;
  readonly engine: string;
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  readonly metric: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly rest: number;
  readonly p_adjusted: number;
}

interface FlaggableGroup {
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly rest: number;
  readonly p_adjusted: number;
  readonly flagged: boolean;
}

export function saveAudit(
  documents: DocumentStore,
  input: {
    engine: string;
    by: string;
    source: string;
    report: unknown;
    groups: readonly (FlaggableGroup & { metric: number })[];
    now?: Date;
  },
): { report: StoredReport; alerts: FairnessAlert[] } {
  const at = (input.now ?? new Date()).toISOString();
  const flagged = input.groups.filter((g) => g.flagged);
  const report: StoredReport = {
    id: randomUUID(),
    at,
    engine: input.engine,
    by: input.by,
    source: input.source,
    report: input.report,
    flagged: flagged.map((g) => `${g.attribute} ${g.value}`),
  };
  documents.collection<StoredReport>('fairness-reports', (r) => r.engine).put(report.id, report);
  const alerts = flagged.map(
    (g): FairnessAlert => ({
      id: randomUUID(),
      at,
      reportId: report.id,
      engine: input.engine,
      attribute: g.attribute,
      value: g.value,
      n: g.n,
      metric: g.metric,
      ci_low: g.ci_low,
      ci_high: g.ci_high,
      rest: g.rest,
      p_adjusted: g.p_adjusted,
    }),
  );
  const collection = documents.collection<FairnessAlert>('fairness-alerts', (a) => a.engine);
  for (const alert of alerts) collection.put(alert.id, alert);
  return { report, alerts };
}

export function listReports(documents: DocumentStore, limit = 20): StoredReport[] {
  return documents
    .collection<StoredReport>('fairness-reports', (r) => r.engine)
    .list({ limit })
    .items.map((i) => i.document);
}

export function listAlerts(documents: DocumentStore, limit = 100): FairnessAlert[] {
  return documents
    .collection<FairnessAlert>('fairness-alerts', (a) => a.engine)
    .list({ limit })
    .items.map((i) => i.document);
}
