import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import { auditSubgroups } from './audit.js';
import { type DdxFairnessReport, ddxFairnessReport } from './ddx-fairness.js';
import { readPatientsFile } from './read-patients.js';
import { compareRepairs, REPAIR_STRATEGIES, type RepairStrategy } from './repair.js';
import { auditItemsRequestSchema } from './schemas.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function renderFairness(r: DdxFairnessReport): string {
  return [
    `n ${r.n} (full evidence), model ${r.model_version}: GTPA@1 ${pct(r.overall.gtpa_at_1)} (${pct(r.overall.ci_low)}–${pct(r.overall.ci_high)})`,
    ...r.groups.map(
      (g) =>
        `${g.flagged ? '!' : ' '} ${g.attribute.padEnd(15)} ${g.value.padEnd(8)} n ${String(g.n).padStart(4)}  GTPA@1 ${pct(g.gtpa_at_1).padStart(7)} (${pct(g.ci_low)}–${pct(g.ci_high)})  rest ${pct(g.rest)}  p(Holm) ${g.p_adjusted.toFixed(3)}${g.flagged ? '  FLAGGED: significantly below the rest' : ''}`,
    ),
    `${r.method.test}; ${r.method.correction}; alpha ${r.method.alpha}`,
  ].join('\n');
}

/** `healthgpt eval fairness`, `healthgpt eval repair`, `healthgpt fairness audit`. */
export function registerFairnessCommands(program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('fairness')
    .description(
      'subgroup audit of the active diagnosis model on DDXPlus patients (full evidence): GTPA@1 by sex, age band and sex × age band, bootstrap intervals, flagged groups',
    )
    .requiredOption('--patients <file>', 'CSV in the DDXPlus patient format')
    .option('--resamples <n>', 'bootstrap resamples', '1000')
    .action((options: { patients: string; resamples: string }) => {
      const resamples = positiveInt(options.resamples, '--resamples', 100_000);
      const model = ddxEngine().model;
      const patients = readPatientsFile(options.patients, model, '--patients');
      cli.print(ddxFairnessReport(model, patients, { resamples }), renderFairness);
    });

  cli.evalCommand
    .command('repair')
    .description(
      'repair strategies (none, reweight, balanced sampling) trained on --train, audited on held-out --test: before/after per group',
    )
    .requiredOption('--train <file>', 'DDXPlus patient CSV to train on')
    .requiredOption('--test <file>', 'DDXPlus patient CSV to measure on (never trained on)')
    .option('--epochs <n>', 'training epochs', '40')
    .option(
      '--strategies <list>',
      `comma-separated: ${REPAIR_STRATEGIES.join(', ')}`,
      REPAIR_STRATEGIES.join(','),
    )
    .action((options: { train: string; test: string; epochs: string; strategies: string }) => {
      const model = ddxEngine().model;
      const strategies = options.strategies.split(',').map((s) => s.trim()) as RepairStrategy[];
      const bad = strategies.find((s) => !REPAIR_STRATEGIES.includes(s));
      if (bad) throw HealthGptError.invalid(`--strategies: unknown strategy '${bad}'`);
      const epochs = positiveInt(options.epochs, '--epochs', 200);
      const train = readPatientsFile(options.train, model, '--train');
      const test = readPatientsFile(options.test, model, '--test');
      const spec = model.spec;
      const results = compareRepairs(spec, train, test, { strategies, train: { epochs } }).map(
        ({ report: _report, ...rest }) => rest,
      );
      cli.print({ train: train.length, test: test.length, results }, (r) =>
        r.results
          .map(
            (s) =>
              `${s.strategy.padEnd(9)} GTPA@1 ${pct(s.gtpa_at_1)}  worst-group gap ${pct(s.worst_group_gap)}  ${s.groups.map((g) => `${g.value} ${pct(g.gtpa_at_1)} (${g.change >= 0 ? '+' : ''}${(g.change * 100).toFixed(1)})`).join(', ')}`,
          )
          .join('\n'),
      );
    });

  const fairness = program.command('fairness').description('subgroup audits of any engine');
  fairness
    .command('audit')
    .description(
      'audit any engine from labelled items: a JSON file {"items":[{"correct":true,"attributes":{"sex":"F"},"confidence":0.8}]}',
    )
    .requiredOption('--items <file>', 'JSON file of audit items')
    .action((options: { items: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(options.items, 'utf8'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'invalid';
        throw new HealthGptError(code, `--items ${options.items}: ${(error as Error).message}`);
      }
      const request = parseOrThrow(auditItemsRequestSchema, json, `--items ${options.items}`);
      const report = auditSubgroups(request.items, {
        ...(request.attributes ? { attributes: request.attributes } : {}),
        ...(request.alpha !== undefined ? { alpha: request.alpha } : {}),
      });
      cli.print(report, (r) =>
        [
          `n ${r.n}: right ${pct(r.overall.value_right)} (${pct(r.overall.ci_low)}–${pct(r.overall.ci_high)})`,
          ...r.groups.map(
            (g) =>
              `${g.flagged ? '!' : ' '} ${g.attribute} ${g.value}: n ${g.n}, ${pct(g.value_right)} (${pct(g.ci_low)}–${pct(g.ci_high)}), p(Holm) ${g.p_adjusted.toFixed(3)}`,
          ),
        ].join('\n'),
      );
    });
}

function positiveInt(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw HealthGptError.invalid(`${flag} must be an integer 1–${max}, not '${value}'`);
  return n;
}
