import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { HealthGptError } from '../engine/errors.js';
import type { Task, TrainingPlan, Update } from './protocol.js';
import type { Peer } from './secure-agg.js';
import { decodeFixed, removeSelfMasks, shareThreshold, unmaskSum, vectorFromBase64 } from './secure-agg.js';

/**
 * The coordinator of one federated run: a state machine driven by the sites' messages (it never calls a site). Round
 * 0 sums the sites' standardisation statistics; rounds 1…R sum the sites' n-weighted models. With secure aggregation
 * it only ever holds masked vectors and their sum. Persisted after every completed round (`CoordinatorStore`), so
 * a restarted coordinator resumes from the last completed round; a restart also bumps `epoch`, so pair masks are
 * never reused for a round that was in flight.
 */
export interface RunConfig {
  readonly runId: string;
  readonly task: 'heart-logistic' | 'vector-sum' | 'ddx';
  readonly sites: readonly string[];
  /** Training rounds after the statistics round. */
  readonly rounds: number;
  /** Length of the model (weights then intercept) and of the statistics vector. */
  readonly modelLength: number;
  readonly statsLength: number;
  /**
   * The first `sharedLength` entries of the statistics sum are counts the sites need back as indicators (> 0 → 1):
   * the DDXPlus multi-choice values seen at any site. The whole sum is kept in the run state (`statistics`).
   */
  readonly sharedLength?: number;
  readonly training: TrainingPlan;
  readonly secure: boolean;
  readonly roundTimeoutMs: number;
  /** Fewest sites a round needs (≥ 2 with secure aggregation: a sum of one is the update itself). */
  readonly minSites: number;
  /** Attempts of one round before the run stops. */
  readonly maxAttempts: number;
  /** Largest |weight| the aggregate may hold: a sum beyond it is refused and the model kept. */
  readonly maxWeight: number;
  /**
   * How long after the first site joins the coordinator waits for the others; then the run starts with the sites that
   * joined (if enough) and the rest are withdrawn. Absent: it waits for every site.
   */
  readonly joinTimeoutMs?: number;
}

export interface RoundRecord {
  readonly round: number;
  readonly attempt: number;
  readonly kind: 'stats' | 'train';
  readonly participants: readonly string[];
  readonly dropped: readonly string[];
  readonly outcome: 'aggregated' | 'retried' | 'refused';
  readonly reason?: string;
  readonly rows?: number;
  readonly loss?: number;
  readonly ms: number;
  readonly at: string;
}

export interface SitePrivacy {
  readonly epsilon: number;
  readonly delta: number;
  readonly steps: number;
}

export interface RunState {
  readonly config: RunConfig;
  epoch: number;
  status: 'joining' | 'running' | 'done' | 'stopped';
  reason?: string;
  keys: Record<string, string>;
  /** Each site's signature over its masking key (identity.ts); absent for a site that did not sign. */
  signatures?: Record<string, string>;
  /** Sites out of the run (privacy budget spent, or refused). */
  withdrawn: Record<string, string>;
  standardiser?: { mean: number[]; sd: number[] };
  /** The statistics round's sum, for tasks whose final model is built from it (DDXPlus). */
  statistics?: number[];
  /** What the sites are told after the statistics round (`RunConfig.sharedLength`). */
  shared?: number[];
  /** The next round to run (0 = statistics). */
  nextRound: number;
  model: number[];
  history: RoundRecord[];
  privacy: Record<string, SitePrivacy>;
  /**
   * Per site, whether it verified every peer's signed masking key against the identity keys pinned in its trust file
   * (as it last reported; absent from runs saved before sites reported it).
   */
  keysVerified?: Record<string, boolean>;
  /** Security events: refused messages, with reasons. */
  refusals: { at: string; site: string; reason: string }[];
  startedAt: string;
  updatedAt: string;
}

export interface CoordinatorStore {
  load(): RunState | undefined;
  save(state: RunState): void;
}

/** State in a JSON file, replaced atomically (write then rename). */
export function fileStore(path: string): CoordinatorStore {
  return {
    load: () => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RunState) : undefined),
    save(state) {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, path);
    },
  };
}

export const memoryStore = (): CoordinatorStore & { state?: RunState } => {
  const box: CoordinatorStore & { state?: RunState } = {
    load: () => (box.state ? (JSON.parse(JSON.stringify(box.state)) as RunState) : undefined),
    save(state) {
      box.state = JSON.parse(JSON.stringify(state)) as RunState;
    },
  };
  return box;
};

