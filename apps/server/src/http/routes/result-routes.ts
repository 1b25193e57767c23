// Call results under /api/results. Every route checks that the viewer may see the call's
// trainee (trainee: own calls; evaluator: their classes' trainees; admin: all): 403 + audit
// log otherwise. Times are ms from answer unless the name says epoch.
//
//   GET /calls?userId=&limit=50            ResultCallDto[]  ended calls, newest first, with score state
//   GET /calls/:callId?version=            CallResultDto    a version (latest by default) + every version
//   GET /calls/:callId/timeline            CallTimelineDto  the recorded segments and events
//   GET /calls/:callId/contours?version=   CallContoursDto  pitch / intensity / syllables / pace for charts
//   GET /trend?userId=&limit=30            ResultTrendDto   totals and dimension scores, oldest first
//
// The recording itself is GET /api/calls/:id/recording (call-routes.ts).
import {
  AppError,
  type CallContoursDto,
  type CallTimelineDto,
  resultCallIdSchema,
  resultsListQuerySchema,
  resultTrendQuerySchema,
  resultVersionQuerySchema,
} from '@callsim/protocol';
import { type Request, Router } from 'express';
import type { AppContext } from '../../app/context.js';
import {
  callResult,
  findCall,
  listResultCalls,
  resultTrend,
  type ScenarioTitles,
} from '../../results/results-queries.js';
import { readContours } from '../../results/score-store.js';
import { readStoredTimeline } from '../../results/stored-timeline.js';
import type { CallsTable } from '../../storage/schema.js';
import { currentUser, denied } from '../auth.js';
import { parseInput } from '../validate.js';

export function resultRoutes(ctx: AppContext, titles: ScenarioTitles): Router {
  const router = Router();

  /** The user whose results are asked for (the viewer by default), after the access check. */
  async function visibleUser(req: Request, userId: string | undefined, what: string): Promise<string> {
    const viewer = currentUser(req);
    const target = userId ?? viewer.id;
    if (!(await ctx.policy.canViewUser(viewer, target))) await denied(ctx, req, `${what}:user:${target}`);
    return target;
  }

  /** The ended call named in the path, after the access check. */
  async function visibleCall(req: Request): Promise<CallsTable> {
    const viewer = currentUser(req);
    const callId = parseInput(resultCallIdSchema, req.params.callId, 'callId');
    const call = await findCall(ctx.db, callId);
    if (call?.status !== 'ended' || !call.agentUserId)
      throw new AppError('CALL_NOT_FOUND', 'no such finished call', { details: { callId } });
    if (!(await ctx.policy.canViewUser(viewer, call.agentUserId)))
      await denied(ctx, req, `results:call:${callId}`);
    return call;
  }

  router.get('/calls', async (req, res) => {
    const query = parseInput(resultsListQuerySchema, req.query, 'query');
    const userId = await visibleUser(req, query.userId, 'results');
    res.json(await listResultCalls(ctx.db, titles, userId, query.limit));
  });

  router.get('/calls/:callId', async (req, res) => {
    const call = await visibleCall(req);
    const { version } = parseInput(resultVersionQuerySchema, req.query, 'query');
    const result = await callResult(ctx.db, titles, call, version);
    if (!result) throw new AppError('NOT_FOUND', 'no such score version', { details: { version } });
    res.json(result);
  });

  router.get('/calls/:callId/timeline', async (req, res) => {
    const call = await visibleCall(req);
    const timeline = await readStoredTimeline(call.timelinePath, call.id);
    const dto: CallTimelineDto = {
      callId: call.id,
      scenarioId: timeline.scenarioId,
      locale: timeline.locale,
      durationMs: timeline.durationMs,
      sampleRateHz: timeline.sampleRateHz,
      segments: timeline.segments,
      events: timeline.events,
    };
    res.json(dto);
  });

  router.get('/calls/:callId/contours', async (req, res) => {
    const call = await visibleCall(req);
    const { version } = parseInput(resultVersionQuerySchema, req.query, 'query');
    const stored = await readContours(ctx.db, call.id, version);
    if (!stored)
      throw new AppError('NOT_FOUND', 'no contours for this call yet', { details: { callId: call.id } });
    const dto: CallContoursDto = { callId: call.id, version: stored.version, ...stored.contours };
    res.json(dto);
  });

  router.get('/trend', async (req, res) => {
    const query = parseInput(resultTrendQuerySchema, req.query, 'query');
    const userId = await visibleUser(req, query.userId, 'trend');
    res.json(await resultTrend(ctx.db, userId, query.limit));
  });

  return router;
}
