import type { Command } from 'commander';
import type { AppConfig } from '../app/config.js';
import type { AppContext } from '../app/context.js';
import type { ProgressReporter } from './progress.js';

/** What CLI commands get: output helpers that honour `--json`, progress, and the app on demand. */
export interface CliContext {
  /** The shared `healthgpt eval` command: capabilities add their `eval <name>` subcommands to it. */
  readonly evalCommand: Command;
  readonly config: AppConfig;
  /** Opens the store and engines (lazily: commands that need no database never open one). */
  app(): AppContext;
  /** Writes a result: JSON when `--json` was given, else `human(result)`. */
  print<T>(result: T, human: (result: T) => string): void;
  /** Whether `--json` was given. */
  json(): boolean;
  /** Keeps the store open after the command's action returns (for `serve`). */
  keepOpen(): void;
  /** Progress for a long job: a bar on a TTY, plain lines otherwise, silent with `--json` on stdout. */
  progress(label: string, total: number): ProgressReporter;
}