interface Attempt {
  round: number;
  attempt: number;
  kind: 'stats' | 'train';
  participants: Peer[];
  phase: 'collect' | 'unmask';
  received: Map<string, BigUint64Array | number[]>;
  refused: Set<string>;
  dropped: string[];
  revealed: Map<string, Record<string, string>>;
  /** Encrypted self-mask shares each sender made, by recipient. */
  shares: Map<string, Record<string, string>>;
  /** Decrypted shares revealed at unmasking, by revealing site, then by owner. */
  revealedShares: Map<string, Record<string, string>>;
  started: number;
  timer?: NodeJS.Timeout;
}

const conflict = (message: string) => new HealthGptError('conflict', message);

export class Coordinator {
  private state: RunState;
  private current: Attempt | undefined;
  /** Task version: starts from the clock so that a restarted coordinator never hands out a version seen before. */
  private version = Date.now() * 1000;
  private waiters: (() => void)[] = [];
  private finished: Promise<RunState>;
  private resolveFinished!: (s: RunState) => void;
  /** Called after each completed round (tests stop the coordinator here to simulate a crash). */
  onRound?: (record: RoundRecord, state: RunState) => void;

  constructor(
    config: RunConfig | undefined,
    private readonly store: CoordinatorStore,
  ) {
    const saved = store.load();
    if (saved) {
      if (config && saved.config.runId !== config.runId)
        throw HealthGptError.invalid(
          `the state file holds run '${saved.config.runId}', not '${config.runId}'`,
        );
      this.state = saved;
      this.state.epoch += 1;
    } else {
      if (!config) throw HealthGptError.invalid('no saved run to resume and no run configured');
      if (config.secure && config.minSites < 2)
        throw HealthGptError.invalid('secure aggregation needs at least 2 sites per round');
      const now = new Date().toISOString();
      this.state = {
        config,
        epoch: 0,
        status: 'joining',
        keys: {},
        withdrawn: {},
        nextRound: 0,
        model: new Array(config.modelLength).fill(0),
        history: [],
        privacy: {},
        refusals: [],
        startedAt: now,
        updatedAt: now,
      };
    }
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    this.store.save(this.state);
    if (this.state.status === 'done' || this.state.status === 'stopped') this.resolveFinished(this.state);
    else if (this.state.status === 'running') this.startAttempt(0);
  }

  get run(): Readonly<RunState> {
    return this.state;
  }

  /** Resolves when the run is done or stopped. */
  whenFinished(): Promise<RunState> {
    return this.finished;
  }

