// Classes (班级): admins create classes and manage membership; evaluators and trainees
// see the classes they belong to. Any other class answers 403 and is audit-logged.
import { AppError, classMemberBodySchema, createClassBodySchema } from '@callsim/protocol';
import { Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import type { AppContext } from '../../app/context.js';
import { currentUser, denied, requireRole } from '../auth.js';
import { parseInput } from '../validate.js';

export function classRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await ctx.classes.listVisibleTo(currentUser(req)));
  });

  router.post('/', requireRole(ctx, 'admin'), async (req, res) => {
    const body = parseInput(createClassBodySchema, req.body);
    const id = await ctx.classes.create(body.name, body.description);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'class.created',
      target: body.name,
    });
    res.status(201).json({ id });
  });

  router.get('/:id/members', async (req, res) => {
    const viewer = currentUser(req);
    const classId = String(req.params.id);
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    if (!(await ctx.policy.canManageClass(viewer, classId))) await denied(ctx, req, `class:${classId}`);
    res.json(await ctx.classes.members(classId));
  });

  router.post('/:id/members', requireRole(ctx, 'admin'), async (req, res) => {
    const classId = String(req.params.id);
    const body = parseInput(classMemberBodySchema, req.body);
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    const user = await ctx.users.findById(body.userId);
    if (!user) throw new AppError('NOT_FOUND', 'no such user');
    await ctx.classes.addMember(classId, body.userId, body.roleInClass);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'class.member.added',
      target: classId,
      details: body,
    });
    res.status(204).end();
  });

  router.delete('/:id/members/:userId', requireRole(ctx, 'admin'), async (req, res) => {
    await ctx.classes.removeMember(String(req.params.id), String(req.params.userId));
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'class.member.removed',
      target: String(req.params.id),
    });
    res.status(204).end();
  });

  return router;
}
