import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The folder of public data sets (`HEALTHGPT_DATA_DIR`, default `../shared/data`). Training scripts, evaluations,
 * benchmarks and data-backed tests read the data through it; nothing from it is ever committed.
 */
export function datasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HEALTHGPT_DATA_DIR ?? '../shared/data');
}

/** Path of a file or folder inside the data sets folder, or undefined when it is not there. */
export function findDataset(...parts: string[]): string | undefined {
  const path = join(datasetsDir(), ...parts);
  return existsSync(path) ? path : undefined;
}

/** Path of a data set that must exist; a clear error naming the setting otherwise. */
export function requireDataset(...parts: string[]): string {
  const path = findDataset(...parts);
  if (!path) {
    throw new Error(
      `data set '${parts.join('/')}' not found under ${datasetsDir()}; set HEALTHGPT_DATA_DIR to the folder of public data sets`,
    );
  }
  return path;
}
