// Optional phone lines through Twilio: what the rest of the server sees of them.
// `createTelephony` returns null when the Twilio settings are absent — nothing is mounted,
// the twilio library is never loaded and callsim runs exactly as without this module;
// otherwise it loads twilio-telephony.ts (webhooks, Media Streams, tokens, practice codes).
import type { Server as HttpServer } from 'node:http';
import type { CallMode } from '@callsim/protocol';
import type { Router } from 'express';
import type { AppContext } from '../app/context.js';
import type { CallService } from '../calls/call-service.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import type { UsersTable } from '../storage/schema.js';
import { twilioSettings } from './twilio-settings.js';

/** `GET /api/telephony`: what the softphone may offer. */
export interface TelephonyStatusDto {
  /** Twilio is configured on this server. */
  enabled: boolean;
  /** The softphone may register a Twilio Device (browser phone line). */
  browserPhone: boolean;
  /** E.164 number trainees dial for phone-in practice, or null. */
  phoneNumber: string | null;
  practiceCodeTtlMs: number | null;
}

/** `POST /api/telephony/token`: a Voice SDK access token for the logged-in trainee. */
export interface AccessTokenDto {
  token: string;
  identity: string;
  ttlSec: number;
  expiresAtMs: number;
}

/** `POST /api/telephony/practice-codes`: the code to key in after dialling `phoneNumber`. */
export interface PracticeCodeDto {
  code: string;
  scenarioId: string;
  mode: CallMode;
  phoneNumber: string;
  expiresAtMs: number;
}

export const TELEPHONY_DISABLED: TelephonyStatusDto = {
  enabled: false,
  browserPhone: false,
  phoneNumber: null,
  practiceCodeTtlMs: null,
};

export interface Telephony {
  readonly status: TelephonyStatusDto;
  /** Throws TELEPHONY_NOT_CONFIGURED without the browser-phone settings. */
  mintToken(user: UsersTable): AccessTokenDto;
  /** Throws TELEPHONY_NOT_CONFIGURED without a phone number, SCENARIO_NOT_FOUND for an unknown scenario. */
  issuePracticeCode(user: UsersTable, scenarioId: string, mode: CallMode): PracticeCodeDto;
  /** Public Twilio webhooks, mounted at /twilio; every request is signature-checked. */
  readonly webhooks: Router;
  /** Serves the Media Streams WebSocket (/twilio/media) on the HTTP server's `upgrade` event. */
  attach(httpServer: HttpServer): void;
  /** Closes live streams (their calls hang up) and stops serving upgrades. */
  close(): Promise<void>;
}

export interface TelephonyDeps {
  ctx: AppContext;
  calls: CallService;
  library: ScenarioLibrary;
  /** Sends a socket event to every softphone of a user (the agent channel). */
  notify(userId: string, event: string, payload: unknown): void;
}

export async function createTelephony(deps: TelephonyDeps): Promise<Telephony | null> {
  const settings = twilioSettings(deps.ctx.config);
  if (!settings) return null;
  const { startTwilioTelephony } = await import('./twilio-telephony.js');
  return startTwilioTelephony(settings, deps);
}
