import type { AppContext } from '../app/context.js';
import { HealthGptError } from '../engine/errors.js';
import { ENCODER_ID, sentenceEncoder } from '../guidelines/embeddings.js';
import { caseContextText } from './case-context.js';
import { providerFromEnv } from './config.js';
import { type GatewayEvent, type GatewayRequest, LlmGateway } from './gateway.js';
import type { OutboundLogger } from './http-call.js';
import type { OutboundGuard } from './privacy-gate.js';
import type { EmbeddingResult, LlmProvider } from './provider.js';

/** The embedding model HealthGPT itself serves (`/v1/embeddings`): the guideline library's encoder. */
export const EMBEDDING_MODEL = 'use-lite-512';

export interface LlmServiceOptions {
  /** A provider to use instead of the environment's (tests, benchmarks, the library API). */
  readonly provider?: LlmProvider;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the privacy gate de-identifies what goes to a remote model (the HTTP server: its worker pool); default this
   * thread. Applies to the provider built from the environment.
   */
  readonly outboundGuard?: OutboundGuard;
}

/**
 * What the routes, the CLI and the library share: the provider (from the environment, created on first use), the
 * gateway over the app's engines, case context, and embeddings.
 */
export class LlmService {
  private gatewayInstance: LlmGateway | undefined;

  constructor(
    private readonly context: Pick<AppContext, 'engines' | 'store' | 'gatewayTools'>,
    private readonly options: LlmServiceOptions = {},
    private readonly log?: OutboundLogger,
  ) {}

  get gateway(): LlmGateway {
    const env = this.options.env ?? process.env;
    this.gatewayInstance ??= new LlmGateway(
      this.options.provider ?? providerFromEnv(env, this.log, this.options.outboundGuard),
      this.context.engines,
      env.HEALTHGPT_LLM_TOOLS !== 'off',
      this.context.gatewayTools ?? [],
    );
    return this.gatewayInstance;
  }

  get provider(): LlmProvider {
    return this.gateway.provider;
  }

  /** The case as gateway context; `not-found` when it does not exist. */
  caseContext(caseId: string): NonNullable<GatewayRequest['caseContext']> {
    const found = this.context.store.cases.get(caseId);
    if (!found) throw HealthGptError.notFound('case', caseId);
    const assessments = this.context.store.assessments.listForCase(caseId);
    return { clinicalCase: found, text: caseContextText(found, assessments, true) };
  }

  /** Audits that a chat read a case into its context (the chat route's own audit entry names no case). */
  recordCaseRead(
    caseId: string,
    who: { actor: string; role?: string; clientAddress?: string; requestId?: string },
  ) {
    this.context.store.audit.record({
      actor: who.actor,
      ...(who.role ? { role: who.role } : {}),
      ...(who.clientAddress ? { clientAddress: who.clientAddress } : {}),
      ...(who.requestId ? { requestId: who.requestId } : {}),
      action: 'llm.case-context',
      resourceType: 'case',
      resourceId: caseId.slice(0, 128),
      outcome: 'success',
    });
  }

  cases() {
    return this.context.store.cases;
  }

  assessments(caseId: string) {
    return this.context.store.assessments.listForCase(caseId);
  }

  run(request: GatewayRequest): AsyncGenerator<GatewayEvent> {
    return this.gateway.run(request);
  }

  /** Universal Sentence Encoder lite vectors (the guideline library's encoder, local weights). */
  async embed(texts: readonly string[]): Promise<EmbeddingResult> {
    const encoder = await sentenceEncoder();
    const vectors = await encoder.embed(texts);
    const tokens = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
    return { model: EMBEDDING_MODEL, vectors, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  static readonly embeddingModelDescription = ENCODER_ID;

  async close(): Promise<void> {
    await this.gatewayInstance?.provider.close?.();
  }
}
