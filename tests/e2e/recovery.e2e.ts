// Crash safety with real processes: a call is in progress when the server is killed with
// SIGKILL; at the next start the partial recording is recovered (playable WAV, timeline
// marked recovered) and the call is closed in the database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import { afterAll, describe, expect, it } from 'vitest';
import { runHeadlessAgent } from '../../apps/server/src/agent/headless-agent.js';
import { speechWav } from './support/fixtures.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'callsim-crash-'));
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during a call', () => {
  it('recovers the recording at the next start', async () => {
    server = await startServerProcess({}, { dataDir });
    const longTurn = speechWav(
      '您好，非常抱歉给您带来不便，我非常理解您的心情，我马上帮您查询订单。',
      'cmn-latn-pinyin',
      { before: 0, after: 0 },
    );
    let callId = '';
    const agent = runHeadlessAgent({
      url: server.url,
      username: 'trainee1',
      password: 'trainee123',
      scenarioId: 'complaint-damaged-cup',
      turns: [{ wav: longTurn }, { wav: longTurn }, { wav: longTurn }],
      speakFirstAfterMs: 200,
      log: (m) => {
        const match = /^answered (\S+)/.exec(m);
        if (match) callId = match[1]!;
      },
    }).catch((error: Error) => error);
    // Let about five seconds of the call reach the recorder, then crash the server.
    for (let i = 0; i < 100 && !callId; i++) await new Promise((r) => setTimeout(r, 100));
    expect(callId).not.toBe('');
    await new Promise((r) => setTimeout(r, 5500));
    await server.crash();
    expect(await agent).toBeInstanceOf(Error);

    server = await startServerProcess({}, { dataDir });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'trainee1', password: 'trainee123' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const calls = (await (await fetch(`${server.url}/api/calls`, { headers: { cookie } })).json()) as {
      id: string;
      status: string;
      endReason: string;
      durationMs: number;
    }[];
    const call = calls.find((c) => c.id === callId)!;
    expect(call).toMatchObject({ status: 'ended', endReason: 'recovered-after-crash' });
    expect(call.durationMs).toBeGreaterThanOrEqual(3000);

    const wavResponse = await fetch(`${server.url}/api/calls/${callId}/recording`, { headers: { cookie } });
    expect(wavResponse.status).toBe(200);
    const wav = decodeWav(new Uint8Array(await wavResponse.arrayBuffer()));
    expect(wav.channels).toHaveLength(2);
    const seconds = wav.channels[0]!.length / 16000;
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(Math.abs(seconds * 1000 - call.durationMs)).toBeLessThan(100);
    const day = new Date().toISOString().slice(0, 10);
    const timeline = JSON.parse(
      readFileSync(path.join(dataDir, 'recordings', day, `${callId}.json`), 'utf8'),
    );
    expect(timeline).toMatchObject({ callId, recovered: true, endedBy: 'system' });
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['answer', 'hangup']),
    );
  });
});
