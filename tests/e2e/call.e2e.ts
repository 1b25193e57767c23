// A trainee answers a zh-CN complaint call in Chromium with a fake-microphone WAV: the
// softphone rings with the customer card, the call connects, the agent's speech goes up
// as 20 ms frames, the customer's voice comes back, the trainee hangs up, and the stereo
// recording has speech on both channels while the timeline lists the turns.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { sequenceWav, speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

let server: ServerProcess;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  server = await startServerProcess();
  // The customer speaks first (about 4 s), then the trainee answers twice.
  const mic = sequenceWav('complaint-agent', [
    6000,
    speechWav('您好，非常抱歉给您带来不便，我非常理解您的心情。', 'cmn-latn-pinyin', { before: 0, after: 0 }),
    7000,
    speechWav('我们马上为您免费补寄一个新的，今天下午就发出。', 'cmn-latn-pinyin', { before: 0, after: 0 }),
    20000,
  ]);
  browser = await launchBrowser({ fakeMicWav: mic });
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

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return undefined;
}

describe('softphone call', () => {
  it('answers a complaint call by voice; both channels are recorded and the timeline lists the turns', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'trainee123');
    await page.waitForURL('**/softphone');
    await expect.poll(() => page!.getByTestId('connection-state').textContent()).toBe('已连接');
    await page.getByText('就绪', { exact: true }).click();
    await page.getByTestId('scenario-select').click();
    await page.getByText('保温杯破损投诉', { exact: false }).first().click();
    await page.getByTestId('practice-start').click();
    await page.getByTestId('incoming-call').waitFor();
    expect(await page.getByTestId('incoming-call').textContent()).toContain('王先生');
    await page.getByTestId('answer').click();
    await page.getByTestId('live-call').waitFor();
    // The customer's first line shows as a subtitle; then the agent's turns are recognised by VAD.
    await expect
      .poll(() => page!.getByTestId('subtitles').textContent(), { timeout: 20_000 })
      .toContain('保温杯');
    const agentTurnCount = async () =>
      Number(
        (await page!
          .getByTestId('agent-said')
          .getAttribute('data-turns')
          .catch(() => '0')) ?? 0,
      );
    await expect.poll(agentTurnCount, { timeout: 40_000 }).toBeGreaterThanOrEqual(2);
    // The customer answers the second turn too: a third subtitle line appears.
    await expect
      .poll(() => page!.getByTestId('subtitles').locator('li').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'live-call.png') });
    await page.getByTestId('hangup').click();
    await page.getByTestId('call-ended').waitFor();

    const calls = await page.evaluate(async () => (await fetch('/api/calls')).json());
    expect(calls[0]).toMatchObject({
      status: 'ended',
      endedBy: 'agent',
      scenarioId: 'complaint-damaged-cup',
    });
    const wavPath = findFile(server.dataDir, `${calls[0].id}.wav`)!;
    const timeline = JSON.parse(readFileSync(findFile(server.dataDir, `${calls[0].id}.json`)!, 'utf8'));
    const wav = decodeWav(new Uint8Array(readFileSync(wavPath)));
    expect(wav.channels).toHaveLength(2);
    expect(rms(wav.channels[0]!)).toBeGreaterThan(0.005);
    expect(rms(wav.channels[1]!)).toBeGreaterThan(0.005);
    const agentTurns = timeline.segments.filter((s: { speaker: string }) => s.speaker === 'agent');
    const callerTurns = timeline.segments.filter((s: { speaker: string }) => s.speaker === 'caller');
    expect(agentTurns.length).toBeGreaterThanOrEqual(2);
    expect(callerTurns.length).toBeGreaterThanOrEqual(2);
    // The agent's first turn lies on the left channel where the timeline puts it.
    const first = agentTurns[0];
    const slice = wav.channels[0]!.subarray(
      Math.floor((first.startMs / 1000) * 16000),
      Math.floor((first.endMs / 1000) * 16000),
    );
    expect(rms(slice)).toBeGreaterThan(0.01);
  });
});
