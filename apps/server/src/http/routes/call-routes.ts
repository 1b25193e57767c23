// Call history: a trainee sees their own calls; evaluators see their classes' trainees'
// calls; admins all. Recordings are streamed only after the same check (403 + audit).
import { createReadStream, existsSync } from 'node:fs';
import { AppError } from '@callsim/protocol';
import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import { currentUser, denied, requireRole } from '../auth.js';

export function callRoutes(ctx: AppContext, mediaStats: () => unknown): Router {
  const router = Router();

  // Admins watch the node's media load (live sessions, clock lateness, VAD batches).
  router.get('/media-stats', requireRole(ctx, 'admin'), (_req, res) => {
    res.json(mediaStats());
  });

  router.get('/', async (req, res) => {
    const viewer = currentUser(req);
    const userId = typeof req.query.userId === 'string' ? req.query.userId : viewer.id;
    if (!(await ctx.policy.canViewUser(viewer, userId))) await denied(ctx, req, `calls:user:${userId}`);
    const rows = await ctx.db
      .selectFrom('calls')
      .select([
        'id',
        'scenarioId',
        'locale',
        'direction',
        'category',
        'mode',
        'status',
        'createdAtMs',
        'answeredAtMs',
        'durationMs',
        'endedBy',
        'endReason',
        'ringCount',
      ])
      .where('agentUserId', '=', userId)
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    res.json(rows);
  });

  router.get('/:id/recording', async (req, res) => {
    const viewer = currentUser(req);
    const call = await ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', String(req.params.id))
      .executeTakeFirst();
    if (!call) throw new AppError('NOT_FOUND', 'no such call');
    if (!call.agentUserId || !(await ctx.policy.canViewUser(viewer, call.agentUserId)))
      await denied(ctx, req, `recording:${call.id}`);
    if (!call.recordingPath || !existsSync(call.recordingPath))
      throw new AppError('NOT_FOUND', 'no recording');
    res.setHeader('Content-Type', 'audio/wav');
    res.setHeader('Content-Disposition', `inline; filename="${call.id}.wav"`);
    createReadStream(call.recordingPath).pipe(res);
  });

  return router;
}
