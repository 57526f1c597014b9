import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DDX_MODEL_FORMAT, type DdxLogisticJson, DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { HealthGptError } from '../engine/errors.js';
import type { DocumentCollection, DocumentStore } from '../store/store.js';

/**
 * The model registry: every version of a learned model family with the hash (or fingerprint) of the data it was
 * trained on, its metrics, its model card and its state — `active` (the version in use), `candidate` (trained,
 * waiting for promotion) or `retired`. Families:
 *
 * - `ddx` (the default, and the only family before federated learning): the diagnosis model. Version `v1` is the
 *   committed model (`models/ddx/ddx-model.json`); the active version is written to `<state>/models/ddx/active.json`,
 *   which the diagnosis engine reads when it loads (`loadDdxModel`), so a promotion or rollback is served from the
 *   next start of the server or CLI.
 * - `federated-heart-logistic`: heart-disease logistic models trained by a federated run (`healthgpt federated
 *   coordinator` registers each finished run's model as a candidate, see src/federated/registry.ts). No engine serves
 *   them; the pointer `<state>/models/federated-heart-logistic/active.json` records which one the install uses.
 * - `federated-ddx`: reserved for diagnosis models trained by federation.
 *
 * Records live in the document store (`learning-models`, on SQLite and PostgreSQL alike). Ids: `vN` for `ddx` (as
 * before families existed: stored records without `family` are `ddx`), `<family>:vN` for the others. Weights of
 * trained versions are files under the state folder (`<state>/models/<family>/<version>.json`, never committed).
 */
