import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real GGUF model used by the tests and `bench:llm`: `stories260K.gguf` (1.2 MB, llama architecture, MIT, a tiny
 * story model, not instruction-tuned) in `$HEALTHGPT_FIXTURES_DIR/llm/` (default `../shared/fixtures`). It is read in
 * place and never copied into the project.
 */
export function fixtureModelPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.HEALTHGPT_FIXTURES_DIR ?? '../shared/fixtures'), 'llm', 'stories260K.gguf');
}

/** Why the fixture-model suites cannot run (for `describeIfAvailable`), or undefined when they can. */
export function fixtureModelUnavailable(): string | undefined {
  const path = fixtureModelPath();
  if (!existsSync(path)) return `language-model fixture not found at ${path} (set HEALTHGPT_FIXTURES_DIR)`;
  if (!existsSync(resolve('node_modules/@fugood/llama.node')))
    return '@fugood/llama.node is not installed (npm install)';
  return undefined;
}
