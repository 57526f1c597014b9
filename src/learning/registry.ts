import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DDX_MODEL_FORMAT, type DdxLogisticJson, DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { HealthGptError } from '../engine/errors.js';
import type { DocumentCollection, DocumentStore } from '../store/store.js';

/**
 * The model registry of the diagnosis model: every version with the hash of the data it was trained on, its metrics
 * on the held-out check cases, its model card and its state — `active` (the one the engine serves), `candidate`
 * (trained, waiting for the promotion check) or `retired`. Records live in the document store (`learning-models`);
 * the weights of trained versions are files under the state folder (`<state>/models/ddx/<version>.json`, never
 * committed); version `v1` is the committed model (`models/ddx/ddx-model.json`). The active version is written to
 * `<state>/models/ddx/active.json`, which the diagnosis engine reads when it loads (`loadDdxModel`), so a promotion
 * or rollback is served from the next start of the server or CLI.
 */
export type ModelState = 'active' | 'candidate' | 'retired';

export interface ModelVersionRecord {
  readonly version: string;
  /** The model's own version string, as every diagnosis output's provenance records it. */
  readonly modelVersion: string;
  readonly state: ModelState;
  readonly createdAt: string;
  /** The version it was trained to replace (absent for v1). */
  readonly parent?: string;
  readonly dataHash: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metrics?: Readonly<Record<string, unknown>>;
  /** Model card (Markdown). */
  readonly card: string;
  /** Weights file under the registry folder; absent for the committed v1. */
  readonly file?: string;
  readonly history: readonly { at: string; event: string; by: string; detail?: string }[];
}

export interface ActivePointer {
  readonly version: string;
  readonly modelVersion: string;
  readonly file?: string;
}

export const ACTIVE_POINTER = 'active.json';

/** The registry folder inside a state folder. */
export function registryDir(stateDir: string): string {
  return join(stateDir, 'models', 'ddx');
}

/** The active model's weights file named by `<state>/models/ddx/active.json`, or undefined for the committed v1. */
export function activeModelFile(stateDir: string): string | undefined {
  const pointerPath = join(registryDir(stateDir), ACTIVE_POINTER);
  if (!existsSync(pointerPath)) return undefined;
  const pointer = JSON.parse(readFileSync(pointerPath, 'utf8')) as ActivePointer;
  return pointer.file ? join(registryDir(stateDir), pointer.file) : undefined;
}

export class ModelRegistry {
  readonly records: DocumentCollection<ModelVersionRecord>;
  readonly dir: string;

  constructor(
    documents: DocumentStore,
    stateDir: string,
    private readonly committed: () => DdxLogisticModel,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.records = documents.collection<ModelVersionRecord>('learning-models', (r) => r.state);
    this.dir = registryDir(stateDir);
    if (!this.records.get('v1')) {
      const model = this.committed();
      this.records.put('v1', {
        version: 'v1',
        modelVersion: model.modelVersion,
        state: this.readPointer() ? 'retired' : 'active',
        createdAt: this.now().toISOString(),
        dataHash: String(model.training.dataHash ?? 'committed (see models/ddx/MODEL_CARD.md)'),
        data: { ...model.training },
        card: 'The committed model: see models/ddx/MODEL_CARD.md.',
        history: [{ at: this.now().toISOString(), event: 'registered', by: 'system' }],
      });
    }
  }

  list(): ModelVersionRecord[] {
    const all = this.records.list({ limit: 10_000 }).items.map((i) => i.document);
    return all.sort((a, b) => versionNumber(a.version) - versionNumber(b.version));
  }

  get(version: string): ModelVersionRecord {
    const record = this.records.get(version);
    if (!record) throw new HealthGptError('not-found', `no model version '${version}'`);
    return record;
  }

  active(): ModelVersionRecord {
    const active = this.list().find((r) => r.state === 'active');
    if (!active) throw new HealthGptError('internal', 'the registry has no active model');
    return active;
  }

  candidate(): ModelVersionRecord | undefined {
    return this.list().find((r) => r.state === 'candidate');
  }

  nextVersion(): string {
    return `v${Math.max(...this.list().map((r) => versionNumber(r.version))) + 1}`;
  }

