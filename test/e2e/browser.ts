import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { describeIfAvailable } from '../describe-if-available.js';

/** Debian's Chromium (`apt-get install -y chromium`); `npx playwright install` cannot download here. */
export const CHROMIUM_PATH = process.env.HEALTHGPT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launch flags for Chromium in a closed network: without the networking flags it keeps trying to reach Google's
 * services. `--headless` is added by playwright itself.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` for a browser suite: skipped, with the reason, when Chromium is not installed — except in CI
 * (`CI=true`), where a suite that cannot run is a failure.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  const reason = existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set HEALTHGPT_CHROMIUM)`;
  describeIfAvailable(name, reason, suite);
}

/** A headless Chromium with a fresh profile in a temp folder, removed by `close()`. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'healthgpt-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
