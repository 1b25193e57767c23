// Authentication and role checks for REST routes. `authenticate` resolves the session
// cookie on every request; `requireRole` refuses (401/403) before a handler runs, and
// a refused request is written to the audit log.
import { AppError, type Role } from '@callsim/protocol';
import type { NextFunction, Request, Response } from 'express';
import { writeAudit } from '../accounts/audit-log.js';
import { readCookie, SESSION_COOKIE } from '../accounts/session-store.js';
import type { AppContext } from '../app/context.js';
import type { UsersTable } from '../storage/schema.js';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    user?: UsersTable;
    sessionId?: string;
    sessionExpiresAtMs?: number;
  }
}

export function authenticate(ctx: AppContext) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const session = await ctx.sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (session) {
      req.user = session.user;
      req.sessionId = session.sessionId;
      req.sessionExpiresAtMs = session.expiresAtMs;
    }
    next();
  };
}

/** The logged-in user, or AUTH_REQUIRED. */
export function currentUser(req: Request): UsersTable {
  if (!req.user) throw new AppError('AUTH_REQUIRED', 'not logged in');
  return req.user;
}

export function requireRole(ctx: AppContext, ...roles: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const user = currentUser(req);
    if (roles.length > 0 && !roles.includes(user.role)) {
      await writeAudit(ctx.db, {
        actorUserId: user.id,
        action: 'access.denied',
        target: `${req.method} ${req.path}`,
        details: { role: user.role },
      });
      ctx.logger.warn({ userId: user.id, path: req.path, requestId: req.requestId }, 'access denied');
      throw new AppError('FORBIDDEN', 'role not allowed');
    }
    next();
  };
}

/** Audit-logs a refused access found inside a handler (e.g. another class's data), then rethrows. */
export async function denied(ctx: AppContext, req: Request, target: string): Promise<never> {
  await writeAudit(ctx.db, { actorUserId: req.user?.id ?? null, action: 'access.denied', target });
  ctx.logger.warn({ userId: req.user?.id, target, requestId: req.requestId }, 'access denied');
  throw new AppError('FORBIDDEN', 'not allowed');
}
