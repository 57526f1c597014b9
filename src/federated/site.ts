import { randomInt } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { HealthGptError } from '../engine/errors.js';
import {
  checkParticipants,
  generateIdentity,
  type PeerKeys,
  type SiteIdentity,
  signMaskingKey,
} from './identity.js';
import { type Dataset, logLoss, trainLocal } from './logistic.js';
import type { Task } from './protocol.js';
import { PrivacyLedger } from './rdp.js';
import {
  decryptShare,
  generateSiteKeys,
  maskWithSelfMask,
  revealSeeds,
  type SiteKeys,
  sharedSecret,
  vectorToBase64,
} from './secure-agg.js';

/**
 * A hospital's side of a federated run. It holds its rows and its X25519 key; it asks the coordinator for work (long
 * poll), and sends back only (masked) sums: standardisation statistics in round 0, its n-weighted locally trained
 * model afterwards. With DP-SGD it keeps its own privacy ledger and declines a round that would overspend its
 * budget. Network errors are retried with back-off (a coordinator restarting is waited for).
 */
export interface SiteData {
  /** Round 0: the statistics vector to sum (counts, sums, sums of squares …, rows last). */
  statistics(): number[];
  /** The site's training set under the run's pooled standardisation (the logistic model's local training). */
  dataset?(standardiser: { mean: readonly number[]; sd: readonly number[] }): Dataset;
  /**
   * A model with its own local training (the DDXPlus diagnosis model): from the task's global model, the vector to
   * sum — the locally trained model times the site's row count, then that count, then the loss times the count.
   * When present it replaces the logistic training; such a model has no DP-SGD here, so a DP run is declined.
   */
  train?(task: Task): number[];
}

export interface SiteOptions {
  readonly name: string;
  readonly coordinatorUrl: string;
  readonly token: string;
  readonly runId: string;
  readonly data: SiteData;
  /** The site's own privacy budget (ε, δ) when the run is DP; defaults to the run's. */
  readonly budget?: { epsilon: number; delta: number };
  /** Uniform random source for DP-SGD (sampling and noise); defaults to a CSPRNG. */
  readonly random?: () => number;
  /** Longest total wait for an unreachable coordinator (ms). */
  readonly retryForMs?: number;
  /** Test hook: behave as a crashed site from this round on (stop answering). */
  readonly crashAtRound?: number;
  readonly fetch?: typeof fetch;
  /** PEM certificate(s) of the authority that signed the coordinator's certificate (a hospital's private CA). */
  readonly ca?: string | Buffer;
  /** The site's long-term identity key (identity.ts); a throwaway one when omitted. */
  readonly identity?: SiteIdentity;
  /**
   * The other sites' identity keys, pinned out of band (a trust file). With them the site verifies every
   * participant's signed masking key and refuses a round it cannot verify; without them it runs unverified
   * (`keysVerified` false, `onWarning` told once).
   */
  readonly peerKeys?: PeerKeys;
  /** Where the site's warnings go (the CLI writes them to stderr). */
  readonly onWarning?: (message: string) => void;
}

/** `fetch` over HTTPS trusting only `ca` (Node's global fetch cannot take a CA without a dispatcher package). */
export function fetchWithCa(ca: string | Buffer): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== 'https:') {
        reject(new HealthGptError('invalid', 'a CA is given: the coordinator URL must be https://'));
        return;
      }
      const req = httpsRequest(
        url,
        { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, ca },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve(
              new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), {
                status: res.statusCode ?? 500,
              }),
            ),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (init.body !== undefined && init.body !== null) req.write(init.body as string);
      req.end();
    })) as typeof fetch;
}

const cryptoRandom = () => randomInt(0, 2 ** 48) / 2 ** 48;

export class Site {
  readonly keys: SiteKeys = generateSiteKeys();
  readonly identity: SiteIdentity;
  /** Participant lists already verified (site, key, signature), so a round's unmasking is not checked twice. */
  private readonly verified = new Set<string>();
  private warned = false;
  private ledger: PrivacyLedger | undefined;
  private localIntercept: number | undefined;
  private dataset: Dataset | undefined;
  private standardiserKey = '';
  private stopped = false;
  lastTask: Task | undefined;
  /** Messages the coordinator refused (the reason), for the site's log. */
  readonly refusals: string[] = [];

  constructor(private readonly options: SiteOptions) {
    this.identity = options.identity ?? generateIdentity();
  }

  /** True when this site checks its peers' signed masking keys against pinned identity keys (a trust file). */
  get keysVerified(): boolean {
    return this.options.peerKeys !== undefined;
  }

