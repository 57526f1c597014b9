/**
 * `npm run bench:fhir`: imports every public Synthea R4 bundle (`fhir/synthea_r4/bundles/` under
 * HEALTHGPT_DATA_DIR, see its SOURCE.txt) and reports, per bundle, how many Observations and Conditions were kept,
 * kept with a name and mapped to a HealthGPT concept (knowledge-base id or a known LOINC observation), the share of
 * coded items mapped, and the import time. Writes the `fhir` section of docs/benchmarks.md.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { requireDataset } from '../src/app/datasets.js';
import { bundleFiles, evaluateBundleFile, totals } from '../src/fhir/evaluate.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

const dir = requireDataset('fhir', 'synthea_r4', 'bundles');
const started = performance.now();
const rows = bundleFiles(dir).map((file, index) => ({
  ...evaluateBundleFile(join(dir, file), file),
  label: `bundle ${String(index + 1).padStart(2, '0')}`,
}));
const elapsedMs = performance.now() - started;
const sum = totals(rows);
const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);
const tally = (t: { resources: number; kept: number; named: number; mapped: number }) =>
  `${t.kept}/${t.resources} (${t.named} named, ${t.mapped} mapped)`;

// Bundles are numbered in file-name order, not named: the file names are the synthetic patients' names.
const perBundle = markdownTable(
  [
    'bundle',
    'imported',
    'Observations kept (named, mapped)',
    'Conditions kept (named, mapped)',
    'coded items mapped',
  ],
  rows.map((r) => [
    r.label,
    r.imported ? 'yes' : `no: ${r.error ?? ''}`,
    tally(r.observations),
    tally(r.conditions),
    `${r.mappedItems}/${r.codedItems} (${pct(r.mappedItems, r.codedItems)})`,
  ]),
);
const ignored = new Map<string, number>();
for (const r of rows)
  for (const [type, n] of Object.entries(r.report?.ignored ?? {}))
    ignored.set(type, (ignored.get(type) ?? 0) + n);
const both = {
  resources: sum.observations.resources + sum.conditions.resources,
  named: sum.observations.named + sum.conditions.named,
};
const summary = markdownTable(
  ['measure', 'value'],
  [
    ['bundles imported', `${sum.imported}/${sum.bundles}`],
    ['Observations kept', `${sum.observations.kept}/${sum.observations.resources}`],
    ['Conditions kept', `${sum.conditions.kept}/${sum.conditions.resources}`],
    [
      'Observations and Conditions kept with a name',
      `${both.named}/${both.resources} (${pct(both.named, both.resources)})`,
    ],
    ['Observations mapped', pct(sum.observations.mapped, sum.observations.kept)],
    ['Conditions mapped', pct(sum.conditions.mapped, sum.conditions.kept)],
    [
      'coded items mapped (findings and values)',
      `${sum.mappedItems}/${sum.codedItems} (${pct(sum.mappedItems, sum.codedItems)})`,
    ],
    ['import time, all bundles (parse + import)', `${elapsedMs.toFixed(0)} ms`],
  ],
);
const body = [
  `Import of the ${sum.bundles} public Synthea R4 bundles (synthetic patients; \`fhir/synthea_r4\`). "Kept" = the resource became a case item (a panel counts when its components did); "named" = the item carries a display name; "mapped" = its code maps to a knowledge-base concept or condition, or is a LOINC observation HealthGPT reads (mapping table in docs/fhir.md). Resource types not imported, summed: ${[...ignored.entries()].map(([t, n]) => `${t} ${n}`).join(', ')}.`,
  '',
  summary,
  '',
  perBundle,
].join('\n');

console.log(summary);
console.log();
console.log(perBundle);
updateBenchmarkSection('fhir', 'FHIR: import of the public Synthea R4 bundles', 'npm run bench:fhir', body);
console.log('\nwrote the fhir section of docs/benchmarks.md');
