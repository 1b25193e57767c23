// Results in a real Chromium after a real call: the headless agent (the code of `callsim agent`)
// takes a zh-CN complaint call on the built server; the trainee opens Results, sees the call
// scored in the list, opens it and finds the total, the four-dimension radar, both channels'
// waveforms of the recording, and evidence times that move the playhead when clicked.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runHeadlessAgent } from '../../apps/server/src/agent/headless-agent.js';
import { ARTIFACTS_DIR, launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

let server: ServerProcess;
let browser: Browser;
let page: Page | undefined;
let callId = '';

beforeAll(async () => {
  server = await startServerProcess();
  const greeting = '您好，现代生活网上超市，很高兴为您服务。';
  const apology = '非常抱歉给您带来不便，我非常理解您的心情，马上为您补寄一个新的。';
  const result = await runHeadlessAgent({
    url: server.url,
    username: 'trainee1',
    password: 'trainee123',
    scenarioId: 'complaint-damaged-cup',
    turns: [
      { wav: speechWav(greeting, 'cmn-latn-pinyin', { before: 200, after: 200 }), text: greeting },
      { wav: speechWav(apology, 'cmn-latn-pinyin', { before: 200, after: 200 }), text: apology },
    ],
  });
  callId = result.callId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  const file = await screenshotOnFailure(page, context.task.name, failed);
  if (file) console.error(`screenshot: ${file}\n${server.output().slice(-3000)}`);
  await page?.context().close();
  page = undefined;
});

describe('results page', () => {
  it('shows the scored call with its total, the radar and both waveforms', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'trainee123');
    await page.waitForURL('**/softphone');
    await page.getByTestId('main-nav').getByText('我的成绩').click();
    await page.waitForURL('**/results');

    // The list looks again by itself until the score-call job has stored the score.
    const row = page.locator(`[data-testid="result-row"][data-call-id="${callId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('保温杯');
    await expect.poll(() => row.getByTestId('row-total').count(), { timeout: 30_000 }).toBe(1);
    const listedTotal = Number(await row.getByTestId('row-total').textContent());
    expect(listedTotal).toBeGreaterThan(0);
    expect(listedTotal).toBeLessThanOrEqual(100);

    await row.click();
    await page.waitForURL(`**/results/${callId}`);
    const total = page.getByTestId('result-total');
    await total.waitFor();
    expect(Number((await total.textContent())?.match(/[\d.]+/)?.[0])).toBe(listedTotal);

    const radar = page.getByTestId('score-radar');
    await expect.poll(() => radar.locator('canvas').count()).toBeGreaterThan(0);
    for (const id of ['script', 'speed', 'tone', 'courtesy'])
      expect(await page.getByTestId(`dimension-${id}`).textContent()).toMatch(/\d|—/);

    const waveform = page.getByTestId('waveform');
    await expect.poll(() => waveform.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(await waveform.locator('canvas').count()).toBeGreaterThan(0);
    // Split channels: the trainee's (left) and the customer's (right) waveforms are drawn apart.
    const channelCount = await waveform.evaluate((element) => {
      const hosts = Array.from(element.querySelectorAll('.call-waveform > div'));
      const root = hosts.find((h) => h.shadowRoot?.querySelector('.canvases'))?.shadowRoot;
      return root ? root.querySelectorAll('.canvases > div').length : 0;
    });
    expect(channelCount).toBe(2);
    expect(await page.getByTestId('transcript').textContent()).toContain('抱歉');
    await page.getByTestId('pitch-chart').locator('canvas').first().waitFor();

    // Evidence times seek the recording.
    const seek = page.getByTestId('evidence-seek').last();
    const when = (await seek.textContent()) ?? '';
    await seek.click();
    await expect.poll(() => waveform.locator('code').textContent()).toBe(when);

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'results.png'), fullPage: true });
  });
});
