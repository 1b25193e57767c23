// Outbound calling over real REST and socket.io: a campaign's CSV import reports bad rows
// by line and field, the do-not-call list and calling hours (customer time, on the class's
// simulated clock) are enforced at start and at dial, and an unanswered dial rings back,
// ends, and is retried with back-off until the attempts run out.
import {
  type AckResult,
  type CampaignDto,
  type ClientToServerEvents,
  type OutboundTaskDetailDto,
  type ServerToClientEvents,
  socketClientOptions,
  type WorklistDto,
} from '@callsim/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
let teacher: string;
let trainee1: string;
let trainee2: string;
let classId: string;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

async function call<T = unknown>(
  path: string,
  init: { method?: string; cookie?: string; json?: unknown; csv?: string } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${t.url}/api${path}`, {
    method: init.method ?? (init.json !== undefined || init.csv !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.csv !== undefined ? { 'content-type': 'text/csv' } : {}),
      'accept-language': 'en-US',
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    ...(init.csv !== undefined ? { body: init.csv } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function softphone(cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(t.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    extraHeaders: { cookie },
  });
  await new Promise<void>((resolve) => socket.once('session:hello', () => resolve()));
  const ready = await socket.emitWithAck('agent:set-status', { state: 'ready' });
  expect(ready.ok).toBe(true);
  return socket;
}

async function dial(socket: ClientSocket, taskId: string): Promise<AckResult<{ callId: string }>> {
  return socket.timeout(10_000).emitWithAck('outbound:dial', { taskId });
}

async function setClock(simIso: string): Promise<void> {
  const { status } = await call(`/outbound/clocks/${classId}`, {
    method: 'PATCH',
    cookie: teacher,
    json: { setSimMs: at(simIso), speedFactor: 0 },
  });
  expect(status).toBe(200);
}

async function task(taskId: string): Promise<OutboundTaskDetailDto> {
  return (await call<OutboundTaskDetailDto>(`/outbound/tasks/${taskId}`, { cookie: trainee1 })).body;
}

beforeAll(async () => {
  t = await startTestServer({
    CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts',
    CALLSIM_RING_PERIOD_MS: '500',
    CALLSIM_RING_TIMEOUT_MS: '2000',
  });
  teacher = await login(t.url, 'teacher', 'teacher123');
  trainee1 = await login(t.url, 'trainee1', 'trainee123');
  trainee2 = await login(t.url, 'trainee2', 'trainee123');
  const classes = await call<{ id: string; name: string }[]>('/classes', { cookie: teacher });
  classId = classes.body.find((c) => c.name === '电商2401班')!.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('outbound campaigns, rules and retries', () => {
  let campaign: CampaignDto;
  let zhangTask: string;
  let bobTask: string;

  it('imports the good rows of a customer CSV and reports each bad row by line and field', async () => {
    const users = await call<{ id: string; username: string }[]>('/users', { cookie: teacher });
    const trainee1Id = users.body.find((u) => u.username === 'trainee1')!.id;
    const created = await call<CampaignDto>('/outbound/campaigns', {
      cookie: teacher,
      json: {
        classId,
        name: '鲜享会员卡推广',
        scenarioIds: ['promotion-fresh-membership'],
        traineeUserIds: [trainee1Id],
        windowStartSimMs: at('2026-06-15T00:00:00Z'),
        windowEndSimMs: at('2026-06-20T00:00:00Z'),
        quotaPerTrainee: 10,
        maxAttempts: 2,
        retryBackoffMin: 60,
        dialMix: { 'no-answer': 100 },
      },
    });
    expect(created.status).toBe(201);
    campaign = created.body;
    expect(campaign.status).toBe('draft');
    expect((await call(`/outbound/campaigns/${campaign.id}`, { cookie: trainee1 })).status).toBe(403);

    const csv = [
      'name,phone,timezone,birthday,memberLevel',
      '张先生,13800000001,Asia/Shanghai,,金卡',
      'Bob Lee,+1 212 555 0100,America/New_York,,',
      ',13800000002,,,',
      '王女士,12,,,',
      '李先生,13800000003,Moon/Base,,',
      '陈女士,13800000004,+08:00,13/45,',
      '刘先生,13800000005,UTC+8,,',
    ].join('\n');
    const imported = await call<{
      imported: number;
      skipped: number;
      problems: { line: number; field: string; code: string }[];
    }>(`/outbound/campaigns/${campaign.id}/customers`, { cookie: teacher, csv });
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(3);
    expect(imported.body.skipped).toBe(4);
    expect(imported.body.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [4, 'name', 'name.empty'],
      [5, 'phone', 'phone.invalid'],
      [6, 'timezone', 'timezone.invalid'],
      [7, 'birthday', 'birthday.invalid'],
    ]);
    const bad = await call(`/outbound/campaigns/${campaign.id}/customers`, {
      cookie: teacher,
      csv: 'email\nx@y',
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { code: string } }).error.code).toBe('CAMPAIGN_CSV_INVALID');
  });

  it('skips do-not-call numbers when the campaign starts', async () => {
    expect(
      (
        await call('/outbound/do-not-call', {
          cookie: teacher,
          json: { phone: '138 0000 0005', reason: 'asked' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(`/outbound/campaigns/${campaign.id}/start`, { cookie: teacher, json: {} })).status,
    ).toBe(202);
    await expect
      .poll(
        async () =>
          (await call<CampaignDto>(`/outbound/campaigns/${campaign.id}`, { cookie: teacher })).body.summary,
        {
          timeout: 10_000,
        },
      )
      .toMatchObject({ tasksCreated: 2, skippedDoNotCall: 1 });
    expect(
      (
        await call(`/outbound/campaigns/${campaign.id}/customers`, {
          cookie: teacher,
          csv: 'name,phone\nA,13811112222',
        })
      ).status,
    ).toBe(409);
  });

  it('shows due tasks on the class clock and refuses calls outside the customer’s calling hours', async () => {
    // 10:00 in Shanghai is 22:00 the evening before in New York.
    await setClock('2026-06-15T02:00:00Z');
    const worklist = (await call<WorklistDto>('/outbound/worklist', { cookie: trainee1 })).body;
    expect(worklist.due).toHaveLength(2);
    const zhang = worklist.due.find((d) => d.customer.name === '张先生')!;
    const bob = worklist.due.find((d) => d.customer.name === 'Bob Lee')!;
    zhangTask = zhang.id;
    bobTask = bob.id;
    expect(zhang).toMatchObject({
      blockedReason: null,
      customerLocalTime: '10:00',
      campaignName: '鲜享会员卡推广',
    });
    expect(zhang.customer.facts).toEqual({ memberLevel: '金卡' });
    expect(bob).toMatchObject({ blockedReason: 'calling-hours', customerLocalTime: '22:00' });
    expect(bob.nextCallableSimMs).toBe(at('2026-06-15T13:00:00Z'));

    const socket = await softphone(trainee1);
    try {
      const refused = await dial(socket, bobTask);
      expect(refused).toMatchObject({ ok: false, error: { code: 'OUTBOUND_OUTSIDE_CALLING_HOURS' } });
      expect(!refused.ok && refused.error.message).toContain('22:00');
    } finally {
      socket.close();
    }
    const other = await softphone(trainee2);
    try {
      expect(await dial(other, zhangTask)).toMatchObject({
        ok: false,
        error: { code: 'OUTBOUND_TASK_NOT_FOUND' },
      });
    } finally {
      other.close();
    }
  });

  it('rings back, ends an unanswered dial, and retries it with back-off until attempts run out', async () => {
    const socket = await softphone(trainee1);
    try {
      let ringbackFrames = 0;
      socket.on('call:ringback', () => ringbackFrames++);
      const outcome = new Promise((resolve) => socket.once('call:dial-outcome', resolve));
      const ended = new Promise((resolve) => socket.once('call:ended', resolve));
      const dialing = new Promise((resolve) => socket.once('call:dialing', resolve));
      // Two dials of one task at once (two tabs, a double click): exactly one rings.
      const [first, twice] = await Promise.all([dial(socket, zhangTask), dial(socket, zhangTask)]);
      const [ok, refused] = first.ok ? [first, twice] : [twice, first];
      expect(ok.ok).toBe(true);
      expect(refused).toMatchObject({ ok: false, error: { code: 'OUTBOUND_TASK_NOT_DIALABLE' } });
      const callId = ok.ok ? ok.value.callId : '';
      expect(await dialing).toMatchObject({ callId, taskId: zhangTask, customer: { name: '张先生' } });
      expect(await outcome).toMatchObject({ callId, outcome: 'no-answer' });
      expect(await ended).toMatchObject({ callId, endedBy: 'system', reason: 'no-answer' });
      expect(ringbackFrames).toBeGreaterThan(40);
      await expect.poll(async () => (await task(zhangTask)).task.attempts, { timeout: 10_000 }).toBe(1);
      const retried = (await task(zhangTask)).task;
      expect(retried).toMatchObject({ status: 'pending', lastOutcome: 'no-answer' });
      expect(retried.dueSimMs).toBe(at('2026-06-15T02:00:00Z') + 60 * MIN);
      expect(await dial(socket, zhangTask)).toMatchObject({
        ok: false,
        error: { code: 'OUTBOUND_TASK_NOT_DIALABLE', details: { reason: 'not-due' } },
      });
      const worklist = (await call<WorklistDto>('/outbound/worklist', { cookie: trainee1 })).body;
      expect(worklist.due.map((d) => d.id)).not.toContain(zhangTask);
      expect(worklist.upcomingCount).toBe(1);

      await setClock('2026-06-15T03:00:00Z');
      const second = new Promise((resolve) => socket.once('call:ended', resolve));
      expect((await dial(socket, zhangTask)).ok).toBe(true);
      await second;
      await expect.poll(async () => (await task(zhangTask)).task.status, { timeout: 10_000 }).toBe('failed');
      const detail = await task(zhangTask);
      expect(detail.task.attempts).toBe(2);
      expect(detail.history.map((h) => [h.direction, h.outcome, h.recordingUrl])).toEqual([
        ['outbound', 'no-answer', null],
        ['outbound', 'no-answer', null],
      ]);
      const rows = await t.server.ctx.db
        .selectFrom('calls')
        .selectAll()
        .where('taskId', '=', zhangTask)
        .execute();
      expect(rows.map((r) => [r.direction, r.status, r.endReason])).toEqual([
        ['outbound', 'abandoned', 'no-answer'],
        ['outbound', 'abandoned', 'no-answer'],
      ]);
    } finally {
      socket.close();
    }
  });

  it('refuses to dial a number put on the do-not-call list and cancels its task', async () => {
    await setClock('2026-06-15T13:30:00Z'); // 09:30 in New York
    // The list changed behind the worklist's back (another node, an import…).
    await t.server.ctx.db
      .insertInto('outboundDoNotCall')
      .values({
        phoneKey: '12125550100',
        phone: '+1 212 555 0100',
        reason: 'asked',
        source: 'manual',
        addedByUserId: null,
        addedAtMs: Date.now(),
      })
      .execute();
    expect((await call<WorklistDto>('/outbound/worklist', { cookie: trainee1 })).body.due[0]).toMatchObject({
      id: bobTask,
      blockedReason: 'do-not-call',
    });
    const socket = await softphone(trainee1);
    try {
      expect(await dial(socket, bobTask)).toMatchObject({
        ok: false,
        error: { code: 'OUTBOUND_DO_NOT_CALL' },
      });
    } finally {
      socket.close();
    }
    expect((await task(bobTask)).task.status).toBe('cancelled');
    expect(
      await t.server.ctx.db.selectFrom('calls').select('id').where('taskId', '=', bobTask).execute(),
    ).toHaveLength(0);
  });

  it('ends a dial answered by a stranger with their line, and does not retry a wrong number', async () => {
    const users = await call<{ id: string; username: string }[]>('/users', { cookie: teacher });
    const created = await call<CampaignDto>('/outbound/campaigns', {
      cookie: teacher,
      json: {
        classId,
        name: '错号',
        scenarioIds: ['promotion-fresh-membership'],
        traineeUserIds: [users.body.find((u) => u.username === 'trainee1')!.id],
        windowStartSimMs: at('2026-06-15T00:00:00Z'),
        windowEndSimMs: at('2026-06-20T00:00:00Z'),
        quotaPerTrainee: 1,
        dialMix: { 'wrong-person': 100 },
      },
    });
    await call(`/outbound/campaigns/${created.body.id}/customers`, {
      cookie: teacher,
      csv: 'name,phone\n钱女士,13800000009',
    });
    await call(`/outbound/campaigns/${created.body.id}/start`, { cookie: teacher, json: {} });
    await expect
      .poll(
        async () =>
          (await call<unknown[]>(`/outbound/campaigns/${created.body.id}/tasks`, { cookie: teacher })).body
            .length,
      )
      .toBe(1);
    const [wrong] = (
      await call<{ id: string }[]>(`/outbound/campaigns/${created.body.id}/tasks`, { cookie: teacher })
    ).body;
    await setClock('2026-06-15T02:00:00Z');
    const socket = await softphone(trainee1);
    try {
      const outcome = new Promise((resolve) => socket.once('call:dial-outcome', resolve));
      const ended = new Promise((resolve) => socket.once('call:ended', resolve));
      let afterOutcome = 0;
      void outcome.then(() => socket.on('call:ringback', () => afterOutcome++));
      expect(await dial(socket, wrong!.id)).toMatchObject({ ok: true });
      expect(await outcome).toMatchObject({ outcome: 'wrong-person' });
      expect(await ended).toMatchObject({ reason: 'wrong-person' });
      // The stranger's line (TTS) played before the end.
      expect(afterOutcome).toBeGreaterThan(50);
    } finally {
      socket.close();
    }
    await expect.poll(async () => (await task(wrong!.id)).task.status, { timeout: 10_000 }).toBe('failed');
    expect((await task(wrong!.id)).task).toMatchObject({ attempts: 1, lastOutcome: 'wrong-person' });
  });

  it('lets only evaluators of the class move its clock', async () => {
    const refused = await call(`/outbound/clocks/${classId}`, {
      method: 'PATCH',
      cookie: trainee1,
      json: { advance: 'next-day' },
    });
    expect(refused.status).toBe(403);
    const next = await call<{ nowSimMs: number }>(`/outbound/clocks/${classId}`, {
      method: 'PATCH',
      cookie: teacher,
      json: { advance: 'next-day' },
    });
    expect(next.body.nowSimMs).toBe(at('2026-06-16T01:00:00Z'));
  });
});
