// A trainee works an outbound task in Chromium with a fake-microphone WAV: a teacher's
// campaign puts a 回访 in the worklist on the class clock; Dial plays ringback, the
// customer answers and speaks first, the trainee talks through the same call panel as
// an inbound call, hangs up, and records the disposition; the call is stored as an
// outbound call of that task, with its recording.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { sequenceWav, speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

let server: ServerProcess;
let browser: Browser;
let page: Page | undefined;
let taskId: string;

async function rest<T>(
  cookie: string,
  route: string,
  init: { method?: string; json?: unknown; csv?: string } = {},
) {
  const response = await fetch(`${server.url}/api${route}`, {
    method: init.method ?? (init.json === undefined && init.csv === undefined ? 'GET' : 'POST'),
    headers: {
      cookie,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.csv === undefined ? {} : { 'content-type': 'text/csv' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    ...(init.csv === undefined ? {} : { body: init.csv }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function cookieOf(username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

beforeAll(async () => {
  server = await startServerProcess({ CALLSIM_RING_PERIOD_MS: '1000' });
  // The microphone opens at Dial: ringback ≈ 3 s, the customer's "喂，哪位？", then the
  // trainee's turns. They repeat, so the call goes on whenever the customer picks up.
  const greeting = speechWav('您好，我是现代生活网上超市的客服，请问是王先生吗？', 'cmn-latn-pinyin', {
    before: 0,
    after: 0,
  });
  const question = speechWav('新的保温杯您收到了吗？用着还好吗？', 'cmn-latn-pinyin', {
    before: 0,
    after: 0,
  });
  const mic = sequenceWav('followup-agent', [
    6000,
    greeting,
    6000,
    question,
    6000,
    greeting,
    6000,
    question,
    20000,
  ]);
  browser = await launchBrowser({ fakeMicWav: mic });

  // The teacher's campaign: one customer for trainee1, due this (simulated) morning.
  const teacher = await cookieOf('teacher', 'teacher123');
  const classes = await rest<{ id: string; name: string }[]>(teacher, '/classes');
  const classId = classes.find((c) => c.name === '电商2401班')!.id;
  const users = await rest<{ id: string; username: string }[]>(teacher, '/users');
  const campaign = await rest<{ id: string }>(teacher, '/outbound/campaigns', {
    json: {
      classId,
      name: '补寄回访',
      scenarioIds: ['followup-damaged-cup'],
      traineeUserIds: [users.find((u) => u.username === 'trainee1')!.id],
      windowStartSimMs: Date.parse('2026-11-12T00:00:00Z'),
      windowEndSimMs: Date.parse('2026-11-14T00:00:00Z'),
      quotaPerTrainee: 5,
    },
  });
  await rest(teacher, `/outbound/campaigns/${campaign.id}/customers`, {
    csv: '姓名,电话,时区,订单号\n王先生,138****6621,Asia/Shanghai,20261108-3391\n',
  });
  await rest(teacher, `/outbound/campaigns/${campaign.id}/start`, { json: {} });
  await rest(teacher, `/outbound/clocks/${classId}`, {
    method: 'PATCH',
    json: { setSimMs: Date.parse('2026-11-12T02:00:00Z'), speedFactor: 1 },
  });
  // The campaign's tasks are created by a durable job: wait for it.
  for (let i = 0; i < 60 && !taskId; i++) {
    const tasks = await rest<{ id: string }[]>(teacher, `/outbound/campaigns/${campaign.id}/tasks`);
    if (tasks[0]) taskId = tasks[0].id;
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!taskId) throw new Error('campaign created no task');
  // Loading the worklist prepares the customer's voice of due calls (TTS, cached).
  await rest(await cookieOf('trainee1', 'trainee123'), '/outbound/worklist');
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

describe('outbound worklist', () => {
  it('dials a due task, talks to the customer who answers, and records the disposition', async () => {
    ({ page } = await newPage(browser, server.url));
    await login(page, 'trainee1', 'trainee123');
    await page.waitForURL('**/softphone');
    await page.getByTestId('main-nav').getByText('外呼任务').click();
    await page.waitForURL('**/outbound');
    await expect.poll(() => page!.getByTestId('connection-state').textContent()).toBe('已连接');
    const row = page.locator(`[data-task="${taskId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('王先生');

    // The customer card and history open from the customer's name.
    await row.getByTestId('task-customer').click();
    await page.getByTestId('task-detail').waitFor();
    expect(await page.getByTestId('task-detail').textContent()).toContain('20261108-3391');
    await page.keyboard.press('Escape');

    await row.getByTestId('dial').click();
    await page.getByTestId('dialing').waitFor();
    await expect
      .poll(() => page!.getByTestId('ringback-count').textContent(), { timeout: 10_000 })
      .toMatch(/回铃 [1-9]/);
    // Answered: the same live-call panel as an inbound call; the customer speaks first.
    await page.getByTestId('live-call').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page!.getByTestId('subtitles').textContent(), { timeout: 20_000 })
      .toContain('哪位');
    const agentTurns = async () =>
      Number(
        (await page!
          .getByTestId('agent-said')
          .getAttribute('data-turns')
          .catch(() => '0')) ?? 0,
      );
    await expect.poll(agentTurns, { timeout: 40_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page!.getByTestId('subtitles').locator('li').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'outbound-call.png') });
    // Hang up, unless the customer (who may not have understood) already did.
    await page
      .getByTestId('hangup')
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await page.getByTestId('call-ended').waitFor();

    // After the call: the disposition, then the task leaves the worklist.
    const disposition = page.locator(`[data-testid="disposition"][data-task="${taskId}"]`);
    await disposition.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'outbound-disposition.png') });
    await disposition.getByText('成功', { exact: true }).click();
    await disposition.locator('textarea').fill('客户已收到补寄的杯子，打 9 分');
    await disposition.getByTestId('disposition-submit').click();
    await disposition.waitFor({ state: 'detached' });
    await expect.poll(() => page!.locator(`[data-task="${taskId}"]`).count()).toBe(0);

    const detail = await page.evaluate(
      async (id) => (await fetch(`/api/outbound/tasks/${id}`)).json(),
      taskId,
    );
    expect(detail.task).toMatchObject({ status: 'done', disposition: 'success', attempts: 1 });
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ direction: 'outbound', outcome: 'answered' });
    const calls = await page.evaluate(async () => (await fetch('/api/calls')).json());
    expect(calls[0]).toMatchObject({
      id: detail.history[0].callId,
      direction: 'outbound',
      scenarioId: 'followup-damaged-cup',
      status: 'ended',
    });
    const recording = await page.evaluate(
      async (url) => (await fetch(url)).status,
      detail.history[0].recordingUrl as string,
    );
    expect(recording).toBe(200);
  });
});
