// A dropped softphone connection: back within the grace period, `call:resume` rebinds the
// running call; gone for longer, the call ends by itself (no call stays stuck) with its
// recording finalized.
import { socketClientOptions } from '@callsim/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ CALLSIM_RECONNECT_GRACE_MS: '2000' });
});
afterAll(async () => {
  await t.close();
});

async function open(cookie: string): Promise<{ socket: Socket; hello: { activeCallId: string | null } }> {
  const socket = connect(t.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie },
  });
  const hello = await new Promise<{ activeCallId: string | null }>((resolve) =>
    socket.once('session:hello', resolve),
  );
  return { socket, hello };
}

async function answeredCall(cookie: string): Promise<{ socket: Socket; callId: string }> {
  const { socket } = await open(cookie);
  expect((await socket.timeout(5000).emitWithAck('agent:set-status', { state: 'ready' })).ok).toBe(true);
  const offered = new Promise<{ callId: string }>((resolve) => socket.once('call:offer', resolve));
  const started = await socket
    .timeout(5000)
    .emitWithAck('practice:start', { scenarioId: 'inquiry-rice-cooker' });
  expect(started.ok).toBe(true);
  const { callId } = await offered;
  const answered = await socket.timeout(15000).emitWithAck('call:answer', { callId });
  expect(answered.ok).toBe(true);
  return { socket, callId };
}

describe('reconnect during a call', () => {
  it('resumes the call when the softphone is back within the grace period', async () => {
    const cookie = await login(t.url, 'trainee1', 'trainee123');
    const first = await answeredCall(cookie);
    first.socket.close();
    await new Promise((r) => setTimeout(r, 800));
    const second = await open(cookie);
    expect(second.hello.activeCallId).toBe(first.callId);
    // The customer's stream continues on the new socket, on the call's clock: frames while
    // the customer speaks, or the announcement of its silence (pauses are not streamed).
    const frames: number[] = [];
    const silences: number[] = [];
    second.socket.on('media:caller', (f: { seq: number }) => frames.push(f.seq));
    second.socket.on('media:caller-silence', (f: { seq: number }) => silences.push(f.seq));
    const resumed = await second.socket.timeout(5000).emitWithAck('call:resume', { callId: first.callId });
    expect(resumed.ok).toBe(true);
    await expect.poll(() => frames.length > 10 || silences.length > 0, { timeout: 5000 }).toBe(true);
    // 800 ms away = 40 frames of 20 ms: what comes now is later on the clock.
    expect(Math.min(...frames, ...silences)).toBeGreaterThan(40);
    // Still running after the grace period has passed.
    await new Promise((r) => setTimeout(r, 2500));
    const ended = await second.socket.timeout(10000).emitWithAck('call:hangup', { callId: first.callId });
    expect(ended).toMatchObject({ ok: true, value: { endedBy: 'agent' } });
    second.socket.close();
  }, 60_000);

  it('ends the call when the softphone stays away longer than the grace period', async () => {
    const cookie = await login(t.url, 'trainee2', 'trainee123');
    const { socket, callId } = await answeredCall(cookie);
    socket.close();
    await expect
      .poll(
        async () =>
          (
            await t.server.ctx.db
              .selectFrom('calls')
              .select(['status', 'endReason'])
              .where('id', '=', callId)
              .executeTakeFirst()
          )?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe('ended');
    const row = await t.server.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ endedBy: 'system', endReason: 'agent-disconnected' });
    expect(row.durationMs).toBeGreaterThanOrEqual(1500);
    const { hello } = await open(cookie);
    expect(hello.activeCallId).toBeNull();
  }, 60_000);
});
