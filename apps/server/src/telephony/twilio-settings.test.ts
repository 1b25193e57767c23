// Offline protocol tests of the Twilio settings: none set means no Twilio at all; a half
// configured group stops the server with a message naming the missing variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';
import { TEST_TWILIO, TWILIO_TEST_ENV } from './__fixtures__/twilio-test-account.js';
import { mediaStreamUrl, twilioSettings, webhookUrl } from './twilio-settings.js';

const cwd = '/srv/callsim';

describe('offline protocol test: Twilio settings', () => {
  it('leaves Twilio off when nothing is set', () => {
    expect(twilioSettings(loadConfig({ env: {}, cwd }))).toBeNull();
  });

  it('builds the public webhook and wss:// stream URLs from CALLSIM_PUBLIC_URL', () => {
    const settings = twilioSettings(
      loadConfig({
        env: { ...TWILIO_TEST_ENV, CALLSIM_PUBLIC_URL: 'https://calls.example.test/callsim/' },
        cwd,
      }),
    );
    expect(settings).toMatchObject({
      accountSid: TEST_TWILIO.accountSid,
      phoneNumber: TEST_TWILIO.phoneNumber,
      browserPhone: { twimlAppSid: TEST_TWILIO.twimlAppSid },
    });
    expect(webhookUrl(settings!, '/twilio/gather', { attempt: '2' })).toBe(
      'https://calls.example.test/callsim/twilio/gather?attempt=2',
    );
    expect(mediaStreamUrl(settings!)).toBe('wss://calls.example.test/callsim/twilio/media');
  });

  it('runs phone-in only when the browser-phone group is absent', () => {
    const env = { ...TWILIO_TEST_ENV };
    delete env.CALLSIM_TWILIO_API_KEY_SID;
    delete env.CALLSIM_TWILIO_API_KEY_SECRET;
    delete env.CALLSIM_TWILIO_TWIML_APP_SID;
    expect(twilioSettings(loadConfig({ env, cwd }))).toMatchObject({ browserPhone: null });
  });

  it('names the missing setting of a half-configured group', () => {
    const { CALLSIM_TWILIO_AUTH_TOKEN: _token, ...noToken } = TWILIO_TEST_ENV;
    expect(() => loadConfig({ env: noToken, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ env: noToken, cwd })).toThrow(/CALLSIM_TWILIO_AUTH_TOKEN: required when/);
    const { CALLSIM_TWILIO_TWIML_APP_SID: _app, ...noApp } = TWILIO_TEST_ENV;
    expect(() => loadConfig({ env: noApp, cwd })).toThrow(/CALLSIM_TWILIO_TWIML_APP_SID: required when/);
    expect(() => loadConfig({ env: { CALLSIM_TWILIO_PHONE_NUMBER: '+15005550006' }, cwd })).toThrow(
      /CALLSIM_TWILIO_ACCOUNT_SID: required when CALLSIM_TWILIO_PHONE_NUMBER is set/,
    );
  });

  it('refuses malformed SIDs, numbers and a public URL that is not https', () => {
    expect(() =>
      loadConfig({ env: { ...TWILIO_TEST_ENV, CALLSIM_TWILIO_ACCOUNT_SID: 'AC123' }, cwd }),
    ).toThrow(/CALLSIM_TWILIO_ACCOUNT_SID: must be an Account SID/);
    expect(() =>
      loadConfig({ env: { ...TWILIO_TEST_ENV, CALLSIM_TWILIO_PHONE_NUMBER: '555-0100' }, cwd }),
    ).toThrow(/CALLSIM_TWILIO_PHONE_NUMBER: must be an E.164 number/);
    expect(() =>
      loadConfig({ env: { ...TWILIO_TEST_ENV, CALLSIM_PUBLIC_URL: 'http://callsim.example.test' }, cwd }),
    ).toThrow(/CALLSIM_PUBLIC_URL: must be the https:\/\/ address/);
  });
});
