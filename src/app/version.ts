import { readFileSync } from 'node:fs';

/** HealthGPT's version, from package.json. */
export const HEALTHGPT_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
