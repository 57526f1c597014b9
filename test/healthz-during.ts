import { expect } from 'vitest';

/** One `/healthz` check made while the heavy request ran. */
export interface HealthCheck {
  readonly ms: number;
  readonly status: number;
  /** Whether the heavy request was still running when the check came back. */
  readonly running: boolean;
}

/**
 * Starts `heavy` (a request that takes seconds), then checks `/healthz` five times while it runs, and returns the
 * heavy request's status and JSON body with the checks. The event loop is free when the checks come back quickly
 * (work moved to the worker pool, issue 12).
 */
export async function healthzDuring(
  baseUrl: string,
  heavy: () => Promise<Response>,
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers.
): Promise<{ status: number; body: any; checks: HealthCheck[] }> {
  let done = false;
  const answered = heavy().then(async (res) => {
    const body = await res.json();
    done = true;
    return { status: res.status, body };
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const checks: HealthCheck[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/healthz`);
    await res.arrayBuffer();
    checks.push({ ms: performance.now() - started, status: res.status, running: !done });
  }
  return { ...(await answered), checks };
}

/** At least three checks came back while the heavy request ran, each answered 200 within `withinMs`. */
export function expectResponsive(checks: readonly HealthCheck[], withinMs = 200): void {
  expect(checks.every((c) => c.status === 200)).toBe(true);
  const running = checks.filter((c) => c.running);
  expect(running.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...running.map((c) => c.ms))).toBeLessThan(withinMs);
}
