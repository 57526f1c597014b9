import { describe, expect, it } from 'vitest';
import type { HealthGptError } from '../engine/errors.js';
import { providerFromEnv } from './config.js';

const failure = (env: NodeJS.ProcessEnv) => {
  try {
    providerFromEnv(env);
  } catch (error) {
    return error as HealthGptError;
  }
  throw new Error('expected a failure');
};

describe('providerFromEnv', () => {
  it('picks the provider the environment configures', () => {
    expect(providerFromEnv({})).toMatchObject({ id: 'none', locality: 'none', generates: false });
    expect(
      providerFromEnv({ HEALTHGPT_LLM_BASE_URL: 'http://127.0.0.1:8000/v1', HEALTHGPT_LLM_MODEL: 'm' }),
    ).toMatchObject({
      id: 'openai-compatible',
      locality: 'remote',
      model: 'm',
    });
    expect(providerFromEnv({ HEALTHGPT_LLM_GGUF: '/models/medgemma-4b-it-Q4_K_M.gguf' })).toMatchObject({
      id: 'gguf',
      locality: 'in-process',
      model: 'medgemma-4b-it-Q4_K_M',
    });
  });

  it('a wrong setting is the server’s problem (unavailable), named in the message', () => {
    const both = failure({ HEALTHGPT_LLM_BASE_URL: 'http://x/v1', HEALTHGPT_LLM_GGUF: '/m.gguf' });
    expect(both.code).toBe('unavailable');
    expect(both.message).toMatch(/not both/);
    expect(failure({ HEALTHGPT_LLM_BASE_URL: 'not a url' }).message).toMatch(/not a URL/);
    expect(
      failure({ HEALTHGPT_LLM_BASE_URL: 'http://x/v1', HEALTHGPT_LLM_TIMEOUT_MS: 'soon' }).message,
    ).toMatch(/HEALTHGPT_LLM_TIMEOUT_MS/);
  });

  it('with none configured, a direct chat says so plainly', async () => {
    await expect(providerFromEnv({}).chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      /no language model is configured/,
    );
  });
});
