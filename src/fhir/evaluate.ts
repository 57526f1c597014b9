import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportReport, importBundle, type ResourceTally } from './import-bundle.js';
import { isKnownLoinc, mapCodings } from './mapping.js';

/** One bundle's import: what it held and what was kept, named and mapped (Observations and Conditions). */
export interface BundleImportRow {
  readonly file: string;
  readonly imported: boolean;
  readonly error?: string;
  readonly observations: ResourceTally;
  readonly conditions: ResourceTally;
  /** Coded items of the case (findings and observations with a code from the record) and how many were mapped. */
  readonly codedItems: number;
  readonly mappedItems: number;
  readonly report?: ImportReport;
}

const EMPTY: ResourceTally = { resources: 0, kept: 0, named: 0, mapped: 0 };

/** Imports one bundle file and counts it (never throws: a refused bundle is a row with `imported: false`). */
export function evaluateBundleFile(
  path: string,
  file: string,
  today = new Date('2026-01-01T00:00:00Z'),
): BundleImportRow {
  try {
    const { case: c, report } = importBundle(JSON.parse(readFileSync(path, 'utf8')) as unknown, { today });
    const coded = [
      ...c.findings
        .filter((f) => f.source?.coding?.length && !f.source.derived)
        .map((f) => ({ codings: f.source?.coding ?? [] })),
      ...c.observations.map((o) => ({ codings: o.source?.coding ?? [o.code] })),
    ];
    const mapped = coded.filter(
      ({ codings }) => codings.some(isKnownLoinc) || mapCodings(codings) !== undefined,
    );
    // Smoking answers map through the answer, not the code: count the finding's concept id instead.
    const smokingMapped = c.findings.filter(
      (f) =>
        f.source?.valueCoding?.length && !f.conceptId.includes('|') && !mapCodings(f.source.coding ?? []),
    ).length;
    return {
      file,
      imported: true,
      observations: report.byType.Observation ?? EMPTY,
      conditions: report.byType.Condition ?? EMPTY,
      codedItems: coded.length,
      mappedItems: mapped.length + smokingMapped,
      report,
    };
  } catch (error) {
    return {
      file,
      imported: false,
      error: error instanceof Error ? error.message : String(error),
      observations: EMPTY,
      conditions: EMPTY,
      codedItems: 0,
      mappedItems: 0,
    };
  }
}

/** Every bundle file in a folder (any name: one public Synthea file name ends in a quote), sorted. */
export function bundleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.includes('.json'))
    .sort();
}

/** Imports every bundle of a folder. */
export function evaluateBundles(dir: string): BundleImportRow[] {
  return bundleFiles(dir).map((file) => evaluateBundleFile(join(dir, file), file));
}

/** Totals over rows: Observations and Conditions read, kept, named and mapped; coded items mapped. */
export function totals(rows: readonly BundleImportRow[]) {
  const add = (a: ResourceTally, b: ResourceTally): ResourceTally => ({
    resources: a.resources + b.resources,
    kept: a.kept + b.kept,
    named: a.named + b.named,
    mapped: a.mapped + b.mapped,
  });
  const observations = rows.reduce((t, r) => add(t, r.observations), EMPTY);
  const conditions = rows.reduce((t, r) => add(t, r.conditions), EMPTY);
  const both = add(observations, conditions);
  return {
    bundles: rows.length,
    imported: rows.filter((r) => r.imported).length,
    observations,
    conditions,
    keptWithNameShare: both.resources === 0 ? 0 : both.named / both.resources,
    codedItems: rows.reduce((s, r) => s + r.codedItems, 0),
    mappedItems: rows.reduce((s, r) => s + r.mappedItems, 0),
  };
}
