import { HealthGptError } from '../engine/errors.js';
import { ggufProvider } from './gguf-provider.js';
import type { OutboundLogger } from './http-call.js';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, openAiProvider } from './openai-provider.js';
import type { OutboundGuard } from './privacy-gate.js';
import type { LlmProvider } from './provider.js';
import { RETRIEVAL_MODEL } from './without-model.js';

/** The provider when none is configured: it generates nothing; the gateway answers from retrieval and the engines. */
export const noModelProvider: LlmProvider = {
  id: 'none',
  locality: 'none',
  model: RETRIEVAL_MODEL,
  generates: false,
  chat: () => Promise.reject(notConfigured()),
  stream: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(notConfigured()) }),
  }),
};

function notConfigured() {
  return new HealthGptError(
    'unavailable',
    'no language model is configured (set HEALTHGPT_LLM_BASE_URL or HEALTHGPT_LLM_GGUF; see docs/llm.md)',
  );
}

/** A setting the server was started with is wrong: the server's problem (503), not the request's. */
function misconfigured(message: string) {
  return new HealthGptError('unavailable', `the language model is misconfigured: ${message}`);
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw misconfigured(`${name} must be a non-negative number (got '${raw}')`);
  return n;
}

/**
 * The provider the environment configures: `HEALTHGPT_LLM_BASE_URL` (+ `_API_KEY`, `_MODEL`) for an
 * OpenAI-compatible server, `HEALTHGPT_LLM_GGUF` (+ `_MMPROJ`) for a GGUF file in-process, else none. Limits:
 * `HEALTHGPT_LLM_TIMEOUT_MS`, `HEALTHGPT_LLM_RETRIES`, `HEALTHGPT_LLM_MAX_TOKENS`; `HEALTHGPT_LLM_REMOTE_IMAGES=allow`
 * lets images go to a remote server (refused by default: they cannot be de-identified by text rules).
 */
export function providerFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  log?: OutboundLogger,
  outboundGuard?: OutboundGuard,
): LlmProvider {
  const baseUrl = env.HEALTHGPT_LLM_BASE_URL?.trim();
  const gguf = env.HEALTHGPT_LLM_GGUF?.trim();
  if (baseUrl && gguf) throw misconfigured('set HEALTHGPT_LLM_BASE_URL or HEALTHGPT_LLM_GGUF, not both');
  const timeoutMs = positive(env, 'HEALTHGPT_LLM_TIMEOUT_MS', DEFAULT_TIMEOUT_MS);
  const maxTokens = positive(env, 'HEALTHGPT_LLM_MAX_TOKENS', DEFAULT_MAX_TOKENS);
  if (baseUrl) {
    try {
      new URL(baseUrl);
    } catch {
      throw misconfigured(`HEALTHGPT_LLM_BASE_URL is not a URL ('${baseUrl}')`);
    }
    return openAiProvider({
      baseUrl,
      model: env.HEALTHGPT_LLM_MODEL?.trim() || 'default',
      ...(env.HEALTHGPT_LLM_API_KEY ? { apiKey: env.HEALTHGPT_LLM_API_KEY } : {}),
      timeoutMs,
      maxTokens,
      retries: positive(env, 'HEALTHGPT_LLM_RETRIES', 2),
      allowImages: env.HEALTHGPT_LLM_REMOTE_IMAGES === 'allow',
      ...(env.HEALTHGPT_LLM_EMBEDDING_MODEL ? { embeddingModel: env.HEALTHGPT_LLM_EMBEDDING_MODEL } : {}),
      ...(log ? { log } : {}),
      ...(outboundGuard ? { guard: outboundGuard } : {}),
    });
  }
  if (gguf)
    return ggufProvider({
      modelPath: gguf,
      ...(env.HEALTHGPT_LLM_MMPROJ ? { mmprojPath: env.HEALTHGPT_LLM_MMPROJ } : {}),
      timeoutMs,
      maxTokens,
      ...(env.HEALTHGPT_LLM_CONTEXT ? { contextSize: positive(env, 'HEALTHGPT_LLM_CONTEXT', 2048) } : {}),
    });
  return noModelProvider;
}
