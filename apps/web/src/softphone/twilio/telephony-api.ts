// REST calls of the optional Twilio phone line (server: apps/server/src/http/routes/twilio-routes.ts).
// The shapes mirror the server's TelephonyStatusDto, AccessTokenDto and PracticeCodeDto.
import { api } from '../../api/client.js';

export interface TelephonyStatus {
  /** Twilio is configured on the server; when false the softphone offers nothing of it. */
  enabled: boolean;
  browserPhone: boolean;
  phoneNumber: string | null;
  practiceCodeTtlMs: number | null;
}

export interface AccessToken {
  token: string;
  identity: string;
  ttlSec: number;
  expiresAtMs: number;
}

export interface PracticeCode {
  code: string;
  scenarioId: string;
  mode: 'practice' | 'exam';
  phoneNumber: string;
  expiresAtMs: number;
}

export const TELEPHONY_OFF: TelephonyStatus = {
  enabled: false,
  browserPhone: false,
  phoneNumber: null,
  practiceCodeTtlMs: null,
};

export function fetchTelephonyStatus(): Promise<TelephonyStatus> {
  return api<TelephonyStatus>('/telephony');
}

export function fetchAccessToken(): Promise<AccessToken> {
  return api<AccessToken>('/telephony/token', { method: 'POST', json: {} });
}

export function createPracticeCode(scenarioId: string, mode: 'practice' | 'exam'): Promise<PracticeCode> {
  return api<PracticeCode>('/telephony/practice-codes', { method: 'POST', json: { scenarioId, mode } });
}
