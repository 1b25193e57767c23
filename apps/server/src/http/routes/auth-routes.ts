// Login, logout, the current session and the UI language preference.
// Login answers the same error for an unknown user and a wrong password, spends the
// same hashing time for both, and is rate-limited per address and per username.
import { AppError, localePreferenceBodySchema, loginBodySchema, type SessionDto } from '@callsim/protocol';
import { Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import { UNUSABLE_HASH, verifyPassword } from '../../accounts/passwords.js';
import { SESSION_COOKIE } from '../../accounts/session-store.js';
import type { AppContext } from '../../app/context.js';
import { currentUser } from '../auth.js';
import { RateLimiter } from '../rate-limit.js';
import { parseInput } from '../validate.js';

export function authRoutes(ctx: AppContext, onSessionsRevoked: (sessionIds: string[]) => void): Router {
  const router = Router();
  // Only failed attempts count: a whole class logging in at once behind one school NAT
  // must not be blocked. Per username the configured limit applies; per address, five times it.
  const userLimiter = new RateLimiter(ctx.config.loginAttemptsPerWindow, ctx.config.loginWindowMs);
  const ipLimiter = new RateLimiter(ctx.config.loginAttemptsPerWindow * 5, ctx.config.loginWindowMs);

  router.post('/login', async (req, res) => {
    const body = parseInput(loginBodySchema, req.body);
    const ipKey = req.ip ?? 'unknown';
    const userKey = body.username.toLowerCase();
    if (ipLimiter.blocked(ipKey) || userLimiter.blocked(userKey)) {
      throw new AppError('AUTH_RATE_LIMITED', 'too many login attempts');
    }
    const user = await ctx.users.findByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? UNUSABLE_HASH);
    if (!user || !ok) {
      ipLimiter.hit(ipKey);
      userLimiter.hit(userKey);
      await writeAudit(ctx.db, {
        actorUserId: user?.id ?? null,
        action: 'auth.login.failed',
        target: body.username,
      });
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'bad credentials');
    }
    if (user.disabled === 1) throw new AppError('AUTH_ACCOUNT_DISABLED', 'disabled');
    userLimiter.reset(userKey);
    const session = await ctx.sessions.create(user.id, String(req.headers['user-agent'] ?? ''));
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      path: '/',
      maxAge: session.expiresAtMs - Date.now(),
    });
    await writeAudit(ctx.db, { actorUserId: user.id, action: 'auth.login', target: user.username });
    const dto: SessionDto = { user: await ctx.users.toDto(user), expiresAtMs: session.expiresAtMs };
    res.json(dto);
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionId) {
      await ctx.sessions.revoke(req.sessionId);
      onSessionsRevoked([req.sessionId]);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/session', async (req, res) => {
    const user = currentUser(req);
    const dto: SessionDto = { user: await ctx.users.toDto(user), expiresAtMs: req.sessionExpiresAtMs ?? 0 };
    res.json(dto);
  });

  router.put('/locale', async (req, res) => {
    const user = currentUser(req);
    const { locale } = parseInput(localePreferenceBodySchema, req.body);
    await ctx.users.update(user.id, { locale });
    res.status(204).end();
  });

  return router;
}
