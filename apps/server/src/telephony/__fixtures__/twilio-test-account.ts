// A made-up Twilio account for offline protocol tests: settings for a test server and
// helpers that sign requests exactly as Twilio does (the twilio library's own
// getExpectedTwilioSignature), so the server's checks run against real signatures.
import twilio from 'twilio';

export const TEST_TWILIO = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  apiKeySid: 'SK0123456789abcdef0123456789abcdef',
  apiKeySecret: 'test-api-key-secret-0123456789abcdef',
  twimlAppSid: 'AP0123456789abcdef0123456789abcdef',
  phoneNumber: '+15005550006',
  publicUrl: 'https://callsim.example.test',
} as const;

/** Environment for `startTestServer` with every Twilio feature on. */
export const TWILIO_TEST_ENV: Record<string, string> = {
  CALLSIM_TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
  CALLSIM_TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
  CALLSIM_TWILIO_API_KEY_SID: TEST_TWILIO.apiKeySid,
  CALLSIM_TWILIO_API_KEY_SECRET: TEST_TWILIO.apiKeySecret,
  CALLSIM_TWILIO_TWIML_APP_SID: TEST_TWILIO.twimlAppSid,
  CALLSIM_TWILIO_PHONE_NUMBER: TEST_TWILIO.phoneNumber,
  CALLSIM_PUBLIC_URL: TEST_TWILIO.publicUrl,
};

let sidCounter = 0;
/** A fresh CallSid-shaped id. */
export function testCallSid(): string {
  sidCounter++;
  return `CA${Date.now().toString(16).padStart(16, '0')}${sidCounter.toString(16).padStart(16, '0')}`;
}

export interface SignedPost {
  headers: Record<string, string>;
  body: string;
}

/** A webhook POST as Twilio sends it: form-encoded, signed over the public URL + params. */
export function signedPost(pathAndQuery: string, params: Record<string, string>): SignedPost {
  const url = `${TEST_TWILIO.publicUrl}${pathAndQuery}`;
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO.authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

/** Sends a signed webhook to a local test server; returns status and body text. */
export async function postWebhook(
  serverUrl: string,
  pathAndQuery: string,
  params: Record<string, string>,
  tamper?: (post: SignedPost) => SignedPost,
): Promise<{ status: number; type: string; text: string }> {
  const signed = signedPost(pathAndQuery, params);
  const post = tamper ? tamper(signed) : signed;
  const response = await fetch(`${serverUrl}${pathAndQuery}`, { method: 'POST', ...post });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** The common parameters of a Voice webhook for a call from `from` to `to`. */
export function voiceParams(callSid: string, from: string, to: string): Record<string, string> {
  return {
    AccountSid: TEST_TWILIO.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: from,
    To: to,
    Caller: from,
    Called: to,
  };
}

/** The Media Streams handshake signature: the stream URL from the TwiML, no parameters. */
export function mediaStreamSignature(): string {
  return twilio.getExpectedTwilioSignature(
    TEST_TWILIO.authToken,
    `${TEST_TWILIO.publicUrl.replace('https:', 'wss:')}/twilio/media`,
    {},
  );
}

/** The value of a <Parameter name="…"> in TwiML. */
export function twimlParameter(xml: string, name: string): string | null {
  return new RegExp(`<Parameter name="${name}" value="([^"]*)"/>`).exec(xml)?.[1] ?? null;
}
