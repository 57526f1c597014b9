import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import {
  type AnyEngine,
  type EngineKind,
  type EngineResult,
  OUTPUT_KINDS,
  type ValidationMetric,
} from './engine.js';
import { toAssessment } from './to-assessment.js';

const ROOT = join(import.meta.dirname, '..', '..');
const KINDS: readonly EngineKind[] = ['intake', 'diagnosis', 'risk', 'vision', 'forecast', 'triage', 'other'];
const ID = /^([a-z]+)\.[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

interface BenchmarkTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The text of one cell of `docs/benchmarks.json` (what the benchmark commands write), or why it is not there. */
function benchmarkCell(cell: NonNullable<ValidationMetric['cell']>): string {
  const results = JSON.parse(readFileSync(join(ROOT, 'docs', 'benchmarks.json'), 'utf8')) as {
    sections: { id: string; blocks: ({ table: BenchmarkTable } | { text: string })[] }[];
  };
  const section = results.sections.find((s) => s.id === cell.section);
  const table = section?.blocks.flatMap((b) => ('table' in b ? [b.table] : []))[cell.table - 1];
  if (!table) return `no table ${cell.table} in section '${cell.section}'`;
  const matches = (value: string | undefined, key: string) =>
    key.endsWith('…') ? value?.startsWith(key.slice(0, -1)) === true : value === key;
  const rows = table.rows.filter((row) => cell.row.every((key, i) => matches(row[i], key)));
  const column = table.header.indexOf(cell.column);
  if (rows.length !== 1 || column < 0)
    return `${rows.length} rows match ${JSON.stringify(cell.row)}, column ${column}`;
  return rows[0]![column] ?? '';
}

/** How a benchmark value can appear in the file it was written to (0.9925, 0.993, 0.729 …). */
function writtenForms(value: number): string[] {
  return [
    String(value),
    value.toFixed(2),
    value.toFixed(3),
    value.toFixed(4),
    `${(value * 100).toFixed(1)} %`,
  ];
}

export interface EngineContractOptions {
  /** Cases to try `fromCase` on: every input it returns must pass the engine's schema. */
  readonly cases: readonly ClinicalCase[];
  /**
   * Engines with `fromCase` that none of `cases` gives an input, with the reason; any other such engine fails the
   * suite, so no engine's `fromCase` goes untested without saying so.
   */
  readonly fromCaseNotExercised?: Readonly<Record<string, string>>;
}

/**
 * The engine conformance suite, run over every registered engine (as `src/store/store-contract.ts` is over every
 * store): id scheme and output kind, declared status and validation metric (benchmark numbers present in the file
 * they cite), a valid example input that runs, provenance, an explanation (additive where declared), the common
 * shapes of the output kind, a CDS card within the CDS Hooks limits, and `fromCase` inputs that pass the schema.
 */
export function describeEngineContract(
  name: string,
  engines: () => readonly AnyEngine[],
  options: EngineContractOptions,
): void {
  describe(`engine contract: ${name}`, () => {
    const list = engines();

    it('has engines with unique ids and aliases', () => {
      expect(list.length).toBeGreaterThan(0);
      const ids = list.flatMap((e) => [e.id, ...(e.aliases ?? [])]);
      expect(new Set(ids).size).toBe(ids.length);
    });

    for (const engine of list) {
      describe(engine.id, () => {
        const results = new Map<'example', EngineResult<unknown>>();
        const runExample = async () => {
          const known = results.get('example');
          if (known) return known;
          const result = await engine.run(engine.exampleInput);
          results.set('example', result);
          return result;
        };

        it('follows the id scheme capability.name and declares its output kind', () => {
          const match = ID.exec(engine.id);
          expect(match, `id '${engine.id}' is not capability.name`).not.toBeNull();
          expect(KINDS).toContain(match![1]);
          expect(engine.kind).toBe(match![1]);
          expect(OUTPUT_KINDS).toContain(engine.outputKind);
          for (const field of ['title', 'version', 'description'] as const)
            expect(engine[field]).not.toBe('');
        });

        it('declares its status and validation metrics, with benchmark numbers found where it says', () => {
          const { status, metrics } = engine.validation;
          expect(['validated', 'experimental']).toContain(status);
          expect(metrics.length).toBeGreaterThan(0);
          for (const metric of metrics) {
            expect(metric.name).not.toBe('');
            expect(metric.dataset).not.toBe('');
            expect(metric.reference).not.toBe('');
            if (metric.interval) {
              expect(metric.interval[0]).toBeLessThanOrEqual(metric.interval[1]);
              if (metric.value !== undefined) {
                expect(metric.value).toBeGreaterThanOrEqual(metric.interval[0]);
                expect(metric.value).toBeLessThanOrEqual(metric.interval[1]);
              }
            }
            if (metric.evidence === 'benchmark') {
              expect(metric.value, `${metric.name}: a benchmark metric needs its value`).toBeTypeOf('number');
              if (metric.reference === 'docs/benchmarks.md') {
                // The exact cell the benchmark wrote, not just the number somewhere in the file.
                expect(metric.cell, `${metric.name}: name the cell of docs/benchmarks.json`).toBeDefined();
                const text = benchmarkCell(metric.cell!);
                expect(
                  writtenForms(metric.value!).some((form) => text.split(/[\s[\],]+/).includes(form)),
                  `${metric.name} = ${metric.value}, but the benchmark cell holds '${text}'`,
                ).toBe(true);
              }
              const file = join(ROOT, metric.reference);
              expect(existsSync(file), `${metric.reference} does not exist`).toBe(true);
              const text = readFileSync(file, 'utf8');
              expect(
                writtenForms(metric.value!).some((form) => text.includes(form)),
                `${metric.name} = ${metric.value} is not in ${metric.reference}`,
              ).toBe(true);
            }
            if (metric.evidence === 'none') expect(metric.value).toBeUndefined();
          }
          if (status === 'validated') {
            expect(metrics.some((m) => m.evidence !== 'none')).toBe(true);
          }
        });

        it('validates its example input', () => {
          const parsed = engine.inputSchema.safeParse(engine.exampleInput);
          expect(parsed.error?.issues ?? []).toEqual([]);
        });

        it('runs on its example input and stamps provenance', async () => {
          const result = await runExample();
          expect(result.output).toBeDefined();
          expect(result.provenance.engineId).toBe(engine.id);
          expect(result.provenance.engineVersion).toBe(engine.version);
          expect(Number.isNaN(Date.parse(result.provenance.generatedAt))).toBe(false);
          if (engine.modelVersion) expect(result.provenance.modelVersion).toBeDefined();
          if (engine.source) expect(result.provenance.source).toBe(engine.source);
        });

        it('refuses invalid input with an invalid error naming fields as JSON pointers', async () => {
          let error: unknown;
          try {
            await engine.run('not an input object' as never);
          } catch (caught) {
            error = caught;
          }
          expect(error).toMatchObject({ name: 'HealthGptError', code: 'invalid' });
          for (const fieldError of (error as { fieldErrors: { field: string }[] }).fieldErrors)
            expect(fieldError.field).toMatch(/^\//);
        });

        it('explains its output: a summary and what drove it; contributions add up where declared', async () => {
          const { explanation, output } = await runExample();
          expect(explanation.summary ?? '').not.toBe('');
          expect(explanation.contributions.length + (explanation.rulesFired?.length ?? 0)).toBeGreaterThan(0);
          for (const c of explanation.contributions) expect(Number.isFinite(c.contribution)).toBe(true);
          const total = engine.additiveTotal?.(output);
          if (total !== undefined) {
            const sum = explanation.contributions.reduce(
              (s, c) => s + c.contribution,
              explanation.baseline ?? 0,
            );
            expect(sum).toBeCloseTo(total, 6);
          }
        });

        it('gives the common shape of its output kind', async () => {
          const result = await runExample();
          if (engine.outputKind === 'differential') {
            const entries = result.differential?.entries ?? [];
            expect(entries.length).toBeGreaterThan(0);
            for (const entry of entries) {
              expect(entry.probability).toBeGreaterThanOrEqual(0);
              expect(entry.probability).toBeLessThanOrEqual(1);
            }
            expect(entries.reduce((s, e) => s + e.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
          }
          if (engine.outputKind === 'risk') {
            expect(result.risk).toMatchObject({
              modelId: expect.any(String),
              applicable: expect.any(Boolean),
            });
            const p = result.risk?.probability;
            if (p !== undefined) expect(p >= 0 && p <= 1).toBe(true);
          }
        });

        it('gives a CDS Hooks card within the limits (summary under 140 characters, a valid indicator)', async () => {
          if (!engine.toCard) return;
          const result = await runExample();
          const card = engine.toCard({
            ...toAssessment('conformance-case', engine.id, result),
            id: 'conformance-assessment',
            createdAt: new Date().toISOString(),
          });
          expect(card, `${engine.id} has toCard but gives no card for its example`).toBeDefined();
          expect(card!.summary.length).toBeGreaterThan(0);
          expect(card!.summary.length).toBeLessThan(140);
          expect(['info', 'warning', 'critical']).toContain(card!.indicator);
          expect(card!.source.label).not.toBe('');
        });

        it('builds from cases only inputs that pass its schema', () => {
          if (!engine.fromCase) return;
          let exercised = 0;
          for (const clinicalCase of options.cases) {
            const input = engine.fromCase(clinicalCase);
            if (input === undefined) continue;
            exercised++;
            const parsed = engine.inputSchema.safeParse(input);
            expect(parsed.error?.issues ?? [], `fromCase on case '${clinicalCase.id}'`).toEqual([]);
          }
          const excused = options.fromCaseNotExercised?.[engine.id];
          if (excused === undefined) {
            expect(exercised, `no fixture case gives ${engine.id} an input: add one`).toBeGreaterThan(0);
          } else {
            expect(exercised, `${engine.id} is exercised now: drop it from fromCaseNotExercised`).toBe(0);
          }
        });
      });
    }
  });
}
