// The Express application: JSON API under /api, the web UI everywhere else.
// Order matters: request id → security headers → body parsing → session → public
// routes → login wall → role-checked routes → 404 → error handler.
import { randomUUID } from 'node:crypto';
import { AppError, type HealthDto } from '@callsim/protocol';
import express, { type Express } from 'express';
import type { AppContext } from '../app/context.js';
import { authenticate, currentUser } from './auth.js';
import { errorHandler } from './error-handler.js';
import { authRoutes } from './routes/auth-routes.js';
import { classRoutes } from './routes/class-routes.js';
import { setupRoutes } from './routes/setup-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { staticWeb } from './static-web.js';

export const VERSION = '0.1.0';

export interface AppHooks {
  /** Called when sessions are revoked so their live sockets can be closed. */
  onSessionsRevoked(sessionIds: string[]): void;
  /** Extra authenticated API routers mounted by later features (calls, scripts…). */
  extraApi?: { path: string; router: express.Router }[];
}

export function createHttpApp(ctx: AppContext, hooks: AppHooks): Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.trustProxy) app.set('trust proxy', true);

  app.use((req, res, next) => {
    req.requestId = randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(authenticate(ctx));
  api.get('/health', async (_req, res) => {
    const dto: HealthDto = {
      status: 'ok',
      version: VERSION,
      database: ctx.databaseKind,
      uptimeMs: Date.now() - ctx.startedAtMs,
    };
    const jobs = await ctx.jobs.health();
    if (jobs.backend === 'redis') dto.redis = jobs.status;
    res.json(dto);
  });
  api.use('/setup', setupRoutes(ctx));
  api.use('/auth', authRoutes(ctx, hooks.onSessionsRevoked));
  api.use((req, _res, next) => {
    currentUser(req);
    next();
  });
  api.use('/users', userRoutes(ctx, hooks.onSessionsRevoked));
  api.use('/classes', classRoutes(ctx));
  for (const extra of hooks.extraApi ?? []) api.use(extra.path, extra.router);
  api.use(() => {
    throw new AppError('NOT_FOUND', 'no such API route');
  });
  api.use(errorHandler(ctx.logger));

  app.use('/api', api);
  app.use(staticWeb(ctx.config.webDistDir));
  app.use(errorHandler(ctx.logger));
  return app;
}
