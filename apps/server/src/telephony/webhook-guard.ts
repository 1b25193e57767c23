// Guards every Twilio webhook before its handler runs. A request passes only when its
// X-Twilio-Signature matches what Twilio signs (the configured auth token over the public
// URL + sorted POST parameters, checked by the twilio library), it is for our account,
// and its step (CallSid + method + path with query) was not handled before within the
// replay window. Refusals are logged and written to the audit log.
import { AppError } from '@callsim/protocol';
import type { NextFunction, Request, Response } from 'express';
import twilio from 'twilio';
import type { AuditEntry } from '../accounts/audit-log.js';
import type { Logger } from '../logging/logger.js';
import type { ReplayGuard } from './replay-guard.js';
import type { TwilioSettings } from './twilio-settings.js';

export type WebhookRefusal = 'bad-signature' | 'wrong-account' | 'no-call-sid' | 'replayed';

export interface WebhookGuardOptions {
  settings: TwilioSettings;
  replay: ReplayGuard;
  logger: Logger;
  audit(entry: AuditEntry): void;
}

/** The POST parameters as Twilio signed them: strings only. */
export function webhookParams(body: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') params[key] = value;
  return params;
}

export function twilioWebhookGuard(options: WebhookGuardOptions) {
  const { settings, replay, logger, audit } = options;
  return (req: Request, _res: Response, next: NextFunction): void => {
    const params = webhookParams(req.body);
    const url = `${settings.publicUrl}${req.originalUrl}`;
    const signature = req.header('x-twilio-signature') ?? '';
    const callSid = params.CallSid ?? '';
    let refusal: WebhookRefusal | null = null;
    if (!signature || !twilio.validateRequest(settings.authToken, signature, url, params))
      refusal = 'bad-signature';
    else if (params.AccountSid !== settings.accountSid) refusal = 'wrong-account';
    else if (!callSid) refusal = 'no-call-sid';
    else if (!replay.firstUse(`${callSid} ${req.method} ${req.originalUrl}`)) refusal = 'replayed';
    if (!refusal) {
      next();
      return;
    }
    logger.warn(
      {
        reason: refusal,
        path: req.baseUrl + req.path,
        callSid,
        requestId: req.requestId,
        pii: { from: params.From },
      },
      'twilio webhook refused',
    );
    audit({
      actorUserId: null,
      action: 'twilio.webhook.refused',
      target: req.baseUrl + req.path,
      details: { reason: refusal, callSid },
    });
    throw refusal === 'replayed'
      ? new AppError('TWILIO_REQUEST_REPLAYED', 'replayed twilio request', { details: { callSid } })
      : new AppError('TWILIO_SIGNATURE_INVALID', 'twilio request refused', { details: { reason: refusal } });
  };
}
