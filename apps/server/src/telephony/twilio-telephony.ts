// Twilio telephony, built once when the settings are present (loaded lazily by
// telephony.ts): the signature/replay guard, practice codes, stream tickets, TwiML,
// the webhook routes and the Media Streams server, wired to the call service.
import { AppError } from '@callsim/protocol';
import { type AuditEntry, writeAudit } from '../accounts/audit-log.js';
import { twilioWebhookRoutes } from '../http/routes/twilio-routes.js';
import { mintAccessToken } from './access-token.js';
import { MediaStreamServer } from './media-stream-server.js';
import { PracticeCodes } from './practice-codes.js';
import { ReplayGuard } from './replay-guard.js';
import { StreamTickets } from './stream-tickets.js';
import type { Telephony, TelephonyDeps } from './telephony.js';
import type { TwilioSettings } from './twilio-settings.js';
import { createTwimlBuilder } from './twiml.js';
import { twilioWebhookGuard } from './webhook-guard.js';

export function startTwilioTelephony(settings: TwilioSettings, deps: TelephonyDeps): Telephony {
  const { ctx, calls, library, notify } = deps;
  const logger = ctx.logger.child({ component: 'telephony' });
  const codes = new PracticeCodes();
  const tickets = new StreamTickets();
  const findUser = (userId: string) => ctx.users.findById(userId);
  const audit = (entry: AuditEntry) => {
    writeAudit(ctx.db, entry).catch((error: unknown) => logger.error({ err: error }, 'audit write failed'));
  };
  const media = new MediaStreamServer({
    settings,
    tickets,
    calls,
    library,
    findUser,
    classesOf: async (userId) => (await ctx.users.classesOf(userId)).map((c) => c.id),
    notify,
    logger,
    audit,
  });
  const webhooks = twilioWebhookRoutes({
    settings,
    guard: twilioWebhookGuard({ settings, replay: new ReplayGuard(), logger, audit }),
    twiml: createTwimlBuilder(settings),
    codes,
    tickets,
    calls,
    library,
    findUser,
    logger,
  });
  logger.info(
    { browserPhone: settings.browserPhone !== null, phoneIn: settings.phoneNumber !== null },
    'twilio telephony enabled',
  );

  return {
    status: {
      enabled: true,
      browserPhone: settings.browserPhone !== null,
      phoneNumber: settings.phoneNumber,
      practiceCodeTtlMs: settings.phoneNumber ? codes.ttlMs : null,
    },
    webhooks,
    mintToken(user) {
      if (!settings.browserPhone)
        throw new AppError('TELEPHONY_NOT_CONFIGURED', 'browser phone settings missing');
      return mintAccessToken(settings, settings.browserPhone, user.id);
    },
    issuePracticeCode(user, scenarioId, mode) {
      const { phoneNumber } = settings;
      if (!phoneNumber) throw new AppError('TELEPHONY_NOT_CONFIGURED', 'no phone number configured');
      library.get(scenarioId);
      const entry = codes.issue(user.id, scenarioId, mode);
      logger.info({ userId: user.id, scenarioId, expiresAtMs: entry.expiresAtMs }, 'practice code issued');
      return { code: entry.code, scenarioId, mode, phoneNumber, expiresAtMs: entry.expiresAtMs };
    },
    attach: (httpServer) => media.attach(httpServer),
    close: () => media.close(),
  };
}
