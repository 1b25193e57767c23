// Access tokens for the softphone's Twilio Device: signed with the API key secret,
// one VoiceGrant (outgoing calls through callsim's TwiML app, incoming allowed), an
// identity scoped to one trainee (identity.ts) and a life of ten minutes.
import twilio from 'twilio';
import { identityFor } from './identity.js';
import type { AccessTokenDto } from './telephony.js';
import type { BrowserPhoneSettings, TwilioSettings } from './twilio-settings.js';

const { AccessToken } = twilio.jwt;

/** Token life: the Device asks for a new one (tokenWillExpire) before it runs out. */
export const ACCESS_TOKEN_TTL_SEC = 600;

export function mintAccessToken(
  settings: TwilioSettings,
  browser: BrowserPhoneSettings,
  userId: string,
): AccessTokenDto {
  const identity = identityFor(userId);
  const token = new AccessToken(settings.accountSid, browser.apiKeySid, browser.apiKeySecret, {
    identity,
    ttl: ACCESS_TOKEN_TTL_SEC,
  });
  token.addGrant(
    new AccessToken.VoiceGrant({ outgoingApplicationSid: browser.twimlAppSid, incomingAllow: true }),
  );
  const jwt = token.toJwt();
  // The library stamps exp from its own clock: report exactly what the token says.
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp: number;
  };
  return { token: jwt, identity, ttlSec: ACCESS_TOKEN_TTL_SEC, expiresAtMs: payload.exp * 1000 };
}
