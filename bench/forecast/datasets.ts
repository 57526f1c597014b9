import { readFileSync } from 'node:fs';
import { findDataset } from '../../src/app/datasets.js';
import { type CovariatePoint, parseIliNet } from '../../src/forecast/covariates.js';
import type { HolidayCountry } from '../../src/forecast/holidays.js';
import type { HourlySeries, IngestReport } from '../../src/forecast/hourly-series.js';
import { ingestHourlyCsv } from '../../src/forecast/ingest-hourly.js';
import { HOUR_MS } from '../../src/forecast/time-zone.js';

/** A benchmark series, converted in memory to `timestamp,count` and read through the same ingest as user files. */
export interface BenchSeries {
  readonly id: 'iowa' | 'uk';
  readonly title: string;
  readonly series: HourlySeries;
  readonly report: IngestReport;
  readonly country: HolidayCountry;
  /** Weekly influenza covariate (as-of publication), when one exists for the region. */
  readonly flu?: readonly CovariatePoint[];
}

/**
 * University of Iowa Hospitals & Clinics ED arrivals (fastTS package data; Date + Hour local wall clock, 24 rows a
 * day, so read on a wall-clock grid), with CDC ILINet HHS Region 7 (Iowa's region) as the influenza covariate.
 */
export function loadIowa(): BenchSeries | undefined {
  const path = findDataset('forecasting', 'uihc_ed_arrivals_hourly_2013-2018.csv');
  if (!path) return undefined;
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const date = header.indexOf('Date');
  const hour = header.indexOf('Hour');
  const arrivals = header.indexOf('Arrivals');
  const csv = ['timestamp,count'];
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    csv.push(`${c[date]}T${String(c[hour]).padStart(2, '0')}:00,${c[arrivals]}`);
  }
  const { series, report } = ingestHourlyCsv(csv.join('\n'), { department: 'uihc-ed', timeZone: 'UTC' });
  const iliPath = findDataset('forecasting', 'ilinet_national_hhs_1997-2022.csv');
  const flu = iliPath ? parseIliNet(readFileSync(iliPath, 'utf8'), 'Region 7') : undefined;
  return { id: 'iowa', title: 'Iowa (UIHC) ED', series, report, country: 'US', ...(flu ? { flu } : {}) };
}

/**
 * Rostami-Tabar et al. UK ED (Wales) hourly attendances. The file labels its hours `Z`, but they are UK wall-clock
 * hours: the spring-forward hour (01:00 on the last Sunday of March) is always 0 and the autumn one holds two hours
 * of arrivals (checked: 2016-03-27T01 = 0, 2016-10-30T01 = 20). So it is read as a wall-clock grid, like the paper did.
 */
export function loadUk(): BenchSeries | undefined {
  const path = findDataset('forecasting', 'rostamitabar_uk_ed_hourly_2014-2019.csv');
  if (!path) return undefined;
  const text = readFileSync(path, 'utf8').replace(/^arrival_1h,n_attendance/, 'timestamp,count');
  const { series, report } = ingestHourlyCsv(text, { department: 'uk-ed', timeZone: 'UTC' });
  return { id: 'uk', title: 'UK (Wales) ED', series, report, country: 'GB-EAW' };
}

/** The series named on the command line (`iowa`, `uk`), or both when none is named; those whose file is missing are left out. */
export function loadNamed(names: readonly string[]): BenchSeries[] {
  const ids = names.length > 0 ? names : ['iowa', 'uk'];
  return ids
    .map((id) => (id === 'uk' ? loadUk() : loadIowa()))
    .filter((b): b is BenchSeries => b !== undefined);
}

/** Index of the first hour of the last `hours` hours that end at the series' last whole UTC midnight. */
export function lastWindowStart(series: HourlySeries, hours: number): number {
  const endDay = Math.floor((series.startMs + series.counts.length * HOUR_MS) / 86_400_000) * 86_400_000;
  return Math.round((endDay - series.startMs) / HOUR_MS) - hours;
}
