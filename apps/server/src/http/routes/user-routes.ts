// Accounts administration: list (admins all, evaluators their classes' members), create,
// update, disable, reset password and roster import (admins only). Disabling an account
// or resetting its password revokes its sessions and closes its sockets.
import {
  AppError,
  createUserBodySchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
} from '@callsim/protocol';
import express, { Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import { importRoster } from '../../accounts/roster-import.js';
import type { AppContext } from '../../app/context.js';
import { currentUser, denied, requireRole } from '../auth.js';
import { parseInput } from '../validate.js';

export function userRoutes(ctx: AppContext, onSessionsRevoked: (sessionIds: string[]) => void): Router {
  const router = Router();

  router.get('/', requireRole(ctx, 'admin', 'evaluator'), async (req, res) => {
    res.json(await ctx.users.listVisibleTo(currentUser(req)));
  });

  router.get('/:id', async (req, res) => {
    const viewer = currentUser(req);
    const id = String(req.params.id);
    if (!(await ctx.policy.canViewUser(viewer, id))) await denied(ctx, req, `user:${id}`);
    const user = await ctx.users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'no such user');
    res.json(await ctx.users.toDto(user));
  });

  router.post('/', requireRole(ctx, 'admin'), async (req, res) => {
    const body = parseInput(createUserBodySchema, req.body);
    const user = await ctx.users.createUser(body);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'user.created',
      target: user.username,
      details: { role: user.role },
    });
    res.status(201).json(await ctx.users.toDto(user));
  });

  router.patch('/:id', requireRole(ctx, 'admin'), async (req, res) => {
    const body = parseInput(updateUserBodySchema, req.body);
    const id = String(req.params.id);
    const user = await ctx.users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'no such user');
    await ctx.users.update(id, body);
    if (body.disabled) onSessionsRevoked(await ctx.sessions.revokeAllFor(id));
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'user.updated',
      target: user.username,
      details: body,
    });
    res.json(await ctx.users.toDto((await ctx.users.findById(id))!));
  });

  router.post('/:id/password', requireRole(ctx, 'admin'), async (req, res) => {
    const { password } = parseInput(resetPasswordBodySchema, req.body);
    const id = String(req.params.id);
    const user = await ctx.users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'no such user');
    await ctx.users.setPassword(id, password);
    onSessionsRevoked(await ctx.sessions.revokeAllFor(id));
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'user.password.reset',
      target: user.username,
    });
    res.status(204).end();
  });

  router.post(
    '/roster',
    requireRole(ctx, 'admin'),
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '2mb' }),
    async (req, res) => {
      if (typeof req.body !== 'string') {
        throw new AppError('BAD_REQUEST', 'roster must be text/csv', {
          details: { field: 'body', reason: 'send the CSV as text/csv' },
        });
      }
      const defaultClass =
        typeof req.query.class === 'string' && req.query.class.trim() ? req.query.class.trim() : undefined;
      const result = await importRoster(req.body, ctx.users, defaultClass);
      await writeAudit(ctx.db, {
        actorUserId: currentUser(req).id,
        action: 'user.roster.imported',
        target: defaultClass ?? '',
        details: { imported: result.imported, skipped: result.skipped },
      });
      res.json(result);
    },
  );

  return router;
}
