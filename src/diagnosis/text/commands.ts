import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../app/capability.js';
import { readTextFile } from '../../app/text-input.js';
import { HealthGptError } from '../../engine/errors.js';
import { evaluateVignettes, readVignettes, type VignetteReport } from '../eval/vignettes.js';
import { type TextDiagnosis, textDiagnoser } from './diagnose-text.js';

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);

/** `healthgpt eval vignettes --cases FILE.jsonl` and `healthgpt differential --text … | --file …`. */
export function registerTextDiagnosisCommands(program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('vignettes')
    .description(
      'free-text vignettes (JSONL: id, age, sex, text) through intake → differential → triage; metrics against any gold fields (diagnosis, icd10, names, triage), which the engine never reads',
    )
    .requiredOption('--cases <file>', 'JSONL file, one case per line')
    .action((options: { cases: string }) => {
      if (!existsSync(options.cases)) throw new HealthGptError('not-found', `${options.cases}: no such file`);
      const rows = readVignettes(options.cases);
      const report = evaluateVignettes(textDiagnoser(), rows);
      cli.print(report, humanReport);
    });

  program
    .command('differential')
    .description(
      "differential and triage from free text (a note or the patient's words); decision support, not a diagnosis",
    )
    .option('--text <text>', 'the text')
    .option('--file <file>', 'read the text from a file')
    .option('--age <years>', 'age in years (0–120)')
    .option('--sex <sex>', 'female | male | other | unknown')
    .action((options: { text?: string; file?: string; age?: string; sex?: string }) => {
      if ((options.text === undefined) === (options.file === undefined))
        throw HealthGptError.invalid('give the text with exactly one of --text or --file');
      let text = options.text;
      if (options.file !== undefined) {
        if (!existsSync(options.file)) throw new HealthGptError('not-found', `${options.file}: no such file`);
        text = readTextFile(options.file);
      }
      const age = options.age === undefined ? undefined : Number(options.age);
      if (age !== undefined && !(Number.isFinite(age) && age >= 0 && age <= 120))
        throw HealthGptError.invalid(`--age must be 0–120 years, not '${options.age}'`);
      if (options.sex !== undefined && !['female', 'male', 'other', 'unknown'].includes(options.sex))
        throw HealthGptError.invalid(`--sex must be female, male, other or unknown, not '${options.sex}'`);
      const result = textDiagnoser().diagnose({
        text: text!,
        ...(age !== undefined ? { ageYears: age } : {}),
        ...(options.sex ? { sex: options.sex as 'female' | 'male' | 'other' | 'unknown' } : {}),
      });
      cli.print(result, humanDiagnosis);
    });
}

function humanReport(r: VignetteReport): string {
  const m = r.metrics;
  return [
    `n ${r.n}, with gold diagnosis ${m.withDiagnosis}, abstained ${m.abstained}`,
    `top-1 ${pct(m.top1)}  top-3 ${pct(m.top3)}  top-10 ${pct(m.top10)}  overconfident and wrong ${pct(m.overconfidentWrong)}`,
    `triage accuracy ${pct(m.triageAccuracy)} (${m.withTriage} with gold)  emergency recall ${pct(m.emergencyRecall)}`,
    `median ${m.medianMs} ms per case`,
  ].join('\n');
}

function humanDiagnosis(d: TextDiagnosis): string {
  return [
    `Triage: ${d.triage.insufficient ? 'NOT ASSESSED' : d.triage.level.toUpperCase()}${d.triage.reasons[0] ? ` — ${d.triage.reasons[0].text}` : ''}`,
    d.message,
    ...d.differential.map(
      (e, i) =>
        `${String(i + 1).padStart(2)}. ${e.name} [${e.icd10}]  ${(e.probability * 100).toFixed(1)} %  (${e.supportingFindings} supporting)${e.mustNotMiss ? '  MUST NOT MISS' : ''}${e.raisedBy?.length ? `  raised by ${e.raisedBy.join(', ')}` : ''}`,
    ),
    d.abstained ? '' : `    Something else (not covered): ${(d.notCovered * 100).toFixed(1)} %`,
    ...d.warnings.map((w) => `warning: ${w}`),
    'Decision support, not a diagnosis.',
  ]
    .filter(Boolean)
    .join('\n');
}
