import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { evaluateBundles, totals } from './evaluate.js';

describeWithDataset(
  'FHIR import of the public Synthea R4 bundles',
  ['fhir', 'synthea_r4', 'bundles'],
  (dir) => {
    const rows = evaluateBundles(dir);
    const sum = totals(rows);

    it('finds all 24 bundles and imports every one', () => {
      expect(rows).toHaveLength(24);
      expect(rows.filter((r) => !r.imported).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
    });

    it('keeps every Observation and Condition, at least 95 % of them with a name', () => {
      for (const row of rows) {
        expect(row.observations.kept, row.file).toBe(row.observations.resources);
        expect(row.conditions.kept, row.file).toBe(row.conditions.resources);
        expect(row.observations.resources + row.conditions.resources, row.file).toBeGreaterThan(0);
      }
      expect(sum.keptWithNameShare).toBeGreaterThanOrEqual(0.95);
    });

    it('maps smoking status, blood pressure components and the common conditions', () => {
      const all = rows.flatMap((r) => Object.keys(r.report?.byType ?? {}));
      expect(all).toContain('Condition');
      // Every bundle has smoking status and blood pressure; each is mapped (not kept as a bare code).
      for (const row of rows) expect(row.observations.mapped, row.file).toBeGreaterThan(0);
      expect(sum.mappedItems / sum.codedItems).toBeGreaterThan(0.5);
    });
  },
);
