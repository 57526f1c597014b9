import { randomUUID } from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';
import { seededRandom } from '../ml/random.js';
import type { DocumentCollection, DocumentStore } from '../store/store.js';
import { parseScreeningCsv } from './cohen.js';
import { tfidfVectors } from './features.js';
import { parseRis } from './formats.js';
import { DEFAULT_LEARNER, LogisticModel } from './screening.js';
import { MAX_IMPORT_BYTES } from './types.js';

/**
 * Screening projects for systematic reviews, kept in the application's document store (SQLite or PostgreSQL):
 * the records, every decision with who made it and when, and the active learner's next suggestions.
 */

export interface ScreeningRecord {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
}

export interface Decision {
  readonly label: 'include' | 'exclude';
  readonly at: string;
  readonly by: string;
}

export interface ScreeningProject {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly records: readonly ScreeningRecord[];
  readonly decisions: Readonly<Record<string, Decision>>;
}

export interface ProjectProgress {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly records: number;
  readonly screened: number;
  readonly included: number;
  readonly excluded: number;
  /** Model estimate of relevant records not yet screened (null until both an include and an exclude exist). */
  readonly estimatedRemainingRelevant: number | null;
  readonly estimateNote: string;
}

export interface Suggestion {
  readonly record: ScreeningRecord;
  /** Probability of inclusion from the learner, or null before it can be trained. */
  readonly probability: number | null;
  readonly reason: string;
}

export const PROJECTS_COLLECTION = 'literature.screening-projects';
export const MAX_PROJECT_RECORDS = 20_000;

export function projectsCollection(documents: DocumentStore): DocumentCollection<ScreeningProject> {
  return documents.collection<ScreeningProject>(PROJECTS_COLLECTION);
}

/** Reads records from CSV (title, abstract, keywords; label columns ignored) or RIS. */
export function parseProjectRecords(text: string, name: string): ScreeningRecord[] {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    throw new HealthGptError('too-large', `${name}: the records file may be at most 100 MB`);
  let records: ScreeningRecord[];
  if (/^\s*TY {2}-/.test(text) || name.toLowerCase().endsWith('.ris'))
    records = parseRis(text, name).map((a) => ({
      id: a.id,
      title: a.title,
      abstract: a.abstract,
      keywords: [...a.mesh],
    }));
  else
    records = parseScreeningCsv(text, name).records.map((r) => ({ ...r, keywords: [...(r.keywords ?? [])] }));
  if (records.length > MAX_PROJECT_RECORDS)
    throw new HealthGptError(
      'too-large',
      `${name} has ${records.length} records; a project may hold ${MAX_PROJECT_RECORDS}`,
    );
  return records;
}

export function createProject(
  col: DocumentCollection<ScreeningProject>,
  name: string,
  records: readonly ScreeningRecord[],
  by: string,
): ScreeningProject {
  if (!name.trim()) throw HealthGptError.invalid('a project needs a name');
  if (records.length < 2) throw HealthGptError.invalid('a project needs at least two records');
  const project: ScreeningProject = {
    id: randomUUID(),
    name: name.trim(),
    createdAt: new Date().toISOString(),
    createdBy: by,
    records,
    decisions: {},
  };
  col.put(project.id, project);
  return project;
}

export function getProject(col: DocumentCollection<ScreeningProject>, id: string): ScreeningProject {
  const p = col.get(id);
  if (!p) throw HealthGptError.notFound('screening project', id);
  return p;
}

export function decide(
  col: DocumentCollection<ScreeningProject>,
  id: string,
  recordId: string,
  label: 'include' | 'exclude',
  by: string,
): ScreeningProject {
  const p = getProject(col, id);
  if (!p.records.some((r) => r.id === recordId)) throw HealthGptError.notFound('record', recordId);
  const next: ScreeningProject = {
    ...p,
    decisions: { ...p.decisions, [recordId]: { label, at: new Date().toISOString(), by } },
  };
  col.put(id, next);
  return next;
}

interface Trained {
  readonly probabilities: Map<string, number>;
}

function train(p: ScreeningProject): Trained | undefined {
  const labels = p.records.map((r) => p.decisions[r.id]?.label);
  const pos = labels.filter((l) => l === 'include').length;
  const neg = labels.filter((l) => l === 'exclude').length;
  if (pos === 0 || neg === 0) return undefined;
  const { vectors, dim } = tfidfVectors(p.records, DEFAULT_LEARNER.features);
  const model = new LogisticModel(dim);
  const idx = labels.flatMap((l, i) => (l ? [i] : []));
  model.fit(
    idx.map((i) => vectors[i]!),
    idx.map((i) => (labels[i] === 'include' ? 1 : 0)),
    DEFAULT_LEARNER,
    seededRandom(idx.length),
  );
  // The learner weighs both classes equally; shift its log-odds back by the labelled prevalence for the estimate.
  const shift = Math.log(pos / neg);
  const probabilities = new Map<string, number>();
  p.records.forEach((r, i) => {
    if (labels[i]) return;
    const raw = model.probability(vectors[i]!);
    const logit = Math.log(raw / (1 - raw)) + shift;
    probabilities.set(r.id, 1 / (1 + Math.exp(-logit)));
  });
  return { probabilities };
}

export function progress(p: ScreeningProject, trained?: Trained | null): ProjectProgress {
  const decisions = Object.values(p.decisions);
  const included = decisions.filter((d) => d.label === 'include').length;
  const t = trained === undefined ? train(p) : (trained ?? undefined);
  const estimate = t ? [...t.probabilities.values()].reduce((s, x) => s + x, 0) : null;
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    records: p.records.length,
    screened: decisions.length,
    included,
    excluded: decisions.length - included,
    estimatedRemainingRelevant: estimate === null ? null : Math.round(estimate * 10) / 10,
    estimateNote:
      estimate === null
        ? 'needs at least one include and one exclude'
        : "sum of the learner's prevalence-corrected probabilities over unscreened records: a rough estimate, not a stopping rule",
  };
}

/** The unscreened records most likely to be relevant (certainty-based), with the learner's probability. */
export function nextRecords(
  p: ScreeningProject,
  limit = 5,
): { progress: ProjectProgress; next: Suggestion[] } {
  const t = train(p);
  const open = p.records.filter((r) => !p.decisions[r.id]);
  let next: Suggestion[];
  if (!t)
    next = open.slice(0, limit).map((record) => ({
      record,
      probability: null,
      reason: 'file order: the learner starts once one record is included and one excluded',
    }));
  else
    next = open
      .map((record) => ({ record, probability: t.probabilities.get(record.id) ?? 0 }))
      .sort((a, b) => b.probability - a.probability || a.record.id.localeCompare(b.record.id))
      .slice(0, limit)
      .map((s) => ({
        ...s,
        probability: Math.round(s.probability * 1e4) / 1e4,
        reason:
          "highest probability of inclusion from the logistic regression trained on this project's decisions",
      }));
  return { progress: progress(p, t ?? null), next };
}

/** Decisions as CSV rows (record id, title, decision, by, at) for every record, undecided ones left blank. */
export function exportDecisionsCsv(p: ScreeningProject): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = ['record_id,title,decision,decided_by,decided_at'];
  for (const r of p.records) {
    const d = p.decisions[r.id];
    rows.push([r.id, r.title, d?.label ?? '', d?.by ?? '', d?.at ?? ''].map(q).join(','));
  }
  return `${rows.join('\n')}\n`;
}
