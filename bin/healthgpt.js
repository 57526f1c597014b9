#!/usr/bin/env node
// Entry point of the `healthgpt` command: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error(
    'healthgpt: the project is not built yet; run `npm run build` (npm install does it for you).',
  );
  process.exit(1);
}
const { main } = await import(compiled);
process.exitCode = await main(process.argv);
