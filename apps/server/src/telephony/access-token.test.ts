// Offline protocol tests of the Voice SDK access token: decoded without any Twilio call,
// it carries one VoiceGrant for callsim's TwiML app, the trainee's identity, a 10-minute
// life, and an HS256 signature made with the API key secret.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { TEST_TWILIO, TWILIO_TEST_ENV } from './__fixtures__/twilio-test-account.js';
import { ACCESS_TOKEN_TTL_SEC, mintAccessToken } from './access-token.js';
import { identityFor, userIdFromIdentity } from './identity.js';
import { twilioSettings } from './twilio-settings.js';

const settings = twilioSettings(loadConfig({ env: TWILIO_TEST_ENV, cwd: '/srv/callsim' }))!;

function decode(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('offline protocol test: Voice SDK access token', () => {
  it('grants voice for one trainee through the TwiML app, for ten minutes, signed with the API key secret', () => {
    const before = Math.floor(Date.now() / 1000);
    const minted = mintAccessToken(settings, settings.browserPhone!, '01J9TRAINEE0000000000000001');
    const [headerPart, payloadPart, signaturePart] = minted.token.split('.');
    const header = decode(headerPart);
    const payload = decode(payloadPart) as {
      iss: string;
      sub: string;
      iat: number;
      exp: number;
      jti: string;
      grants: {
        identity: string;
        voice: { outgoing: { application_sid: string }; incoming: { allow: boolean } };
      };
    };
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(payload.iss).toBe(TEST_TWILIO.apiKeySid);
    expect(payload.sub).toBe(TEST_TWILIO.accountSid);
    expect(payload.grants.identity).toBe('callsim_01J9TRAINEE0000000000000001');
    expect(payload.grants.voice).toEqual({
      outgoing: { application_sid: TEST_TWILIO.twimlAppSid },
      incoming: { allow: true },
    });
    expect(Object.keys(payload.grants).sort()).toEqual(['identity', 'voice']);
    expect(payload.exp - payload.iat).toBe(ACCESS_TOKEN_TTL_SEC);
    expect(ACCESS_TOKEN_TTL_SEC).toBe(600);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(minted).toMatchObject({
      identity: payload.grants.identity,
      ttlSec: 600,
      expiresAtMs: payload.exp * 1000,
    });
    const expected = createHmac('sha256', TEST_TWILIO.apiKeySecret)
      .update(`${headerPart}.${payloadPart}`)
      .digest('base64url');
    expect(signaturePart).toBe(expected);
  });

  it('maps a Device identity back to its user and nothing else', () => {
    expect(userIdFromIdentity(`client:${identityFor('01ABC')}`)).toBe('01ABC');
    expect(userIdFromIdentity(identityFor('01ABC'))).toBe('01ABC');
    expect(userIdFromIdentity('+14155550100')).toBeNull();
    expect(userIdFromIdentity('client:someone_else')).toBeNull();
    expect(userIdFromIdentity('client:callsim_../../x')).toBeNull();
    expect(userIdFromIdentity(undefined)).toBeNull();
  });
});
