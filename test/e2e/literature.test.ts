import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

const POLL = { timeout: 60_000 };
const fixture = fileURLToPath(new URL('../../src/literature/fixtures/pubmed-small.xml', import.meta.url));

/** The literature page against the real server: import a file, search with an evidence filter, screen records. */
describeWithChromium('the literature page in the browser', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('imports MEDLINE XML, searches with evidence badges and a level filter, and runs a screening project', async () => {
    const page = await app.openPage('/ui/#/literature');
    await page.getByLabel('MEDLINE/PubMed XML, BEIR JSONL, RIS or CSV file').setInputFiles(fixture);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), POLL)
      .toMatch(/Imported 3 articles \(medline-xml\)/);

    await page.getByLabel('Search terms').fill('knee osteoarthritis');
    await page.getByLabel('Evidence level at most').selectOption('2');
    await page.getByRole('button', { name: 'Search' }).click();
    const hits = page.locator('.lit-hits li');
    await expect.poll(() => hits.count(), POLL).toBe(2);
    expect(await hits.first().locator('.lit-badge').textContent()).toMatch(/Level 1 · Systematic review/);
    expect(await hits.nth(1).locator('.lit-badge').textContent()).toMatch(
      /Level 2 · Randomised controlled trial/,
    );

    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-e2e-lit-'));
    const rows = ['record_id,title,abstract'];
    for (let i = 0; i < 12; i++)
      rows.push(
        i % 3 === 0
          ? `m${i},Triptan trial in migraine ${i},Triptan versus placebo`
          : `p${i},Hospital parking ${i},Parking survey`,
      );
    const csv = join(dir, 'records.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    await page.getByLabel('New project name').fill('Triptans e2e');
    await page.getByLabel('Records (CSV or RIS)').setInputFiles(csv);
    const screen = page.locator('.lit-screen');
    await expect.poll(() => screen.getByRole('status').textContent(), POLL).toMatch(/^0\/12 screened/);
    await screen.getByRole('button', { name: 'Include' }).first().click(); // m0 (file order before training)
    await expect.poll(() => screen.getByRole('status').textContent(), POLL).toMatch(/^1\/12 screened/);
    await screen.getByRole('button', { name: 'Exclude' }).first().click(); // p1
    await expect
      .poll(() => screen.getByRole('status').textContent(), POLL)
      .toMatch(/^2\/12 screened · estimated relevant remaining: \d/);
    // the learner now puts the migraine records first
    expect(await screen.locator('li strong').first().textContent()).toMatch(/Triptan trial/);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
