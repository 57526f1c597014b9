import { describe, expect, it } from 'vitest';
import { triageEngine } from './engine.js';

describe('triage.red-flags engine', () => {
  it('runs its example: level, reasons, NEWS2 points adding up to the total, provenance', () => {
    const result = triageEngine.run(triageEngine.exampleInput);
    expect(result.output.level).toBe('emergency');
    const total = result.output.news2?.total;
    // RR 24 (2) + SpO2 93 (2) + air (0) + SBP 104 (1) + pulse 108 (1) + alert (0) + 38.7 (1) = 7
    expect(total).toBe(7);
    const sum = result.explanation.contributions.reduce(
      (s, c) => s + c.contribution,
      result.explanation.baseline ?? 0,
    );
    expect(sum).toBe(total);
    expect(triageEngine.additiveTotal?.(result.output)).toBe(total);
    expect(result.provenance.engineId).toBe('triage.red-flags');
    expect(result.explanation.rulesFired?.length).toBeGreaterThan(0);
  });

  it('rejects invalid input with a field pointer', () => {
    expect(() => triageEngine.run({ findings: [{ conceptId: 'x', status: 'maybe' }] } as never)).toThrow(
      /findings\/0\/status/,
    );
  });

  it('builds its input from a case, or says the case holds nothing to triage', () => {
    const base = {
      id: 'c1',
      title: 't',
      patient: { ageYears: 30 },
      findings: [],
      observations: [],
      images: [],
      createdAt: '',
      updatedAt: '',
    };
    expect(triageEngine.fromCase?.(base)).toBeUndefined();
    const input = triageEngine.fromCase?.({ ...base, findings: [{ conceptId: 'cough', status: 'present' }] });
    expect(input?.findings).toHaveLength(1);
  });
});
