import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-harness.js';

describe('healthgpt risk', () => {
  it('runs a model with --json', async () => {
    const input = {
      age: 58,
      smoker: true,
      extrathoracicCancerOver5y: false,
      noduleDiameterMm: 9,
      spiculation: true,
      upperLobe: true,
    };
    const { code, stdout } = await run(['risk', 'mayo', '--input', JSON.stringify(input), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).output.probability).toBeCloseTo(0.31075, 4);
  });

  it('prints a readable result', async () => {
    const { code, stdout } = await run([
      'risk',
      'curb65',
      '--input',
      '{"confusion":true,"bunMgDl":40,"respiratoryRate":23,"systolicBp":105,"diastolicBp":52,"age":77}',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/curb65: score 4, category high/);
    expect(stdout).toMatch(/Next: High severity/);
  });

  it('bad JSON, invalid input and unknown models give one clear line and a non-zero exit', async () => {
    const badJson = await run(['risk', 'brock', '--input', '{age: 5']);
    expect(badJson.code).not.toBe(0);
    expect(badJson.stderr.trim().split('\n')).toHaveLength(1);
    expect(badJson.stderr).toMatch(/not valid JSON/);
    const invalid = await run(['risk', 'tirads', '--input', '{"composition":"weird"}', '--json']);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toMatch(/composition: must be one of/);
    const unknown = await run(['risk', 'nope', '--input', '{}']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown risk model 'nope'/);
  });
});
