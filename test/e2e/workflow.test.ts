import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findDataset } from '../../src/app/datasets.js';
import { syntheticCsv } from '../../src/forecast/synthetic.js';
import { describeIfAvailable } from '../describe-if-available.js';
import { syntheticDicom } from '../fixtures/dicom.js';
import { type E2eApp, startE2eApp } from './app.js';
import { CHROMIUM_PATH, describeWithChromium } from './browser.js';

/** Under load (the whole suite on two cores) a live result can take more than expect.poll's default second. */
const POLL = { timeout: 15_000 };

/** Screenshots of the main pages, to look at by eye after a run. */
const SCREENSHOT_DIR = process.env.HEALTHGPT_E2E_SCREENSHOTS ?? '/tmp/healthgpt-screens';

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

function greyPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const g = (i % width) + Math.floor(i / width);
    png.data[4 * i] = g % 256;
    png.data[4 * i + 1] = g % 256;
    png.data[4 * i + 2] = g % 256;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Answers yes to a yes/no input, whether it is a tick box or a yes / no / not known choice. */
async function answerYes(field: ReturnType<Page['getByLabel']>): Promise<void> {
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption('yes');
  else await field.check();
}

/** The `value` of the first option of a select whose text matches. */
async function optionValue(page: Page, selectLabel: string, text: RegExp): Promise<string> {
  await page
    .getByLabel(selectLabel)
    .locator('option', { hasText: text })
    .first()
    .waitFor({ state: 'attached' });
  const options = await page.getByLabel(selectLabel).locator('option').all();
  for (const option of options) {
    if (text.test((await option.textContent()) ?? '')) return (await option.getAttribute('value')) ?? '';
  }
  throw new Error(`no option matching ${text} in "${selectLabel}"`);
}

