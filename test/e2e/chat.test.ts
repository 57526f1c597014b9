import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uploadForTranscript } from '../../web/src/components/dictation.js';
import { pocketsphinxUnavailable, SPEECH_FIXTURE } from '../speech-fixture.js';
import { type E2eApp, startE2eApp } from './app.js';
import { describeWithChromium } from './browser.js';

/** Under load (the whole suite on two cores) retrieval with the sentence encoder can take several seconds. */
const POLL = { timeout: 60_000 };
const LLM_ENV = ['HEALTHGPT_LLM_BASE_URL', 'HEALTHGPT_LLM_GGUF'] as const;

/**
 * The chat page against the real server with no language model configured: a guideline question streams back a
 * retrieval-only answer, labelled as not generated, with its passages cited; dictation uploads the real recording.
 */
describeWithChromium('the chat page in the browser', () => {
  let app: E2eApp;
  const saved = Object.fromEntries(LLM_ENV.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    for (const key of LLM_ENV) delete process.env[key];
    app = await startE2eApp();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    for (const key of LLM_ENV) if (saved[key] !== undefined) process.env[key] = saved[key];
  });

  it('answers a guideline question from retrieval, says it is not generated, and cites current editions', async () => {
    const page = await app.openPage('/ui/#/chat');
    await expect.poll(() => page.locator('.chat-no-model').textContent(), POLL).toMatch(/not generated/);
    await page
      .getByLabel('Question')
      .fill('Which CURB-65 score means a patient with pneumonia should be admitted?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('.chat-answer').last();
    await expect
      .poll(() => answer.getAttribute('aria-busy'), POLL)
      .toBe('false')
      .catch(async (error: unknown) => {
        await page.screenshot({ path: '/tmp/healthgpt-chat-failed.png', fullPage: true });
        throw error;
      });
    expect(await answer.getByText('Not generated — retrieval only').count()).toBe(1);
    const sources = answer.getByRole('region', { name: 'Sources' }).locator('li');
    expect(await sources.count()).toBeGreaterThanOrEqual(1);
    expect(await sources.first().textContent()).toMatch(/curb/i);
    expect(await sources.first().locator('.badge').textContent()).toMatch(/^(current|superseded)$/);
    expect(await answer.locator('.chat-text').textContent()).not.toBe('');
    expect(await page.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('opens with a case attached from the case page link', async () => {
    const created = await app.context.request.post(`${app.baseUrl}/v1/cases`, {
      headers: { origin: app.baseUrl },
      data: { title: 'Chat e2e case', patient: { ageYears: 71 }, findings: [], observations: [], images: [] },
    });
    expect(created.ok()).toBe(true);
    const { id } = (await created.json()) as { id: string };
    const casePage = await app.openPage(`/ui/#/cases/${id}`);
    await casePage.getByRole('link', { name: 'Ask HealthGPT about this case' }).click();
    await expect.poll(() => casePage.getByLabel('Case as context').inputValue(), POLL).toBe(id);
    await casePage.getByLabel('Question').fill('What does NEWS2 say about escalation?');
    await casePage.getByRole('button', { name: 'Ask' }).click();
    const answer = casePage.locator('.chat-answer').last();
    await expect.poll(() => answer.getAttribute('aria-busy'), POLL).toBe('false');
    expect(await answer.getByRole('alert').count()).toBe(0);
    expect(await answer.getByRole('region', { name: 'Sources' }).count()).toBe(1);
  }, 120_000);

  it('sends an attached image with the question and refuses a file that is not an image', async () => {
    const page = await app.openPage('/ui/#/chat');
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(128);
    await page
      .getByLabel('Attach image')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/PNG, JPEG or WebP/);
    await page
      .getByLabel('Attach image')
      .setInputFiles({ name: 'wound.png', mimeType: 'image/png', buffer: PNG.sync.write(png) });
    await page.getByRole('button', { name: 'Remove image' }).waitFor();
    expect(await page.getByText('(no language model: the image will not be read)').count()).toBe(1);
    await page.getByLabel('Question').fill('Does this wound need review under NEWS2?');
    await page.getByRole('button', { name: 'Ask' }).click();
    expect(await page.getByAltText('attached: wound.png').count()).toBe(1);
    const answer = page.locator('.chat-answer').last();
    await expect.poll(() => answer.getAttribute('aria-busy'), POLL).toBe('false');
    expect(await answer.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Remove image' }).count()).toBe(0);
  }, 120_000);

  it('uploads the real recording as the dictation button does and gets its words back', async (context) => {
    const missing = pocketsphinxUnavailable();
    if (missing && process.env.CI === 'true') throw new Error(`${missing}; CI=true, so this test fails`);
    if (missing) return context.skip(missing);
    const page = await app.openPage('/ui/#/chat');
    await expect.poll(() => page.getByRole('button', { name: 'Dictate' }).isEnabled(), POLL).toBe(true);
    const intake = await app.openPage('/ui/#/intake');
    await expect.poll(() => intake.getByRole('button', { name: 'Dictate' }).isEnabled(), POLL).toBe(true);
    const cookies = await app.context.cookies(app.baseUrl);
    const text = await uploadForTranscript(readFileSync(SPEECH_FIXTURE), {
      baseUrl: app.baseUrl,
      headers: { origin: app.baseUrl, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(text).toMatch(/wikipedia/);
    expect(text).toMatch(/improving or maintaining/);
    const refused = uploadForTranscript(new TextEncoder().encode('not audio'), {
      baseUrl: app.baseUrl,
      headers: { origin: app.baseUrl, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    await expect(refused).rejects.toMatchObject({ status: 415 });
  }, 120_000);
});
