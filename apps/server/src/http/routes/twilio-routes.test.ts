// Offline protocol tests of the Twilio routes on real loopback servers: without settings
// nothing Twilio exists; with them, tokens and practice codes for trainees, and Voice /
// Gather webhooks that accept only requests signed as Twilio signs them (the twilio
// library's getExpectedTwilioSignature), once each — forged, tampered and replayed ones
// are refused and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  mediaStreamSignature,
  postWebhook,
  signedPost,
  TEST_TWILIO,
  TWILIO_TEST_ENV,
  testCallSid,
  twimlParameter,
  voiceParams,
} from '../../telephony/__fixtures__/twilio-test-account.js';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';

async function api(url: string, path: string, cookie: string, body?: unknown) {
  const response = await fetch(`${url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en-US' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('offline protocol test: callsim without Twilio settings', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('says Twilio is off, mints nothing and serves no webhook or media stream', async () => {
    const cookie = await login(t.url, 'trainee1', 'trainee123');
    expect((await api(t.url, '/telephony', cookie)).body).toEqual({
      enabled: false,
      browserPhone: false,
      phoneNumber: null,
      practiceCodeTtlMs: null,
    });
    const token = await api(t.url, '/telephony/token', cookie, {});
    expect(token.status).toBe(404);
    expect(token.body).toMatchObject({ error: { code: 'TELEPHONY_NOT_CONFIGURED' } });
    const voice = await postWebhook(
      t.url,
      '/twilio/voice',
      voiceParams(testCallSid(), '+15551230000', '+15005550006'),
    );
    expect(voice.status).toBe(404);
    const upgraded = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http:', 'ws:')}/twilio/media`, {
        headers: { 'x-twilio-signature': mediaStreamSignature() },
      });
      ws.once('open', () => {
        ws.close();
        resolve(true);
      });
      ws.once('error', () => resolve(false));
    });
    expect(upgraded).toBe(false);
  });
});

