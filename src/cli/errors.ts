import { HealthGptError } from '../engine/errors.js';

/**
 * The one translation of errors into what the CLI prints: one line on stderr (never a stack trace) and an exit code.
 * `invalid` (a bad option, argument or input: usage-like) exits with 2, like commander's own usage errors; every
 * other `HealthGptError` code with 1. Field errors are already part of the error's message.
 */
export function exitCodeOf(error: HealthGptError): number {
  return error.code === 'invalid' ? 2 : 1;
}

/** The one line to print for an error: an `internal` error's detail is not shown. */
export function cliMessageOf(error: unknown): string {
  if (error instanceof HealthGptError) {
    if (error.code === 'internal') return 'internal error (a bug): please report it with the command you ran';
    return oneLine(error.message);
  }
  return oneLine(error instanceof Error ? error.message : String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}