  load(version: string): DdxLogisticModel {
    const record = this.get(version);
    if (!record.file) return this.committed();
    const json = JSON.parse(readFileSync(join(this.dir, record.file), 'utf8')) as DdxLogisticJson;
    if (json.format !== DDX_MODEL_FORMAT) throw new Error(`${record.file}: not a diagnosis model`);
    return DdxLogisticModel.fromJSON(json);
  }

  /** Stores a trained model as the candidate (a previous candidate is retired). */
  addCandidate(
    version: string,
    model: DdxLogisticModel,
    meta: {
      parent: string;
      dataHash: string;
      data: Record<string, unknown>;
      metrics?: Record<string, unknown>;
      card: string;
      by: string;
    },
  ): ModelVersionRecord {
    if (this.records.get(version)) throw new HealthGptError('conflict', `model version '${version}' exists`);
    const at = this.now().toISOString();
    const previous = this.candidate();
    if (previous) this.transition(previous, 'retired', meta.by, 'replaced by a newer candidate');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = `${version}.json`;
    writeFileSync(join(this.dir, file), `${JSON.stringify(model.toJSON())}\n`, { mode: 0o600 });
    const record: ModelVersionRecord = {
      version,
      modelVersion: model.modelVersion,
      state: 'candidate',
      createdAt: at,
      parent: meta.parent,
      dataHash: meta.dataHash,
      data: meta.data,
      ...(meta.metrics ? { metrics: meta.metrics } : {}),
      card: meta.card,
      file,
      history: [{ at, event: 'trained', by: meta.by }],
    };
    this.records.put(version, record);
    return record;
  }

  /** Records metrics (e.g. the promotion check) on a version. */
  annotate(version: string, metrics: Record<string, unknown>): ModelVersionRecord {
    const record = { ...this.get(version), metrics: { ...this.get(version).metrics, ...metrics } };
    this.records.put(version, record);
    return record;
  }

  /**
   * Makes the candidate `version` active (the active one is retired). Only the promotion path calls this, after
   * `decidePromotion` said yes (or an admin overrides it with a stated reason, recorded in the history).
   */
  promote(version: string, by: string, detail: string): ModelVersionRecord {
    const record = this.get(version);
    if (record.state !== 'candidate')
      throw new HealthGptError('conflict', `model version '${version}' is ${record.state}, not a candidate`);
    const active = this.active();
    this.transition(active, 'retired', by, `replaced by ${version}`);
    const promoted = this.transition(record, 'active', by, detail);
    this.writePointer(promoted);
    return promoted;
  }

  /**
   * Rollback: the active version is retired and the version it replaced (its `parent`, or v1) is active again. One
   * command; no check, as it returns to a version that was active before.
   */
  rollback(by: string): { from: ModelVersionRecord; to: ModelVersionRecord } {
    const active = this.active();
    const previousVersion = active.parent;
    if (!previousVersion)
      throw new HealthGptError(
        'conflict',
        `model version '${active.version}' has no earlier version to roll back to`,
      );
    const from = this.transition(active, 'retired', by, 'rolled back');
    const to = this.transition(this.get(previousVersion), 'active', by, `rollback from ${active.version}`);
    this.writePointer(to);
    return { from, to };
  }

  private transition(
    record: ModelVersionRecord,
    state: ModelState,
    by: string,
    detail: string,
  ): ModelVersionRecord {
    const next: ModelVersionRecord = {
      ...record,
      state,
      history: [...record.history, { at: this.now().toISOString(), event: state, by, detail }],
    };
    this.records.put(record.version, next);
    return next;
  }

  private readPointer(): ActivePointer | undefined {
    const path = join(this.dir, ACTIVE_POINTER);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ActivePointer) : undefined;
  }

  private writePointer(record: ModelVersionRecord): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const pointer: ActivePointer = {
      version: record.version,
      modelVersion: record.modelVersion,
      ...(record.file ? { file: record.file } : {}),
    };
    const path = join(this.dir, ACTIVE_POINTER);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(pointer)}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
}

function versionNumber(version: string): number {
  return Number(version.replace(/^v/, '')) || 0;
}
