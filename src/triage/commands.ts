import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import { createIntakeProcessor } from '../intake/default.js';
import { checkConsultationText, decodeFileText } from '../intake/input.js';
import { diagnosisFindings, processBounded } from '../intake/pipeline.js';
import { assessTriage } from './assess.js';
import { news2ParameterLabel, news2ParameterList } from './labels.js';
import { triageInputSchema } from './schema.js';
import type { TriageInput, TriageResult } from './types.js';

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new HealthGptError(
      'not-found',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

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
        : `NEWS2 incomplete: ${news2ParameterList(n.missing)} not given`,
      `  ${n.parameters.map((p) => `${news2ParameterLabel(p.parameter)} ${String(p.value)} → ${p.score}`).join('; ')}`,
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

/**
 * A consultation note read by the intake (findings, vital signs and labs as observations, age and sex) as triage
 * input; `age` / `sex` override what the note says.
 */
export function triageInputFromNote(
  path: string,
  overrides: { ageYears?: number; sex?: 'female' | 'male' } = {},
): TriageInput {
  const { text } = decodeFileText(readBytes(path));
  checkConsultationText(text);
  const record = processBounded(createIntakeProcessor(), text);
  const patient = {
    ...(record.patient.ageYears !== undefined ? { ageYears: record.patient.ageYears } : {}),
    ...(record.patient.sex && record.patient.sex !== 'unknown' ? { sex: record.patient.sex } : {}),
    ...overrides,
  };
  return { patient, findings: diagnosisFindings(record), observations: record.observations };
}

/** `healthgpt triage --input FILE.json | --text NOTE.txt [--age N] [--sex S] [--json]`. */
export function registerTriageCommands(program: Command, cli: CliContext): void {
  program
    .command('triage')
    .description(
      'triage level (emergency, urgent, routine, self-care) with reasons, from findings, vitals and the open differential, or from a consultation note',
    )
    .option(
      '--input <file>',
      'JSON: { patient?, findings, observations?, vitals?, differential? } (see docs/triage.md)',
    )
    .option('--text <file>', 'a consultation note (UTF-8 or Latin-1): read by the intake, then triaged')
    .option('--age <years>', 'with --text: age in years (overrides the note)')
    .option('--sex <sex>', 'with --text: female or male (overrides the note)')
    .action((options: { input?: string; text?: string; age?: string; sex?: string }) => {
      if ((options.input === undefined) === (options.text === undefined))
        throw HealthGptError.invalid('give exactly one of --input FILE.json or --text NOTE.txt');
      let input: TriageInput;
      if (options.text !== undefined) {
        const age = options.age === undefined ? undefined : Number(options.age);
        if (age !== undefined && !(Number.isFinite(age) && age >= 0 && age <= 120))
          throw HealthGptError.invalid('--age must be a number of years from 0 to 120');
        if (options.sex !== undefined && options.sex !== 'female' && options.sex !== 'male')
          throw HealthGptError.invalid('--sex must be female or male');
        input = triageInputFromNote(options.text, {
          ...(age !== undefined ? { ageYears: age } : {}),
          ...(options.sex ? { sex: options.sex as 'female' | 'male' } : {}),
        });
      } else input = parseTriageFile(options.input!);
      cli.print(assessTriage(input), humanTriage);
    });
}
