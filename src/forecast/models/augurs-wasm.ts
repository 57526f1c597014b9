import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initSync as initMstl } from '@bsull/augurs/mstl';

let ready = false;

/**
 * Loads augurs' MSTL WebAssembly module synchronously under Node: the package's `initSync` with the `.wasm` bytes
 * read from `node_modules` (the default async init fetches a URL, which Node cannot do for `file:`).
 */
export function ensureAugurs(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@bsull/augurs/mstl'));
  initMstl({ module: readFileSync(join(dir, 'mstl_bg.wasm')) });
  ready = true;
}
