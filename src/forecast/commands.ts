import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { HealthGptError } from '../engine/errors.js';
import type { DateRange } from './calendar.js';
import { covariateMatrix, parseCovariateCsv } from './covariates.js';
import { type DepartmentForecast, forecastDepartment } from './department-forecast.js';
import { evaluateSeriesCsv } from './evaluate.js';
import type { HolidayCountry } from './holidays.js';
import { ingestHourlyCsv } from './ingest-hourly.js';
import { MODEL_IDS, type ModelId } from './models/registry.js';
import { renderForecastPng } from './plot-png.js';
import { policiesFor } from './request.js';
import { isValidTimeZone } from './time-zone.js';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new HealthGptError('not-found', `cannot read ${what} '${path}': ${(error as Error).message}`);
  }
}

function integer(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw HealthGptError.invalid(`${name} must be a positive whole number (got '${value}')`);
    return n;
  };
}

function checkChoices(model: string, country: string, timeZone: string) {
  if (!(MODEL_IDS as readonly string[]).includes(model)) {
    throw HealthGptError.invalid(`unknown model '${model}' (one of ${MODEL_IDS.join(', ')})`);
  }
  if (!['US', 'GB-EAW', 'none'].includes(country))
    throw HealthGptError.invalid(`--country must be US, GB-EAW or none`);
  if (!isValidTimeZone(timeZone)) throw HealthGptError.invalid(`unknown time zone '${timeZone}'`);
}

/** `YYYY-MM-DD:YYYY-MM-DD[,…]` → date ranges. */
export function parseDateRanges(text: string): DateRange[] {
  return text.split(',').map((part) => {
    const m = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(part.trim());
    if (!m || m[1]! > m[2]!)
      throw HealthGptError.invalid(`--school-holidays: '${part}' is not START:END (YYYY-MM-DD:YYYY-MM-DD)`);
    return { start: m[1]!, end: m[2]! };
  });
}

const fmt = (v: number) => v.toFixed(1).padStart(6);

function humanForecast(f: DepartmentForecast): string {
  const lines = [
    `${f.department}: ${f.horizon} h from ${f.origin} (${f.model})`,
    'hour                     mean   80% interval    95% interval   clinicians  imaging',
  ];
  const clinicians = f.staffing.find((s) => s.resource === 'clinicians');
  const imaging = f.staffing.find((s) => s.resource === 'imaging');
  f.hours.forEach((h, i) => {
    lines.push(
      `${h.hour.slice(0, 16).padEnd(22)} ${fmt(h.mean)} ${fmt(h.lower80)}–${fmt(h.upper80).trim().padEnd(6)} ${fmt(h.lower95)}–${fmt(h.upper95).trim().padEnd(6)} ${String(clinicians?.hours[i]?.needed ?? '').padStart(10)} ${String(imaging?.hours[i]?.needed ?? '').padStart(8)}`,
    );
  });
  lines.push(f.alerts.length ? `${f.alerts.length} surge alerts:` : 'no surge alerts');
  for (const a of f.alerts.slice(0, 20))
    lines.push(`  ${a.severity.toUpperCase()} ${a.hour.slice(0, 16)} ${a.message}`);
  return lines.join('\n');
}

/**
 * `healthgpt forecast --series FILE.csv [--horizon 72] [--plot out.png] [--json]` and
 * `healthgpt eval forecast --series FILE.csv --test-start YYYY-MM-DD [--horizon 72] [--origin-step 24] [--covariates FILE.csv] --json`.
 */
