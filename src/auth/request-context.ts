import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './roles.js';

/** Who is behind the work running now: set by the HTTP layer for each request, read by the audit log. */
export interface RequestContext {
  readonly principal?: Principal;
  readonly clientAddress?: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  /** Audit events recorded for this request so far. */
  audited: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (and everything it awaits) with `context` as the current request. */
export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** Makes `context` current for the rest of this asynchronous call chain (a Fastify hook's continuation). */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
