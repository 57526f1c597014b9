import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import { assessTriage } from './assess.js';
import { triageInputSchema } from './schema.js';
import type { TriageInput, TriageResult } from './types.js';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new HealthGptError(
      'not-found',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function humanTriage(result: TriageResult): string {
  const lines = [`${result.level.toUpperCase()}: ${result.advice}`, '', 'Reasons:'];
  for (const r of result.reasons)
    lines.push(`  [${r.level}] ${r.text}${r.citation ? `  (${r.citation})` : ''}`);
  if (result.news2) {
    const n = result.news2;
    lines.push(
      '',
      n.total !== undefined
        ? `NEWS2 ${n.total} (${n.response}; SpO2 scale ${n.spo2Scale})`
        : `NEWS2 incomplete: ${n.missing.join(', ')} not given`,
      `  ${n.parameters.map((p) => `${p.parameter} ${String(p.value)} → ${p.score}`).join('; ')}`,
    );
  }
  return lines.join('\n');
}

/** Parses a triage input file (JSON), with errors that point into the file. */
export function parseTriageFile(path: string): TriageInput {
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof HealthGptError) throw error;
    throw HealthGptError.invalid(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseOrThrow(triageInputSchema, json, path);
}

/** `healthgpt triage --input FILE.json [--json]`. */
export function registerTriageCommands(program: Command, cli: CliContext): void {
  program
    .command('triage')
    .description(
      'triage level (emergency, urgent, routine, self-care) with reasons, from findings, vitals and the open differential',
    )
    .requiredOption(
      '--input <file>',
      'JSON: { patient?, findings, observations?, vitals?, differential? } (see docs/triage.md)',
    )
    .action((options: { input: string }) => {
      const input = parseTriageFile(options.input);
      cli.print(assessTriage(input), humanTriage);
    });
}
