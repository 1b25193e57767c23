// Drills in a real Chromium: a trainee takes a listen-and-type drill (start, play, type with
// one mistake, submit, see accuracy and the highlighted diff), and reads the warm-up greeting
// into a fake microphone fed by an espeak-ng WAV of known speech: the pace the page reports
// must be within 10 % of the truth (the sentence's 字 over the speech duration, pauses
// excluded, measured by sox on the same file).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { countChineseChars } from '@callsim/scoring';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { REPO_ROOT, type ServerProcess, startServerProcess } from './support/server-process.js';

const GENERATED = path.join(REPO_ROOT, 'tests/fixtures/generated/e2e');
/** Staff number of the warm-up trainee: the greeting says 工号{agent.id} = their username. */
const STAFF_NUMBER = '1024';
const GREETING = `您好，现代生活网上超市，工号${STAFF_NUMBER}，很高兴为您服务，请问有什么可以帮您？`;
/** espeak-ng speed for the reading, words per minute (its default is 175). */
const READING_WPM = 150;
const LEAD_SILENCE_MS = 1500;
const TAIL_SILENCE_MS = 1000;

let server: ServerProcess;
let browser: Browser;
let page: Page | undefined;
let reading: { file: string; durationMs: number; speechMs: number };

/**
 * The greeting read by espeak-ng (cmn-latn-pinyin; the staff number digit by digit, as agents
 * say it) at READING_WPM, padded with silence, 16 kHz mono; and its speech duration with
 * every pause of 250 ms or more cut out by sox (the same pause rule the analysis uses).
 */
function greetingReading(): { file: string; durationMs: number; speechMs: number } {
  mkdirSync(GENERATED, { recursive: true });
  const spoken = GREETING.replace(STAFF_NUMBER, '一零二四');
  const key = createHash('sha256')
    .update(`${spoken}|${READING_WPM}|${LEAD_SILENCE_MS}|${TAIL_SILENCE_MS}`)
    .digest('hex')
    .slice(0, 16);
  const file = path.join(GENERATED, `warmup-greeting-${key}.wav`);
  const speechOnly = path.join(GENERATED, `warmup-greeting-${key}.speech.wav`);
  if (!existsSync(file) || !existsSync(speechOnly)) {
    const raw = `${file}.raw.wav`;
    execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-s', String(READING_WPM), '-w', raw, spoken]);
    execFileSync('sox', [
      raw,
      '-r',
      '16000',
      '-c',
      '1',
      '-b',
      '16',
      file,
      'pad',
      String(LEAD_SILENCE_MS / 1000),
      String(TAIL_SILENCE_MS / 1000),
    ]);
    rmSync(raw, { force: true });
    // Leading silence off, then every stretch of ≥ 0.25 s below 1 % cut out.
    execFileSync('sox', [file, speechOnly, 'silence', '1', '0.02', '1%', '-1', '0.25', '1%']);
  }
  const seconds = (f: string) => Number(execFileSync('soxi', ['-D', f]).toString().trim());
  return { file, durationMs: seconds(file) * 1000, speechMs: seconds(speechOnly) * 1000 };
}

