/** A federated run as `GET /v1/federated/runs` returns it (the fields the page reads). */
export interface RunView {
  readonly runId: string;
  readonly status: string;
  readonly reason?: string;
  readonly sites: readonly string[];
  readonly joined: readonly string[];
  readonly withdrawn: Readonly<Record<string, string>>;
  readonly algorithm: string;
  readonly secureAggregation: boolean;
  /** Per site: whether it verified the others' signed masking keys against pinned identity keys (as it reported). */
  readonly keysVerifiedBySite?: Readonly<Record<string, boolean>>;
  readonly rounds: number;
  readonly completedRounds: number;
  readonly history: readonly {
    round: number;
    attempt: number;
    kind: string;
    participants: readonly string[];
    dropped: readonly string[];
    outcome: string;
    reason?: string;
    rows?: number;
    loss?: number;
    ms: number;
  }[];
  readonly privacy: Readonly<Record<string, { epsilon: number; delta: number; steps: number }>>;
  readonly overallEpsilon?: number;
  readonly refusals: readonly { at: string; site: string; reason: string }[];
  readonly updatedAt: string;
}

/** One row per site: joined, withdrawn (why), privacy spent, rounds taken part in, rounds dropped from. */
export function siteRows(run: RunView) {
  return run.sites.map((site) => {
    const rounds = run.history.filter((h) => h.outcome === 'aggregated' && h.kind === 'train');
    return {
      site,
      joined: run.joined.includes(site),
      withdrawn: run.withdrawn[site],
      epsilon: run.privacy[site]?.epsilon,
      delta: run.privacy[site]?.delta,
      took: rounds.filter((h) => h.participants.includes(site)).length,
      dropped: rounds.filter((h) => h.dropped.includes(site)).length,
    };
  });
}

/** The last `n` rounds, newest first, with the loss (mean log-loss over the rows) when the run reports it. */
export function recentRounds(run: RunView, n = 20) {
  return run.history.slice(-n).reverse();
}

export const progress = (run: RunView) => `${run.completedRounds}/${run.rounds}`;
