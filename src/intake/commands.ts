import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import { createIntakeProcessor } from './default.js';
import {
  type BinaryScores,
  evaluateContext,
  evaluateNegation,
  parseContextAnnotations,
  parseNegationAnnotations,
} from './evaluation.js';
import { toFhirBundle } from './fhir.js';
import { checkConsultationText, decodeFileText, IntakeInputError } from './input.js';
import { diagnosisFindings, processBounded } from './pipeline.js';
import type { IntakeRecord } from './record.js';

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new HealthGptError(
      'not-found',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

function humanRecord(record: IntakeRecord): string {
  const lines = record.summary.map((line) => `${line.part}  ${line.text}`);
  lines.push('', 'Findings:');
  for (const f of record.findings) {
    lines.push(
      `  ${f.status.padEnd(8)} ${f.temporality ?? ''}/${f.experiencer ?? ''}  ${f.conceptId}${f.value !== undefined ? `=${String(f.value)}` : ''}  "${f.sourceSpan.text}" @${f.sourceSpan.start}`,
    );
  }
  const missing = record.keyQuestions.filter((q) => !q.answered);
  if (missing.length > 0)
    lines.push('', `Key questions not yet asked: ${missing.map((q) => q.label).join('; ')}`);
  if (record.partial) lines.push('', `PARTIAL: ${record.partial.reason}`);
  return lines.join('\n');
}

/** `healthgpt intake FILE.txt [--fhir]`, `healthgpt eval negation`, `healthgpt eval context`. */
export function registerIntakeCommands(program: Command, cli: CliContext): void {
  program
    .command('intake')
    .description('read a consultation note (UTF-8 or Latin-1 text) into a structured record')
    .argument('<file>', 'text file of the consultation')
    .option('--fhir', 'print the FHIR R4 Bundle instead of the record')
    .option('--date <yyyy-mm-dd>', 'consultation date, for onsets such as "since last Tuesday"')
    .action((file: string, options: { fhir?: boolean; date?: string }) => {
      if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
        throw HealthGptError.invalid('--date must be YYYY-MM-DD');
      const { text } = decodeFileText(readFile(file));
      try {
        checkConsultationText(text);
      } catch (error) {
        if (error instanceof IntakeInputError)
          throw new HealthGptError(error.code, `${file}: ${error.message}`);
        throw error;
      }
      const record = processBounded(
        createIntakeProcessor(options.date ? { referenceDate: options.date } : {}),
        text,
      );
      if (options.fhir) {
        cli.print(toFhirBundle(record), (bundle) => JSON.stringify(bundle, null, 2));
        return;
      }
      cli.print({ record, findings: diagnosisFindings(record) }, (result) => humanRecord(result.record));
    });

  cli.evalCommand
    .command('negation')
    .description('negation detection on the NegEx test-set format (Report No., Concept, Sentence, Negation)')
    .requiredOption('--annotations <file>', 'tab-separated annotations')
    .action((options: { annotations: string }) => {
      let rows: ReturnType<typeof parseNegationAnnotations>;
      try {
        rows = parseNegationAnnotations(readFile(options.annotations).toString('utf8'));
      } catch (error) {
        if (error instanceof HealthGptError) throw error;
        throw HealthGptError.invalid(`${options.annotations}: ${(error as Error).message}`);
      }
      if (rows.length === 0)
        throw HealthGptError.invalid(`${options.annotations}: no annotated sentence to evaluate`);
      const result = evaluateNegation(rows);
      cli.print(result, (r) =>
        [
          `n ${r.n}  accuracy ${pct(r.accuracy)}  precision ${f3(r.precision)}  recall ${f3(r.recall)}  F1 ${f3(r.f1)} (Negated positive)`,
          `TP ${r.confusion.tp}  FP ${r.confusion.fp}  FN ${r.confusion.fn}  TN ${r.confusion.tn}`,
        ].join('\n'),
      );
    });

  cli.evalCommand
    .command('context')
    .description('ConText negation, historical and other-experiencer on the ConText annotation format')
    .requiredOption('--annotations <file>', 'tab-separated annotations with a header row')
    .action((options: { annotations: string }) => {
      let rows: ReturnType<typeof parseContextAnnotations>;
      try {
        rows = parseContextAnnotations(readFile(options.annotations).toString('utf8'));
      } catch (error) {
        if (error instanceof HealthGptError) throw error;
        throw HealthGptError.invalid(`${options.annotations}: ${(error as Error).message}`);
      }
      if (rows.length === 0)
        throw HealthGptError.invalid(`${options.annotations}: no annotated sentence to evaluate`);
      const result = evaluateContext(rows);
      const line = (name: string, s: BinaryScores) =>
        `${name.padEnd(18)} precision ${f3(s.precision)}  recall ${f3(s.recall)}  F1 ${f3(s.f1)}  (TP ${s.tp} FP ${s.fp} FN ${s.fn})`;
      cli.print(result, (r) =>
        [
          `n ${r.n}`,
          line('negation', r.negation),
          line('historical', r.historical),
          line('other experiencer', r.otherExperiencer),
        ].join('\n'),
      );
    });
}
