import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-harness.js';
import { loadConfig } from '../app/config.js';
import { buildProgram } from './main.js';

describe('healthgpt CLI', () => {
  it('prints help listing the commands', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'case', 'engines', 'run', 'eval']) expect(stdout).toContain(command);
  });

  it('imports a FHIR bundle and shows the case, as text and as JSON', async () => {
    const imported = await run(['--json', 'case', 'import', 'test/fixtures/fhir-bundle-chest-pain.json']);
    expect(imported.code).toBe(0);
    const created = JSON.parse(imported.stdout) as { id: string; patient: { sex: string } };
    expect(created.patient.sex).toBe('male');
    const shown = await run(['case', 'show', created.id], imported.stateDir);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('CEA: 6.2 ng/mL');
    const listed = await run(['--json', 'case', 'list'], imported.stateDir);
    expect(JSON.parse(listed.stdout).total).toBe(1);
  });

  it('case import --dry-run prints the import report and stores nothing', async () => {
    const dry = await run([
      '--json',
      'case',
      'import',
      '--dry-run',
      'test/fixtures/fhir-bundle-ehr-shapes.json',
    ]);
    expect(dry.code).toBe(0);
    const out = JSON.parse(dry.stdout) as {
      report: { byType: Record<string, { kept: number }>; ignored: object };
    };
    expect(out.report.byType.Condition?.kept).toBe(4);
    expect(out.report.ignored).toEqual({ Encounter: 1, Claim: 1 });
    const text = await run(
      ['case', 'import', '--dry-run', 'test/fixtures/fhir-bundle-ehr-shapes.json'],
      dry.stateDir,
    );
    expect(text.stdout).toContain('Observation: 9/9 kept, 9 named, 6 mapped');
    const listed = await run(['--json', 'case', 'list'], dry.stateDir);
    expect(JSON.parse(listed.stdout).total).toBe(0);
  });

  it('reports bad input in one line with a non-zero exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-cli-bad-'));
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ not json');
    const bad = await run(['case', 'import', notJson]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^healthgpt: .*is not valid JSON/);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(
      invalid,
      JSON.stringify({
        resourceType: 'Bundle',
        entry: [{ resource: { resourceType: 'Patient', gender: 'x' } }],
      }),
    );
    expect((await run(['case', 'import', invalid])).stderr).toContain('entry/0/resource/gender');
    expect((await run(['case', 'import', join(dir, 'missing.json')])).stderr).toContain('ENOENT');
    expect((await run(['case', 'show', 'nope'])).code).toBe(1);
    expect((await run(['no-such-command'])).code).toBe(2);
  });

  it.each([
    [
      ['eval', 'negation', '--json'],
      "required option '--annotations <file>' not specified",
      'healthgpt eval negation',
    ],
    [['bogus', '--json'], "unknown command 'bogus'", 'healthgpt'],
    [['evl'], "unknown command 'evl', did you mean eval?", 'healthgpt'],
    [['eval', 'bogus'], "unknown command 'bogus'", 'healthgpt eval'],
    [['--json', 'engines', '--bogus'], "unknown option '--bogus'", 'healthgpt engines'],
    [['case', 'show'], "missing required argument 'id'", 'healthgpt case show'],
    [['eval'], 'eval needs a command', 'healthgpt eval'],
    [[], 'give a command', 'healthgpt'],
  ])('a usage error %j is one line in the usual format, exit 2', async (args, message, command) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`healthgpt: ${message} (run ${command} --help for usage)\n`);
  });

  it('lists engines as JSON', async () => {
    const { code, stdout } = await run(['--json', 'engines']);
    expect(code).toBe(0);
    expect(Array.isArray(JSON.parse(stdout))).toBe(true);
  });

  it('runs any engine on a JSON input file (run ENGINE --input FILE), by id or former id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-cli-run-'));
    const input = join(dir, 'curb65.json');
    // CURB-65: confusion 1, urea > 7 mmol/L (BUN 40 mg/dL) 1, RR 23 < 30: 0, diastolic 52 ≤ 60: 1, age 77 ≥ 65: 1 = 4.
    writeFileSync(
      input,
      JSON.stringify({
        confusion: true,
        bunMgDl: 40,
        respiratoryRate: 23,
        systolicBp: 105,
        diastolicBp: 52,
        age: 77,
      }),
    );
    const json = await run(['--json', 'run', 'risk.curb65', '--input', input]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.output.score).toBe(4);
    expect(result.provenance.engineId).toBe('risk.curb65');
    expect(result.risk).toMatchObject({ modelId: 'curb65', score: 4, applicable: true });
    const human = await run(['run', 'curb65', '--input', input]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('score 4');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ confusion: 'yes', respiratoryRate: 23 }));
    const invalid = await run(['run', 'risk.curb65', '--input', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toContain('/confusion');
    const unknown = await run(['run', 'risk.nope', '--input', input]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown engine 'risk.nope'");
    const missing = await run(['run', 'risk.curb65', '--input', join(dir, 'missing.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('builds a program without opening a database until a command needs one', () => {
    const { program, close } = buildProgram({
      config: loadConfig({}, { dataDir: '/nonexistent/never-created' }),
      openApp: () => {
        throw new Error('should not open');
      },
    });
    expect(program.commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(['serve', 'case', 'engines', 'eval']),
    );
    close();
  });
});
