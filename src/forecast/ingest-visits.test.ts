import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { ingestEncounterBundle, ingestVisitCsv } from './ingest-visits.js';

describe('visit-level ingest', () => {
  it('aggregates visits to hourly series per department, zeros for empty hours, ids counted once', () => {
    const { series, report } = ingestVisitCsv(
      [
        'id,timestamp,department',
        'a,2024-03-01T08:10:00Z,ED',
        'b,2024-03-01T08:50:00Z,ED',
        'b,2024-03-01T08:50:00Z,ED',
        'c,2024-03-01T10:05:00Z,ED',
        'd,2024-03-01T09:30:00Z,Radiology',
      ].join('\n'),
    );
    expect(series.map((s) => s.department)).toEqual(['ED', 'Radiology']);
    expect(Array.from(series[0]!.counts)).toEqual([2, 0, 1]);
    expect(Array.from(series[1]!.counts)).toEqual([0, 1, 0]);
    expect(report).toMatchObject({ gapRepair: 'zero', duplicateRowsDropped: 1, hours: 3 });
  });

  it('reads FHIR Encounter bundles by period.start, skipping cancelled and repeated encounters', () => {
    const encounter = (id: string, start: string, status = 'finished', service = 'Emergency') => ({
      resource: {
        resourceType: 'Encounter' as const,
        id,
        status,
        class: { code: 'EMER' },
        serviceType: { coding: [{ code: service, display: service }] },
        period: { start },
      },
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        encounter('1', '2024-03-01T08:10:00+01:00'),
        encounter('2', '2024-03-01T07:20:00Z'),
        encounter('2', '2024-03-01T07:20:00Z'),
        encounter('3', '2024-03-01T09:00:00Z', 'cancelled'),
        encounter('4', '2024-03-01T08:00:00Z', 'finished', 'Imaging'),
      ],
    } as Bundle;
    const { series, report } = ingestEncounterBundle(bundle);
    const ed = series.find((s) => s.department === 'Emergency')!;
    expect(ed.startMs).toBe(Date.parse('2024-03-01T07:00:00Z'));
    expect(Array.from(ed.counts)).toEqual([2, 0]);
    expect(Array.from(series.find((s) => s.department === 'Imaging')!.counts)).toEqual([0, 1]);
    expect(report.warnings.join(' ')).toMatch(/1 cancelled.*1 encounters with a repeated id/);
  });
});
