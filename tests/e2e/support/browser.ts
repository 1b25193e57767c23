// Debian Chromium through playwright-core, with a fake microphone fed from a WAV file.
// On a failed test, `screenshotOnFailure` keeps a PNG under tests/e2e/artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './server-process.js';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests/e2e/artifacts');

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    'Chromium not found: install Debian chromium (node scripts/setup.mjs --for test does it) or set CHROMIUM_PATH',
  );
}

export async function launchBrowser(options: { fakeMicWav?: string } = {}): Promise<Browser> {
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
  ];
  if (options.fakeMicWav) args.push(`--use-file-for-fake-audio-capture=${options.fakeMicWav}%noloop`);
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

export async function newPage(
  browser: Browser,
  baseURL: string,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale,
    permissions: ['microphone'],
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  return { context, page };
}

/** Saves a screenshot named after the test; call from afterEach when the test failed. */
export async function screenshotOnFailure(
  page: Page | undefined,
  testName: string,
  failed: boolean,
): Promise<string | undefined> {
  if (!page || !failed) return undefined;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${testName.replace(/[^\w-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  return file;
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
}
