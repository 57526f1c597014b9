import { HealthGptError } from '../engine/errors.js';

/**
 * The part of `@fugood/llama.node` (llama.cpp for Node, MIT; its native code ships in the npm package) that HealthGPT
 * uses, typed here because the package ships TypeScript sources, not declarations. Imported on first use only, so
 * the product starts (and every other capability works) without the native module.
 */
export interface LlamaMessage {
  readonly role: string;
  readonly content?: string | readonly Record<string, unknown>[];
  readonly tool_calls?: readonly Record<string, unknown>[];
  readonly tool_call_id?: string;
}

export interface LlamaCompletionOptions {
  messages?: LlamaMessage[];
  prompt?: string;
  n_predict?: number;
  temperature?: number;
  seed?: number;
  stop?: string[];
  tools?: unknown[];
  tool_choice?: string;
  jinja?: boolean;
  response_format?: {
    type: 'json_schema';
    json_schema: { strict?: boolean; schema: Record<string, unknown> };
  };
  ignore_eos?: boolean;
}

export interface LlamaCompletionResult {
  readonly text: string;
  readonly content?: string;
  readonly tool_calls?: readonly { id?: string; function: { name: string; arguments: string } }[];
  readonly tokens_predicted: number;
  readonly tokens_evaluated: number;
  readonly truncated: boolean;
  readonly context_full: boolean;
  readonly interrupted: boolean;
}

export interface LlamaContext {
  completion(
    options: LlamaCompletionOptions,
    onToken?: (token: { token: string; content?: string }) => void,
  ): Promise<LlamaCompletionResult>;
  stopCompletion(): void;
  /** Drops the KV cache (an embedding must not see the previous text). */
  clearCache(clearData?: boolean): void;
  tokenize(text: string): Promise<{ tokens: Int32Array | number[] }>;
  embedding(text: string): Promise<{ embedding: Float32Array | number[] }>;
  isJinjaSupported(): boolean;
  initMultimodal(options: { path: string; use_gpu?: boolean }): Promise<boolean>;
  isMultimodalEnabled(): Promise<boolean> | boolean;
  release(): Promise<void>;
}

export interface LlamaModule {
  loadModel(options: {
    model: string;
    n_ctx?: number;
    n_threads?: number;
    embedding?: boolean;
    pooling_type?: 'none' | 'mean' | 'cls' | 'last';
  }): Promise<LlamaContext>;
  toggleNativeLog(enable: boolean): Promise<void>;
}

let binding: Promise<LlamaModule> | undefined;

/** The binding, imported once; `unavailable` when the package or its native module for this platform is missing. */
export function llamaBinding(): Promise<LlamaModule> {
  binding ??= (import('@fugood/llama.node' as string) as Promise<LlamaModule>).catch((error: unknown) => {
    binding = undefined;
    throw new HealthGptError(
      'unavailable',
      `in-process language models need @fugood/llama.node and its native module for ${process.platform}-${process.arch} (${(error as Error).message})`,
      { cause: error },
    );
  });
  return binding;
}