  /** Why the task's participant keys cannot be trusted, or undefined (always undefined without a trust file). */
  verifyParticipants(task: Task): string | undefined {
    if (!this.options.peerKeys) {
      if (!this.warned && task.participants.length > 0) {
        this.warned = true;
        this.options.onWarning?.(
          `site ${this.options.name}: no trust file (--peer-keys): the other sites' masking keys are not verified, so a coordinator that swapped them could defeat secure aggregation`,
        );
      }
      return undefined;
    }
    const unchecked = task.participants.filter(
      (p) => !this.verified.has(`${p.site}|${p.publicKey}|${p.signature ?? ''}`),
    );
    if (unchecked.length === 0) return undefined;
    const problem = checkParticipants(
      this.options.peerKeys,
      { site: this.options.name, publicKey: this.keys.publicKey },
      this.options.runId,
      unchecked,
    );
    if (!problem)
      for (const p of unchecked) this.verified.add(`${p.site}|${p.publicKey}|${p.signature ?? ''}`);
    return problem;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The site's own intercept under `fedavg-site-bias` (undefined otherwise). */
  get intercept(): number | undefined {
    return this.localIntercept;
  }

  /** The site's model: the global one with, under `fedavg-site-bias`, its own intercept. */
  personalModel(global: readonly number[]): number[] {
    const model = [...global];
    if (this.localIntercept !== undefined) model[model.length - 1] = this.localIntercept;
    return model;
  }

  privacySpent(): { epsilon: number; delta: number; steps: number } | undefined {
    return this.ledger
      ? { epsilon: this.ledger.spent(), delta: this.ledger.budget.delta, steps: this.ledger.stepsTaken }
      : undefined;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const doFetch = this.options.fetch ?? (this.options.ca ? fetchWithCa(this.options.ca) : fetch);
    const deadline = Date.now() + (this.options.retryForMs ?? 30_000);
    let delay = 50;
    for (;;) {
      let response: Response;
      try {
        response = await doFetch(`${this.options.coordinatorUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        if (this.stopped || Date.now() > deadline)
          throw new HealthGptError('unavailable', `coordinator unreachable: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(1000, delay * 2);
        continue;
      }
      const json = (await response.json().catch(() => ({}))) as { detail?: string };
      if (response.ok) return json;
      if (response.status >= 500 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(1000, delay * 2);
        continue;
      }
      const detail = json.detail ?? `HTTP ${response.status}`;
      this.refusals.push(detail);
      throw new HealthGptError(
        response.status === 409 ? 'conflict' : 'upstream-failed',
        `coordinator refused: ${detail}`,
        {
          details: { status: response.status },
        },
      );
    }
  }

  /** Runs until the coordinator says the run is done (or stopped); returns the last task. */
  async run(): Promise<Task> {
    let task = (await this.call('POST', '/federated/v1/join', this.joinMessage())) as Task;
    for (;;) {
      this.lastTask = task;
      if (task.kind === 'done' || this.stopped) return task;
      if (
        this.options.crashAtRound !== undefined &&
        task.round >= this.options.crashAtRound &&
        task.status === 'running'
      )
        return task;
      try {
        await this.handle(task);
      } catch (error) {
        // A refused message (late, replayed …) is logged; the site carries on with the next task.
        if (
          !(
            error instanceof HealthGptError &&
            (error.code === 'conflict' || error.code === 'upstream-failed')
          )
        )
          throw error;
      }
      task = (await this.call('GET', `/federated/v1/task?after=${task.version}&wait=15000`)) as Task;
    }
  }

  private datasetFor(task: Task): Dataset {
    const standardiser = task.standardiser;
    if (!standardiser)
      throw new HealthGptError('precondition-failed', 'training before the statistics round');
    const key = JSON.stringify(standardiser);
    if (!this.dataset || key !== this.standardiserKey) {
      if (!this.options.data.dataset)
        throw new HealthGptError('precondition-failed', 'this site has no logistic training set');
      this.dataset = this.options.data.dataset(standardiser);
      this.standardiserKey = key;
    }
    return this.dataset;
  }

  /** The vector this site sends for a task (before masking). Exposed for tests. */
  localUpdate(task: Task): {
    values: number[];
    privacy?: { epsilon: number; delta: number; steps: number };
    decline?: string;
  } {
    if (task.kind === 'stats') return { values: this.options.data.statistics() };
    const training = task.training;
    const global = task.model;
    if (!training || !global)
      throw new HealthGptError('precondition-failed', 'a training task without a model');
    if (this.options.data.train) {
      if (training.dp)
        return {
          values: [],
          decline: 'this model has no DP-SGD at the sites: a differentially private run is declined',
        };
      return { values: this.options.data.train(task) };
    }
    const data = this.datasetFor(task);
    const n = data.x.length;
    const start = [...global];
    if (training.algorithm === 'fedavg-site-bias' && this.localIntercept !== undefined)
      start[start.length - 1] = this.localIntercept;
    let dp: { q: number; sigma: number; clip: number; random: () => number } | undefined;
    if (training.dp) {
      this.ledger ??= new PrivacyLedger(
        this.options.budget ?? { epsilon: training.dp.epsilon, delta: training.dp.delta },
      );
      const { q, sigma, clip } = training.dp;
      if (!this.ledger.allows(q, sigma, training.localSteps))
        return {
          values: [],
          decline: `privacy budget spent: ε ${this.ledger.spent().toFixed(3)} of ${this.ledger.budget.epsilon}; another round would exceed it`,
          privacy: this.privacySpent() as { epsilon: number; delta: number; steps: number },
        };
      dp = { q, sigma, clip, random: this.options.random ?? cryptoRandom };
    }
    const local = trainLocal(
      start,
      data,
      {
        steps: training.localSteps,
        learningRate: training.learningRate,
        lambda: training.lambda,
        mu: training.algorithm === 'fedprox' ? training.mu : 0,
        ...(dp ? { dp } : {}),
      },
      global,
    );
    if (dp && this.ledger) this.ledger.record(dp.q, dp.sigma, training.localSteps);
    if (training.algorithm === 'fedavg-site-bias') this.localIntercept = local[local.length - 1] as number;
    // The loss is released only without DP (it is computed on the rows, unclipped and noiseless).
    const loss = training.dp ? 0 : logLoss(local, data) * n;
    const privacy = this.privacySpent();
    return { values: [...local.map((w) => w * n), n, loss], ...(privacy ? { privacy } : {}) };
  }

  /** Rounds (mask contexts) this site has answered an unmasking request for: it answers once. */
  private readonly unmasked = new Set<string>();

  /**
   * The answer to an unmasking request: the pair seeds with the dropped sites and the decrypted shares of the
   * survivors' self-masks. Refused when asked twice for one round, or when a site is named both dropped and
   * surviving — together they would let a coordinator unmask that site's single update.
   */
  unmaskAnswer(task: Task): { seeds: Record<string, string>; selfShares: Record<string, string> } {
    if (this.unmasked.has(task.context))
      throw new HealthGptError(
        'conflict',
        `already answered the unmasking of round ${task.round} attempt ${task.attempt}`,
      );
    const dropped = task.dropped ?? [];
    const owners = Object.keys(task.selfShares ?? {});
    if (dropped.includes(this.options.name) || owners.some((o) => dropped.includes(o)))
      throw new HealthGptError('conflict', 'a site named both dropped and surviving: unmasking refused');
    this.unmasked.add(task.context);
    const selfShares: Record<string, string> = {};
    for (const [owner, sealed] of Object.entries(task.selfShares ?? {})) {
      const peer = task.participants.find((p) => p.site === owner);
      if (!peer) throw new HealthGptError('conflict', `a share from '${owner}', not a participant`);
      selfShares[owner] = decryptShare(
        sharedSecret(this.keys.privateKey, peer.publicKey),
        `${task.context}/share`,
        sealed,
      );
    }
    return { seeds: revealSeeds(this.keys, task.participants, dropped, task.context), selfShares };
  }

  /** Why this site left the run after a failed key check (undefined when it did not). */
  refusedKeys: string | undefined;

  private joinMessage() {
    const bundle = { runId: this.options.runId, site: this.options.name, publicKey: this.keys.publicKey };
    return {
      runId: bundle.runId,
      publicKey: bundle.publicKey,
      signature: signMaskingKey(this.identity, bundle),
    };
  }

  private async handle(task: Task): Promise<void> {
    const where = { runId: task.runId, round: task.round, attempt: task.attempt };
    if (task.kind === 'join') {
      await this.call('POST', '/federated/v1/join', this.joinMessage());
      return;
    }
    if (task.kind === 'stats' || task.kind === 'train' || task.kind === 'unmask') {
      // Never mask for, nor open shares from, a key that is not signed by its site's pinned identity.
      const problem = this.verifyParticipants(task);
      if (problem) {
        const reason = `key verification failed: ${problem}; this site refuses the round`;
        if (task.kind !== 'unmask')
          await this.call('POST', '/federated/v1/decline', { ...where, reason: reason.slice(0, 500) }).catch(
            () => undefined,
          );
        this.refusedKeys = reason;
        throw new HealthGptError('forbidden', reason);
      }
    }
    if (task.kind === 'unmask') {
      await this.call('POST', '/federated/v1/reveal', { ...where, ...this.unmaskAnswer(task) });
      return;
    }
    if (task.kind !== 'stats' && task.kind !== 'train') return;
    const update = this.localUpdate(task);
    if (update.decline) {
      await this.call('POST', '/federated/v1/decline', {
        ...where,
        reason: update.decline,
        ...(update.privacy ? { privacy: update.privacy } : {}),
      });
      return;
    }
    let payload: { masked: string; shares: Record<string, string> } | { values: number[] };
    if (task.secure) {
      const { masked, shares } = maskWithSelfMask(
        this.options.name,
        this.keys,
        task.participants,
        task.context,
        update.values,
      );
      payload = { masked: vectorToBase64(masked), shares };
    } else payload = { values: update.values };
    await this.call('POST', '/federated/v1/update', {
      ...where,
      kind: task.kind,
      keysVerified: this.keysVerified,
      ...payload,
      ...(update.privacy ? { privacy: update.privacy } : {}),
    });
  }
}
