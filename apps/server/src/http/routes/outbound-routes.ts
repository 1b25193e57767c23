// Outbound calling over REST (mounted at /api/outbound):
//   trainees      — their worklist, a task with its customer history, the disposition after a call;
//   evaluators    — the simulated clock of their classes, campaigns (CSV or generated
//                   customers, start, close) and the do-not-call list; admins everything.
// Every refusal is 403 + audit log through `denied`.
import {
  AppError,
  createCampaignBodySchema,
  dispositionBodySchema,
  doNotCallBodySchema,
  generateCustomersBodySchema,
  simClockBodySchema,
} from '@callsim/protocol';
import express, { type Request, Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import type { AppContext } from '../../app/context.js';
import type { ScenarioLibrary } from '../../calls/scenario-library.js';
import type { CampaignRow } from '../../outbound/campaigns.js';
import type { OutboundService } from '../../outbound/outbound-service.js';
import type { TaskRow } from '../../outbound/task-store.js';
import { currentUser, denied, requireRole } from '../auth.js';
import { parseInput } from '../validate.js';

export function outboundRoutes(ctx: AppContext, outbound: OutboundService, library: ScenarioLibrary): Router {
  const router = Router();
  const { tasks, campaigns, clocks, doNotCall, scheduler } = outbound.parts;

  async function visibleTask(req: Request): Promise<TaskRow> {
    const task = await tasks.get(String(req.params.id));
    if (!task) throw new AppError('OUTBOUND_TASK_NOT_FOUND', 'no such task');
    if (!(await ctx.policy.canViewUser(currentUser(req), task.traineeUserId)))
      await denied(ctx, req, `outbound-task:${task.id}`);
    return task;
  }

  async function managedCampaign(req: Request): Promise<CampaignRow> {
    const campaign = await campaigns.get(String(req.params.id));
    if (!campaign) throw new AppError('NOT_FOUND', 'no such campaign');
    if (!(await ctx.policy.canManageClass(currentUser(req), campaign.classId)))
      await denied(ctx, req, `campaign:${campaign.id}`);
    return campaign;
  }

  async function managedClass(req: Request, classId: string): Promise<void> {
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    if (!(await ctx.policy.canManageClass(currentUser(req), classId)))
      await denied(ctx, req, `outbound-class:${classId}`);
  }

  // --- trainees ---------------------------------------------------------------

  router.get('/worklist', async (req, res) => {
    const viewer = currentUser(req);
    const userId = typeof req.query.userId === 'string' ? req.query.userId : viewer.id;
    if (!(await ctx.policy.canViewUser(viewer, userId))) await denied(ctx, req, `worklist:${userId}`);
    const user = userId === viewer.id ? viewer : await ctx.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', 'no such user');
    res.json(await outbound.worklist(user));
  });

  router.get('/tasks/:id', async (req, res) => {
    const task = await visibleTask(req);
    res.json(await outbound.detail(currentUser(req), task));
  });

  router.post('/tasks/:id/disposition', async (req, res) => {
    const task = await visibleTask(req);
    const user = currentUser(req);
    if (task.traineeUserId !== user.id) await denied(ctx, req, `outbound-task:${task.id}:disposition`);
    const body = parseInput(dispositionBodySchema, req.body);
    res.json(await outbound.dispose(user, task, body));
  });

  // --- class clocks -----------------------------------------------------------

  router.get('/clocks/:classId', async (req, res) => {
    const classId = String(req.params.classId);
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    if (!(await ctx.policy.canViewClass(currentUser(req), classId)))
      await denied(ctx, req, `outbound-clock:${classId}`);
    res.json(clocks.toDto(classId, await clocks.get(classId)));
  });

  router.patch('/clocks/:classId', async (req, res) => {
    const classId = String(req.params.classId);
    await managedClass(req, classId);
    const body = parseInput(simClockBodySchema, req.body);
    const clock = await clocks.change(classId, body, currentUser(req).id);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'outbound.clock.changed',
      target: classId,
      details: body,
    });
    const members = await ctx.classes.members(classId);
    outbound.notify(
      members.filter((m) => m.roleInClass === 'trainee').map((m) => m.userId),
      'clock',
    );
    res.json(clocks.toDto(classId, clock));
  });

  // --- campaigns --------------------------------------------------------------

  router.get('/campaigns', requireRole(ctx, 'evaluator', 'admin'), async (req, res) => {
    const viewer = currentUser(req);
    let classIds: string[] | null =
      viewer.role === 'admin'
        ? null
        : (await ctx.users.classesOf(viewer.id))
            .filter((c) => c.roleInClass === 'evaluator')
            .map((c) => c.id);
    if (typeof req.query.classId === 'string') {
      if (classIds && !classIds.includes(req.query.classId))
        await denied(ctx, req, `campaigns:${req.query.classId}`);
      classIds = [req.query.classId];
    }
    const rows = await campaigns.list(classIds);
    res.json(await Promise.all(rows.map((row) => campaigns.toDto(row))));
  });

  router.post('/campaigns', requireRole(ctx, 'evaluator', 'admin'), async (req, res) => {
    const body = parseInput(createCampaignBodySchema, req.body);
    await managedClass(req, body.classId);
    const trainees = new Set(
      (await ctx.classes.members(body.classId))
        .filter((m) => m.roleInClass === 'trainee')
        .map((m) => m.userId),
    );
    const id = await campaigns.create(body, trainees, currentUser(req).id);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'outbound.campaign.created',
      target: id,
      details: { classId: body.classId, name: body.name },
    });
    res.status(201).json(await campaigns.toDto((await campaigns.get(id))!));
  });

  router.get('/campaigns/:id', async (req, res) => {
    res.json(await campaigns.toDto(await managedCampaign(req)));
  });

  router.get('/campaigns/:id/customers', async (req, res) => {
    const campaign = await managedCampaign(req);
    const rows = await campaigns.customers(campaign.id);
    res.json(
      rows.map((c) => ({
        id: c.id,
        name: c.name,
        phone: c.phone,
        timezone: c.timezone,
        birthday: c.birthday,
        facts: JSON.parse(c.facts) as Record<string, string>,
      })),
    );
  });

  router.post(
    '/campaigns/:id/customers',
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '2mb' }),
    async (req, res) => {
      const campaign = await managedCampaign(req);
      if (typeof req.body !== 'string')
        throw new AppError('BAD_REQUEST', 'customer list must be text/csv', {
          details: { field: 'body', reason: 'send the CSV as text/csv' },
        });
      const result = await campaigns.importCsv(campaign, req.body);
      await writeAudit(ctx.db, {
        actorUserId: currentUser(req).id,
        action: 'outbound.customers.imported',
        target: campaign.id,
        details: { imported: result.imported, skipped: result.skipped },
      });
      res.json(result);
    },
  );

  router.post('/campaigns/:id/customers/generate', async (req, res) => {
    const campaign = await managedCampaign(req);
    const body = parseInput(generateCustomersBodySchema, req.body);
    const imported = await campaigns.generate(campaign, body.count, body.seed ?? Date.now());
    res.json({ imported, skipped: 0, problems: [], doNotCall: 0 });
  });

  router.post('/campaigns/:id/start', async (req, res) => {
    const campaign = await managedCampaign(req);
    await campaigns.activate(campaign);
    await scheduler.enqueueCampaignStart(campaign.id);
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'outbound.campaign.started',
      target: campaign.id,
    });
    res.status(202).json(await campaigns.toDto((await campaigns.get(campaign.id))!));
  });

  router.post('/campaigns/:id/close', async (req, res) => {
    const campaign = await managedCampaign(req);
    outbound.notify(await campaigns.close(campaign), 'campaign-closed');
    res.json(await campaigns.toDto((await campaigns.get(campaign.id))!));
  });

  router.get('/campaigns/:id/tasks', async (req, res) => {
    const campaign = await managedCampaign(req);
    const rows = await tasks.forCampaign(campaign.id);
    res.json(await outbound.toDtos(rows, await clocks.getMany([campaign.classId])));
  });

  // --- do-not-call ------------------------------------------------------------

  router.get('/do-not-call', requireRole(ctx, 'evaluator', 'admin'), async (_req, res) => {
    res.json(await doNotCall.list());
  });

  router.post('/do-not-call', requireRole(ctx, 'evaluator', 'admin'), async (req, res) => {
    const body = parseInput(doNotCallBodySchema, req.body);
    const key = await doNotCall.add(body.phone, body.reason, 'manual', currentUser(req).id);
    outbound.notify(await tasks.cancelPhone(key), 'do-not-call');
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'outbound.do-not-call.added',
      target: key,
    });
    res.status(201).json({ phoneKey: key });
  });

  router.delete('/do-not-call/:phoneKey', requireRole(ctx, 'admin'), async (req, res) => {
    if (!(await doNotCall.remove(String(req.params.phoneKey))))
      throw new AppError('NOT_FOUND', 'not on the list');
    await writeAudit(ctx.db, {
      actorUserId: currentUser(req).id,
      action: 'outbound.do-not-call.removed',
      target: String(req.params.phoneKey),
    });
    res.status(204).end();
  });

  /** Outbound scenarios for the campaign form. */
  router.get('/scenarios', requireRole(ctx, 'evaluator', 'admin'), (_req, res) => {
    res.json(library.list().filter((s) => s.direction === 'outbound'));
  });

  return router;
}