describe('offline protocol test: Twilio routes', () => {
  let t: TestServer;
  let traineeCookie: string;
  let traineeId: string;

  beforeAll(async () => {
    t = await startTestServer({ ...TWILIO_TEST_ENV, CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
    traineeCookie = await login(t.url, 'trainee1', 'trainee123');
    traineeId = (await t.server.ctx.users.findByUsername('trainee1'))!.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('tells the softphone what Twilio offers and mints a token for the trainee only', async () => {
    expect((await api(t.url, '/telephony', traineeCookie)).body).toEqual({
      enabled: true,
      browserPhone: true,
      phoneNumber: TEST_TWILIO.phoneNumber,
      practiceCodeTtlMs: 600_000,
    });
    const minted = await api(t.url, '/telephony/token', traineeCookie, {});
    expect(minted.status).toBe(200);
    expect(minted.body).toMatchObject({ identity: `callsim_${traineeId}`, ttlSec: 600 });
    const payload = JSON.parse(
      Buffer.from(String(minted.body.token).split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { grants: { identity: string }; exp: number };
    expect(payload.grants.identity).toBe(`callsim_${traineeId}`);
    expect(minted.body.expiresAtMs).toBe(payload.exp * 1000);

    const teacher = await login(t.url, 'teacher', 'teacher123');
    expect((await api(t.url, '/telephony/token', teacher, {})).status).toBe(403);
    expect((await fetch(`${t.url}/api/telephony/token`, { method: 'POST' })).status).toBe(401);
  });

  it('issues practice codes for known scenarios', async () => {
    const issued = await api(t.url, '/telephony/practice-codes', traineeCookie, {
      scenarioId: 'complaint-damaged-cup',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      code: expect.stringMatching(/^\d{6}$/),
      scenarioId: 'complaint-damaged-cup',
      mode: 'practice',
      phoneNumber: TEST_TWILIO.phoneNumber,
    });
    const unknown = await api(t.url, '/telephony/practice-codes', traineeCookie, { scenarioId: 'no-such' });
    expect(unknown.status).toBe(404);
    const badMode = await api(t.url, '/telephony/practice-codes', traineeCookie, {
      scenarioId: 'complaint-damaged-cup',
      mode: 'karaoke',
    });
    expect(badMode).toMatchObject({ status: 400, body: { error: { details: { field: 'mode' } } } });
  });

  it('answers a correctly signed Voice webhook and refuses a forged, tampered or replayed one, with an audit entry', async () => {
    const params = voiceParams(testCallSid(), '+15551230001', TEST_TWILIO.phoneNumber);
    const ok = await postWebhook(t.url, '/twilio/voice', params);
    expect(ok.status).toBe(200);
    expect(ok.type).toContain('text/xml');
    expect(ok.text).toContain('<Gather');

    const replayed = await postWebhook(t.url, '/twilio/voice', params);
    expect(replayed.status).toBe(409);
    expect(JSON.parse(replayed.text)).toMatchObject({ error: { code: 'TWILIO_REQUEST_REPLAYED' } });

    const fresh = voiceParams(testCallSid(), '+15551230002', TEST_TWILIO.phoneNumber);
    const tampered = await postWebhook(t.url, '/twilio/voice', fresh, (post) => ({
      ...post,
      body: post.body.replace('%2B15551230002', '%2B15551239999'),
    }));
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.text)).toMatchObject({ error: { code: 'TWILIO_SIGNATURE_INVALID' } });

    const unsigned = await postWebhook(t.url, '/twilio/voice', fresh, (post) => ({
      ...post,
      headers: { 'content-type': post.headers['content-type'] ?? '' },
    }));
    expect(unsigned.status).toBe(403);

    // Signed by the right token but for another URL (not the configured public one).
    const elsewhere = await fetch(`${t.url}/twilio/voice`, {
      method: 'POST',
      ...signedPost('/twilio/voice?x=1', fresh),
    });
    expect(elsewhere.status).toBe(403);

    const otherAccount = await postWebhook(t.url, '/twilio/voice', {
      ...fresh,
      AccountSid: 'ACffffffffffffffffffffffffffffffff',
    });
    expect(otherAccount.status).toBe(403);

    // The untouched request was never handled, so it still goes through once.
    expect((await postWebhook(t.url, '/twilio/voice', fresh)).status).toBe(200);

    const audited = await t.server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'target', 'details'])
      .where('action', '=', 'twilio.webhook.refused')
      .execute();
    const reasons = audited.map((row) => (JSON.parse(row.details) as { reason: string }).reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'replayed',
        'bad-signature',
        'bad-signature',
        'bad-signature',
        'wrong-account',
      ]),
    );
    expect(audited.every((row) => row.target === '/twilio/voice')).toBe(true);
  });

  it('lets a phone key in a practice code: a wrong code asks again, three strikes hang up, the right one connects', async () => {
    const { body } = await api(t.url, '/telephony/practice-codes', traineeCookie, {
      scenarioId: 'complaint-damaged-blender-en',
    });
    const code = String(body.code);
    const wrong = code === '999999' ? '999998' : '999999';

    const first = voiceParams(testCallSid(), '+15551230003', TEST_TWILIO.phoneNumber);
    const retry = await postWebhook(t.url, '/twilio/gather?attempt=1', { ...first, Digits: wrong });
    expect(retry.text).toContain('action="https://callsim.example.test/twilio/gather?attempt=2"');
    expect(retry.text).toContain('That practice code is not valid or has expired.');
    await postWebhook(t.url, '/twilio/gather?attempt=2', { ...first, Digits: wrong });
    const last = await postWebhook(t.url, '/twilio/gather?attempt=3', { ...first, Digits: wrong });
    expect(last.text).toContain('Too many attempts. Goodbye.');
    expect(last.text).not.toContain('<Gather');

    const second = voiceParams(testCallSid(), '+15551230004', TEST_TWILIO.phoneNumber);
    const connected = await postWebhook(t.url, '/twilio/gather?attempt=1', { ...second, Digits: code });
    expect(connected.text).toContain(
      '<Say language="en-US" voice="Polly.Joanna">Connecting your practice call.</Say>',
    );
    expect(connected.text).toContain('<Connect><Stream url="wss://callsim.example.test/twilio/media">');
    expect(twimlParameter(connected.text, 'ticket')).toMatch(/^[\w-]{24}$/);
    expect(twimlParameter(connected.text, 'scenarioId')).toBe('complaint-damaged-blender-en');

    // The code was used once: the next caller keying it in is asked again.
    const third = voiceParams(testCallSid(), '+15551230005', TEST_TWILIO.phoneNumber);
    expect((await postWebhook(t.url, '/twilio/gather?attempt=1', { ...third, Digits: code })).text).toContain(
      'attempt=2',
    );
  });

  it('connects browser-phone calls only for the trainee whose Device placed them, through callsim’s TwiML app', async () => {
    const device = (callSid: string, extra: Record<string, string>, from = `client:callsim_${traineeId}`) =>
      postWebhook(t.url, '/twilio/voice', {
        ...voiceParams(callSid, from, ''),
        ApplicationSid: TEST_TWILIO.twimlAppSid,
        ...extra,
      });

    const placed = await device(testCallSid(), {
      callsimScenarioId: 'inquiry-rice-cooker',
      callsimMode: 'exam',
    });
    expect(placed.text).toContain('<Connect><Stream url="wss://callsim.example.test/twilio/media">');
    expect(twimlParameter(placed.text, 'scenarioId')).toBe('inquiry-rice-cooker');

    const notRinging = await device(testCallSid(), { callsimCallId: '01NOTRINGING' });
    expect(notRinging.text).toContain('This call is no longer ringing.');

    const otherApp = await device(testCallSid(), {
      callsimScenarioId: 'inquiry-rice-cooker',
      ApplicationSid: 'APffffffffffffffffffffffffffffffff',
    });
    expect(otherApp.text).toContain('This line is not available.');

    const teacherId = (await t.server.ctx.users.findByUsername('teacher'))!.id;
    const evaluator = await device(
      testCallSid(),
      { callsimScenarioId: 'inquiry-rice-cooker' },
      `client:callsim_${teacherId}`,
    );
    expect(evaluator.text).toContain('This line is not available.');
    expect(evaluator.text).not.toContain('<Stream');
  });
});
