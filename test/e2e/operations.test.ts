import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticCsv } from '../../src/forecast/synthetic.js';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

const POLL = { timeout: 60_000 };
/** Screenshots to look at by eye after a run (as in workflow.test.ts). */
const SCREENSHOT_DIR = process.env.HEALTHGPT_E2E_SCREENSHOTS ?? '/tmp/healthgpt-screens';

/**
 * The operations (forecast) page, issue 21 part 5: a stored forecast opened from its own link, times shown in the
 * chosen zone (kept across reloads), and a department's current rota simulated beside the proposed one.
 */
describeWithChromium('the operations page in the browser', () => {
  let app: E2eApp;
  let id = '';
  beforeAll(async () => {
    app = await startE2eApp();
    const made = await app.context.request.post(`${app.baseUrl}/v1/forecasts`, {
      headers: { origin: app.baseUrl },
      data: {
        department: 'e2e-ops',
        seriesCsv: syntheticCsv('2024-01-01T00:00:00Z', 5 * 168, 3, 8),
        timeZone: 'Europe/London',
        country: 'GB-EAW',
        horizon: 24,
        model: 'hour-of-week',
        resources: [{ id: 'clinicians', capacity: 1 }],
      },
    });
    expect(made.ok(), await made.text()).toBe(true);
    id = (await made.json()).items[0].id;
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('opens a forecast from its link, shows times in the chosen zone and keeps the choice', async () => {
    const page = await app.openPage(`/ui/#/forecast/${encodeURIComponent(id)}`);
    const view = page.getByRole('region', { name: 'Forecast for e2e-ops' });
    await view.waitFor({ timeout: 60_000 });
    await expect.poll(() => view.textContent(), POLL).toMatch(/\(Europe\/London\)/);
    const link = page.getByRole('region', { name: 'Stored forecasts' }).getByRole('link').first();
    expect(await link.getAttribute('href')).toBe(`#/forecast/${encodeURIComponent(id)}`);
    await page.getByLabel('Time zone for times on this page').selectOption('Asia/Tokyo');
    await expect.poll(() => view.textContent(), POLL).toMatch(/\(Asia\/Tokyo\)/);
    await page.reload();
    await page.getByRole('region', { name: 'Forecast for e2e-ops' }).waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Time zone for times on this page').inputValue()).toBe('Asia/Tokyo');
    await page.close();
  }, 120_000);

  it('simulates the current rota beside the forecast-driven one', async () => {
    const csvPath = join(app.workDir, 'ops-arrivals.csv');
    writeFileSync(csvPath, syntheticCsv('2024-01-01T00:00:00Z', 5 * 168, 3, 8));
    const page = await app.openPage('/ui/#/forecast');
    await page.getByLabel('Time zone for times on this page').selectOption('Europe/London');
    const panel = page.getByRole('region', { name: 'Rota comparison' });
    await panel.getByLabel('Arrivals to replay (CSV: timestamp,count)').setInputFiles(csvPath);
    await panel.getByLabel('First simulated day').fill('2024-01-29');
    await panel.getByLabel('Weeks').fill('1');
    await panel.getByLabel("Compare with the department's current rota").check();
    await panel
      .getByLabel('Current rota: clinicians per hour')
      .fill(Array.from({ length: 24 }, () => 4).join(','));
    await panel.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(() => panel.textContent(), POLL).toMatch(/Current \(as entered\)/);
    expect(await panel.textContent()).toMatch(/every rota has 672 staff-hours/);
    expect(await panel.textContent()).toMatch(/than with the current rota/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'operations.png'), fullPage: true });
    await page.close();
  }, 120_000);
});
