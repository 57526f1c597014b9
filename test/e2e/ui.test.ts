import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capabilities, createEngineRegistry } from '../../src/app/capabilities.js';
import { loadConfig } from '../../src/app/config.js';
import type { AppContext } from '../../src/app/context.js';
import { createUser } from '../../src/auth/accounts.js';
import { loadAuthConfig } from '../../src/auth/config.js';
import { createServer } from '../../src/server/create-server.js';
import type { HttpApp } from '../../src/server/http-app.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { describeWithChromium, launchChromium } from './browser.js';
import { findingCountEngine, needsImageEngine } from './test-engines.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bundleUrl = new URL('./fixtures/chest-pain-bundle.json', import.meta.url);
const bundleText = readFileSync(bundleUrl, 'utf8');
const packageVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** Where the case page screenshot goes, to look at by eye after a run. */
const SCREENSHOT_PATH = process.env.HEALTHGPT_E2E_SCREENSHOT ?? '/tmp/healthgpt-case.png';

const E2E_USER = 'e2e-clinician';
const E2E_PASSWORD = 'e2e long passphrase';

/** Marks the errors the test provokes on purpose, so the page-error check can tell them apart. */
const INJECTED_FAULT = 'e2e-fault-injection';

/**
 * A Vite plugin that adds one test capability to the UI built for this test: a page (to check capability pages
 * reach the nav and route), a panel that throws while rendering (to check the error boundary keeps the rest of
 * the case page), and a panel that shows the case it was given (to check panels get the case).
 */
function testCapability(): Plugin {
  const code = `
import { createElement as e2eCreateElement } from 'react';
webCapabilities.push({
  id: 'e2e',
  pages: [{ path: 'e2e-page', title: 'E2E page', component: () => e2eCreateElement('h1', null, 'E2E capability page') }],
  casePanels: [
    { id: 'failing', title: 'E2E failing panel', component: () => { throw new Error('${INJECTED_FAULT}: this panel fails on purpose'); } },
    { id: 'echo', title: 'E2E echo panel', component: (props) => e2eCreateElement('p', { 'data-testid': 'echo' }, 'Panel sees ' + props.clinicalCase.title) },
  ],
});
`;
  return {
    name: 'healthgpt-e2e-test-capability',
    transform(source, id) {
      return id.endsWith('/web/src/capabilities/index.ts') ? `${source}\n${code}` : undefined;
    },
  };
}

/**
 * End to end: the web UI built from the current sources, served by the real HealthGPT server (real SQLite file on
 * disk, every capability's engines), driven in Debian's Chromium. The UI is built into a temp folder each run, so
 * the test never sees a stale `web/dist` and never races a developer's build.
 */
