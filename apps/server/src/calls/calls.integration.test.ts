// Live calls end to end over real loopback sockets: the headless agent (the code behind
// `callsim agent`) streams espeak-ng speech in real time; the server's Silero VAD ends
// each turn, the browser-engine transcript picks the branch, the customer's lines are
// rendered by espeak-ng, and the stereo recording and timeline land on disk.
import { readFileSync } from 'node:fs';
import { decodeWav } from '@callsim/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, runHeadlessAgent } from '../agent/headless-agent.js';
import { speechWav } from '../agent/speech-wav.js';
import type { CallTimeline } from '../recorder/timeline.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

describe('a zh-CN complaint call through the headless agent', () => {
  it('takes the calming branch after an empathetic turn, records both channels, and writes the timeline', async () => {
    const result = await runHeadlessAgent({
      url: t.url,
      username: 'trainee1',
      password: 'trainee123',
      scenarioId: 'complaint-damaged-cup',
      turns: [
        {
          wav: speechWav('您好，现代生活网上超市，很高兴为您服务。', 'zh-CN'),
          text: '您好，现代生活网上超市，很高兴为您服务。',
        },
        {
          wav: speechWav('您好，非常抱歉给您带来不便，我非常理解您的心情。', 'zh-CN'),
          text: '您好，非常抱歉给您带来不便，我非常理解您的心情。',
        },
        {
          wav: speechWav('我们马上为您免费补寄一个新的，今天下午就发出。', 'zh-CN'),
          text: '我们马上为您免费补寄一个新的，今天下午就发出。',
        },
      ],
    });
    expect(result.recordingPath).toMatch(/\.wav$/);
    const timeline = JSON.parse(readFileSync(result.timelinePath!, 'utf8')) as CallTimeline;
    const callerTurns = timeline.segments.filter((s) => s.speaker === 'caller').map((s) => s.turnId);
    const agentTurns = timeline.segments.filter((s) => s.speaker === 'agent');
    expect(callerTurns).toContain('calmer');
    expect(callerTurns).not.toContain('angrier');
    expect(agentTurns.length).toBeGreaterThanOrEqual(3);
    expect(agentTurns[1]).toMatchObject({ engine: 'browser', text: expect.stringContaining('抱歉') });
    expect(timeline.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ring', 'answer', 'hangup']));

    const wav = decodeWav(new Uint8Array(readFileSync(result.recordingPath!)));
    expect(wav.sampleRateHz).toBe(16000);
    expect(wav.channels).toHaveLength(2);
    const [agent, customer] = wav.channels as [Float32Array, Float32Array];
    expect(rms(agent)).toBeGreaterThan(0.01);
    expect(rms(customer)).toBeGreaterThan(0.01);
    // Each agent turn sits on the left channel where the timeline says it is.
    const first = agentTurns[0]!;
    const slice = agent.subarray(
      Math.floor((first.startMs / 1000) * 16000),
      Math.floor((first.endMs / 1000) * 16000),
    );
    expect(rms(slice)).toBeGreaterThan(0.02);
    // Silence suppression: the customer's pauses (while the agent talks) are not streamed,
    // every customer line is, and the headless softphone counts none of the gaps as lost.
    const recordedFrames = customer.length / 320;
    const callerLines = timeline.segments.filter((s) => s.speaker === 'caller');
    const voicedFrames = callerLines.reduce((sum, s) => sum + Math.floor((s.endMs - s.startMs) / 20), 0);
    expect(result.framesReceived).toBeLessThan(recordedFrames - 100);
    expect(result.framesReceived).toBeGreaterThanOrEqual(voicedFrames);
    // The same on the agent's side: its quiet microphone is announced, not streamed, and the
    // turns above were still heard, transcribed and recorded.
    expect(result.framesSent).toBeLessThan(recordedFrames - 100);
    expect(result.framesLost).toBe(0);
  }, 120_000);

  it('does not calm down after a rude turn', async () => {
    const result = await runHeadlessAgent({
      url: t.url,
      username: 'trainee2',
      password: 'trainee123',
      scenarioId: 'complaint-damaged-cup',
      turns: [
        {
          wav: speechWav('您好，现代生活网上超市，很高兴为您服务。', 'zh-CN'),
          text: '您好，现代生活网上超市，很高兴为您服务。',
        },
        { wav: speechWav('这不归我管，你自己摔的吧。', 'zh-CN'), text: '这不归我管，你自己摔的吧。' },
      ],
    });
    const timeline = JSON.parse(readFileSync(result.timelinePath!, 'utf8')) as CallTimeline;
    const callerTurns = timeline.segments.filter((s) => s.speaker === 'caller').map((s) => s.turnId);
    expect(callerTurns).not.toContain('calmer');
    expect(callerTurns).toContain('angrier');
    const row = await t.server.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', result.callId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('ended');
    expect(row.agentUserId).not.toBeNull();
  }, 120_000);
});

describe('media stats', () => {
  it('shows admins the live sessions, the media clock and the batched VAD at work; trainees get 403', async () => {
    const admin = await login(t.url, 'admin', 'admin123');
    const stats = async (cookie: string) => fetch(`${t.url}/api/calls/media-stats`, { headers: { cookie } });
    const greeting = '您好，现代生活网上超市，很高兴为您服务。';
    const call = runHeadlessAgent({
      url: t.url,
      username: 'trainee3',
      password: 'trainee123',
      scenarioId: 'complaint-damaged-cup',
      turns: [{ wav: speechWav(greeting, 'zh-CN'), text: greeting }],
    });
    let during: { liveSessions: number; clock: { ticks: number }; vad: { windows: number } | null } | null =
      null;
    for (let i = 0; i < 100 && !(during && during.liveSessions > 0 && (during.vad?.windows ?? 0) > 0); i++) {
      await new Promise((r) => setTimeout(r, 200));
      during = await (await stats(admin)).json();
    }
    const result = await call;
    expect(during?.liveSessions).toBeGreaterThanOrEqual(1);
    expect(during?.clock.ticks).toBeGreaterThan(0);
    expect(during?.vad?.windows).toBeGreaterThan(0);
    // After the call: its microphone frames are counted on the node, none arrived too late.
    const after = (await (await stats(admin)).json()) as { agentFrames: { received: number; late: number } };
    expect(after.agentFrames.received).toBeGreaterThanOrEqual(result.framesSent);
    expect(after.agentFrames.late).toBe(0);
    expect((await stats(await login(t.url, 'trainee1', 'trainee123'))).status).toBe(403);
  }, 60_000);
});
