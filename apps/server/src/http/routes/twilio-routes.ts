// Twilio routes. `telephonyApiRoutes` (/api/telephony, logged in): whether Twilio is
// configured, Voice SDK access tokens and phone-in practice codes for trainees.
// `twilioWebhookRoutes` (/twilio, public but signature-checked by `guard`): the Voice
// webhook (browser phone calls and phone-in calls) and the practice-code <Gather> action.
// This file never loads the twilio library itself: TwiML and the guard are passed in.
import { AppError, CALL_MODES } from '@callsim/protocol';
import express, { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import type { CallService } from '../../calls/call-service.js';
import type { ScenarioLibrary } from '../../calls/scenario-library.js';
import type { Logger } from '../../logging/logger.js';
import type { UsersTable } from '../../storage/schema.js';
import { userIdFromIdentity } from '../../telephony/identity.js';
import { MAX_CODE_ATTEMPTS, type PracticeCodes } from '../../telephony/practice-codes.js';
import type { StreamTickets } from '../../telephony/stream-tickets.js';
import { TELEPHONY_DISABLED, type Telephony } from '../../telephony/telephony.js';
import type { TwilioSettings } from '../../telephony/twilio-settings.js';
import type { TwimlBuilder } from '../../telephony/twiml.js';
import { currentUser, requireRole } from '../auth.js';
import { errorHandler } from '../error-handler.js';
import { parseInput } from '../validate.js';

const practiceCodeSchema = z.object({
  scenarioId: z.string().min(1).max(128),
  mode: z.enum(CALL_MODES).default('practice'),
});

export function telephonyApiRoutes(ctx: AppContext, telephony: Telephony | null): Router {
  const router = Router();
  const configured = (): Telephony => {
    if (!telephony) throw new AppError('TELEPHONY_NOT_CONFIGURED', 'twilio is not configured');
    return telephony;
  };

  router.get('/', (_req, res) => {
    res.json(telephony?.status ?? TELEPHONY_DISABLED);
  });

  router.post('/token', requireRole(ctx, 'trainee'), (req, res) => {
    const user = currentUser(req);
    const token = configured().mintToken(user);
    ctx.logger.info({ userId: user.id, expiresAtMs: token.expiresAtMs }, 'twilio access token minted');
    res.setHeader('Cache-Control', 'no-store');
    res.json(token);
  });

  router.post('/practice-codes', requireRole(ctx, 'trainee'), (req, res) => {
    const { scenarioId, mode } = parseInput(practiceCodeSchema, req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(configured().issuePracticeCode(currentUser(req), scenarioId, mode));
  });

  return router;
}

export interface TwilioWebhookDeps {
  settings: TwilioSettings;
  /** Signature, account and replay check (telephony/webhook-guard.ts). */
  guard: RequestHandler;
  twiml: TwimlBuilder;
  codes: PracticeCodes;
  tickets: StreamTickets;
  calls: CallService;
  library: ScenarioLibrary;
  findUser(userId: string): Promise<UsersTable | undefined>;
  logger: Logger;
}

export function twilioWebhookRoutes(deps: TwilioWebhookDeps): Router {
  const { settings, twiml, codes, tickets, calls, library, logger } = deps;
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));

  const sendTwiml = (res: express.Response, xml: string) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/xml').send(xml);
  };
  const field = (body: unknown, name: string): string | undefined => {
    const value = (body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : undefined;
  };

  // Voice URL of the TwiML app (browser phone) and of the phone number (phone-in).
  router.post('/voice', deps.guard, async (req, res) => {
    const callSid = field(req.body, 'CallSid') ?? '';
    const userId = userIdFromIdentity(field(req.body, 'From'));
    if (!userId) {
      // A phone calling the configured number: ask for a practice code.
      sendTwiml(res, settings.phoneNumber ? twiml.askForCode(1) : twiml.sayAndHangUp('notAllowed'));
      return;
    }
    const browser = settings.browserPhone;
    const user = await deps.findUser(userId);
    if (
      !browser ||
      field(req.body, 'ApplicationSid') !== browser.twimlAppSid ||
      !user ||
      user.disabled ||
      user.role !== 'trainee'
    ) {
      logger.warn({ callSid, userId }, 'browser phone call refused');
      sendTwiml(res, twiml.sayAndHangUp('notAllowed'));
      return;
    }
    const callId = field(req.body, 'callsimCallId');
    if (callId) {
      // The softphone answers a call ringing for this trainee on the phone line.
      if ((await calls.router.seat(user.id))?.offeredCallId !== callId) {
        sendTwiml(res, twiml.sayAndHangUp('notRinging'));
        return;
      }
      const ticket = tickets.issue({ kind: 'answer', callId }, user.id, callSid);
      sendTwiml(res, twiml.connectStream({ ticket, callId }));
      return;
    }
    const scenarioId = field(req.body, 'callsimScenarioId');
    if (scenarioId && library.has(scenarioId)) {
      // The softphone places a practice call of a scenario over the phone line.
      const mode = field(req.body, 'callsimMode') === 'exam' ? 'exam' : 'practice';
      const ticket = tickets.issue(
        { kind: 'practice', scenarioId, mode, source: 'practice' },
        user.id,
        callSid,
      );
      sendTwiml(res, twiml.connectStream({ ticket, scenarioId }));
      return;
    }
    sendTwiml(res, twiml.sayAndHangUp('notAllowed'));
  });

  // <Gather> action: the practice code keyed in on a phone. `attempt` is part of the signed URL.
  router.post('/gather', deps.guard, (req, res) => {
    const callSid = field(req.body, 'CallSid') ?? '';
    const attempt = Math.max(1, Math.min(MAX_CODE_ATTEMPTS, Number(req.query.attempt) || 1));
    const digits = field(req.body, 'Digits') ?? '';
    const caller = field(req.body, 'From') ?? 'unknown';
    const redeemed = codes.redeem(digits, caller);
    if (redeemed.ok) {
      const { entry } = redeemed;
      const scenario = library.has(entry.scenarioId) ? library.get(entry.scenarioId) : null;
      if (!scenario) {
        sendTwiml(res, twiml.sayAndHangUp('notAllowed'));
        return;
      }
      const ticket = tickets.issue(
        { kind: 'practice', scenarioId: scenario.id, mode: entry.mode, source: 'phone' },
        entry.userId,
        callSid,
      );
      logger.info(
        { callSid, userId: entry.userId, scenarioId: scenario.id },
        'phone-in practice code accepted',
      );
      sendTwiml(
        res,
        twiml.connectStream(
          { ticket, scenarioId: scenario.id },
          { say: 'connecting', locale: scenario.locale },
        ),
      );
      return;
    }
    logger.warn(
      { callSid, attempt, reason: redeemed.reason, pii: { from: caller } },
      'phone-in practice code refused',
    );
    if (redeemed.reason === 'locked-out' || attempt >= MAX_CODE_ATTEMPTS)
      sendTwiml(res, twiml.sayAndHangUp(digits ? 'tooManyAttempts' : 'noCode'));
    else sendTwiml(res, twiml.askForCode(attempt + 1, digits ? 'wrongCode' : undefined));
  });

  router.use(errorHandler(logger));
  return router;
}
