import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/accounts.js';
import { Coordinator, memoryStore } from '../../src/federated/coordinator.js';
import { summarise } from '../../src/federated/coordinator-server.js';
import { heartSiteData, runLoopback } from '../../src/federated/heart-run.js';
import { federatedRegistry, registerFederatedModel } from '../../src/federated/registry.js';
import { saveRunSummary } from '../../src/federated/runs.js';
import { syntheticSite } from '../../src/federated/test-fixtures.js';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

const POLL = { timeout: 60_000 };
const ADMIN = { name: 'e2e-federated-admin', password: 'correct horse battery staple 43' };

/**
 * The Federated admin page against the real server: a run recorded by a coordinator (a real DP run over loopback)
 * is listed with its progress, its sites' privacy spent and its last rounds; a clinician is refused.
 */
describeWithChromium('the federated admin page in the browser', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
    const sites = new Map([
      ['north', heartSiteData(syntheticSite(60, 1))],
      ['south', heartSiteData(syntheticSite(60, 2, 1))],
      ['east', heartSiteData(syntheticSite(40, 3, -1))],
    ]);
    const store = memoryStore();
    const run = await runLoopback({ sites, rounds: 3, dp: { epsilon: 1, delta: 1e-5 }, seed: 3, store });
    // The finished run's model enters the registry, as `federated coordinator` does.
    registerFederatedModel(federatedRegistry(app.store.documents, app.workDir), run.state, 'e2e');
    const coordinator = new Coordinator(undefined, store);
    saveRunSummary(app.store.documents, summarise(coordinator));
    coordinator.dispose();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('a clinician is refused; an administrator sees the run, its sites, privacy spent and rounds', async () => {
    const refused = await app.openPage('/ui/#/federated');
    await expect
      .poll(() => refused.getByRole('alert').textContent(), POLL)
      .toMatch(/Cannot load federated runs/);
    await createUser(
      app.store,
      { ...ADMIN, role: 'admin' },
      { scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 } },
    );
    const signedIn = await app.context.request.post(`${app.baseUrl}/v1/auth/sign-in`, { data: ADMIN });
    expect(signedIn.ok()).toBe(true);
    const page = await app.openPage('/ui/#/federated');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Federated learning' }).isVisible(), POLL)
      .toBe(true);
    const runs = page.getByRole('table', { name: 'Runs' });
    await expect.poll(() => runs.textContent(), POLL).toMatch(/done.*3\/3.*fedavg.*on.*north, south, east/);
    const sites = page.getByRole('table', { name: 'Sites' });
    await expect.poll(() => sites.textContent(), POLL).toMatch(/north.*yes.*3.*0\.\d{3}/);
    await expect.poll(() => sites.textContent(), POLL).toMatch(/yes \(pinned identity keys\)/);
    const rounds = page.getByRole('table', { name: 'Last rounds' });
    await expect.poll(() => rounds.textContent(), POLL).toMatch(/3.*train.*aggregated/);
    await page.screenshot({ path: `${app.workDir}/federated.png` });
    // The run's model is in the registry: the fairness page's registry panel shows it under its family.
    const fairness = await app.openPage('/ui/#/fairness');
    const family = fairness.getByLabel('Model family');
    await expect
      .poll(() => family.locator('option').allTextContents(), POLL)
      .toContain('federated-heart-logistic');
    await family.selectOption('federated-heart-logistic');
    const registry = fairness.locator('table.fairness-table').last();
    await expect
      .poll(() => registry.locator('tbody tr').first().textContent(), POLL)
      .toMatch(
        /^v1candidatefederated-heart-logistic.*3 sites, 3\/3 rounds fedavg, ε \d\.\d\d, keys verified/,
      );
    expect(app.pageErrors.filter((e) => !/403/.test(e))).toEqual([]);
  }, 240_000);
});
