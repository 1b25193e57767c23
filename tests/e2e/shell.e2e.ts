// The web shell in a real Chromium: a trainee logs in and reaches the softphone, whose
// socket connects and whose microphone check hears the fake-microphone WAV; a bad
// login shows the catalogue message in the UI language; navigation follows the role.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

let server: ServerProcess;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  server = await startServerProcess();
  const micWav = speechWav('您好，很高兴为您服务，请问有什么可以帮您？', 'cmn-latn-pinyin', {
    before: 300,
    after: 300,
  });
  browser = await launchBrowser({ fakeMicWav: micWav });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  const file = await screenshotOnFailure(page, context.task.name, failed);
  if (file) console.error(`screenshot: ${file}`);
  await page?.context().close();
  page = undefined;
});

describe('web shell', () => {
  it('a trainee logs in and reaches the softphone; the socket connects and the status goes to Ready', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'trainee123');
    await page.waitForURL('**/softphone');
    await expect.poll(() => page!.getByTestId('connection-state').textContent()).toBe('已连接');
    await page.getByText('就绪', { exact: true }).click();
    // The server confirms the state change (and the practice button becomes usable).
    await expect.poll(() => page!.getByTestId('practice-start').isEnabled(), { timeout: 10_000 }).toBe(true);
    const nav = await page.getByTestId('main-nav').textContent();
    expect(nav).toContain('软电话');
    expect(nav).toContain('基本功训练');
    expect(nav).not.toContain('用户管理');
  });

  it('a wrong password shows the message in Chinese, then in English after switching language', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'wrong-password');
    await expect.poll(() => page!.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.getByTestId('language-switch').click();
    await page.getByLabel('Password').fill('still-wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => page!.getByTestId('login-error').textContent())
      .toContain('Wrong username or password');
    expect(await page.content()).not.toMatch(/at \w+ \(.*\.js:\d+/);
  });

  it('an admin sees user administration and a trainee is kept out of it', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'admin', 'admin123');
    await page.waitForURL('**/admin/users');
    await expect.poll(() => page!.getByRole('cell', { name: 'trainee2' }).count()).toBe(1);
    await page.context().clearCookies();
    await login(page, 'trainee2', 'trainee123');
    await page.waitForURL('**/softphone');
    await page.goto('/admin/users');
    await page.waitForURL('**/softphone');
  });
});
