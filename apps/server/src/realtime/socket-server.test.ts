// The softphone socket on the wire, over real loopback: a live call's media events travel as one
// websocket message each, both ways; malformed agent frames are dropped before they reach the
// call; a client on socket.io's default parser is refused at handshake with a code that says why.
import {
  type ClientToServerEvents,
  type MediaFrame,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('softphone socket', () => {
  it("refuses a client on socket.io's default parser with SOCKET_WIRE_MISMATCH", async () => {
    const cookie = await login(t.url, 'trainee1', 'trainee123');
    const socket = connect(t.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
    });
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      socket.on('connect_error', resolve),
    );
    expect(error.message).toBe('SOCKET_WIRE_MISMATCH');
    expect(error.data).toMatchObject({ code: 'SOCKET_WIRE_MISMATCH' });
    socket.close();
  });

  it('carries each media event as one websocket message and drops malformed agent frames', async () => {
    const cookie = await login(t.url, 'trainee2', 'trainee123');
    let messagesIn = 0;
    t.server.io.engine.once(
      'connection',
      (conn: { on(event: 'packet', fn: (p: { type: string }) => void): void }) =>
        conn.on('packet', (packet) => {
          if (packet.type === 'message') messagesIn++;
        }),
    );
    const socket: ClientSocket = connect(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
    });
    await new Promise((resolve) => socket.once('session:hello', resolve));
    expect((await socket.timeout(5000).emitWithAck('agent:set-status', { state: 'ready' })).ok).toBe(true);
    const offered = new Promise<{ callId: string }>((resolve) => socket.once('call:offer', resolve));
    await socket.timeout(5000).emitWithAck('practice:start', { scenarioId: 'inquiry-rice-cooker' });
    const { callId } = await offered;
    expect((await socket.timeout(15_000).emitWithAck('call:answer', { callId })).ok).toBe(true);

    // Server → softphone: caller frames come as binary messages, never as a text header
    // followed by an attachment (socket.io's default two-message form).
    let binaryMessagesOut = 0;
    let binaryHeadersOut = 0;
    const callerFrames: MediaFrame[] = [];
    socket.io.engine.on('packet', (packet) => {
      if (packet.type !== 'message') return;
      if (typeof packet.data !== 'string') binaryMessagesOut++;
      else if (packet.data[0] === '5' || packet.data[0] === '6') binaryHeadersOut++;
    });
    socket.on('media:caller', (frame) => callerFrames.push(frame));
    const pushed = vi.spyOn(t.server.calls, 'pushAgentFrame');
    messagesIn = 0;
    const silence = new Uint8Array(640);
    for (let seq = 0; seq < 50; seq++) socket.emit('media:agent', { callId, seq, pcm: silence });
    socket.emit('media:agent', { callId, seq: 50, pcm: new Uint8Array(100) });
    socket.emit('media:agent', { callId: '', seq: 51, pcm: new Uint8Array(640) });
    socket.emit('media:agent', { callId, seq: 52, pcm: 'not audio' } as unknown as MediaFrame);
    socket.emit('media:agent', { callId, seq: 53, pcm: new ArrayBuffer(640) });
    // A packet of two frames is two frames, seq and seq + 1.
    socket.emit('media:agent', { callId, seq: 54, pcm: new Uint8Array(1280) });

    await expect.poll(() => messagesIn, { timeout: 5000 }).toBe(55);
    await expect.poll(() => pushed.mock.calls.length, { timeout: 5000 }).toBe(53);
    expect(pushed.mock.calls.map(([, , seq]) => seq)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => i),
      53,
      54,
      55,
    ]);
    expect(pushed.mock.calls.map(([, , , pcm]) => pcm.length)).toEqual(Array(53).fill(320));
    // The customer's opening line (rendered by espeak-ng on a cold cache; pauses are not
    // streamed, so nothing comes before it).
    const framesIn = (packet: MediaFrame) => packet.pcm.byteLength / 640;
    await expect
      .poll(() => callerFrames.reduce((sum, p) => sum + framesIn(p), 0), { timeout: 20_000 })
      .toBeGreaterThan(20);
    expect(binaryHeadersOut).toBe(0);
    expect(binaryMessagesOut).toBeGreaterThanOrEqual(callerFrames.length);
    expect(callerFrames[0]?.pcm).toBeInstanceOf(Uint8Array);
    // A line goes out two frames per packet (the last may be one), in sequence.
    expect(callerFrames.slice(0, -1).every((p) => p.pcm.byteLength === 1280)).toBe(true);
    for (let i = 1; i < callerFrames.length; i++)
      expect(callerFrames[i]!.seq).toBe(callerFrames[i - 1]!.seq + framesIn(callerFrames[i - 1]!));

    pushed.mockRestore();
    expect((await socket.timeout(10_000).emitWithAck('call:hangup', { callId })).ok).toBe(true);
    socket.close();
  }, 60_000);
});
