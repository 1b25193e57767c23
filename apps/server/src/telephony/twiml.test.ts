// Offline protocol tests of the TwiML callsim answers with: the DTMF <Gather> for the
// practice code (signed action URL carrying the attempt) and the bidirectional stream.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { TWILIO_TEST_ENV, twimlParameter } from './__fixtures__/twilio-test-account.js';
import { twilioSettings } from './twilio-settings.js';
import { createTwimlBuilder } from './twiml.js';

const twiml = createTwimlBuilder(twilioSettings(loadConfig({ env: TWILIO_TEST_ENV, cwd: '/srv/callsim' }))!);

describe('offline protocol test: TwiML', () => {
  it('gathers six DTMF digits and posts them to the signed gather URL with the attempt number', () => {
    const xml = twiml.askForCode(2, 'wrongCode');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response><Gather')).toBe(true);
    const gather = /<Gather ([^>]*)>/.exec(xml)?.[1] ?? '';
    expect(gather).toContain('input="dtmf"');
    expect(gather).toContain('numDigits="6"');
    expect(gather).toContain('method="POST"');
    expect(gather).toContain('action="https://callsim.example.test/twilio/gather?attempt=2"');
    expect(xml).toContain('练习码无效或已过期');
    expect(xml).toContain('Please enter the six digit practice code');
    expect(xml.endsWith('<Hangup/></Response>')).toBe(true);
  });

  it('connects the call to a bidirectional stream back to callsim with parameters identifying it', () => {
    const xml = twiml.connectStream(
      { ticket: 'abc_DEF-123', callId: '01CALL' },
      { say: 'connecting', locale: 'en-US' },
    );
    expect(xml).toContain('<Say language="en-US" voice="Polly.Joanna">Connecting your practice call.</Say>');
    expect(xml).toMatch(
      /<Connect><Stream url="wss:\/\/callsim\.example\.test\/twilio\/media">(<Parameter [^>]*\/>){2}<\/Stream><\/Connect><Hangup\/><\/Response>$/,
    );
    expect(twimlParameter(xml, 'ticket')).toBe('abc_DEF-123');
    expect(twimlParameter(xml, 'callId')).toBe('01CALL');
  });

  it('refuses in both languages and hangs up', () => {
    const xml = twiml.sayAndHangUp('notRinging');
    expect(xml).toContain('<Say language="cmn-CN" voice="Polly.Zhiyu">这通电话已不在振铃，再见。</Say>');
    expect(xml).toContain('This call is no longer ringing.');
    expect(xml).toContain('<Hangup/>');
  });
});
