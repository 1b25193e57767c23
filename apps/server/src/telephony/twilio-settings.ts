// The Twilio settings the telephony module runs on, derived once from the server config.
// Guarantees: `twilioSettings` is null unless the account, its auth token and the public
// URL are all set (config.ts refuses half a group), so a server without them mounts nothing.
import type { Config } from '../config/config.js';

export interface BrowserPhoneSettings {
  apiKeySid: string;
  apiKeySecret: string;
  /** TwiML app whose Voice URL is `<publicUrl>/twilio/voice`; the Device's outgoing calls use it. */
  twimlAppSid: string;
}

export interface TwilioSettings {
  accountSid: string;
  /** Signs every webhook and the Media Streams handshake (X-Twilio-Signature). */
  authToken: string;
  /** Public https base URL Twilio reaches this server at, no trailing slash. */
  publicUrl: string;
  /** Browser phone (Voice SDK Device); null when the API key pair and TwiML app are not set. */
  browserPhone: BrowserPhoneSettings | null;
  /** E.164 number trainees dial for phone-in practice; null = no phone-in. */
  phoneNumber: string | null;
}

/** Paths Twilio calls on this server (the webhooks are POST, the media stream a WebSocket). */
export const TWILIO_PATHS = {
  voice: '/twilio/voice',
  gather: '/twilio/gather',
  media: '/twilio/media',
} as const;

export function twilioSettings(config: Config): TwilioSettings | null {
  const { twilioAccountSid, twilioAuthToken, publicUrl } = config;
  if (!twilioAccountSid || !twilioAuthToken || !publicUrl) return null;
  const { twilioApiKeySid, twilioApiKeySecret, twilioTwimlAppSid } = config;
  return {
    accountSid: twilioAccountSid,
    authToken: twilioAuthToken,
    publicUrl,
    browserPhone:
      twilioApiKeySid && twilioApiKeySecret && twilioTwimlAppSid
        ? { apiKeySid: twilioApiKeySid, apiKeySecret: twilioApiKeySecret, twimlAppSid: twilioTwimlAppSid }
        : null,
    phoneNumber: config.twilioPhoneNumber ?? null,
  };
}

/** The public https URL of a webhook path (what Twilio signs), with an optional query. */
export function webhookUrl(settings: TwilioSettings, path: string, query?: Record<string, string>): string {
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  return `${settings.publicUrl}${path}${search}`;
}

/** The wss:// URL of the Media Streams endpoint, as written into TwiML and signed by Twilio. */
export function mediaStreamUrl(settings: TwilioSettings): string {
  return `${settings.publicUrl.replace(/^https:/, 'wss:')}${TWILIO_PATHS.media}`;
}
