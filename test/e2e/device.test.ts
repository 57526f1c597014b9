import { afterAll, beforeAll, expect, it } from 'vitest';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

const POLL = { timeout: 60_000 };

/**
 * The ultrasound device page against the real server: the demo clip streams over the WebSocket, the ROI is placed
 * by keyboard and by pointer, the size comes back in mm, the five TI-RADS features are confirmed, and Accept writes
 * the nodule into the case (and nothing is written before).
 */
describeWithChromium('the ultrasound device page in the browser', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('places the ROI, measures in mm, plays the clip, and accepts into the case only on Accept', async () => {
    const created = app.store.cases.create({
      title: 'thyroid nodule e2e',
      patient: { ageYears: 48, sex: 'female' },
      findings: [],
      observations: [],
      images: [],
    });
    const page = await app.openPage('/ui/#/device');
    await page.getByLabel('Case id').fill(created.id);
    const canvas = page.getByTestId('device-canvas');
    await canvas.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('device-size').textContent(), POLL)
      .toMatch(/\d+(\.\d+)? × \d+(\.\d+)? mm/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('+');

    // A pointer drag places a new box.
    const box = await canvas.boundingBox();
    if (!box) throw new Error('canvas has no box');
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('device-size').textContent(), POLL).toMatch(/mm/);

    // Playing the cine advances frames and keeps results coming.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(async () => Number((await page.getByRole('slider', { name: 'Frame' }).inputValue()) || 0), POLL)
      .toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Pause' }).click();

    expect(app.store.cases.get(created.id)?.findings).toHaveLength(0);
    const accept = page.getByRole('button', { name: 'Accept into case' });
    expect(await accept.isDisabled()).toBe(true);
    await page.getByLabel('Confirm composition').selectOption('solid');
    await page.getByLabel('Confirm echogenicity').selectOption('hypoechoic');
    await page.getByLabel('Confirm shape').selectOption('wider-than-tall');
    await page.getByLabel('Confirm margin').selectOption('smooth');
    await page.getByLabel('Confirm echogenicFoci').selectOption('none');
    await expect.poll(() => page.getByTestId('device-level').textContent(), POLL).toMatch(/TR4 \(4 points\)/);
    await expect.poll(() => accept.isDisabled(), POLL).toBe(false);
    await accept.click();
    await expect
      .poll(() => page.getByTestId('device-accepted').textContent(), POLL)
      .toMatch(/Written to the case: .* mm, TR4/);
    const findings = app.store.cases.get(created.id)?.findings ?? [];
    expect(findings.map((f) => f.conceptId)).toEqual(
      expect.arrayContaining(['thyroid-nodule.max-diameter-mm', 'thyroid-nodule.composition']),
    );
    expect(app.pageErrors).toEqual([]);
  }, 240_000);

  it('lists a size read from a prior report in the case note as such, with the words it came from', async () => {
    const sentence = 'Outside US: left lobe thyroid nodule 11 x 8 mm, TR3.';
    const created = app.store.cases.create({
      title: 'thyroid nodule with an outside report',
      patient: { ageYears: 52, sex: 'female' },
      findings: [],
      observations: [],
      images: [],
      note: `[2024-02-10 09:00 UTC]\n${sentence}`,
    });
    const page = await app.openPage('/ui/#/device');
    await page.getByLabel('Case id').fill(created.id);
    const priors = page.getByTestId('device-priors');
    await expect.poll(() => priors.textContent(), POLL).toMatch(/2024-02-10: 11 × 8 mm/);
    expect(await priors.textContent()).toContain('(read from the case note)');
    expect(await priors.locator('q').textContent()).toBe(sentence);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
