// A follow-up end to end over real loopback sockets: a trainee handles a complaint with
// the headless agent and offers a solution, so the scenario's `outcomes.followUp` holds;
// a durable job plans the 回访 two simulated days later; it is absent from the worklist
// until the class clock reaches it, survives a server restart on the same data folder,
// and is dialled (ringback, answered, same CallSession and recording) exactly once.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutboundTaskDetailDto, SimClockDto, WorklistDto } from '@callsim/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadlessAgent } from '../agent/headless-agent.js';
import { speechWav } from '../agent/speech-wav.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { type RunningServer, startServer } from '../server.js';
import { login } from '../testing/test-server.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'callsim-outbound-'));
let server: RunningServer;

async function boot(): Promise<RunningServer> {
  const config = loadConfig({
    env: {
      NODE_ENV: 'test',
      CALLSIM_SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
      CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts',
      CALLSIM_RING_PERIOD_MS: '1000',
    },
    overrides: { port: 0, host: '127.0.0.1', dataDir },
  });
  return startServer(config, createLogger(config));
}

async function api<T>(cookie: string, route: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${server.url}/api${route}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { cookie, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function turn(text: string) {
  return { wav: speechWav(text, 'zh-CN'), text };
}

beforeAll(async () => {
  server = await boot();
  // Render both customers' voices first (TTS, cached in the data folder), as a due task's worklist does.
  await server.calls.warm(server.library.get('complaint-damaged-cup'));
  await server.calls.warm(server.library.get('followup-damaged-cup'));
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a follow-up planned by an inbound complaint', () => {
  it('appears when due on the class clock, survives a restart, and is dialled and recorded once', async () => {
    const complaint = await runHeadlessAgent({
      url: server.url,
      username: 'trainee1',
      password: 'trainee123',
      scenarioId: 'complaint-damaged-cup',
      turns: [
        turn('您好，现代生活网上超市，很高兴为您服务。'),
        turn('非常抱歉给您带来不便，我非常理解您的心情。'),
        turn('我们马上为您免费补寄一个新的，今天下午就发出。'),
      ],
    });
    expect(complaint.recordingPath).toMatch(/\.wav$/);

    const teacher = await login(server.url, 'teacher', 'teacher123');
    let trainee = await login(server.url, 'trainee1', 'trainee123');
    const classes = await api<{ id: string; name: string }[]>(teacher, '/classes');
    const classId = classes.body.find((c) => c.name === '电商2401班')!.id;

    // The after-call job plans the follow-up: planned, but not due yet.
    const originKey = `follow-up:${complaint.callId}`;
    await expect
      .poll(
        async () =>
          (
            await server.ctx.db
              .selectFrom('outboundTasks')
              .select('id')
              .where('originKey', '=', originKey)
              .execute()
          ).length,
        { timeout: 20_000 },
      )
      .toBe(1);
    const planned = await server.ctx.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('originKey', '=', originKey)
      .executeTakeFirstOrThrow();
    const call = await server.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', complaint.callId)
      .executeTakeFirstOrThrow();
    expect(planned).toMatchObject({ scenarioId: 'followup-damaged-cup', status: 'pending', classId });
    // Two simulated days after the answer, moved into the customer's calling hours.
    expect(Number(planned.dueSimMs)).toBeGreaterThanOrEqual(Number(call.answeredAtMs) + 2 * 86_400_000);
    expect(Number(planned.dueSimMs)).toBeLessThan(Number(call.answeredAtMs) + 3 * 86_400_000);
    let worklist = (await api<WorklistDto>(trainee, '/outbound/worklist')).body;
    expect(worklist.due.map((d) => d.id)).not.toContain(planned.id);
    expect(worklist.upcomingCount).toBe(1);

    // The teacher moves the class to the next morning until the task is due: not after one day.
    let advances = 0;
    while (!worklist.due.some((d) => d.id === planned.id) && advances < 4) {
      const clock = await api<SimClockDto>(teacher, `/outbound/clocks/${classId}`, {
        method: 'PATCH',
        json: { advance: 'next-day', speedFactor: 0 },
      });
      expect(clock.status).toBe(200);
      advances++;
      worklist = (await api<WorklistDto>(trainee, '/outbound/worklist')).body;
    }
    expect(advances).toBeGreaterThanOrEqual(2);
    expect(worklist.due.find((d) => d.id === planned.id)).toMatchObject({
      kind: 'follow-up',
      blockedReason: null,
      originCallId: complaint.callId,
      customer: { name: '王先生', phone: '138****6621' },
    });

    // Restart on the same data folder: the task and the clock are still there.
    await server.close();
    server = await boot();
    trainee = await login(server.url, 'trainee1', 'trainee123');
    worklist = (await api<WorklistDto>(trainee, '/outbound/worklist')).body;
    expect(worklist.due.map((d) => d.id)).toContain(planned.id);

    const followUp = await runHeadlessAgent({
      url: server.url,
      username: 'trainee1',
      password: 'trainee123',
      taskId: planned.id,
      turns: [
        turn('您好，我是现代生活网上超市的客服，请问是王先生吗？'),
        turn('新的保温杯您收到了吗？用着还好吗？'),
      ],
    });
    expect(followUp.dialOutcome).toBe('answered');
    expect(followUp.ringbackFrames).toBeGreaterThan(50);
    expect(followUp.customerLines).toBeGreaterThanOrEqual(2);
    expect(existsSync(followUp.recordingPath!)).toBe(true);

    const rows = await server.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('taskId', '=', planned.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: followUp.callId,
      direction: 'outbound',
      scenarioId: 'followup-damaged-cup',
      source: 'follow-up',
      status: 'ended',
      recordingPath: followUp.recordingPath,
    });
    await expect
      .poll(
        async () =>
          (await api<OutboundTaskDetailDto>(trainee, `/outbound/tasks/${planned.id}`)).body.task.status,
        {
          timeout: 20_000,
        },
      )
      .toBe('wrap-up');

    // The call cannot be dialled again; the disposition closes the task.
    const again = await runHeadlessAgent({
      url: server.url,
      username: 'trainee1',
      password: 'trainee123',
      taskId: planned.id,
      turns: [turn('您好')],
    }).catch((error: { code: string }) => error);
    expect(again).toMatchObject({ code: 'OUTBOUND_TASK_NOT_DIALABLE' });
    const disposed = await api<{ status: string }>(trainee, `/outbound/tasks/${planned.id}/disposition`, {
      json: { disposition: 'success', note: '已收到，满意' },
    });
    expect(disposed.body).toMatchObject({ status: 'done', disposition: 'success' });

    const detail = (await api<OutboundTaskDetailDto>(trainee, `/outbound/tasks/${planned.id}`)).body;
    expect(detail.history.map((h) => [h.callId, h.direction, h.outcome])).toEqual([
      [followUp.callId, 'outbound', 'answered'],
      [complaint.callId, 'inbound', null],
    ]);
    expect(detail.history[1]!.recordingUrl).toBe(`/api/calls/${complaint.callId}/recording`);
    expect(
      (await fetch(`${server.url}${detail.history[1]!.recordingUrl}`, { headers: { cookie: trainee } }))
        .status,
    ).toBe(200);
    const attempts = await server.ctx.db
      .selectFrom('outboundAttempts')
      .selectAll()
      .where('taskId', '=', planned.id)
      .execute();
    expect(attempts.map((a) => a.outcome)).toEqual(['answered']);
  }, 300_000);
});