export function registerForecastCommands(program: Command, cli: CliContext): void {
  program
    .command('forecast')
    .description('forecast hourly arrivals (timestamp,count CSV) with intervals, staffing and surge alerts')
    .requiredOption('--series <file>', 'CSV with header timestamp,count (one row per hour)')
    .option('--horizon <hours>', 'hours ahead (1–168)', integer('--horizon'), 72)
    .option('--model <id>', `model: ${MODEL_IDS.join(', ')}`, 'count-regression')
    .option('--country <code>', 'public holidays: US, GB-EAW or none', 'none')
    .option('--time-zone <zone>', 'IANA zone for naive timestamps and calendar features', 'UTC')
    .option('--department <id>', 'department name in the output', 'default')
    .option('--covariates <file>', 'CSV timestamp,<name>… (timestamp = when each value became available)')
    .option(
      '--school-holidays <ranges>',
      'school-holiday periods, e.g. 2024-07-22:2024-09-03,2024-10-28:2024-11-01',
    )
    .option('--clinicians <n>', 'rostered clinicians per hour, for surge alerts', integer('--clinicians'))
    .option('--scanners <n>', 'imaging slots per hour, for surge alerts', integer('--scanners'))
    .option('--plot <file>', 'write a PNG chart of history, forecast and intervals')
    .action(
      (options: {
        series: string;
        horizon: number;
        model: string;
        country: string;
        timeZone: string;
        department: string;
        covariates?: string;
        schoolHolidays?: string;
        clinicians?: number;
        scanners?: number;
        plot?: string;
      }) => {
        checkChoices(options.model, options.country, options.timeZone);
        const text = readText(options.series, 'series');
        const forecast = (() => {
          const { series, report } = ingestHourlyCsv(text, {
            timeZone: options.timeZone,
            department: options.department,
          });
          const covariates = options.covariates
            ? covariateMatrix(
                parseCovariateCsv(readText(options.covariates, 'covariates'), { timeZone: options.timeZone }),
                series.startMs,
                series.counts.length,
              )
            : undefined;
          const schoolHolidays = options.schoolHolidays ? parseDateRanges(options.schoolHolidays) : undefined;
          return forecastDepartment(series, {
            horizon: options.horizon,
            ...(schoolHolidays ? { schoolHolidays } : {}),
            model: options.model as ModelId,
            country: options.country as HolidayCountry,
            ...(covariates ? { covariates } : {}),
            policies: policiesFor([
              ...(options.clinicians !== undefined
                ? [{ id: 'clinicians' as const, capacity: options.clinicians }]
                : []),
              ...(options.scanners !== undefined
                ? [{ id: 'imaging' as const, capacity: options.scanners }]
                : []),
            ]),
            ingest: report,
          });
        })();
        if (options.plot) writeFileSync(options.plot, renderForecastPng(forecast));
        cli.print(forecast, humanForecast);
      },
    );

  cli.evalCommand
    .command('forecast')
    .description('rolling-origin evaluation of a timestamp,count CSV against the weekly seasonal naive')
    .requiredOption('--series <file>', 'CSV with header timestamp,count (ISO 8601 hours, one row per hour)')
    .requiredOption('--test-start <date>', 'YYYY-MM-DD: first origin at 00:00 that day')
    .option('--horizon <hours>', 'hours ahead from each origin', integer('--horizon'), 72)
    .option('--origin-step <hours>', 'hours between origins', integer('--origin-step'), 24)
    .option('--covariates <file>', 'CSV timestamp,<name>… (timestamp = when each value became available)')
    .option('--model <id>', `model: ${MODEL_IDS.join(', ')}`, 'count-regression')
    .option('--country <code>', 'public holidays: US, GB-EAW or none', 'none')
    .option('--time-zone <zone>', 'IANA zone for naive timestamps and calendar features', 'UTC')
    .action(
      (options: {
        series: string;
        testStart: string;
        horizon: number;
        originStep: number;
        covariates?: string;
        model: string;
        country: string;
        timeZone: string;
      }) => {
        checkChoices(options.model, options.country, options.timeZone);
        const csv = readText(options.series, 'series');
        const covariatesCsv = options.covariates ? readText(options.covariates, 'covariates') : undefined;
        const result = evaluateSeriesCsv(csv, {
          testStart: options.testStart,
          horizon: options.horizon,
          originStep: options.originStep,
          model: options.model as ModelId,
          country: options.country as HolidayCountry,
          timeZone: options.timeZone,
          ...(covariatesCsv !== undefined ? { covariatesCsv } : {}),
        });
        cli.print(result, (r) =>
          [
            `${r.n_origins} origins × ${r.horizon} h (${r.first_origin} … ${r.last_origin}), ${r.ms_per_origin} ms/origin`,
            `${r.model.id}: MASE ${r.model.mase}  RMSE ${r.model.rmse}  MAE ${r.model.mae}  pinball ${r.model.pinball}  80% ${r.model.coverage80}  95% ${r.model.coverage95}`,
            `weekly seasonal naive: MASE ${r.seasonal_naive.mase}  RMSE ${r.seasonal_naive.rmse}  MAE ${r.seasonal_naive.mae}`,
          ].join('\n'),
        );
      },
    );
}
