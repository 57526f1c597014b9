import { spawn } from 'node:child_process';
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

/**
 * Runs `healthgpt ARGS…` as its own Node process (TypeScript sources through tsx) with `stateDir` as its state
 * folder; resolves when it exits. For tests where several installs (sites, a coordinator) must run at once, or
 * where the process must end by itself (`timeoutMs`: killed past it, and `timedOut` says so).
 */
export function spawnCli(
  args: readonly string[],
  stateDir: string,
  options: { readonly env?: Readonly<Record<string, string>>; readonly timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, ...options.env, HEALTHGPT_STATE_DIR: stateDir },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
