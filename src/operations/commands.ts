import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import type { HolidayCountry } from '../forecast/holidays.js';
import { ingestHourlyCsv } from '../forecast/ingest-hourly.js';
import { MODEL_IDS, type ModelId } from '../forecast/models/registry.js';
import { isValidTimeZone } from '../forecast/time-zone.js';
import { DEFAULT_SIZING } from './rotas.js';
import { evaluateScannerBooking } from './scanner.js';
import { DEFAULT_SERVICE } from './simulate.js';
import {
  evaluateStaffingCsv,
  MAX_MIN_STAFF,
  MAX_SEEDS,
  MAX_SHIFT_HOURS,
  ROTA_IDS,
  type StaffingEvaluation,
} from './staffing-eval.js';

function positiveInteger(flag: string, max = Number.POSITIVE_INFINITY) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw HealthGptError.invalid(`${flag} must be a positive whole number (got '${value}')`);
    if (n > max) throw HealthGptError.invalid(`${flag} must be at most ${max} (got '${value}')`);
    return n;
  };
}

function positiveNumber(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw HealthGptError.invalid(`${flag} must be a number > 0 (got '${value}')`);
    return n;
  };
}

function readSeries(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new HealthGptError('not-found', `cannot read series '${path}': ${(error as Error).message}`);
  }
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function human(r: StaffingEvaluation): string {
  const lines = [
    `${r.weeks} weeks (${r.first_hour} … ${r.last_hour}), ${r.patients} arrivals, ${r.seeds} seeds, ${r.staff_hours} staff-hours per rota`,
    'rota       mean wait (95 % CI)          p90 wait (95 % CI)            over 4 h   staff/hour',
  ];
  for (const id of ROTA_IDS) {
    const x = r.rotas[id];
    const i = x.interval95;
    lines.push(
      `${id.padEnd(10)} ${`${x.mean_wait_min} min (${i.mean_wait_min.lower}–${i.mean_wait_min.upper})`.padEnd(28)} ${`${x.p90_wait_min} min (${i.p90_wait_min.lower}–${i.p90_wait_min.upper})`.padEnd(29)} ${pct(x.share_over_4h).padStart(8)}   ${x.min_staff}–${x.max_staff}`,
    );
  }
  lines.push(
    `forecast-driven mean wait vs flat: ${pct(r.mean_wait_reduction.vs_flat)} shorter; vs template: ${pct(r.mean_wait_reduction.vs_template)} shorter`,
  );
  return lines.join('\n');
}

/**
 * `healthgpt eval staffing --series FILE.csv --test-start YYYY-MM-DD [--weeks 8] [--seeds 5] --json`: flat,
 * historical-template and forecast-driven rotas at equal staff-hours, simulated against the file's real arrivals.
 */
