import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';
import type { LlamaCompletionOptions, LlamaContext } from './llama-binding.js';

/**
 * The binding can leave a context refusing every completion ("Another completion is in progress") when a completion
 * ends before its free-again hook is registered (see `isWedged`). The provider must then answer from a fresh context
 * and never stop or release the wedged one. The binding is replaced by a fake here: the race itself cannot be
 * produced on demand.
 */
const contexts: FakeContext[] = [];

class FakeContext implements Partial<LlamaContext> {
  released = 0;
  stopped = 0;
  constructor(readonly wedged: boolean) {}
  completion(_options: LlamaCompletionOptions, onToken?: (token: { token: string }) => void) {
    if (this.wedged) throw new TypeError('Another completion is in progress');
    onToken?.({ token: 'Once' });
    return Promise.resolve({
      text: 'Once',
      tokens_predicted: 1,
      tokens_evaluated: 4,
      truncated: false,
      context_full: false,
      interrupted: false,
    });
  }
  stopCompletion() {
    this.stopped++;
  }
  isJinjaSupported() {
    return false;
  }
  release() {
    this.released++;
    return Promise.resolve();
  }
}

vi.mock('./llama-binding.js', () => ({
  llamaBinding: async () => ({
    toggleNativeLog: async () => {},
    loadModel: async () => {
      const context = new FakeContext(contexts.length === 0);
      contexts.push(context);
      return context;
    },
  }),
}));

const { ggufProvider, isWedged } = await import('./gguf-provider.js');

it('answers from a fresh context when the binding reports a completion that is no longer running', async () => {
  const provider = ggufProvider({ modelPath: fileURLToPath(import.meta.url) });
  const answer = await provider.chat({ messages: [{ role: 'user', content: 'Once upon a time' }] });
  expect(answer.content).toBe('Once');
  expect(contexts.map((c) => c.wedged)).toEqual([true, false]);
  const again = await provider.chat({ messages: [{ role: 'user', content: 'Again' }] });
  expect(again.content).toBe('Once');
  expect(contexts).toHaveLength(2);
  await provider.close?.();
  expect(contexts[0]).toMatchObject({ released: 0, stopped: 0 });
  expect(contexts[1]!.released).toBe(1);
});

it('recognises only that refusal', () => {
  expect(isWedged(new TypeError('Another completion is in progress'))).toBe(true);
  expect(isWedged(new TypeError('Context is disposed'))).toBe(false);
  expect(isWedged('Another completion is in progress')).toBe(false);
});