describeWithChromium('the clinical workflow in the browser', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('intake: a note becomes a new case, and the case page’s note field adds findings to it', async () => {
    const page = await app.openPage('/ui/#/intake');
    await page
      .getByLabel('Consultation', { exact: true })
      .fill('58-year-old man with cough for 3 days and fever. No chest pain. RR 24, BP 100/60, T 38.6 C.');
    await page.getByTestId('intake-findings').locator('tbody tr').first().waitFor();
    await expect(page.locator('.intake-record').textContent()).resolves.toContain('38.6 °C');
    await page.getByLabel('Title').fill('E2E intake cough');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    await screenshot(page, 'intake');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E intake cough' }).waitFor();
    const findings = page.getByRole('region', { name: /Findings/ });
    const before = await findings.locator('li').count();
    expect(before).toBeGreaterThan(0);
    await expect(page.locator('.case-header').textContent()).resolves.toMatch(/58/);

    await page.getByLabel('Add a note').fill('Haemoptysis since yesterday.');
    await page.getByRole('button', { name: 'Add the note and its findings to the case' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Added \d+ findings/ })
      .waitFor();
    await expect.poll(() => findings.locator('li').count(), POLL).toBeGreaterThan(before);
    await expect(page.getByRole('region', { name: 'Note', exact: true }).textContent()).resolves.toContain(
      'Haemoptysis',
    );
    await page.close();
  });

  it('case page: "Run on this case" names why an engine cannot run, and a panel result is saved as an assessment', async () => {
    const created = app.store.cases.create({
      title: 'E2E run engines',
      patient: { ageYears: 77, sex: 'male' },
      findings: [{ conceptId: 'confusion', status: 'present' }],
      observations: [],
      images: [],
    });
    const page = await app.openPage(`/ui/#/cases/${encodeURIComponent(created.id)}`);
    const curb = await optionValue(page, 'Run engine', /CURB-65/);
    await page.getByLabel('Run engine').selectOption(curb);
    await page.getByRole('button', { name: 'Run on this case' }).click();
    const assessments = page.getByRole('region', { name: 'Assessments' });
    await expect(assessments.getByRole('alert').textContent()).resolves.toMatch(
      /cannot run on this case: .*pneumonia/,
    );

    // The risk panel says the same, and saves what the clinician completes.
    const risk = page.getByRole('region', { name: 'Risk models' });
    const modelSelect = risk.locator('#risk-model-select');
    await modelSelect.locator('option', { hasText: /CURB-65/ }).waitFor({ state: 'attached' });
    await modelSelect.selectOption({ label: 'CURB-65 pneumonia severity (reads the case)' });
    await expect(risk.getByTestId('risk-readiness').textContent()).resolves.toMatch(
      /Does not apply .*pneumonia/,
    );
    await risk.getByLabel('Urea (mmol/L)').fill('8');
    await risk.getByLabel('Respiratory rate (breaths/min)').fill('31');
    await risk.getByLabel('Systolic blood pressure (mmHg)').fill('85');
    await risk.getByLabel('Diastolic blood pressure (mmHg)').fill('50');
    await risk.getByTestId('risk-result').waitFor();
    await risk.getByRole('button', { name: 'Save as an assessment of this case' }).click();
    await risk.getByRole('status').filter({ hasText: 'Saved to the case' }).waitFor();
    await expect.poll(() => assessments.getByRole('article').count(), POLL).toBe(1);
    await screenshot(page, 'case-risk');
    await page.close();
  });

  it('calculator: blank form at its own URL, the result recalculates live as inputs change', async () => {
    const page = await app.openPage('/ui/#/risk');
    await page
      .getByRole('navigation', { name: 'Risk models' })
      .getByRole('link', { name: /CURB-65/ })
      .click();
    await page.waitForURL(/#\/risk\/[^/]+curb65$|#\/risk\/curb65$/);
    const form = page.getByRole('form', { name: /CURB-65/ });
    await expect(form.getByLabel('Age (years)').inputValue()).resolves.toBe('');
    // The result shows "Calculating…" until the first answer: wait for it rather than read it at once.
    await page
      .getByRole('region', { name: 'Result' })
      .getByText(/Still needed/)
      .first()
      .waitFor();
    await answerYes(form.getByLabel('New confusion'));
    await form.getByLabel('Urea (mmol/L)').fill('8');
    await form.getByLabel('Respiratory rate (breaths/min)').fill('31');
    await form.getByLabel('Systolic blood pressure (mmHg)').fill('85');
    await form.getByLabel('Diastolic blood pressure (mmHg)').fill('50');
    await form.getByLabel('Age (years)').fill('70');
    const result = page.getByTestId('risk-result');
    await expect.poll(() => result.locator('.risk-headline').textContent(), POLL).toContain('score 5');
    // No button: changing an input recalculates.
    await form.getByLabel('Age (years)').fill('50');
    await expect.poll(() => result.locator('.risk-headline').textContent(), POLL).toContain('score 4');
    await expect(page.locator('body').textContent()).resolves.not.toMatch(
      /bunMgDl|ureaMmolL|respiratoryRate/,
    );
    await screenshot(page, 'calculator');
    await page.close();
  });

  it('images: a CT slice is refused for the X-ray model with the reason; the newest upload is shown; a finding enters the case only when accepted', async () => {
    const created = app.store.cases.create({
      title: 'E2E images',
      patient: { ageYears: 54, sex: 'female' },
      findings: [],
      observations: [],
      images: [],
    });
    const ctPath = join(app.workDir, 'chest-ct.dcm');
    writeFileSync(ctPath, syntheticDicom({ modality: 'CT', bodyPartExamined: 'CHEST' }));
    const pngPath = join(app.workDir, 'breast-us.png');
    writeFileSync(pngPath, greyPng(160, 128));
    const page = await app.openPage(`/ui/#/cases/${encodeURIComponent(created.id)}`);
    const images = page.getByRole('region', { name: 'Images' });
    const upload = images.getByLabel('Upload an image (DICOM, PNG or JPEG)');
    await upload.setInputFiles(ctPath);
    await images.getByText('None of the image models here reads modality CT').waitFor();
    // Window/level by drag: the server renders the window set by the drag.
    const shown = images.locator('img.vision-image');
    await shown.scrollIntoViewIfNeeded();
    const box = await shown.boundingBox();
    if (!box) throw new Error('the image is not shown');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => shown.getAttribute('src'), POLL).toMatch(/center=[\d.-]+&width=[\d.]+/);
    await expect(images.textContent()).resolves.toMatch(/Window: level \d+ HU, width \d+ HU/);
    await images.getByLabel('Model').selectOption('pneumonia');
    await expect(images.textContent()).resolves.toContain('children aged 1–5 years');
    await images.getByRole('button', { name: 'Analyse' }).click();
    const refusal = images.getByRole('alert').filter({ hasText: 'Not analysed' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('modality CT; this model reads only radiograph');
    await screenshot(page, 'images-refused');

    // A second upload is what the viewer shows and analyses.
    await upload.setInputFiles(pngPath);
    await images.getByRole('img', { name: /breast-us\.png/ }).waitFor();
    await images.getByLabel('Model').selectOption('breast');
    await images.getByRole('button', { name: 'Analyse' }).click();
    await images.getByText('Confirm before analysis.').waitFor();
    await images.getByLabel('I confirm the image and the patient are of this kind').check();
    await images.locator('.vision-confirm').getByRole('button', { name: 'Analyse' }).click();
    const finding = images.locator('.vision-finding').first();
    await finding.getByText('not in the case yet').waitFor();
    await images.getByLabel('Heatmap legend').waitFor();
    await expect(images.getByLabel('Heatmap legend').textContent()).resolves.toContain('vision-breast');
    expect(app.store.cases.get(created.id)?.findings).toEqual([]);
    await finding.getByRole('button', { name: 'Accept into the case' }).click();
    await finding.getByText('accepted into the case').waitFor();
    expect(app.store.cases.get(created.id)?.findings.map((f) => f.conceptId)).toEqual([
      'imaging.breast-us.malignant',
    ]);
    await screenshot(page, 'images');
    await page.close();
  });

  it('forecast page: uploads hourly counts and shows the forecast with intervals', async () => {
    const csvPath = join(app.workDir, 'arrivals.csv');
    writeFileSync(csvPath, syntheticCsv('2026-01-05T00:00:00Z', 24 * 7 * 8));
    const page = await app.openPage('/ui/#/forecast');
    await page.getByLabel('Department id').fill('e2e-ed');
    await page.getByLabel('Hours ahead').fill('24');
    await page.getByLabel('Hourly counts (CSV: timestamp,count)', { exact: true }).setInputFiles(csvPath);
    await page.getByRole('button', { name: 'Forecast', exact: true }).click();
    const view = page.getByRole('region', { name: 'Forecast for e2e-ed' });
    await view.waitFor({ timeout: 60_000 });
    await view.getByRole('img', { name: /80 % and 95 % intervals/ }).waitFor();
    await screenshot(page, 'forecast');
    await page.close();
  }, 90_000);

  it('interview: answered to the end, its answers are saved to the case as findings', async () => {
    // Written against the interview panel as it stands; kept loose on wording so its UI can evolve.
    const created = app.store.cases.create({
      title: 'E2E interview',
      patient: { ageYears: 40, sex: 'male' },
      findings: [{ conceptId: 'cough', status: 'present' }],
      observations: [],
      images: [],
    });
    const page = await app.openPage(`/ui/#/cases/${encodeURIComponent(created.id)}`);
    const interview = page.getByRole('region', { name: /interview/i });
    await interview.getByRole('button', { name: /start/i }).click();
    // The end state's own message (the panel's introduction also says answers are "saved to the case").
    const saved = interview.getByRole('status').filter({ hasText: /finding\(s\) saved to the case/i });
    const question = interview.locator('fieldset legend').first();
    // Generous waits: the suite asserts the workflow, not its speed (CI shares two cores with Chromium and the server).
    const STEP = { timeout: 60_000 };
    // Up to 30 model questions plus the scripted ones (onset, severity …), more when answers are "don't know".
    for (let turn = 0; turn < 100; turn++) {
      await Promise.race([saved.waitFor(STEP), question.waitFor(STEP)]);
      if (await saved.isVisible()) break;
      const asked = await question.textContent();
      const no = interview.getByRole('button', { name: 'No', exact: true });
      await ((await no.isVisible()) ? no : interview.getByRole('button', { name: /don.t know/i })).click();
      // The next question (or the end) replaces this one.
      await expect
        .poll(
          async () => (await saved.isVisible()) || (await question.textContent().catch(() => '')) !== asked,
          STEP,
        )
        .toBe(true);
    }
    await saved.waitFor(STEP);
    await expect.poll(() => app.store.cases.get(created.id)?.findings.length ?? 0, POLL).toBeGreaterThan(1);
    await screenshot(page, 'interview');
    await page.close();
  }, 300_000);

  it('logged no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

const synthea = findDataset('fhir', 'synthea_r4', 'bundles');
describeIfAvailable(
  'a Synthea record through the browser',
  !existsSync(CHROMIUM_PATH)
    ? `Chromium not found at ${CHROMIUM_PATH}`
    : synthea
      ? undefined
      : "data set 'fhir/synthea_r4/bundles' not found (set HEALTHGPT_DATA_DIR)",
  () => {
    let app: E2eApp;
    beforeAll(async () => {
      app = await startE2eApp();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('imports a Synthea bundle, shows its conditions by name, and runs the differential on the case', async () => {
      const file = readdirSync(synthea as string).find((f) => f.startsWith('Antony_Anderson'));
      if (!file) throw new Error('the Antony Anderson bundle is missing from the Synthea folder');
      const page = await app.openPage('/ui/#/cases');
      await page.getByLabel('Or choose a file').setInputFiles(join(synthea as string, file));
      await page.getByLabel('Case title (optional)').fill('E2E Synthea');
      await page.getByRole('button', { name: 'Import bundle' }).click();
      await page.getByRole('heading', { level: 1, name: 'E2E Synthea' }).waitFor({ timeout: 30_000 });
      const findings = await page
        .getByRole('region', { name: /Findings/ })
        .locator('li')
        .allTextContents();
      expect(findings.length).toBeGreaterThan(0);
      // Conditions show by their names, not bare codes.
      expect(findings.some((f) => /^SNOMED CT \d+/.test(f.trim()))).toBe(false);
      const ddx = await optionValue(page, 'Run engine', /differential|diagnos/i);
      await page.getByLabel('Run engine').selectOption(ddx);
      await page.getByRole('button', { name: 'Run on this case' }).click();
      await page.getByRole('region', { name: 'Assessments' }).getByRole('article').first().waitFor();
      await screenshot(page, 'case-synthea');
      await page.close();
    }, 60_000);

    it('logged no page errors', () => {
      expect(app.pageErrors).toEqual([]);
    });
  },
);
