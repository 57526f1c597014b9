import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import type { Finding } from '../clinical/finding.js';
import type { PatientContext } from '../clinical/patient.js';
import { HealthGptError } from '../engine/errors.js';
import { ddxEngine } from './ddx-engine.js';
import { readDdxplusPatients } from './ddxplus/patients.js';
import { evaluateCommittedModel } from './eval/run-eval.js';
import { runTerminalInterview } from './interview/terminal.js';
import { registerTextDiagnosisCommands } from './text/commands.js';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/** `healthgpt interview` and `healthgpt eval ddx`. */
export function registerDiagnosisCommands(program: Command, cli: CliContext): void {
  registerTextDiagnosisCommands(program, cli);
  program
    .command('interview')
    .description(
      'adaptive patient interview in the terminal: asks questions on stdin, prints the differential',
    )
    .option('--age <years>', 'age in completed years (0–120)')
    .option('--sex <sex>', 'female | male | other | unknown')
    .option('--caregiver', 'a caregiver answers for the patient (simpler, reassuring wording)')
    .option('--complaint <conceptId...>', 'presenting complaint(s), as knowledge-base concept ids')
    .option('--max-turns <n>', 'question budget', '30')
    .action(
      async (options: {
        age?: string;
        sex?: string;
        caregiver?: boolean;
        complaint?: string[];
        maxTurns: string;
      }) => {
        const patient = parsePatient(options);
        const maxTurns = parseTurns(options.maxTurns);
        const findings: Finding[] = (options.complaint ?? []).map((conceptId) => ({
          conceptId,
          status: 'present',
        }));
        const lines = createInterface({ input: process.stdin, terminal: false });
        const iterator = lines[Symbol.asyncIterator]();
        try {
          const result = await runTerminalInterview(ddxEngine(), patient, findings, maxTurns, {
            ask: async (prompt) => {
              process.stderr.write(prompt);
              const next = await iterator.next();
              return next.done ? undefined : next.value;
            },
            say: (text) => process.stderr.write(`${text}\n`),
          });
          cli.print(result, (r) =>
            [
              `Differential after ${r.turns} question(s)${r.stopReason ? ` (${r.stopReason})` : ''}, earned by ${r.hedged.establishedFindings} finding(s) present (the model's own probability in brackets):`,
              ...r.hedged.entries.map(
                (e, i) =>
                  `${String(i + 1).padStart(2)}. ${e.label}${e.icd10 ? ` [${e.icd10}]` : ''}  ${pct(e.share)} (${pct(e.modelProbability)})${e.mustNotMiss ? '  MUST NOT MISS' : ''}`,
              ),
              `    not settled yet / something else  ${pct(r.hedged.notSettled)}`,
              'Decision support, not a diagnosis.',
            ].join('\n'),
          );
        } finally {
          lines.close();
        }
      },
    );

  cli.evalCommand
    .command('ddx')
    .description('differential diagnosis on DDXPlus patients (DDXPlus metrics: GTPA@k, DDR/DDP/DDF1, turns)')
    .requiredOption('--patients <file>', 'CSV in the DDXPlus patient format')
    .option('--mode <mode>', 'full | interactive', 'interactive')
    .option('--max-turns <n>', 'question budget in interactive mode', '30')
    .action((options: { patients: string; mode: string; maxTurns: string }) => {
      if (options.mode !== 'full' && options.mode !== 'interactive') {
        throw HealthGptError.invalid(`--mode must be 'full' or 'interactive', not '${options.mode}'`);
      }
      const maxTurns = parseTurns(options.maxTurns);
      if (!existsSync(options.patients))
        throw new HealthGptError('not-found', `${options.patients}: no such file`);
      let patients: ReturnType<typeof readDdxplusPatients>;
      try {
        patients = readDdxplusPatients(options.patients);
      } catch (error) {
        throw HealthGptError.invalid(`${options.patients}: ${(error as Error).message}`);
      }
      if (patients.length === 0)
        throw HealthGptError.invalid(`${options.patients}: no patients (a header row and no data rows)`);
      const model = ddxEngine().model;
      const unknown = patients.find((p) => !model.index.conditionIndex.has(p.pathology));
      if (unknown)
        throw HealthGptError.invalid(`${options.patients}: unknown pathology '${unknown.pathology}'`);
      const progress = cli.progress(`eval ddx (${options.mode})`, patients.length);
      let result: ReturnType<typeof evaluateCommittedModel>;
      try {
        result = evaluateCommittedModel(model, patients, options.mode, maxTurns, (done) =>
          progress.tick(done),
        );
      } catch (error) {
        throw HealthGptError.invalid(`${options.patients}: ${(error as Error).message}`);
      }
      progress.done();
      cli.print(result, (r) =>
        [
          `n ${r.n} (${r.mode}${r.mode === 'interactive' ? `, at most ${r.max_turns} questions` : ''}), model ${r.model_version}`,
          `GTPA ${pct(r.gtpa)}  @1 ${pct(r.gtpa_at_1)}  @3 ${pct(r.gtpa_at_3)}  @5 ${pct(r.gtpa_at_5)}  @10 ${pct(r.gtpa_at_10)}`,
          `DDR ${pct(r.ddr)}  DDP ${pct(r.ddp)}  DDF1 ${pct(r.ddf1)}`,
          `average questions ${r.avg_turns.toFixed(2)}  must-not-miss recall (top 5) ${pct(r.must_not_miss_recall)} of ${r.must_not_miss_n}  ${r.ms_per_case.toFixed(1)} ms per case`,
        ].join('\n'),
      );
    });
}

function parsePatient(options: { age?: string; sex?: string; caregiver?: boolean }): PatientContext {
  const patient: { ageYears?: number; sex?: PatientContext['sex']; caregiverAnswering?: boolean } = {};
  if (options.age !== undefined) {
    const age = Number(options.age);
    if (!Number.isFinite(age) || age < 0 || age > 120)
      throw HealthGptError.invalid(`--age must be 0–120 years, not '${options.age}'`);
    patient.ageYears = age;
  }
  if (options.sex !== undefined) {
    if (!['female', 'male', 'other', 'unknown'].includes(options.sex)) {
      throw HealthGptError.invalid(`--sex must be female, male, other or unknown, not '${options.sex}'`);
    }
    patient.sex = options.sex as PatientContext['sex'];
  }
  if (options.caregiver) patient.caregiverAnswering = true;
  return patient;
}

function parseTurns(value: string): number {
  const turns = Number(value);
  if (!Number.isInteger(turns) || turns < 0 || turns > 100)
    throw HealthGptError.invalid(`--max-turns must be an integer 0–100, not '${value}'`);
  return turns;
}
