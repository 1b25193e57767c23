// First-run setup: while no admin exists the setup page may create one, given the
// one-time token the server printed in its log. Closed for good once an admin exists.
import { AppError, type SetupStatusDto, setupBodySchema } from '@callsim/protocol';
import { Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import type { AppContext } from '../../app/context.js';
import { RateLimiter } from '../rate-limit.js';
import { parseInput } from '../validate.js';

export function setupRoutes(ctx: AppContext): Router {
  const router = Router();
  const limiter = new RateLimiter(10, 60_000);

  router.get('/status', async (_req, res) => {
    const dto: SetupStatusDto = { needsSetup: (await ctx.users.countAdmins()) === 0 };
    res.json(dto);
  });

  router.post('/', async (req, res) => {
    if (!limiter.hit(req.ip ?? 'unknown')) throw new AppError('AUTH_RATE_LIMITED', 'setup rate limited');
    const body = parseInput(setupBodySchema, req.body);
    if ((await ctx.users.countAdmins()) > 0) throw new AppError('SETUP_ALREADY_DONE', 'admin exists');
    if (!ctx.setupGate.matches(body.token)) throw new AppError('SETUP_TOKEN_INVALID', 'bad setup token');
    const user = await ctx.users.createUser({
      username: body.username,
      password: body.password,
      role: 'admin',
      displayName: body.displayName,
    });
    ctx.setupGate.close();
    await writeAudit(ctx.db, { actorUserId: user.id, action: 'setup.admin.created', target: user.username });
    ctx.logger.info({ username: user.username }, 'first admin created');
    res.status(201).json(await ctx.users.toDto(user));
  });

  return router;
}
