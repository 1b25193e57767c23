// Class sessions over REST: an evaluator of the class (or an admin) starts calls for
// all ready trainees of the class, lists running sessions, and stops them.
import { AppError, classSessionBodySchema } from '@callsim/protocol';
import { Router } from 'express';
import type { AppContext } from '../../app/context.js';
import type { ClassSessions } from '../../calls/class-sessions.js';
import { currentUser, denied } from '../auth.js';
import { parseInput } from '../validate.js';

export function classSessionRoutes(ctx: AppContext, sessions: ClassSessions): Router {
  const router = Router({ mergeParams: true });

  async function checkClass(req: Parameters<Parameters<Router['get']>[1]>[0]): Promise<string> {
    const classId = String(req.params.id);
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    if (!(await ctx.policy.canManageClass(currentUser(req), classId)))
      await denied(ctx, req, `class-session:${classId}`);
    return classId;
  }

  router.get('/', async (req, res) => {
    res.json(sessions.list(await checkClass(req)));
  });

  router.post('/', async (req, res) => {
    const classId = await checkClass(req);
    const body = parseInput(classSessionBodySchema, req.body);
    const info = sessions.start(
      {
        classId,
        scenarioIds: body.scenarioIds,
        mode: body.mode,
        intervalMs: body.intervalSec * 1000,
        durationMs: body.durationMin * 60_000,
      },
      currentUser(req).id,
    );
    res.status(201).json(info);
  });

  router.delete('/:sessionId', async (req, res) => {
    await checkClass(req);
    if (!sessions.stop(String(req.params.sessionId))) throw new AppError('NOT_FOUND', 'no such session');
    res.status(204).end();
  });

  return router;
}
