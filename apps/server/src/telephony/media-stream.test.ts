// Offline protocol tests of the Media Streams bridge over a real loopback WebSocket: a
// fake Twilio (ws client) replays Twilio-shaped connected/start/media/dtmf/mark/stop
// messages carrying espeak-ng speech (Mandarin cmn-latn-pinyin, English en-us) turned
// into 8 kHz μ-law by the audio package. The server's VAD ends the agent's turns, the
// customer's lines come back as `media` + `mark`, and the recording on disk has the
// shape of any built-in call: stereo 16 kHz WAV + timeline JSON, in the trainee's account.
import { readFileSync } from 'node:fs';
import { decodeWav } from '@callsim/audio';
import {
  type CallOfferDto,
  type ClientToServerEvents,
  type HelloPayload,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { speechWav } from '../agent/speech-wav.js';
import type { CallTimeline } from '../recorder/timeline.js';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';
import { phoneFrames, runFakeTwilioPhone } from './__fixtures__/fake-twilio-phone.js';
import {
  mediaStreamSignature,
  postWebhook,
  TEST_TWILIO,
  TWILIO_TEST_ENV,
  testCallSid,
  twimlParameter,
  voiceParams,
} from './__fixtures__/twilio-test-account.js';

let t: TestServer;
let mediaUrl: string;

beforeAll(async () => {
  t = await startTestServer({ ...TWILIO_TEST_ENV, CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
  mediaUrl = `${t.url.replace('http:', 'ws:')}/twilio/media`;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const TIMELINE_KEYS = [
  'agentUserId',
  'answeredAtMs',
  'callId',
  'direction',
  'durationMs',
  'endedBy',
  'events',
  'locale',
  'mode',
  'recovered',
  'sampleRateHz',
  'scenarioId',
  'segments',
];

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

async function endedRow(callSid: string, userId: string) {
  for (let i = 0; i < 200; i++) {
    const row = await t.server.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('agentUserId', '=', userId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (row && row.status !== 'active') return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`call of ${callSid} did not end`);
}

/** Checks a finished phone call's recording like any built-in call's. */
function checkRecording(wavPath: string, timelinePath: string) {
  const timeline = JSON.parse(readFileSync(timelinePath, 'utf8')) as CallTimeline;
  expect(Object.keys(timeline).sort()).toEqual(TIMELINE_KEYS);
  const wav = decodeWav(new Uint8Array(readFileSync(wavPath)));
  expect(wav.sampleRateHz).toBe(16000);
  expect(wav.channels).toHaveLength(2);
  const [agent, customer] = wav.channels as [Float32Array, Float32Array];
  expect(rms(customer)).toBeGreaterThan(0.01);
  const agentTurns = timeline.segments.filter((s) => s.speaker === 'agent');
  // The VAD ended the agent's turns, and each sits on the left channel where the timeline says.
  expect(agentTurns.length, JSON.stringify(timeline)).toBeGreaterThanOrEqual(2);
  for (const turn of agentTurns.slice(0, 2)) {
    const slice = agent.subarray(Math.floor(turn.startMs * 16), Math.floor(turn.endMs * 16));
    expect(rms(slice)).toBeGreaterThan(0.02);
  }
  expect(timeline.segments.some((s) => s.speaker === 'caller')).toBe(true);
  expect(timeline.events.map((e) => e.type)).toEqual(expect.arrayContaining(['answer', 'hangup']));
  return timeline;
}

describe('offline protocol test: Media Streams handshake', () => {
  it('refuses an unsigned upgrade with 403 and a start without a valid ticket, while socket.io keeps working', async () => {
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(mediaUrl, { headers: { 'x-twilio-signature': 'forged' } });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => reject(new Error('forged handshake accepted')));
      ws.once('error', () => undefined);
    });
    expect(refused).toBe(403);

    const signed = new WebSocket(mediaUrl, { headers: { 'x-twilio-signature': mediaStreamSignature() } });
    await new Promise((resolve) => signed.once('open', resolve));
    const closeCode = new Promise<number>((resolve) => signed.once('close', (code) => resolve(code)));
    signed.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    signed.send(
      JSON.stringify({
        event: 'start',
        sequenceNumber: '1',
        streamSid: 'MZ1',
        start: {
          accountSid: TEST_TWILIO.accountSid,
          callSid: testCallSid(),
          streamSid: 'MZ1',
          tracks: ['inbound'],
          customParameters: { ticket: 'made-up-ticket' },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }),
    );
    expect(await closeCode).toBe(1008);

    const cookie = await login(t.url, 'trainee3', 'trainee123');
    const socket = io(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    const hello = await new Promise<HelloPayload>((resolve) => socket.once('session:hello', resolve));
    expect(hello.username).toBe('trainee3');
    socket.close();
  });
});

describe('offline protocol test: phone-in practice (zh-CN, cmn-latn-pinyin speech)', () => {
  it('keys in a practice code, runs the scenario over the stream and files the call in the trainee account', async () => {
    const cookie = await login(t.url, 'trainee1', 'trainee123');
    const codeResponse = await fetch(`${t.url}/api/telephony/practice-codes`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'complaint-damaged-cup' }),
    });
    expect(codeResponse.status).toBe(201);
    const { code } = (await codeResponse.json()) as { code: string };

    const callSid = testCallSid();
    const params = voiceParams(callSid, '+8613800138000', TEST_TWILIO.phoneNumber);
    const voice = await postWebhook(t.url, '/twilio/voice', params);
    expect(voice.text).toContain('<Gather');
    const gather = await postWebhook(t.url, '/twilio/gather?attempt=1', { ...params, Digits: code });
    expect(gather.status).toBe(200);
    const ticket = twimlParameter(gather.text, 'ticket');
    expect(ticket).toBeTruthy();

    const phone = await runFakeTwilioPhone({
      url: mediaUrl,
      signature: mediaStreamSignature(),
      accountSid: TEST_TWILIO.accountSid,
      callSid,
      ticket: ticket!,
      turns: [
        phoneFrames(speechWav('您好，现代生活网上超市，很高兴为您服务。', 'zh-CN')),
        phoneFrames(speechWav('非常抱歉给您带来不便，我马上为您补寄一个新的。', 'zh-CN')),
      ],
      dtmf: { afterTurn: 0, digit: '5' },
    });

    // callsim spoke back as Twilio expects: 160-byte μ-law media, then a mark per finished line.
    expect(phone.malformed).toEqual([]);
    const media = phone.received.filter((m) => m.event === 'media');
    expect(media.filter((m) => m.audible).length).toBeGreaterThan(50);
    // The pip that says "connected" comes first, then each customer line ends with its mark.
    const marks = phone.received.filter((m) => m.event === 'mark').map((m) => m.name);
    expect(marks[0]).toBe('connected');
    expect(marks.filter((name) => name?.startsWith('line-')).length).toBeGreaterThanOrEqual(2);
    expect(phone.received[0]?.event).toBe('media');
    expect(phone.marksAcknowledged).toEqual(expect.arrayContaining(marks));
    expect(phone.turnsSpoken).toBe(2);

    const trainee = await t.server.ctx.users.findByUsername('trainee1');
    const row = await endedRow(callSid, trainee!.id);
    expect(row).toMatchObject({
      status: 'ended',
      agentUserId: trainee!.id,
      scenarioId: 'complaint-damaged-cup',
      source: 'phone',
    });
    const timeline = checkRecording(row.recordingPath!, row.timelinePath!);
    expect(timeline.locale).toBe('zh-CN');
    expect(timeline.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'dtmf', digit: '5' })]),
    );
    // The call is the trainee's: it shows in their call history like a softphone call.
    const history = (await (await fetch(`${t.url}/api/calls`, { headers: { cookie } })).json()) as {
      id: string;
    }[];
    expect(history.map((c) => c.id)).toContain(row.id);
  }, 180_000);
});