describeWithChromium('web UI in Chromium against the real server', () => {
  let workDir: string;
  let store: Store;
  let app: HttpApp;
  let baseUrl: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let engineCount: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'healthgpt-e2e-'));
    const webDir = join(workDir, 'web');
    await build({
      configFile: join(repoRoot, 'web/vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: webDir, emptyOutDir: true },
      plugins: [testCapability()],
    });
    store = openSqliteStore(join(workDir, 'healthgpt.db'));
    const appContext: AppContext = {
      config: loadConfig({}, { dataDir: workDir, port: 0 }),
      store,
      engines: createEngineRegistry(capabilities).register(findingCountEngine).register(needsImageEngine),
    };
    engineCount = appContext.engines.list().length;
    // One clinician account; the first test signs in through the sign-in page (the browser keeps the session).
    await createUser(
      store,
      { name: E2E_USER, role: 'clinician', password: E2E_PASSWORD },
      { scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 } },
    );
    await createUser(
      store,
      { name: 'e2e-auditor', role: 'auditor', password: E2E_PASSWORD },
      { scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 } },
    );
    app = await createServer(appContext, capabilities, {
      webDir,
      auth: { config: { ...loadAuthConfig({}), rateLimitPerMinute: 100_000 }, setupLink: false },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    context = browser.context;
    // Fail with Playwright's own message (what it waited for) before vitest's 30 s test timeout cuts in.
    context.setDefaultTimeout(15_000);
    // Nothing may load from outside the server: the UI ships every asset itself.
    await context.route(
      (url) => url.origin !== baseUrl,
      (route) => route.abort(),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    store?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function openPage(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The invalid-bundle test gets its 422 on purpose (Chromium logs every 4xx response as a console error), and
      // React logs the injected panel fault.
      const expected =
        /Failed to load resource: .* status of (401|403|422)/.test(message.text()) ||
        message.text().includes(INJECTED_FAULT);
      if (message.type() === 'error' && !expected) pageErrors.push(message.text());
    });
    await page.goto(`${baseUrl}${path}`);
    return page;
  }

  it('asks to sign in first, refuses a wrong password, then signs in and shows the user and role', async () => {
    const page = await openPage('/');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Name').fill(E2E_USER);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('wrong name or password');
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toBe(E2E_USER);
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('clinician');
    // The session cookie is out of the page's reach.
    await expect(page.evaluate(() => document.cookie)).resolves.toBe('');
    await page.close();
  });

  it('redirects / to the cases list, with the decision-support notice in the header', async () => {
    const page = await openPage('/');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.waitForURL(/\/ui\/#\/cases$/);
    await expect(page.getByRole('link', { name: 'Cases' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await expect(page.locator('.app-header').textContent()).resolves.toContain(
      'Decision support for clinicians — not a diagnosis',
    );
    await page.getByText('No cases yet.').waitFor();
    await page.close();
  });

  it('imports a FHIR bundle through the UI and shows the case page with its findings and observations', async () => {
    const page = await openPage('/ui/#/cases');
    await page.getByLabel('Bundle JSON').fill(bundleText);
    await page.getByLabel('Case title (optional)').fill('E2E chest pain');
    await page.getByRole('button', { name: 'Import bundle' }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: 'E2E chest pain' }).waitFor();
    await expect(page.title()).resolves.toBe('E2E chest pain — HealthGPT');

    const caseId = decodeURIComponent(new URL(page.url()).hash.replace('#/cases/', ''));
    const stored = store.cases.get(caseId);
    expect(stored?.title).toBe('E2E chest pain');
    expect(stored?.findings).toHaveLength(3);
    expect(stored?.observations).toHaveLength(2);

    const header = page.locator('.case-header');
    await expect(header.textContent()).resolves.toMatch(/female/);
    const findings = page.getByRole('region', { name: /Findings/ });
    const findingTexts = await findings.locator('li').allTextContents();
    expect(findingTexts).toHaveLength(3);
    expect(findingTexts.some((text) => text.includes('present') && text.includes('Chest pain'))).toBe(true);
    expect(findingTexts.some((text) => text.includes('absent') && text.includes('Fever'))).toBe(true);
    // A coded condition shows by its display name, never as a bare code.
    expect(findingTexts.some((text) => text.includes('Hypertension'))).toBe(true);
    expect(findingTexts.some((text) => text.includes('SNOMED CT 38341003'))).toBe(false);

    const observations = page.getByRole('region', { name: /Observations/ });
    const heartRate = observations.getByRole('row', { name: /Heart rate/ });
    await expect(heartRate.textContent()).resolves.toMatch(/112 \/min H.*60–100 \/min/);
    const creatinine = observations.getByRole('row', { name: /Creatinine/ });
    await expect(creatinine.textContent()).resolves.toMatch(/84 µmol\/L45–90 µmol\/L/);

    const exportLink = page.getByRole('link', { name: 'Export FHIR' });
    await expect(exportLink.getAttribute('href')).resolves.toBe(
      `/v1/cases/${encodeURIComponent(caseId)}/fhir`,
    );

    // The case is listed, with its counts.
    await page.getByRole('link', { name: '← All cases' }).click();
    const row = page.getByRole('row', { name: /E2E chest pain/ });
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      'E2E chest pain',
      expect.stringMatching(/^\d+ y$/),
      'female',
      '3',
      '2',
      expect.any(String),
    ]);
    await page.close();
  });

  it('reads a bundle picked as a file into the import form', async () => {
    const page = await openPage('/ui/#/cases');
    await page.getByLabel('Or choose a file').setInputFiles(fileURLToPath(bundleUrl));
    await page.getByText('Read chest-pain-bundle.json.').waitFor();
    await expect(page.getByLabel('Bundle JSON').inputValue()).resolves.toBe(bundleText);
    await expect(page.getByRole('button', { name: 'Import bundle' }).isEnabled()).resolves.toBe(true);
    await page.close();
  });

  it('shows a stored assessment with its signed contributions and provenance', async () => {
    const [listed] = store.cases.list().items;
    if (!listed) throw new Error('the import test should have created a case');
    store.assessments.create({
      caseId: listed.id,
      engineId: 'e2e-demo-score',
      risk: { modelId: 'e2e-demo-score', probability: 0.23, applicable: true },
      explanation: {
        summary: 'Hand-made assessment for the end-to-end test.',
        baseline: -2,
        contributions: [
          { input: 'heartRate', label: 'Heart rate', value: 112, contribution: 0.8, unit: 'log-odds' },
          { input: 'fever', label: 'Fever absent', contribution: -0.4, unit: 'log-odds' },
          { input: 'ageYears', label: 'Age', value: 58, contribution: 0.3, unit: 'log-odds' },
        ],
      },
      provenance: {
        engineId: 'e2e-demo-score',
        engineVersion: '1.2.3',
        modelVersion: 'demo-2026',
        guideline: { id: 'demo', title: 'Demo guideline', version: '2', year: 2021, current: false },
        source: 'Hand-made for the HealthGPT e2e test',
        generatedAt: '2026-11-20T10:00:00.000Z',
      },
    });
    const page = await openPage(`/ui/#/cases/${encodeURIComponent(listed.id)}`);
    const assessment = page.getByRole('article', { name: /Assessment by e2e-demo-score/ });
    await assessment.waitFor();
    await expect(assessment.locator('.big-number').first().textContent()).resolves.toBe('23 %');
    await expect(assessment.locator('svg rect.bar-up').count()).resolves.toBe(2);
    await expect(assessment.locator('svg rect.bar-down').count()).resolves.toBe(1);
    // Largest magnitude first; a negative contribution is drawn left of the zero line.
    await expect(assessment.locator('svg .chart-value').allTextContents()).resolves.toEqual([
      '+0.8',
      '−0.4',
      '+0.3',
    ]);
    const down = assessment.locator('svg rect.bar-down');
    const axisX = Number(await assessment.locator('svg line.chart-axis').getAttribute('x1'));
    const downX = Number(await down.getAttribute('x'));
    const downWidth = Number(await down.getAttribute('width'));
    expect(downX + downWidth).toBeCloseTo(axisX, 5);
    const provenance = await assessment.getByLabel('Provenance').textContent();
    expect(provenance).toContain('e2e-demo-score');
    expect(provenance).toContain('v1.2.3');
    expect(provenance).toContain('demo-2026');
    expect(provenance).toContain('Demo guideline 2 (2021)');
    expect(provenance).toContain('superseded');
    await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
    await page.close();
  });

  it('runs an engine on the case from the UI and shows its assessment, or the reason it cannot run', async () => {
    const [listed] = store.cases.list().items;
    if (!listed) throw new Error('the import test should have created a case');
    const page = await openPage(`/ui/#/cases/${encodeURIComponent(listed.id)}`);
    const engineSelect = page.getByLabel('Run engine');
    await engineSelect.selectOption(findingCountEngine.id);
    await page.getByRole('button', { name: 'Run on this case' }).click();
    const assessment = page.getByRole('article', { name: 'Assessment by E2E finding count' });
    await assessment.waitFor();
    // Two present findings (chest pain, hypertension) and one out-of-range observation (heart rate 112 /min).
    await expect(assessment.locator('.big-number').first().textContent()).resolves.toBe('3');
    await expect(assessment.locator('svg .chart-value').allTextContents()).resolves.toEqual(['+2', '+1']);
    expect(store.assessments.listForCase(listed.id).map((a) => a.engineId)).toContain(findingCountEngine.id);

    const before = store.assessments.listForCase(listed.id).length;
    await engineSelect.selectOption(needsImageEngine.id);
    await page.getByRole('button', { name: 'Run on this case' }).click();
    const assessments = page.getByRole('region', { name: 'Assessments' });
    await expect(assessments.getByRole('alert').textContent()).resolves.toContain(
      "The engine did not run: Unprocessable Content (HTTP 422)the case does not hold the inputs 'other.e2e-needs-image' needs",
    );
    expect(store.assessments.listForCase(listed.id)).toHaveLength(before);
    await page.close();
  });

  it('keeps the case page when one capability panel fails, and gives panels the case', async () => {
    const [listed] = store.cases.list().items;
    if (!listed) throw new Error('the import test should have created a case');
    const page = await openPage(`/ui/#/cases/${encodeURIComponent(listed.id)}`);
    const failing = page.getByRole('region', { name: 'E2E failing panel' });
    await expect(failing.getByRole('alert').textContent()).resolves.toContain(
      'E2E failing panel could not be shown: e2e-fault-injection',
    );
    await expect(page.getByTestId('echo').textContent()).resolves.toBe(`Panel sees ${listed.title}`);
    await expect(
      page
        .getByRole('region', { name: /Findings/ })
        .locator('li')
        .count(),
    ).resolves.toBe(3);
    await page.close();
  });

  it('lists capability pages in the nav and routes to them', async () => {
    const page = await openPage('/ui/#/cases');
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'E2E page' });
    await expect(link.getAttribute('href')).resolves.toBe('#/e2e-page');
    await link.click();
    await page.getByRole('heading', { name: 'E2E capability page' }).waitFor();
    await expect(link.getAttribute('aria-current')).resolves.toBe('page');
    // The skip link moves focus to the content without touching the route in the hash.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    expect(new URL(page.url()).hash).toBe('#/e2e-page');
    await page.goto(`${baseUrl}/ui/#/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.close();
  });

  it('shows the problem document of an invalid bundle and stores nothing', async () => {
    const before = store.cases.list().total;
    const page = await openPage('/ui/#/cases');
    const invalid = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', gender: 'female' } },
        { resource: { resourceType: 'Condition' } },
      ],
    };
    await page.getByLabel('Bundle JSON').fill(JSON.stringify(invalid));
    await page.getByRole('button', { name: 'Import bundle' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('The bundle was not imported');
    expect(text).toContain('HTTP 422');
    expect(text).toContain('entry/1/resource/code');

    await page.getByLabel('Bundle JSON').fill('{ "resourceType": "Bundle", ');
    await page.getByRole('button', { name: 'Import bundle' }).click();
    await page.getByRole('alert').filter({ hasText: 'The bundle is not valid JSON' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/cases');
    expect(store.cases.list().total).toBe(before);
    await page.close();
  });

  it('about page shows the disclaimer, the server version and every engine', async () => {
    const page = await openPage('/ui/#/about');
    await page.getByRole('heading', { name: 'Decision support, not a diagnosis' }).waitFor();
    await expect(page.locator('.disclaimer').textContent()).resolves.toContain('not a medical device');
    await expect(page.getByTestId('server-version').textContent()).resolves.toBe(packageVersion);
    const rows = page.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(engineCount);
    await expect(page.getByRole('row', { name: /E2E finding count/ }).textContent()).resolves.toContain(
      '0.0.1',
    );
    await page.close();
  });

  it('signs out: the sign-in page comes back and the API refuses the old session', async () => {
    const page = await openPage('/ui/#/cases');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/v1/cases')).status);
    expect(status).toBe(401);
    await page.close();
  });

  it('an auditor reads the audit log (who read which case) and checks its chain, but not the cases', async () => {
    const page = await openPage('/ui/#/audit');
    await page.getByLabel('Name').fill('e2e-auditor');
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByLabel('Who').fill(`user:${E2E_USER}`);
    await page.getByLabel('Action').fill('case.read');
    await page.getByRole('button', { name: 'Filter' }).click();
    const firstRow = page.getByRole('table').locator('tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain('clinician');
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await expect(page.getByTestId('audit-verification').textContent()).resolves.toMatch(
      /^Intact: \d+ chained entries/,
    );
    const status = await page.evaluate(async () => (await fetch('/v1/cases')).status);
    expect(status).toBe(403);
    await page.close();
  });

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
