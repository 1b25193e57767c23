// The TwiML callsim answers Voice webhooks with, built with the twilio library: the
// phone-in practice-code prompt (<Gather> DTMF), the bidirectional Media Stream that
// connects a call to its session (<Connect><Stream> + custom parameters), and short
// spoken refusals. Prompts are spoken in Mandarin then English (the caller is unknown).
import twilio from 'twilio';
import { PRACTICE_CODE_DIGITS } from './practice-codes.js';
import { mediaStreamUrl, TWILIO_PATHS, type TwilioSettings, webhookUrl } from './twilio-settings.js';

const { VoiceResponse } = twilio.twiml;
type SayAttributes = NonNullable<Parameters<InstanceType<typeof VoiceResponse>['say']>[0]>;

const VOICES: Record<'zh-CN' | 'en-US', SayAttributes> = {
  'zh-CN': { language: 'cmn-CN', voice: 'Polly.Zhiyu' },
  'en-US': { language: 'en-US', voice: 'Polly.Joanna' },
};

/** What callsim says on the phone, in both languages. */
export const PHONE_LINES = {
  enterCode: {
    'zh-CN': '您好，这里是呼叫中心培训系统。请输入您账户中显示的六位练习码。',
    'en-US': 'Welcome to callsim training. Please enter the six digit practice code shown in your account.',
  },
  wrongCode: {
    'zh-CN': '练习码无效或已过期。',
    'en-US': 'That practice code is not valid or has expired.',
  },
  tooManyAttempts: {
    'zh-CN': '尝试次数过多，再见。',
    'en-US': 'Too many attempts. Goodbye.',
  },
  noCode: {
    'zh-CN': '没有收到练习码，再见。',
    'en-US': 'No practice code was entered. Goodbye.',
  },
  connecting: {
    'zh-CN': '正在为您接通练习电话。',
    'en-US': 'Connecting your practice call.',
  },
  notRinging: {
    'zh-CN': '这通电话已不在振铃，再见。',
    'en-US': 'This call is no longer ringing. Goodbye.',
  },
  notAllowed: {
    'zh-CN': '此线路不可用，再见。',
    'en-US': 'This line is not available. Goodbye.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;

export type PhoneLine = keyof typeof PHONE_LINES;

export interface TwimlBuilder {
  /** Asks for the practice code; `attempt` (1-based) is carried in the action URL, so it is signed. */
  askForCode(attempt: number, after?: PhoneLine): string;
  /** Connects the call to a bidirectional Media Stream back to callsim. */
  connectStream(parameters: Record<string, string>, options?: { say?: PhoneLine; locale?: string }): string;
  /** Says a line (both languages) and hangs up. */
  sayAndHangUp(line: PhoneLine): string;
}

export function createTwimlBuilder(settings: TwilioSettings): TwimlBuilder {
  const sayBoth = (target: { say(attributes: SayAttributes, text: string): unknown }, line: PhoneLine) => {
    target.say(VOICES['zh-CN'], PHONE_LINES[line]['zh-CN']);
    target.say(VOICES['en-US'], PHONE_LINES[line]['en-US']);
  };
  return {
    askForCode(attempt, after) {
      const response = new VoiceResponse();
      const gather = response.gather({
        input: ['dtmf'],
        numDigits: PRACTICE_CODE_DIGITS,
        timeout: 8,
        method: 'POST',
        actionOnEmptyResult: true,
        action: webhookUrl(settings, TWILIO_PATHS.gather, { attempt: String(attempt) }),
      });
      if (after) sayBoth(gather, after);
      sayBoth(gather, 'enterCode');
      // Reached only if Twilio cannot call the action URL.
      sayBoth(response, 'noCode');
      response.hangup();
      return response.toString();
    },
    connectStream(parameters, options = {}) {
      const response = new VoiceResponse();
      if (options.say) {
        const voice = options.locale === 'en-US' ? 'en-US' : 'zh-CN';
        response.say(VOICES[voice], PHONE_LINES[options.say][voice]);
      }
      const stream = response.connect().stream({ url: mediaStreamUrl(settings) });
      for (const [name, value] of Object.entries(parameters)) stream.parameter({ name, value });
      // When callsim closes the stream (the call ended), TwiML continues here: hang up.
      response.hangup();
      return response.toString();
    },
    sayAndHangUp(line) {
      const response = new VoiceResponse();
      sayBoth(response, line);
      response.hangup();
      return response.toString();
    },
  };
}
