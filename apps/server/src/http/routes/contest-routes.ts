// /api/contests — the "best voice agent" contest. Every body is parsed with its zod schema;
// every refusal of access is audit-logged (denied()); voting endpoints are rate limited per
// account. Voter-facing answers carry neutral labels and opaque keys, never ids or names.
import {
  AppError,
  ballotBodySchema,
  contestPhaseActionBodySchema,
  createContestBodySchema,
  entryKeySchema,
  judgeScoreBodySchema,
  nominateBodySchema,
} from '@callsim/protocol';
import { type Request, Router } from 'express';
import type { AppContext } from '../../app/context.js';
import type { ContestService, LoadedContest } from '../../contests/contest-service.js';
import { currentUser, denied, requireRole } from '../auth.js';
import { RateLimiter } from '../rate-limit.js';
import { parseInput } from '../validate.js';

/** Limits per account and minute on the voting endpoints. */
export const CONTEST_RATE_LIMITS = {
  ballotsPerMinute: 30,
  playsPerMinute: 120,
  audioPerMinute: 600,
} as const;

export function contestRoutes(ctx: AppContext, contests: ContestService): Router {
  const router = Router();
  const ballotLimiter = new RateLimiter(CONTEST_RATE_LIMITS.ballotsPerMinute, 60_000);
  const playLimiter = new RateLimiter(CONTEST_RATE_LIMITS.playsPerMinute, 60_000);
  const audioLimiter = new RateLimiter(CONTEST_RATE_LIMITS.audioPerMinute, 60_000);

  function limit(limiter: RateLimiter, req: Request): void {
    const user = currentUser(req);
    if (!limiter.hit(user.id)) {
      ctx.logger.warn({ userId: user.id, path: req.path, requestId: req.requestId }, 'contest rate limited');
      throw new AppError('CONTEST_RATE_LIMITED', 'too many requests');
    }
  }

  /** Loads the contest named in the path; refuses (403, audited) viewers outside it. */
  async function load(req: Request): Promise<LoadedContest> {
    const loaded = await contests.load(currentUser(req), String(req.params.id));
    if (!loaded.access.canView) await denied(ctx, req, `contest:${loaded.contest.id}`);
    return loaded;
  }

  function key(req: Request): string {
    return parseInput(entryKeySchema, req.params.key, 'key');
  }

  router.get('/', async (req, res) => {
    res.json(await contests.list(currentUser(req)));
  });

  router.post('/', requireRole(ctx, 'evaluator', 'admin'), async (req, res) => {
    const viewer = currentUser(req);
    const body = parseInput(createContestBodySchema, req.body);
    for (const classId of body.classIds) {
      if (!(await ctx.classes.exists(classId)))
        throw new AppError('BAD_REQUEST', 'no such class', { details: { field: 'classIds' } });
      if (!(await ctx.policy.canManageClass(viewer, classId)))
        await denied(ctx, req, `class:${classId}:contest`);
    }
    res.status(201).json(await contests.create(viewer, body));
  });

  router.get('/:id', async (req, res) => {
    const { contest, access } = await load(req);
    res.json(await contests.toDto(contest, access, currentUser(req)));
  });

  router.post('/:id/phase', async (req, res) => {
    const { contest, access } = await load(req);
    if (!access.canManage) await denied(ctx, req, `contest:${contest.id}:phase`);
    const { action } = parseInput(contestPhaseActionBodySchema, req.body);
    await contests.phaseAction(currentUser(req), contest, action);
    const reloaded = await contests.load(currentUser(req), contest.id);
    res.json(await contests.toDto(reloaded.contest, reloaded.access, currentUser(req)));
  });

  router.get('/:id/entries', async (req, res) => {
    res.json(await contests.entriesFor(currentUser(req), await load(req)));
  });

  router.post('/:id/entries', async (req, res) => {
    const loaded = await load(req);
    if (!loaded.access.isTrainee && !loaded.access.canManage)
      await denied(ctx, req, `contest:${loaded.contest.id}:nominate`);
    const body = parseInput(nominateBodySchema, req.body);
    const entry = await contests.nominate(currentUser(req), loaded, body, (target) =>
      denied(ctx, req, target),
    );
    res.status(201).json(entry);
  });

  router.delete('/:id/entries/:key', async (req, res) => {
    const { contest, access } = await load(req);
    const entry = await contests.entryByKey(contest, key(req));
    const viewer = currentUser(req);
    if (!access.canManage && entry.nomineeUserId !== viewer.id && entry.nominatedByUserId !== viewer.id)
      await denied(ctx, req, `contest:${contest.id}:withdraw`);
    await contests.withdraw(viewer, contest, entry);
    res.status(204).end();
  });

  // The excerpt's agent channel. The URL holds only the contest id and the opaque key; the
  // file name is the neutral label. The first request starts the listen for the play mark.
  router.get('/:id/audio/:key', async (req, res) => {
    limit(audioLimiter, req);
    const { contest } = await load(req);
    const entry = await contests.entryByKey(contest, key(req));
    await contests.ballots.startListen(entry.id, currentUser(req).id);
    res.sendFile(
      entry.audioPath,
      {
        headers: {
          'Content-Type': 'audio/wav',
          'Content-Disposition': `inline; filename="${entry.label}.wav"`,
          'Cache-Control': 'private, no-store',
        },
        lastModified: false,
        etag: false,
        dotfiles: 'allow',
      },
      (error) => {
        if (error && !res.headersSent) res.status(404).json({ error: { code: 'NOT_FOUND' } });
      },
    );
  });

  router.post('/:id/plays/:key', async (req, res) => {
    limit(playLimiter, req);
    const { contest } = await load(req);
    const entry = await contests.entryByKey(contest, key(req));
    await contests.markPlayed(currentUser(req), entry);
    res.status(204).end();
  });

  router.get('/:id/ballot', async (req, res) => {
    const { contest } = await load(req);
    res.json(await contests.ballot(currentUser(req), contest));
  });

  router.put('/:id/ballot', async (req, res) => {
    limit(ballotLimiter, req);
    const { contest, access } = await load(req);
    if (!access.isMember) await denied(ctx, req, `contest:${contest.id}:ballot`);
    const { entryKeys } = parseInput(ballotBodySchema, req.body);
    res.json(await contests.vote(currentUser(req), contest, entryKeys));
  });

  router.put('/:id/scores/:key', async (req, res) => {
    const { contest, access } = await load(req);
    if (!access.isJudge) await denied(ctx, req, `contest:${contest.id}:score`);
    const entry = await contests.entryByKey(contest, key(req));
    await contests.score(currentUser(req), contest, entry, parseInput(judgeScoreBodySchema, req.body));
    res.status(204).end();
  });

  router.get('/:id/tally', async (req, res) => {
    const { contest, access } = await load(req);
    if (!access.canManage && !access.isJudge) await denied(ctx, req, `contest:${contest.id}:tally`);
    res.json(await contests.tally(contest));
  });

  router.get('/:id/results', async (req, res) => {
    res.json(await contests.results(currentUser(req), await load(req)));
  });

  return router;
}
