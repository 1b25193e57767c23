// The evaluator console end to end: a trainee's real call (headless softphone speaking
// espeak-ng audio into the built server) is scored and indexed; in Chromium the teacher
// finds it by transcript search, opens it, plays the stereo waveform at another speed,
// seeks from the transcript, scores the rubric, pins a comment at a moment, grades and
// publishes; the trainee, whose page is open, is notified live and reads the review.
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
const pages: Page[] = [];
let callId = '';
/** The trainee whose call is reviewed. */
let trainee = '';

beforeAll(async () => {
  server = await startServerProcess();
  const say = (text: string) => ({ wav: speechWav(text, 'cmn-latn-pinyin'), text });
  const turns = [
    say('您好，现代生活网上超市，很高兴为您服务。'),
    say('非常抱歉给您带来不便，我非常理解您的心情。'),
    say('我们马上为您免费补寄一个新的，今天下午就发出。'),
  ];
  // Answering waits for the customer's lines to be rendered; on a busy machine the first
  // rendering can outlast the agent's 10 s answer timeout. Renderings are cached, so the
  // next trainee's call (the first one's seat is still held by its half-answered call) is quick.
  for (const name of ['trainee1', 'trainee2', 'trainee3']) {
    try {
      const result = await runHeadlessAgent({
        url: server.url,
        username: name,
        password: 'trainee123',
        scenarioId: 'complaint-damaged-cup',
        turns,
      });
      callId = result.callId;
      trainee = name;
      break;
    } catch (error) {
      if (name === 'trainee3' || (error as { code?: string }).code !== 'TIMEOUT') throw error;
    }
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  for (const [k, page] of pages.entries()) {
    const file = await screenshotOnFailure(page, `${context.task.name}-${k}`, failed);
    if (file) console.error(`screenshot: ${file}`);
  }
  if (failed) console.error(server.output().slice(-3000));
  for (const page of pages) await page.context().close();
  pages.length = 0;
});

async function open(username: string, password: string): Promise<Page> {
  const { page } = await newPage(browser, server.url);
  pages.push(page);
  await login(page, username, password);
  return page;
}

const currentMs = async (page: Page) =>
  Number(await page.getByTestId('current-time').getAttribute('data-ms'));

describe('evaluator console', () => {
  it('reviews a call with the waveform, rubric and a timed comment; the trainee is notified and sees it', async () => {
    // The trainee waits on their reviews page (live socket notifications).
    const traineePage = await open(trainee, 'trainee123');
    await traineePage.waitForURL('**/softphone');
    await traineePage.goto('/reviews');
    await traineePage.getByText('还没有评估结果', { exact: false }).waitFor();

    const teacher = await open('teacher', 'teacher123');
    await teacher.waitForURL('**/recordings');
    // Search the transcripts: the call's own words find it (indexed when the call ended).
    await expect
      .poll(
        async () => {
          await teacher.getByTestId('recording-search').locator('input').fill('补寄');
          await teacher.getByTestId('recording-search').locator('input').press('Enter');
          await teacher.waitForTimeout(500);
          return teacher.locator(`tr[data-row-key="${callId}"]`).count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await expect.poll(() => teacher.locator('tbody tr').count()).toBe(1);
    await teacher.locator(`tr[data-row-key="${callId}"]`).click();
    await teacher.waitForURL(`**/recordings/${callId}`);

    // Both channels are drawn once the WAV is decoded; the auto-score arrives from its job.
    await expect
      .poll(() => teacher.getByTestId('waveform').getAttribute('data-ready'), { timeout: 20_000 })
      .toBe('true');
    await expect
      .poll(
        async () => {
          if ((await teacher.getByTestId('auto-score').count()) === 0) await teacher.reload();
          return teacher.getByTestId('auto-score').count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe(1);
    await expect
      .poll(() => teacher.getByTestId('waveform').getAttribute('data-ready'), { timeout: 20_000 })
      .toBe('true');
    const canvases = await teacher.getByTestId('waveform').evaluate((el) => {
      const root = el.firstElementChild?.shadowRoot;
      return root ? root.querySelectorAll('canvas').length : 0;
    });
    expect(canvases).toBeGreaterThanOrEqual(2);

    // Play at 1.5×, then pause: the clock moves.
    await teacher.getByTestId('playback-rate').click();
    await teacher.getByTitle('1.5×').click();
    await teacher.getByTestId('play-toggle').click();
    await expect.poll(() => currentMs(teacher), { timeout: 10_000 }).toBeGreaterThan(1000);
    await teacher.getByTestId('play-toggle').click();
    const readRate = () =>
      teacher.getByTestId('waveform').evaluate((el) => {
        const media = el.firstElementChild?.shadowRoot?.querySelector(
          'audio, video',
        ) as HTMLMediaElement | null;
        return (
          media?.playbackRate ??
          (document.querySelector('audio') as HTMLMediaElement | null)?.playbackRate ??
          null
        );
      });
    await expect.poll(readRate, { timeout: 5_000 }).toBe(1.5);

    // The transcript lists the agent's words; clicking the second agent line seeks there.
    const agentLines = teacher.locator('.review-line-agent');
    await expect.poll(() => agentLines.count()).toBeGreaterThanOrEqual(3);
    const second = agentLines.nth(1);
    await second.getByTestId('transcript-seek').click();
    const seekedMs = await currentMs(teacher);
    const lineStart = await second.getByTestId('transcript-seek').textContent();
    expect(seekedMs).toBeGreaterThan(1000);
    await expect.poll(() => second.getAttribute('data-active')).toBe('true');

    // A comment pinned at that moment.
    await teacher.getByTestId('comment-input').fill('这里的道歉很及时，语气真诚。');
    await teacher.getByTestId('comment-add').click();
    const comment = teacher.getByTestId('comment').filter({ hasText: '这里的道歉很及时' });
    await comment.waitFor();
    expect(Math.abs(Number(await comment.getAttribute('data-at-ms')) - seekedMs)).toBeLessThan(300);
    expect(await comment.textContent()).toContain(lineStart?.trim() ?? '');

    // Rubric: inbound form (warmth 40 / handling 40 / knowledge 20).
    for (const [item, points] of [
      ['warmth', '34'],
      ['handling', '30'],
      ['knowledge', '16'],
    ] as const) {
      const input = teacher.locator(
        `input[data-testid="rubric-item-${item}"], [data-testid="rubric-item-${item}"] input`,
      );
      await input.first().fill(points);
    }
    await expect.poll(() => teacher.getByTestId('review-total').textContent()).toContain('80 / 100');
    await teacher.locator('label', { has: teacher.getByTestId('grade-good') }).click();
    await teacher.getByTestId('review-summary-input').fill('开场规范，道歉及时；注意控制语速。');
    await teacher.getByTestId('review-publish').click();
    await teacher.getByText('该评估已发布', { exact: false }).waitFor();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await teacher.screenshot({ path: path.join(ARTIFACTS_DIR, 'review-page.png'), fullPage: true });

    // The trainee's open page shows the notification without a reload, and the review.
    await traineePage.getByTestId('review-notification').first().waitFor({ timeout: 15_000 });
    await traineePage.getByTestId('review-summary').waitFor();
    expect(await traineePage.getByTestId('review-summary-grade').textContent()).toBe('良好');
    expect(await traineePage.getByTestId('review-summary-total').textContent()).toContain('80 / 100');
    const comments = await traineePage.getByTestId('review-summary-comments').textContent();
    expect(comments).toContain('这里的道歉很及时，语气真诚。');
    expect(await traineePage.getByTestId('review-summary').textContent()).toContain('服务热情');
    await traineePage.screenshot({ path: path.join(ARTIFACTS_DIR, 'trainee-review.png'), fullPage: true });
  });
});