export function registerOperationsCommands(_program: Command, cli: CliContext): void {
  cli.evalCommand
    .command('staffing')
    .description(
      'simulate waits under flat, historical-template and forecast-driven rotas at equal staff-hours (timestamp,count CSV)',
    )
    .requiredOption('--series <file>', 'CSV with header timestamp,count (one row per hour)')
    .requiredOption('--test-start <date>', 'YYYY-MM-DD: the simulated period starts at 00:00 that day')
    .option('--weeks <n>', 'weeks simulated', positiveInteger('--weeks'), 8)
    .option(
      '--seeds <n>',
      'simulation seeds (arrival times within the hour and service times)',
      positiveInteger('--seeds', MAX_SEEDS),
      5,
    )
    .option('--model <id>', `forecast model: ${MODEL_IDS.join(', ')}`, 'count-regression')
    .option('--country <code>', 'public holidays: US, GB-EAW or none', 'none')
    .option('--time-zone <zone>', 'IANA zone for naive timestamps and calendar features', 'UTC')
    .option(
      '--service-mean <min>',
      'mean clinician time per patient, minutes',
      positiveNumber('--service-mean'),
      DEFAULT_SERVICE.meanMinutes,
    )
    .option(
      '--service-cv <cv>',
      'coefficient of variation of clinician time (lognormal)',
      positiveNumber('--service-cv'),
      1,
    )
    .option(
      '--shift-hours <h>',
      `shift length, hours (at most ${MAX_SHIFT_HOURS})`,
      positiveInteger('--shift-hours', MAX_SHIFT_HOURS),
      DEFAULT_SIZING.shiftHours,
    )
    .option(
      '--min-staff <n>',
      `fewest clinicians on duty in any hour (at most ${MAX_MIN_STAFF})`,
      positiveInteger('--min-staff', MAX_MIN_STAFF),
      DEFAULT_SIZING.minStaff,
    )
    .option(
      '--staff-hours <n>',
      "staff-hours for every rota (default: the forecast plan's)",
      positiveInteger('--staff-hours'),
    )
    .action(
      (options: {
        series: string;
        testStart: string;
        weeks: number;
        seeds: number;
        model: string;
        country: string;
        timeZone: string;
        serviceMean: number;
        serviceCv: number;
        shiftHours: number;
        minStaff: number;
        staffHours?: number;
      }) => {
        if (!(MODEL_IDS as readonly string[]).includes(options.model))
          throw HealthGptError.invalid(`unknown model '${options.model}' (one of ${MODEL_IDS.join(', ')})`);
        if (!['US', 'GB-EAW', 'none'].includes(options.country))
          throw HealthGptError.invalid('--country must be US, GB-EAW or none');
        let csv: string;
        try {
          csv = readFileSync(options.series, 'utf8');
        } catch (error) {
          throw new HealthGptError(
            'not-found',
            `cannot read series '${options.series}': ${(error as Error).message}`,
          );
        }
        const result = evaluateStaffingCsv(csv, {
          testStart: options.testStart,
          weeks: options.weeks,
          seeds: options.seeds,
          model: options.model as ModelId,
          country: options.country as HolidayCountry,
          timeZone: options.timeZone,
          service: { kind: 'lognormal', meanMinutes: options.serviceMean, cv: options.serviceCv },
          sizing: { shiftHours: options.shiftHours, minStaff: options.minStaff },
          ...(options.staffHours !== undefined ? { staffHours: options.staffHours } : {}),
        });
        cli.print(result, human);
      },
    );

  cli.evalCommand
    .command('scanner')
    .description(
      'scanner booking in days: forecast-following slots (fixed two days ahead) vs fixed slots at equal total (timestamp,count CSV)',
    )
    .requiredOption('--series <file>', 'CSV with header timestamp,count (one row per hour)')
    .requiredOption('--test-start <date>', 'YYYY-MM-DD: the simulated period starts at 00:00 that day')
    .option('--weeks <n>', 'weeks simulated', positiveInteger('--weeks'), 8)
    .option(
      '--seeds <n>',
      `simulation seeds (at most ${MAX_SEEDS})`,
      positiveInteger('--seeds', MAX_SEEDS),
      5,
    )
    .option('--share <p>', 'share of arrivals that need a booking (0–1]', positiveNumber('--share'), 0.3)
    .option('--model <id>', `forecast model: ${MODEL_IDS.join(', ')}`, 'count-regression')
    .option('--country <code>', 'public holidays: US, GB-EAW or none', 'none')
    .option('--time-zone <zone>', 'IANA zone for naive timestamps and calendar features', 'UTC')
    .action(
      (options: {
        series: string;
        testStart: string;
        weeks: number;
        seeds: number;
        share: number;
        model: string;
        country: string;
        timeZone: string;
      }) => {
        if (!(MODEL_IDS as readonly string[]).includes(options.model))
          throw HealthGptError.invalid(`unknown model '${options.model}' (one of ${MODEL_IDS.join(', ')})`);
        if (!['US', 'GB-EAW', 'none'].includes(options.country))
          throw HealthGptError.invalid('--country must be US, GB-EAW or none');
        if (!isValidTimeZone(options.timeZone))
          throw HealthGptError.invalid(`unknown time zone '${options.timeZone}'`);
        const { series } = ingestHourlyCsv(readSeries(options.series), { timeZone: options.timeZone });
        const result = evaluateScannerBooking(series, {
          testStart: options.testStart,
          weeks: options.weeks,
          seeds: options.seeds,
          share: options.share,
          model: options.model as ModelId,
          country: options.country as HolidayCountry,
        });
        cli.print(result, (r) =>
          [
            `${r.days} days, ${r.requests} requests, ${r.seeds} seeds, ${r.policies.forecast.slots_total} slots per policy`,
            ...(['fixed', 'forecast'] as const).map((id) => {
              const p = r.policies[id];
              return `${id.padEnd(9)} mean wait ${p.mean_wait_days} days (${p.interval95.mean_wait_days.lower}–${p.interval95.mean_wait_days.upper}), p90 ${p.p90_wait_days} days, max backlog ${p.max_backlog}, unused slots ${p.unused_slots}`;
            }),
          ].join('\n'),
        );
      },
    );
}
