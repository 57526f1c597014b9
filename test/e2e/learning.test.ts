import { afterAll, beforeAll, expect, it } from 'vitest';
import { knownIcd10Codes } from '../../src/learning/icd10.js';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

const POLL = { timeout: 60_000 };

/** Clinician feedback on the case page and the fairness page, against the real server. */
describeWithChromium('clinician feedback and the fairness page in the browser', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('confirms a final diagnosis on the case page, refuses an unknown code, and shows who and which model', async () => {
    const code = [...knownIcd10Codes().values()].find((k) => k.ddxplusName)!;
    const created = app.store.cases.create({
      title: 'E2E feedback',
      patient: { ageYears: 70, sex: 'female' },
      findings: [{ conceptId: 'fever', status: 'present' }],
      observations: [],
      images: [],
    });
    const page = await app.openPage(`/ui/#/cases/${encodeURIComponent(created.id)}`);
    const panel = page.getByRole('region', { name: 'Clinician feedback' });
    await panel.getByLabel('Final diagnosis (ICD-10)').fill('Z99.999');
    await panel.getByRole('button', { name: 'Confirm diagnosis' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent(), POLL).toMatch(/not one HealthGPT knows/);

    await panel.getByLabel('Final diagnosis (ICD-10)').fill(code.code);
    await panel.getByRole('button', { name: 'Confirm diagnosis' }).click();
    const item = panel.locator('.feedback-list li').first();
    await expect
      .poll(() => item.textContent(), POLL)
      .toMatch(new RegExp(`Final diagnosis ${code.code.replace('.', '\\.')}`));
    expect(await item.textContent()).toMatch(/e2e-workflow-clinician \(clinician\).*model ddx-logistic/);
  });

  it('shows the fairness page with the registry (committed model active as v1)', async () => {
    const page = await app.openPage('/ui/#/fairness');
    await expect.poll(() => page.getByRole('heading', { name: 'Fairness', level: 1 }).count(), POLL).toBe(1);
    const registry = page.locator('table.fairness-table').last();
    await expect.poll(() => registry.locator('tbody tr').first().textContent(), POLL).toMatch(/^v1active/);
    // The audit report and the registry load separately: wait for the report too.
    await expect.poll(() => page.getByText('No group flagged.').count(), POLL).toBe(1);
  });
});
