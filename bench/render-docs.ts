/**
 * `npm run docs:render`: renders `docs/benchmarks.md` from `docs/benchmarks.json` and rewrites every benchmark number
 * marked in the docs and model cards (see `bench/lib/benchmarks-doc.ts`). Runs no benchmark.
 */
import { renderAllDocs } from './lib/benchmarks-doc.js';

const changed = renderAllDocs();
console.log(
  changed.length
    ? `re-rendered: ${changed.join(', ')}`
    : 'docs/benchmarks.md rendered; no marked number changed',
);
