import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';

describe('healthgpt ask / draft (no model configured)', () => {
  // The CLI reads the provider from the environment: these runs are without one, whatever the developer has set.
  const saved = { ...process.env };
  beforeAll(() => {
    for (const name of Object.keys(process.env))
      if (name.startsWith('HEALTHGPT_LLM_')) delete process.env[name];
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved))
      if (name.startsWith('HEALTHGPT_LLM_')) process.env[name] = value;
  });
  it('ask --json answers from retrieval, labelled not generated, with citations', async () => {
    const run = await runCli([
      'ask',
      'Where should a patient with a CURB-65 score of 3 be treated?',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ generated: false, provider: 'none', model: 'healthgpt-retrieval' });
    expect(out.answer).toMatch(/not generated/i);
    expect(out.citations.length).toBeGreaterThanOrEqual(1);
    expect(out.citations[0].kind).toBe('guideline');
  }, 60_000);

  it('ask on a case that does not exist: one line, non-zero exit', async () => {
    const run = await runCli(['ask', 'summarise this case', '--case', 'nope']);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nope/);
  });

  it('draft --kind referral fills the template from a stored case; a bad kind is a one-line error', async () => {
    const first = await runCli(['case', 'from-note', '--help']);
    expect(first.code).toBe(0);
    const notePath = join(first.stateDir, 'note.txt');
    writeFileSync(
      notePath,
      '68 year old man with productive cough for 5 days and fever. No chest pain. RR 28, BP 100/60.',
    );
    const created = await runCli(
      ['case', 'from-note', notePath, '--title', 'cough', '--json'],
      first.stateDir,
    );
    expect(created.code).toBe(0);
    const id = JSON.parse(created.stdout).id ?? JSON.parse(created.stdout).case?.id;
    const draft = await runCli(
      ['draft', id, '--kind', 'referral', '--to', 'chest clinic', '--json'],
      first.stateDir,
    );
    expect(draft.code).toBe(0);
    const out = JSON.parse(draft.stdout);
    expect(out).toMatchObject({ kind: 'referral', generated: false });
    expect(out.text).toContain('Referral to chest clinic');
    expect(out.text).toContain('68 years');
    const bad = await runCli(['draft', id, '--kind', 'poem'], first.stateDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--kind must be note or referral/);
  }, 60_000);
});