describe('offline protocol test: browser phone answers a ringing call (en-US, en-us speech)', () => {
  it('takes the offer through the Voice webhook, clears the ringing softphone and streams the call', async () => {
    type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
    const cookie = await login(t.url, 'trainee2', 'trainee123');
    const socket: ClientSocket = io(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    try {
      const hello = await new Promise<HelloPayload>((resolve) => socket.once('session:hello', resolve));
      await socket.timeout(5000).emitWithAck('agent:set-status', { state: 'ready' });
      const offered = new Promise<CallOfferDto>((resolve) => socket.once('call:offer', resolve));
      const withdrawn = new Promise<{ callId: string; reason: string }>((resolve) =>
        socket.once('call:offer-withdrawn', resolve),
      );
      const customerLines: string[] = [];
      socket.on('call:customer-line', (line) => customerLines.push(line.phase));
      const ended = new Promise<{ callId: string; endedBy: string }>((resolve) =>
        socket.once('call:ended', resolve),
      );
      await socket
        .timeout(5000)
        .emitWithAck('practice:start', { scenarioId: 'complaint-damaged-blender-en', mode: 'practice' });
      const offer = await offered;

      const callSid = testCallSid();
      const voice = await postWebhook(t.url, '/twilio/voice', {
        ...voiceParams(callSid, `client:callsim_${hello.userId}`, ''),
        ApplicationSid: TEST_TWILIO.twimlAppSid,
        callsimCallId: offer.callId,
      });
      expect(voice.text).toContain('<Connect><Stream url="wss://callsim.example.test/twilio/media">');
      expect(twimlParameter(voice.text, 'callId')).toBe(offer.callId);

      const phone = await runFakeTwilioPhone({
        url: mediaUrl,
        signature: mediaStreamSignature(),
        accountSid: TEST_TWILIO.accountSid,
        callSid,
        ticket: twimlParameter(voice.text, 'ticket')!,
        turns: [
          phoneFrames(
            speechWav('Thank you for calling Modern Living, this is Alex. How can I help you?', 'en-US'),
          ),
          phoneFrames(speechWav("I'm so sorry about that. I can send you a replacement today.", 'en-US')),
        ],
      });
      expect(await withdrawn).toEqual({ callId: offer.callId, reason: 'taken' });
      expect(phone.malformed).toEqual([]);
      expect(phone.received.some((m) => m.event === 'mark')).toBe(true);
      const end = await ended;
      expect(end.callId).toBe(offer.callId);
      // The softphone still saw the customer's lines (captions) while the audio went to the phone.
      expect(customerLines).toEqual(expect.arrayContaining(['start', 'end']));

      const row = await endedRow(callSid, hello.userId);
      expect(row).toMatchObject({ id: offer.callId, status: 'ended', agentUserId: hello.userId });
      const timeline = checkRecording(row.recordingPath!, row.timelinePath!);
      expect(timeline.locale).toBe('en-US');
      expect(timeline.events.map((e) => e.type)).toContain('ring');
    } finally {
      socket.close();
    }
  }, 180_000);
});