  private bump(): void {
    this.version++;
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  private knownSite(site: string): void {
    if (!this.state.config.sites.includes(site)) {
      this.refuse(site, 'unknown site: not a member of this run');
      throw new HealthGptError(
        'forbidden',
        `site '${site}' is not a member of run '${this.state.config.runId}'`,
      );
    }
  }

  private refuse(site: string, reason: string): void {
    this.state.refusals.push({ at: new Date().toISOString(), site, reason });
    if (this.state.refusals.length > 200) this.state.refusals.splice(0, this.state.refusals.length - 200);
  }

  private checkRun(site: string, runId: string): void {
    this.knownSite(site);
    if (runId !== this.state.config.runId) {
      this.refuse(site, `message for another run '${runId.slice(0, 60)}'`);
      throw conflict(`this coordinator runs '${this.state.config.runId}', not '${runId.slice(0, 60)}'`);
    }
  }

  join(site: string, runId: string, publicKey: string, signature?: string): Task {
    this.checkRun(site, runId);
    if (this.state.status !== 'joining') {
      if (this.state.keys[site] === publicKey) return this.taskFor(site);
      this.refuse(site, 'joined after the run started');
      throw conflict('the run has started: its pair keys are fixed');
    }
    this.state.keys[site] = publicKey;
    this.state.signatures ??= {};
    if (signature) this.state.signatures[site] = signature;
    else delete this.state.signatures[site];
    if (this.state.config.sites.every((s) => this.state.keys[s])) {
      this.startRunning();
    } else {
      if (this.state.config.joinTimeoutMs !== undefined && !this.joinTimer) {
        this.joinTimer = setTimeout(() => this.onJoinDeadline(), this.state.config.joinTimeoutMs);
        this.joinTimer.unref?.();
      }
      this.save();
      this.bump();
    }
    return this.taskFor(site);
  }

  private joinTimer: NodeJS.Timeout | undefined;

  private startRunning(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = undefined;
    this.state.status = 'running';
    this.save();
    this.startAttempt(0);
  }

  private onJoinDeadline(): void {
    this.joinTimer = undefined;
    if (this.state.status !== 'joining') return;
    for (const s of this.state.config.sites)
      if (!this.state.keys[s]) this.state.withdrawn[s] = 'did not join before the join deadline';
    // startAttempt stops the run when fewer sites than a round needs have joined.
    this.startRunning();
  }

  private save(): void {
    this.state.updatedAt = new Date().toISOString();
    this.store.save(this.state);
  }

  private activeSites(): string[] {
    return this.state.config.sites.filter((s) => this.state.keys[s] && !this.state.withdrawn[s]);
  }

  private contextOf(a: Pick<Attempt, 'round' | 'attempt'>): string {
    return `${this.state.config.runId}/${this.state.epoch}/${a.round}/${a.attempt}`;
  }

  private startAttempt(attempt: number): void {
    if (this.current?.timer) clearTimeout(this.current.timer);
    const { config } = this.state;
    const round = this.state.nextRound;
    if (round > config.rounds) {
      this.finish('done');
      return;
    }
    const sites = this.activeSites();
    if (sites.length < config.minSites) {
      this.finish(
        'stopped',
        `round ${round}: ${sites.length} site(s) left in the run, fewer than the ${config.minSites} a round needs`,
      );
      return;
    }
    if (attempt >= config.maxAttempts) {
      this.finish('stopped', `round ${round} failed ${attempt} times`);
      return;
    }
    this.current = {
      round,
      attempt,
      kind: round === 0 ? 'stats' : 'train',
      participants: sites.map((site) => {
        const signature = this.state.signatures?.[site];
        return { site, publicKey: this.state.keys[site] as string, ...(signature ? { signature } : {}) };
      }),
      phase: 'collect',
      received: new Map(),
      refused: new Set(),
      dropped: [],
      revealed: new Map(),
      shares: new Map(),
      revealedShares: new Map(),
      started: Date.now(),
    };
    this.armTimer();
    this.bump();
  }

  private armTimer(): void {
    const current = this.current;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => this.onDeadline(current), this.state.config.roundTimeoutMs);
    current.timer.unref?.();
  }

  private finish(status: 'done' | 'stopped', reason?: string): void {
    if (this.current?.timer) clearTimeout(this.current.timer);
    this.current = undefined;
    this.state.status = status;
    if (reason) this.state.reason = reason;
    this.save();
    this.bump();
    this.resolveFinished(this.state);
  }

  /** Stops the run now (an operator's command, or the coordinator shutting down). */
  stop(reason: string): void {
    if (this.state.status === 'running' || this.state.status === 'joining') this.finish('stopped', reason);
  }

  /** Drops pending timers without touching the saved state (a process going away). */
  dispose(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    if (this.current?.timer) clearTimeout(this.current.timer);
    this.current = undefined;
    for (const wake of this.waiters) wake();
    this.waiters = [];
  }

  taskFor(site: string): Task {
    const { config } = this.state;
    const base = {
      runId: config.runId,
      version: this.version,
      status: this.state.status,
      round: this.current?.round ?? this.state.nextRound,
      attempt: this.current?.attempt ?? 0,
      context: this.current ? this.contextOf(this.current) : '',
      secure: config.secure,
      participants: this.current?.participants ?? [],
      ...(this.state.standardiser ? { standardiser: this.state.standardiser } : {}),
      ...(this.state.shared ? { shared: this.state.shared } : {}),
      training: config.training,
      ...(this.state.reason ? { reason: this.state.reason } : {}),
    };
    // The global model travels with the tasks that use it (it can be large: the DDXPlus model's two heads).
    if (this.state.status === 'done' || this.state.status === 'stopped')
      return { ...base, kind: 'done', model: this.state.model };
    if (!this.state.keys[site]) return { ...base, kind: 'join' };
    const current = this.current;
    if (!current || this.state.withdrawn[site] || !current.participants.some((p) => p.site === site))
      return { ...base, kind: 'wait' };
    if (current.phase === 'unmask') {
      if (current.dropped.includes(site) || current.revealed.has(site)) return { ...base, kind: 'wait' };
      const selfShares: Record<string, string> = {};
      for (const [owner, byRecipient] of current.shares)
        if (owner !== site && current.received.has(owner) && byRecipient[site] !== undefined)
          selfShares[owner] = byRecipient[site] as string;
      return { ...base, kind: 'unmask', dropped: current.dropped, selfShares };
    }
    if (current.received.has(site) || current.refused.has(site)) return { ...base, kind: 'wait' };
    return { ...base, kind: current.kind, ...(current.kind === 'train' ? { model: this.state.model } : {}) };
  }