async function apiAs(cookie: string, method: string, url: string, json?: unknown): Promise<Response> {
  return fetch(`${server.url}/api${url}`, {
    method,
    headers: { cookie, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

beforeAll(async () => {
  server = await startServerProcess();
  reading = greetingReading();
  browser = await launchBrowser({ fakeMicWav: reading.file });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin123' }),
  });
  const adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await apiAs(adminCookie, 'POST', '/users', {
    username: STAFF_NUMBER,
    displayName: '赵一鸣',
    password: 'password-1024',
    role: 'trainee',
    className: '电商2401班',
  });
  expect(created.status).toBe(201);
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

describe('drills', () => {
  it('listen-and-type: play the customer, type with one mistake, submit, see accuracy and the diff', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'trainee123');
    await page.waitForURL('**/softphone');
    await page.goto('/drills?material=line:complaint-late-delivery:annoyed');
    await expect.poll(() => page!.getByTestId('typing-material').textContent()).toContain('生鲜配送超时投诉');
    await page.getByTestId('typing-start').click();
    const play = page.getByTestId('typing-play');
    await expect.poll(() => play.isEnabled(), { timeout: 20_000 }).toBe(true);
    await play.click();
    await expect.poll(() => page!.getByTestId('typing-plays-left').textContent()).toContain('还可播放 2 次');
    // The clip really plays: the page's audio element moves forward.
    await expect
      .poll(() => page!.getByTestId('typing-play').textContent(), { timeout: 10_000 })
      .toMatch(/停\s*止/);

    // 25 字 said; one typed wrong (着 → 者), punctuation left out and a full-width space added.
    await page.getByTestId('typing-input').fill('你们这什么效率　一句对不起都没有我下了单就这么干等者');
    await page.getByTestId('typing-submit').click();
    await expect.poll(() => page!.getByTestId('typing-accuracy').textContent()).toContain('96.0%');
    const substitution = page.getByTestId('diff-substitution');
    expect(await substitution.count()).toBe(1);
    expect(await substitution.textContent()).toBe('者着');
    expect(await page.getByTestId('diff-deletion').count()).toBe(0);
    expect(await page.getByTestId('diff-insertion').count()).toBe(0);
    expect(await page.getByTestId('typing-reference').textContent()).toBe(
      '你们这什么效率？一句对不起都没有，我下了单就这么干等着？',
    );
    expect(await page.getByTestId('typing-passed').textContent()).toContain('95%');

    // Stored: the attempt is in the trainee's history and progress.
    await page.goto('/progress');
    await expect.poll(() => page!.getByTestId('best-net').textContent()).toMatch(/\d+/);
    expect(await page.getByTestId('leaderboard').textContent()).toContain('张小雨');
  });

  it('voice warm-up: a fake-microphone reading of known speed reports its pace within 10 %', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, STAFF_NUMBER, 'password-1024');
    await page.waitForURL('**/softphone');
    await page.goto('/drills?tab=warmup');
    await expect.poll(() => page!.getByTestId('warmup-text').textContent()).toBe(GREETING);

    await page.getByTestId('warmup-record').click();
    // The live meter follows the microphone: silence first, then the voice.
    await expect
      .poll(
        async () => Number.parseFloat((await page!.getByTestId('warmup-level-db').textContent()) ?? '-99'),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(-40);
    // Let the whole file play (the fake device starts it when the microphone opens).
    await page.waitForTimeout(reading.durationMs + 500);
    await page.getByTestId('warmup-stop').click();
    const rateText = page.getByTestId('warmup-ratePerMin');
    await expect.poll(() => rateText.count(), { timeout: 20_000 }).toBe(1);

    const reported = Number.parseFloat((await rateText.textContent()) ?? 'NaN');
    const truth = countChineseChars(GREETING) / (reading.speechMs / 60_000);
    console.info(
      `warm-up pace: reported ${reported} 字/min, truth ${truth.toFixed(1)} 字/min ` +
        `(${countChineseChars(GREETING)} 字 over ${Math.round(reading.speechMs)} ms of speech)`,
    );
    expect(Math.abs(reported - truth) / truth).toBeLessThan(0.1);
    expect(await page.getByTestId('warmup-ratePerMin-band').textContent()).toMatch(/达标|接近|偏离/);
    expect(await page.getByTestId('warmup-pitchSdSemitones').textContent()).toMatch(/半音/);
    expect(await page.getByTestId('warmup-levelDb').textContent()).toMatch(/\d+ dB/);

    // The same sentence "smiling" (the fake device replays the file): the pair is the baseline.
    await page.getByTestId('warmup-style-smiling').click();
    await page.getByTestId('warmup-record').click();
    await expect
      .poll(
        async () => Number.parseFloat((await page!.getByTestId('warmup-level-db').textContent()) ?? '-99'),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(-40);
    await page.waitForTimeout(reading.durationMs + 500);
    await page.getByTestId('warmup-stop').click();
    await expect.poll(() => page!.getByTestId('warmup-smile').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('warmup-baseline-ready').count()).toBe(1);
  });
});
