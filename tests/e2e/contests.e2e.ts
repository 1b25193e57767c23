// The "best voice agent" contest in a real Chromium: the teacher creates a contest, a trainee
// nominates an excerpt of their call, voting opens, the trainee listens to an entry to the end
// and votes blind (no names, no call ids in the page or the audio URLs) while the teacher's
// live tally moves; the teacher scores and closes, and the results rank the entries with names
// and give a PNG certificate in the UI language.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav, encodeWav } from '@callsim/audio';
import type { ContestEntryDto } from '@callsim/protocol';
import SqliteDatabase from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshotOnFailure } from './support/browser.js';
import { speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

let server: ServerProcess;
let browser: Browser;
const pages: Page[] = [];
const browserErrors: string[] = [];
const userIds: Record<string, string> = {};
const callIds: Record<string, string> = {};
const AGENT_LINES: Record<string, string> = {
  trainee1: '您好，很高兴为您服务，请问有什么可以帮您？',
  trainee2: '您好，欢迎致电客服中心，我是客服小王。',
  trainee3: '非常感谢您的耐心等待，这个问题我马上为您处理。',
};

/** A stereo call recording: the agent line on the left, a caller line on the right after it. */
function stereoRecording(who: string): { file: string; durationMs: number } {
  const agent = decodeWav(
    readFileSync(speechWav(AGENT_LINES[who]!, 'cmn-latn-pinyin', { before: 300, after: 200 })),
  );
  const caller = decodeWav(
    readFileSync(speechWav('好的，谢谢。', 'cmn-latn-pinyin', { before: 0, after: 300 })),
  );
  const a = agent.channels[0]!;
  const c = caller.channels[0]!;
  const left = new Float32Array(a.length + c.length);
  const right = new Float32Array(a.length + c.length);
  left.set(a);
  right.set(c, a.length);
  const file = path.join(server.dataDir, `${who}-call.wav`);
  writeFileSync(file, encodeWav({ sampleRateHz: 16000, channels: [left, right] }));
  return { file, durationMs: Math.round((left.length / 16000) * 1000) };
}

/** Inserts finished calls for the demo trainees straight into the server's SQLite file. */
function seedCalls(): void {
  const db = new SqliteDatabase(path.join(server.dataDir, 'callsim.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    for (const who of ['teacher', 'trainee1', 'trainee2', 'trainee3']) {
      const row = db.prepare('select id from users where username = ?').get(who) as { id: string };
      userIds[who] = row.id;
    }
    const insert = db.prepare(
      `insert into calls (id, scenario_id, locale, direction, category, mode, status, source, target_user_id,
        agent_user_id, created_at_ms, answered_at_ms, ended_at_ms, ring_count, ended_by, end_reason, duration_ms,
        recording_path)
       values (?, 'zh-inbound-inquiry', 'zh-CN', 'inbound', 'inquiry', 'practice', 'ended', 'practice', ?, ?, ?, ?, ?, 1,
        'agent', 'hangup', ?, ?)`,
    );
    for (const who of ['trainee1', 'trainee2', 'trainee3']) {
      const { file, durationMs } = stereoRecording(who);
      const id = `E2E${who.toUpperCase()}CALL0000000000`.slice(0, 26);
      const now = Date.now();
      insert.run(
        id,
        userIds[who],
        userIds[who],
        now - durationMs - 3000,
        now - durationMs,
        now,
        durationMs,
        file,
      );
      callIds[who] = id;
    }
  } finally {
    db.close();
  }
}

async function apiAs(username: string, password: string) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async (pathname: string, init: { method?: string; json?: unknown } = {}) => {
    const res = await fetch(`${server.url}/api${pathname}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? await res.json() : await res.arrayBuffer() };
  };
}

async function open(username: string, password: string, locale = 'zh-CN'): Promise<Page> {
  const { page } = await newPage(browser, server.url, locale);
  pages.push(page);
  page.on('pageerror', (error) => browserErrors.push(`${username}: ${error.message}`));
  await login(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const okButton = (page: Page) => page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ });

beforeAll(async () => {
  server = await startServerProcess();
  seedCalls();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  for (const [i, page] of pages.entries()) {
    const file = await screenshotOnFailure(page, `${context.task.name}-${i}`, failed);
    if (file) console.error(`screenshot: ${file}`);
  }
  if (failed) console.error(`${browserErrors.join('\n')}\n${server.output().slice(-3000)}`);
});

describe('best voice agent contest', () => {
  it('nominate, vote blind with a live tally, close, and download a certificate of the results', async () => {
    // 1. The teacher creates the contest with the defaults (the class, textbook rubric, teacher as judge).
    const teacher = await open('teacher', 'teacher123');
    await teacher.goto('/contests');
    await teacher.getByTestId('contest-create').click();
    await expect.poll(() => teacher.getByTestId('contest-title-input').inputValue()).toBe('最美语音客服评选');
    await teacher.locator('.ant-modal-footer .ant-btn-primary').click();
    await teacher.waitForURL(/\/contests\/[0-9A-Z]{26}$/);
    const contestId = teacher.url().split('/').pop()!;
    expect(await teacher.getByTestId('contest-phase').textContent()).toBe('提名中');

    // 2. trainee1 nominates an excerpt of their call in the browser; the others through the API.
    const trainee1 = await open('trainee1', 'trainee123');
    await trainee1.goto(`/contests/${contestId}`);
    await trainee1.getByTestId('nominate-call').click();
    await trainee1.locator('.ant-select-item-option').first().click();
    await trainee1
      .locator('[data-testid="nominate-start"] input, input[data-testid="nominate-start"]')
      .fill('0.2');
    await trainee1
      .locator('[data-testid="nominate-end"] input, input[data-testid="nominate-end"]')
      .fill('2.8');
    await trainee1.getByTestId('nominate-submit').click();
    await trainee1.getByTestId('my-entry').waitFor();
    const trainee2Api = await apiAs('trainee2', 'trainee123');
    const trainee3Api = await apiAs('trainee3', 'trainee123');
    for (const [who, call] of [
      [trainee2Api, callIds.trainee2],
      [trainee3Api, callIds.trainee3],
    ] as const) {
      const nominated = await who(`/contests/${contestId}/entries`, {
        method: 'POST',
        json: { callId: call, startMs: 200, endMs: 2800 },
      });
      expect(nominated.status).toBe(201);
    }

    // 3. The teacher opens voting and watches the live tally.
    await teacher.reload();
    await teacher.getByTestId('start-voting').click();
    await okButton(teacher).click();
    await expect.poll(() => teacher.getByTestId('contest-phase').textContent()).toBe('投票中');
    await teacher.getByRole('tab', { name: '实时票数' }).click();
    await expect.poll(() => teacher.getByTestId('tally-votes').textContent()).toBe('0');

    // 4. trainee1 votes blind: labels only, own entry not votable, a vote only after a full play.
    const audioRequests: string[] = [];
    trainee1.on('request', (request) => audioRequests.push(request.url()));
    await trainee1.reload();
    await trainee1.getByRole('tab', { name: '投票' }).click();
    const cards = trainee1.locator('[data-testid^="entry-"]');
    await expect.poll(() => cards.count()).toBe(3);
    const labels = await cards.evaluateAll((nodes) =>
      nodes.map((n) => n.getAttribute('data-testid')!.slice(6)),
    );
    const mine = (await trainee1Entries(contestId)).find((e) => e.mine)!;
    const other = labels.find((l) => l !== mine.label)!;
    const body = (await trainee1.locator('body').textContent()) ?? '';
    for (const secret of ['王浩', '陈静', ...Object.values(callIds), userIds.trainee2!, userIds.trainee3!])
      expect(body).not.toContain(secret);
    expect(await trainee1.getByTestId(`vote-${mine.label}`).count()).toBe(0);
    expect(await trainee1.getByTestId(`vote-${other}`).isDisabled()).toBe(true);
    await trainee1.getByTestId(`play-${other}`).click();
    await trainee1.getByTestId(`played-${other}`).waitFor({ timeout: 15_000 });
    await trainee1.getByTestId(`vote-${other}`).click();
    await expect.poll(() => trainee1.getByTestId('votes-used').textContent()).toContain('已投 1 /');
    const audioUrls = audioRequests.filter((u) => u.includes('/audio/'));
    expect(audioUrls.length).toBeGreaterThan(0);
    for (const url of audioUrls)
      for (const secret of [...Object.values(callIds), ...Object.values(userIds)])
        expect(url).not.toContain(secret);
    // The order is this voter's own and stays the same on the next visit.
    await trainee1.reload();
    await trainee1.getByRole('tab', { name: '投票' }).click();
    await expect.poll(() => cards.count()).toBe(3);
    expect(
      await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')!.slice(6))),
    ).toEqual(labels);
    expect(await trainee1.getByText('实时票数').count()).toBe(0);

    // The teacher's tally moved without a reload.
    await expect.poll(() => teacher.getByTestId('tally-votes').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => teacher.getByTestId(`tally-${other}`).textContent()).toBe('1');

    // trainee2 votes for the same entry through the API, after listening to it.
    const t2Entries = (await trainee2Api(`/contests/${contestId}/entries`)).body as ContestEntryDto[];
    const target = t2Entries.find((e) => e.label === other)!;
    const choice = target.mine ? t2Entries.find((e) => !e.mine)! : target;
    await trainee2Api(choice.audioPath);
    await new Promise((r) => setTimeout(r, choice.durationMs));
    expect((await trainee2Api(`/contests/${contestId}/plays/${choice.key}`, { method: 'POST' })).status).toBe(
      204,
    );
    expect(
      (
        await trainee2Api(`/contests/${contestId}/ballot`, {
          method: 'PUT',
          json: { entryKeys: [choice.key] },
        })
      ).status,
    ).toBe(200);
    await expect.poll(() => teacher.getByTestId('tally-votes').textContent(), { timeout: 10_000 }).toBe('2');

    // 5. The teacher scores every entry as judge (one in the browser), then closes the contest.
    await teacher.getByRole('tab', { name: '评委打分' }).click();
    const points = { pronunciation: 27, pace: 18, intonation: 17, warmth: 18, phrases: 9 };
    for (const [criterion, value] of Object.entries(points))
      await teacher
        .locator(
          `[data-testid="score-${other}-${criterion}"] input, input[data-testid="score-${other}-${criterion}"]`,
        )
        .fill(String(value));
    await teacher.getByTestId(`score-save-${other}`).click();
    await teacher.getByText('已评分').first().waitFor();
    const teacherApi = await apiAs('teacher', 'teacher123');
    const judged = (await teacherApi(`/contests/${contestId}/entries`)).body as ContestEntryDto[];
    expect(judged.find((e) => e.label === other)?.measures?.articulationRatePerMin).toBeGreaterThan(0);
    for (const entry of judged.filter((e) => e.label !== other))
      expect(
        (
          await teacherApi(`/contests/${contestId}/scores/${entry.key}`, {
            method: 'PUT',
            json: { points: { ...points, pace: 12 } },
          })
        ).status,
      ).toBe(204);
    await teacher.getByTestId('close-contest').click();
    await okButton(teacher).click();
    await expect.poll(() => teacher.getByTestId('contest-phase').textContent()).toBe('已结束');

    // 6. Results: ranking with names, ties explained, a certificate for the winner.
    await trainee1.reload();
    await trainee1.getByTestId('results-table').waitFor();
    const winnerLabel = choice.label === other ? other : undefined;
    if (winnerLabel) expect(await trainee1.getByTestId(`rank-${winnerLabel}`).textContent()).toContain('1');
    const winnerName = (await trainee1.getByTestId('winner-1').first().textContent()) ?? '';
    expect(['张小雨', '王浩', '陈静']).toContain(winnerName);
    const [download] = await Promise.all([
      trainee1.waitForEvent('download'),
      trainee1.locator('[data-testid^="certificate-"]').first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^证书-1-[A-Z]\d+\.png$/);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1131]);

    // The same certificate in English for an English UI.
    const english = await open('trainee3', 'trainee123', 'en-US');
    await english.getByTestId('language-switch').click();
    await english.goto(`/contests/${contestId}`);
    await english.getByTestId('results-table').waitFor();
    const [englishDownload] = await Promise.all([
      english.waitForEvent('download'),
      english.locator('[data-testid^="certificate-"]').first().click(),
    ]);
    expect(englishDownload.suggestedFilename()).toMatch(/^certificate-1-[A-Z]\d+\.png$/);
  });
});

async function trainee1Entries(contestId: string): Promise<ContestEntryDto[]> {
  const trainee1Api = await apiAs('trainee1', 'trainee123');
  return (await trainee1Api(`/contests/${contestId}/entries`)).body as ContestEntryDto[];
}