  /** The task for `site`, waiting up to `waitMs` for one newer than `after`. */
  async nextTask(site: string, after: number, waitMs: number): Promise<Task> {
    this.knownSite(site);
    // `after` newer than ours comes from a coordinator before a restart: answer at once.
    if (this.version === after && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.taskFor(site);
  }

  private checkCurrent(site: string, round: number, attempt: number): Attempt {
    const current = this.current;
    if (this.state.status !== 'running' || !current) {
      this.refuse(site, 'message while no round is open');
      throw conflict('no round is open');
    }
    if (round !== current.round || attempt !== current.attempt) {
      const reason =
        round < current.round || (round === current.round && attempt < current.attempt)
          ? `late or replayed message for round ${round} attempt ${attempt}`
          : `message for round ${round} attempt ${attempt}, which has not started`;
      this.refuse(site, reason);
      throw conflict(`${reason}; the open round is ${current.round} attempt ${current.attempt}`);
    }
    if (!current.participants.some((p) => p.site === site)) {
      this.refuse(site, `not a participant of round ${round} attempt ${attempt}`);
      throw conflict(`site '${site}' is not a participant of round ${round} attempt ${attempt}`);
    }
    return current;
  }

  submit(site: string, update: Update): { accepted: true } {
    this.checkRun(site, update.runId);
    const current = this.checkCurrent(site, update.round, update.attempt);
    if (update.kind !== current.kind) {
      this.refuse(site, `a ${update.kind} update in a ${current.kind} round`);
      throw HealthGptError.unprocessable(
        `round ${current.round} collects ${current.kind}, not ${update.kind}`,
      );
    }
    if (current.phase !== 'collect' || current.dropped.includes(site)) {
      this.refuse(site, `late update: round ${current.round} was closed without it`);
      throw conflict(
        `late update: round ${current.round} attempt ${current.attempt} has closed its collection`,
      );
    }
    if (current.received.has(site) || current.refused.has(site)) {
      this.refuse(site, `replayed update for round ${current.round}`);
      throw conflict(
        `an update from '${site}' for round ${current.round} attempt ${current.attempt} was already received`,
      );
    }
    const length =
      current.kind === 'stats' ? this.state.config.statsLength : this.state.config.modelLength + 2;
    let vector: BigUint64Array | number[];
    if (this.state.config.secure) {
      if (update.masked === undefined) {
        this.refuse(site, 'plain update to a secure-aggregation run');
        throw HealthGptError.unprocessable('this run uses secure aggregation: send the masked vector');
      }
      const others = current.participants.map((p) => p.site).filter((s) => s !== site);
      const shareKeys = Object.keys(update.shares ?? {}).sort();
      if (shareKeys.join(',') !== [...others].sort().join(',')) {
        this.refuse(site, 'wrong shape: self-mask shares do not match the participants');
        throw HealthGptError.unprocessable(
          `wrong shape: send one self-mask share for each other participant (${others.join(', ')})`,
        );
      }
      current.shares.set(site, update.shares ?? {});
      try {
        vector = vectorFromBase64(update.masked, length);
      } catch (error) {
        this.refuse(site, `wrong shape: ${(error as Error).message}`);
        throw HealthGptError.unprocessable(`wrong shape: ${(error as Error).message}`);
      }
    } else {
      const values = update.values;
      if (values === undefined) {
        this.refuse(site, 'masked update to a plain run');
        throw HealthGptError.unprocessable('this run does not use secure aggregation: send values');
      }
      if (values.length !== length) {
        this.refuse(site, `wrong shape: ${values.length} values, expected ${length}`);
        throw HealthGptError.unprocessable(
          `wrong shape: ${values.length} values, the round expects ${length}`,
        );
      }
      if (values.some((v) => !Number.isFinite(v))) {
        this.refuse(site, 'non-finite value in update');
        throw HealthGptError.unprocessable('the update holds a value that is not a finite number');
      }
      vector = values;
    }
    const dp = this.state.config.training.dp;
    if (current.kind === 'train' && dp) {
      if (!update.privacy) {
        this.refuse(site, 'DP run: update without a privacy report');
        throw HealthGptError.unprocessable('this run is differentially private: report the privacy spent');
      }
      if (update.privacy.epsilon > dp.epsilon + 1e-9) {
        this.refuse(site, `privacy budget exceeded (ε ${update.privacy.epsilon.toFixed(3)} > ${dp.epsilon})`);
        throw HealthGptError.unprocessable(
          `privacy budget exceeded: ε ${update.privacy.epsilon.toFixed(3)} > the run's ${dp.epsilon}; update refused`,
        );
      }
    }
    if (update.privacy) this.state.privacy[site] = update.privacy;
    this.state.keysVerified = { ...this.state.keysVerified, [site]: update.keysVerified === true };
    current.received.set(site, vector);
    this.maybeClose(current);
    return { accepted: true };
  }

  /** A site declines this round (its privacy budget is spent): it leaves the run. */
  decline(
    site: string,
    message: { runId: string; round: number; attempt: number; reason: string; privacy?: SitePrivacy },
  ): void {
    this.checkRun(site, message.runId);
    const current = this.checkCurrent(site, message.round, message.attempt);
    if (current.received.has(site)) throw conflict('this site already sent its update for the round');
    current.refused.add(site);
    this.state.withdrawn[site] = message.reason.slice(0, 200);
    if (message.privacy) this.state.privacy[site] = message.privacy;
    this.maybeClose(current);
  }

  reveal(
    site: string,
    message: {
      runId: string;
      round: number;
      attempt: number;
      seeds: Record<string, string>;
      selfShares?: Record<string, string>;
    },
  ): void {
    this.checkRun(site, message.runId);
    const current = this.checkCurrent(site, message.round, message.attempt);
    if (current.phase !== 'unmask' || current.dropped.includes(site)) {
      this.refuse(site, 'seed reveal outside a recovery phase');
      throw conflict('no dropout recovery is open for this site');
    }
    const missing = current.dropped.filter((d) => message.seeds[d] === undefined);
    if (missing.length) throw HealthGptError.unprocessable(`seeds missing for: ${missing.join(', ')}`);
    const survivors = [...current.received.keys()].filter((s) => s !== site);
    const missingShares = survivors.filter((s) => message.selfShares?.[s] === undefined);
    if (missingShares.length)
      throw HealthGptError.unprocessable(`self-mask shares missing for: ${missingShares.join(', ')}`);
    current.revealed.set(site, message.seeds);
    current.revealedShares.set(site, message.selfShares ?? {});
    this.maybeClose(current);
  }

  private maybeClose(current: Attempt): void {
    if (current.phase === 'collect') {
      const answered = current.received.size + current.refused.size;
      if (answered < current.participants.length) {
        this.bump();
        return;
      }
      this.closeCollection(current);
    } else if (current.revealed.size >= current.received.size) {
      this.aggregate(current);
    } else this.bump();
  }

  private onDeadline(current: Attempt): void {
    if (this.current !== current) return;
    if (current.phase === 'collect') {
      this.closeCollection(current);
    } else {
      this.record(current, 'retried', 'a surviving site did not reveal its seeds in time');
      this.startAttempt(current.attempt + 1);
    }
  }

  private closeCollection(current: Attempt): void {
    current.dropped = current.participants.map((p) => p.site).filter((s) => !current.received.has(s));
    if (current.received.size < this.state.config.minSites) {
      this.record(
        current,
        'retried',
        `${current.received.size} update(s) arrived, fewer than ${this.state.config.minSites}`,
      );
      this.startAttempt(current.attempt + 1);
      return;
    }
    if (this.state.config.secure) {
      // Survivors reveal the shares of each other's self-masks (and the pair seeds with dropped sites).
      current.phase = 'unmask';
      this.armTimer();
      this.bump();
      return;
    }
    this.aggregate(current);
  }

  private record(
    current: Attempt,
    outcome: RoundRecord['outcome'],
    reason?: string,
    extra: Partial<RoundRecord> = {},
  ): RoundRecord {
    const record: RoundRecord = {
      round: current.round,
      attempt: current.attempt,
      kind: current.kind,
      participants: [...current.received.keys()],
      dropped: current.dropped,
      outcome,
      ...(reason ? { reason } : {}),
      ...extra,
      ms: Date.now() - current.started,
      at: new Date().toISOString(),
    };
    this.state.history.push(record);
    return record;
  }

  private aggregate(current: Attempt): void {
    if (current.timer) clearTimeout(current.timer);
    const length =
      current.kind === 'stats' ? this.state.config.statsLength : this.state.config.modelLength + 2;
    let sum: number[];
    if (this.state.config.secure) {
      let masked: BigUint64Array;
      try {
        masked = unmaskSum(
          current.received as Map<string, BigUint64Array>,
          current.dropped,
          current.revealed,
          length,
        );
        removeSelfMasks(
          masked,
          [...current.received.keys()],
          current.revealedShares,
          shareThreshold(current.participants.length),
        );
      } catch (error) {
        this.record(current, 'retried', `unmasking failed: ${(error as Error).message}`);
        this.startAttempt(current.attempt + 1);
        return;
      }
      sum = decodeFixed(masked);
    } else {
      sum = new Array(length).fill(0);
      for (const v of current.received.values())
        (v as number[]).forEach((x, i) => {
          sum[i] = (sum[i] as number) + x;
        });
    }
    const problem = this.applySum(current.kind, sum);
    if (problem) {
      this.record(current, 'refused', problem);
      this.refuse('*', `round ${current.round}: ${problem}`);
      this.startAttempt(current.attempt + 1);
      return;
    }
    const rows =
      current.kind === 'train' ? (sum[this.state.config.modelLength] as number) : (sum[length - 1] as number);
    const loss =
      current.kind === 'train' && rows > 0
        ? (sum[this.state.config.modelLength + 1] as number) / rows
        : undefined;
    const record = this.record(current, 'aggregated', undefined, {
      rows: Math.round(rows),
      ...(loss !== undefined ? { loss } : {}),
    });
    this.state.nextRound = current.round + 1;
    this.current = undefined;
    this.save();
    this.onRound?.(record, this.state);
    if (this.state.status === 'running') this.startAttempt(0);
  }

  /** Applies a round's sum; returns why it was refused (the model is then unchanged). */
  private applySum(kind: 'stats' | 'train', sum: number[]): string | undefined {
    if (sum.some((v) => !Number.isFinite(v))) return 'the aggregate is not finite';
    const { config } = this.state;
    if (kind === 'stats') {
      const rows = sum[sum.length - 1] as number;
      if (!(rows >= 1)) return 'the statistics count no row';
      if (config.task === 'heart-logistic') {
        const f = (config.statsLength - 1) / 3;
        const mean: number[] = [];
        const sd: number[] = [];
        for (let j = 0; j < f; j++) {
          const n = Math.round(sum[j] as number);
          if (n < 0 || n > rows + 0.5) return `feature ${j}: count ${n} outside 0…${rows}`;
          const m = n > 0 ? (sum[f + j] as number) / n : 0;
          const variance = n > 1 ? ((sum[2 * f + j] as number) - n * m * m) / (n - 1) : 0;
          if (variance < -1e-6) return `feature ${j}: negative variance`;
          mean.push(m);
          sd.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
        }
        this.state.standardiser = { mean, sd };
      }
      if (config.task === 'ddx') {
        // Counts of patients: none negative, none above the patients counted (the last entry).
        const bad = sum.findIndex((v, i) => i < sum.length - 1 && (v < -0.5 || v > rows + 0.5));
        if (bad >= 0) return `statistic ${bad}: ${sum[bad]} outside 0…${rows}`;
        this.state.statistics = sum.map((v) => Math.round(v * 1e6) / 1e6);
        this.state.shared = sum.slice(0, config.sharedLength ?? 0).map((v) => (v > 0.5 ? 1 : 0));
      }
      return undefined;
    }
    const rows = sum[config.modelLength] as number;
    if (!(rows >= 1)) return 'the updates count no row';
    const model = sum.slice(0, config.modelLength).map((v) => v / rows);
    if (model.some((w) => Math.abs(w) > config.maxWeight))
      return `a weight of the averaged model exceeds ${config.maxWeight} (a corrupt or hostile update)`;
    this.state.model = model;
    return undefined;
  }
}

export const newRunId = () => `fed-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
