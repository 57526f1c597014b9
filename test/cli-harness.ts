import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The state folder (SQLite database) the run used; pass it to the next run to share the database. */
  readonly stateDir: string;
}

/**
 * Runs `healthgpt ARGS…` in-process, capturing stdout and stderr, against a fresh state folder (or `stateDir`), and
 * returns the exit code and output.
 */
export async function runCli(
  args: readonly string[],
  stateDir: string = mkdtempSync(join(tmpdir(), 'healthgpt-cli-')),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  };
  const previous = process.env.HEALTHGPT_STATE_DIR;
  process.env.HEALTHGPT_STATE_DIR = stateDir;
  try {
    const code = await main(['node', 'healthgpt', ...args], io);
    return { code, stdout, stderr, stateDir };
  } finally {
    if (previous === undefined) delete process.env.HEALTHGPT_STATE_DIR;
    else process.env.HEALTHGPT_STATE_DIR = previous;
  }
}