export const MODEL_FAMILIES = ['ddx', 'federated-heart-logistic', 'federated-ddx'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
export const DEFAULT_FAMILY: ModelFamily = 'ddx';

export function modelFamilyOf(value: string): ModelFamily {
  if (!(MODEL_FAMILIES as readonly string[]).includes(value))
    throw HealthGptError.invalid(`unknown model family '${value}' (known: ${MODEL_FAMILIES.join(', ')})`);
  return value as ModelFamily;
}

export type ModelState = 'active' | 'candidate' | 'retired';

export interface ModelVersionRecord {
  /** Absent on records stored before families existed: those are `ddx`. */
  readonly family?: ModelFamily;
  readonly version: string;
  /** The model's own version string, as every diagnosis output's provenance records it. */
  readonly modelVersion: string;
  readonly state: ModelState;
  readonly createdAt: string;
  /** The version it was trained to replace (absent for a family's first version). */
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

/** What a new candidate is registered with: its lineage, training data (described, never rows), metrics and card. */
export interface CandidateMeta {
  readonly parent?: string;
  readonly dataHash: string;
  readonly data: Record<string, unknown>;
  readonly metrics?: Record<string, unknown>;
  readonly card: string;
  readonly by: string;
}

export const ACTIVE_POINTER = 'active.json';
export const MODELS_COLLECTION = 'learning-models';

/** The registry folder of a family inside a state folder. */
export function registryDir(stateDir: string, family: ModelFamily = DEFAULT_FAMILY): string {
  return join(stateDir, 'models', family);
}

/** The active model's weights file named by `<state>/models/ddx/active.json`, or undefined for the committed v1. */
export function activeModelFile(stateDir: string): string | undefined {
  const pointerPath = join(registryDir(stateDir), ACTIVE_POINTER);
  if (!existsSync(pointerPath)) return undefined;
  const pointer = JSON.parse(readFileSync(pointerPath, 'utf8')) as ActivePointer;
  return pointer.file ? join(registryDir(stateDir), pointer.file) : undefined;
}

/** Every registered version of every family (records without a family read as `ddx`), by family then version. */
export function listAllModels(documents: DocumentStore): ModelVersionRecord[] {
  return documents
    .collection<ModelVersionRecord>(MODELS_COLLECTION, (r) => r.state)
    .list({ limit: 10_000 })
    .items.map((i) => withFamily(i.document))
    .sort(
      (a, b) =>
        MODEL_FAMILIES.indexOf(a.family as ModelFamily) - MODEL_FAMILIES.indexOf(b.family as ModelFamily) ||
        versionNumber(a.version) - versionNumber(b.version),
    );
}

const withFamily = (r: ModelVersionRecord): ModelVersionRecord =>
  r.family ? r : { family: DEFAULT_FAMILY, ...r };

/**
 * The versions of one family: candidates, promotion, rollback and the active pointer. The payload of a version is a
 * JSON file the family's code writes and reads (`ModelRegistry` below does it for the diagnosis model).
 */
export class FamilyRegistry {
  readonly records: DocumentCollection<ModelVersionRecord>;
  readonly dir: string;

  constructor(
    documents: DocumentStore,
    stateDir: string,
    readonly family: ModelFamily,
    protected readonly now: () => Date = () => new Date(),
  ) {
    this.records = documents.collection<ModelVersionRecord>(MODELS_COLLECTION, (r) => r.state);
    this.dir = registryDir(stateDir, family);
  }

  protected idOf(version: string): string {
    return this.family === DEFAULT_FAMILY ? version : `${this.family}:${version}`;
  }

  list(): ModelVersionRecord[] {
    return this.records
      .list({ limit: 10_000 })
      .items.map((i) => withFamily(i.document))
      .filter((r) => r.family === this.family)
      .sort((a, b) => versionNumber(a.version) - versionNumber(b.version));
  }

  get(version: string): ModelVersionRecord {
    const record = this.records.get(this.idOf(version));
    if (!record || withFamily(record).family !== this.family)
      throw new HealthGptError(
        'not-found',
        `no model version '${version}'${this.family === DEFAULT_FAMILY ? '' : ` of family ${this.family}`}`,
      );
    return withFamily(record);
  }

  /** The active version, if the family has one (a federated family has none until its first promotion). */
  findActive(): ModelVersionRecord | undefined {
    return this.list().find((r) => r.state === 'active');
  }

  active(): ModelVersionRecord {
    const active = this.findActive();
    if (!active) {
      if (this.family === DEFAULT_FAMILY)
        throw new HealthGptError('internal', 'the registry has no active model');
      throw new HealthGptError('not-found', `no version of ${this.family} is active yet`);
    }
    return active;
  }

  candidate(): ModelVersionRecord | undefined {
    return this.list().find((r) => r.state === 'candidate');
  }

  nextVersion(): string {
    return `v${Math.max(0, ...this.list().map((r) => versionNumber(r.version))) + 1}`;
  }

  /** The stored JSON payload of a version (undefined for a version without a file, the committed ddx v1). */
  readPayload(version: string): unknown {
    const record = this.get(version);
    return record.file ? JSON.parse(readFileSync(join(this.dir, record.file), 'utf8')) : undefined;
  }

  /**
   * Stores a trained model's JSON payload as the candidate (a previous candidate is retired). `parent` defaults to
   * the active version (none for a family's first version).
   */
  addCandidatePayload(
    version: string,
    payload: unknown,
    meta: CandidateMeta & { readonly modelVersion: string },
  ): ModelVersionRecord {
    if (this.records.get(this.idOf(version)))
      throw new HealthGptError('conflict', `model version '${version}' exists`);
    const at = this.now().toISOString();
    const parent = meta.parent ?? this.findActive()?.version;
    const previous = this.candidate();
    if (previous) this.transition(previous, 'retired', meta.by, 'replaced by a newer candidate');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = `${version}.json`;
    writeFileSync(join(this.dir, file), `${JSON.stringify(payload)}\n`, { mode: 0o600 });
    const record: ModelVersionRecord = {
      family: this.family,
      version,
      modelVersion: meta.modelVersion,
      state: 'candidate',
      createdAt: at,
      ...(parent ? { parent } : {}),
      dataHash: meta.dataHash,
      data: meta.data,
      ...(meta.metrics ? { metrics: meta.metrics } : {}),
      card: meta.card,
      file,
      history: [{ at, event: 'trained', by: meta.by }],
    };
    this.records.put(this.idOf(version), record);
    return record;
  }

  /** Records metrics (e.g. the promotion check) on a version. */
  annotate(version: string, metrics: Record<string, unknown>): ModelVersionRecord {
    const current = this.get(version);
    const record = { ...current, metrics: { ...current.metrics, ...metrics } };
    this.records.put(this.idOf(version), record);
    return record;
  }

  /**
   * Makes the candidate `version` active (the active one, if any, is retired). Only the promotion path calls this,
   * after the family's check said yes (or an admin overrides it with a stated reason, recorded in the history).
   */
  promote(version: string, by: string, detail: string): ModelVersionRecord {
    const record = this.get(version);
    if (record.state !== 'candidate')
      throw new HealthGptError('conflict', `model version '${version}' is ${record.state}, not a candidate`);
    // The diagnosis model always has an active version (its absence is an error); another family may have none yet.
    const active = this.family === DEFAULT_FAMILY ? this.active() : this.findActive();
    if (active) this.transition(active, 'retired', by, `replaced by ${version}`);
    const promoted = this.transition(record, 'active', by, detail);
    this.writePointer(promoted);
    return promoted;
  }

  /**
   * Rollback: the active version is retired and the version it replaced (its `parent`) is active again. One
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

  protected transition(
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
    this.records.put(this.idOf(record.version), next);
    return next;
  }

  protected readPointer(): ActivePointer | undefined {
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

/** The diagnosis model's registry (family `ddx`): the committed model is v1; versions load as models. */
export class ModelRegistry extends FamilyRegistry {
  constructor(
    documents: DocumentStore,
    stateDir: string,
    private readonly committed: () => DdxLogisticModel,
    now: () => Date = () => new Date(),
  ) {
    super(documents, stateDir, DEFAULT_FAMILY, now);
    if (!this.records.get('v1')) {
      const model = this.committed();
      this.records.put('v1', {
        family: DEFAULT_FAMILY,
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

  load(version: string): DdxLogisticModel {
    const json = this.readPayload(version) as DdxLogisticJson | undefined;
    if (!json) return this.committed();
    if (json.format !== DDX_MODEL_FORMAT) throw new Error(`${this.get(version).file}: not a diagnosis model`);
    return DdxLogisticModel.fromJSON(json);
  }

  /** Stores a trained model as the candidate (a previous candidate is retired). */
  addCandidate(
    version: string,
    model: DdxLogisticModel,
    meta: CandidateMeta & { readonly parent: string },
  ): ModelVersionRecord {
    return this.addCandidatePayload(version, model.toJSON(), { ...meta, modelVersion: model.modelVersion });
  }
}

function versionNumber(version: string): number {
  return Number(version.replace(/^v/, '')) || 0;
}
