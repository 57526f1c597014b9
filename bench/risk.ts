/**
 * `npm run bench:risk`: a sanity check of size–risk behaviour of the nodule models on real nodules.
 *
 * Data: LIDC-IDRI / LUNA16 nodule table (`images/lidc_nodule_tables/`, see its SOURCE.txt): 1,004 nodules with a
 * diameter and a binary malignancy label derived from LIDC radiologists' ratings (not pathology). No age, sex,
 * smoking, location or morphology is available, so the models run with size only and every other input at its
 * reference value (Brock: age 62, male, no family history, no emphysema, solid, lower lobe, 4 nodules, no
 * spiculation; Mayo: age 62, non-smoker, no cancer, no spiculation, lower lobe). Size-only Brock and Mayo are both
 * monotone in diameter, so on the same nodules their AUCs are identical by construction: the benchmark measures
 * how well diameter alone ranks these labels. A second Brock variant adds the real per-series nodule count (from
 * the LUNA16 annotation list). AUC 95 % intervals: percentile bootstrap (2,000 resamples, seed 20240601), resampling
 * CT series (nodules of one scan are not independent).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { BROCK_COEFFICIENTS, brockContributions, brockNotApplicable } from '../src/risk/brock.js';
import { mayoNotApplicable, mayoProbability } from '../src/risk/mayo.js';
import { type BootstrapInterval, bootstrapAuc } from '../src/risk/metrics.js';
import { logistic, sumTerms } from '../src/risk/risk-engine.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

interface Nodule {
  readonly series: string;
  readonly diameterMm: number;
  readonly malignant: 0 | 1;
}

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

const dir = requireDataset('images', 'lidc_nodule_tables');
const rows = readCsv(join(dir, 'luna16_malignancy_annotationdetclssgm_doctor.csv'));
const header = rows[0]!;
const col = (name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`column '${name}' missing`);
  return i;
};
const nodules: Nodule[] = rows.slice(1).map((r) => ({
  series: r[col('seriesuid')]!,
  diameterMm: Number(r[col('diameter_mm')]),
  malignant: Number(r[col('malignant')]) === 1 ? 1 : 0,
}));
const annotations = readCsv(join(dir, 'luna16_annotations.csv')).slice(1);
const countBySeries = new Map<string, number>();
for (const a of annotations) countBySeries.set(a[0]!, (countBySeries.get(a[0]!) ?? 0) + 1);
const nodulesInTable = new Map<string, number>();
for (const n of nodules) nodulesInTable.set(n.series, (nodulesInTable.get(n.series) ?? 0) + 1);

const reference = {
  age: 62,
  sex: 'male' as const,
  familyHistoryLungCancer: false,
  emphysema: false,
  noduleType: 'solid' as const,
  upperLobe: false,
  spiculation: false,
};
const brock = (diameterMm: number, noduleCount = 4) =>
  logistic(
    sumTerms(
      brockContributions({ ...reference, noduleDiameterMm: diameterMm, noduleCount }),
      BROCK_COEFFICIENTS.intercept,
    ),
  );
const mayo = (diameterMm: number) =>
  mayoProbability({
    age: 62,
    smoker: false,
    extrathoracicCancerOver5y: false,
    noduleDiameterMm: diameterMm,
    spiculation: false,
    upperLobe: false,
  });

const brockOk = nodules.filter((n) => !brockNotApplicable({ age: 62, noduleDiameterMm: n.diameterMm }));
const mayoOk = nodules.filter((n) => !mayoNotApplicable({ age: 62, noduleDiameterMm: n.diameterMm }));

function evaluate(set: readonly Nodule[], score: (n: Nodule) => number): BootstrapInterval {
  return bootstrapAuc(
    set.map(score),
    set.map((n) => n.malignant),
    { resamples: 2000, seed: 20240601, clusters: set.map((n) => n.series) },
  );
}

const results: { name: string; set: readonly Nodule[]; auc: BootstrapInterval; note: string }[] = [
  {
    name: 'Brock, size only',
    set: brockOk,
    auc: evaluate(brockOk, (n) => brock(n.diameterMm)),
    note: 'nodules in Brock range (1–30 mm)',
  },
  {
    name: 'Brock, size + nodule count',
    set: brockOk,
    auc: evaluate(brockOk, (n) =>
      brock(n.diameterMm, Math.max(1, countBySeries.get(n.series) ?? nodulesInTable.get(n.series) ?? 1)),
    ),
    note: 'count = LUNA16 annotations in the series',
  },
  {
    name: 'Mayo, size only',
    set: mayoOk,
    auc: evaluate(mayoOk, (n) => mayo(n.diameterMm)),
    note: 'nodules in Mayo range (4–30 mm)',
  },
  {
    name: 'Brock, size only, Mayo range',
    set: mayoOk,
    auc: evaluate(mayoOk, (n) => brock(n.diameterMm)),
    note: 'same nodules as Mayo',
  },
];

const f = (x: number) => x.toFixed(3);
const table = markdownTable(
  ['model', 'nodules (malignant)', 'series', 'AUC', '95 % CI (series bootstrap)', 'population'],
  results.map((r) => [
    r.name,
    `${r.set.length} (${r.set.filter((n) => n.malignant === 1).length})`,
    new Set(r.set.map((n) => n.series)).size,
    f(r.auc.estimate),
    `${f(r.auc.low)}–${f(r.auc.high)}`,
    r.note,
  ]),
);
const meanDiameter = (label: 0 | 1) => {
  const d = nodules.filter((n) => n.malignant === label).map((n) => n.diameterMm);
  return d.reduce((a, b) => a + b, 0) / d.length;
};
const body = [
  `Size–risk sanity check of the lung nodule models on ${nodules.length} LUNA16 nodules (${nodules.filter((n) => n.malignant === 1).length} malignant) from LIDC-IDRI. ` +
    `Mean diameter ${meanDiameter(1).toFixed(1)} mm (malignant) vs ${meanDiameter(0).toFixed(1)} mm (benign). ` +
    `${nodules.length - brockOk.length} nodules fall outside the Brock range and ${nodules.length - mayoOk.length} outside the Mayo range (4–30 mm); the models answer "not applicable" for them.`,
  '',
  table,
  '',
  'Limits: the label is the LIDC readers’ malignancy rating (not pathology), and readers weigh size when rating, so',
  'size-label agreement is partly circular; no patient data (age, sex, smoking) or morphology is available, so this',
  'is not a validation of Brock or Mayo. Size-only Brock and Mayo are monotone in diameter and give the same AUC on',
  'the same nodules.',
].join('\n');

console.log(table);
updateBenchmarkSection('risk', 'Risk: lung nodule models on LUNA16 (size only)', 'npm run bench:risk', body);
console.log('\nwrote the risk section of docs/benchmarks.md');
