// The evaluator console under /api/review. Evaluators act on the calls of their classes'
// trainees, admins on all; a trainee reads only the published reviews of their own calls
// and their notifications. Anything else answers 403 and is written to the audit log.
//
//   GET    /recordings?classId&traineeId&scenarioId&category&fromMs&toMs&minScore&maxScore
//          &reviewed=yes|no|mine|not-mine&q&cursor&limit           RecordingPageDto
//   GET    /calls/:callId                                          ReviewWorkspaceDto
//   PUT    /calls/:callId/review           SaveReviewBody          ReviewDto (the viewer's)
//   POST   /calls/:callId/review/publish                           ReviewDto (trainee notified)
//   POST   /calls/:callId/comments         CommentBody             ReviewCommentDto
//   DELETE /comments/:commentId                                    204 (own comments only)
//   POST   /calls/:callId/transcript       TranscriptCorrectionBody { rescored, scoreVersion, workspace }
//   GET    /calls/:callId/summary                                  ReviewSummaryDto (published reviews)
//   GET    /calls/:callId/recording                                the stereo WAV as a download
//   GET    /notifications                                          ReviewNotificationDto[]
//   POST   /notifications/read             { ids? }                { updated }
//   GET    /classes/:classId/rubrics                               RubricDto[] (inbound, outbound, contest)
//   PUT    /classes/:classId/rubrics/:kind RubricBody              RubricDto
//   DELETE /classes/:classId/rubrics/:kind                         RubricDto (the built-in again)
//   GET    /calibration?classId&rubricKind                         CalibrationDto
//   GET    /classes/:classId/gradebook                             GradebookDto
//   GET    /classes/:classId/gradebook.csv | gradebook.xlsx        the gradebook file
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  AppError,
  calibrationQuerySchema,
  commentBodySchema,
  markNotificationsReadBodySchema,
  recordingsQuerySchema,
  rubricBodySchema,
  rubricKindSchema,
  saveReviewBodySchema,
  transcriptCorrectionBodySchema,
} from '@callsim/protocol';
import { type Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { calibrationReport } from '../../review/calibration-report.js';
import { buildGradebook } from '../../review/gradebook.js';
import { gradebookCsv, gradebookXlsx } from '../../review/gradebook-export.js';
import { queryRecordings } from '../../review/recordings-query.js';
import type { ReviewService } from '../../review/review-service.js';
import type { CallsTable } from '../../storage/schema.js';
import { currentUser, denied, requireRole } from '../auth.js';
import { requestLocale } from '../error-handler.js';
import { parseInput } from '../validate.js';

const idSchema = z.string().trim().min(1).max(64);

export interface ReviewRoutesDeps {
  ctx: AppContext;
  service: ReviewService;
  scenarioTitle: (scenarioId: string) => string;
}

export function reviewRoutes({ ctx, service, scenarioTitle }: ReviewRoutesDeps): Router {
  const router = Router();
  const staff = requireRole(ctx, 'evaluator', 'admin');

  /** The call named in the path after the access check (404 before 403, like /api/calls). */
  async function visibleCall(req: Request, what: string): Promise<CallsTable> {
    const viewer = currentUser(req);
    const callId = parseInput(idSchema, req.params.callId, 'callId');
    const call = await ctx.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
    if (!call) throw new AppError('CALL_NOT_FOUND', 'no such call', { details: { callId } });
    if (!call.agentUserId || !(await ctx.policy.canViewUser(viewer, call.agentUserId)))
      await denied(ctx, req, `${what}:call:${callId}`);
    return call;
  }

  /** A finished call the viewer (evaluator or admin) may review. */
  async function reviewableCall(req: Request, what: string): Promise<CallsTable> {
    const call = await visibleCall(req, what);
    if (call.status !== 'ended')
      throw new AppError('CALL_STATE_ILLEGAL', 'call not finished', { details: { callId: call.id } });
    return call;
  }

  /** A class the viewer evaluates (admins: any existing class). */
  async function managedClass(req: Request, what: string): Promise<string> {
    const classId = parseInput(idSchema, req.params.classId, 'classId');
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    if (!(await ctx.policy.canManageClass(currentUser(req), classId)))
      await denied(ctx, req, `${what}:class:${classId}`);
    return classId;
  }

  router.get('/recordings', staff, async (req, res) => {
    const viewer = currentUser(req);
    const query = parseInput(recordingsQuerySchema, req.query, 'query');
    if (query.classId && !(await ctx.policy.canManageClass(viewer, query.classId)))
      await denied(ctx, req, `recordings:class:${query.classId}`);
    if (query.traineeId && !(await ctx.policy.canViewUser(viewer, query.traineeId)))
      await denied(ctx, req, `recordings:user:${query.traineeId}`);
    if (query.q) await service.transcripts.backfill(200);
    res.json(
      await queryRecordings({ db: ctx.db, transcripts: service.transcripts, scenarioTitle }, viewer, query),
    );
  });

  router.get('/calls/:callId', staff, async (req, res) => {
    const call = await reviewableCall(req, 'review');
    res.json(await service.workspace(currentUser(req), call));
  });

  router.put('/calls/:callId/review', staff, async (req, res) => {
    const call = await reviewableCall(req, 'review');
    const body = parseInput(saveReviewBodySchema, req.body);
    res.json(await service.saveReview(currentUser(req), call, body));
  });

  router.post('/calls/:callId/review/publish', staff, async (req, res) => {
    const call = await reviewableCall(req, 'review');
    res.json(await service.publish(currentUser(req), call));
  });

  router.post('/calls/:callId/comments', staff, async (req, res) => {
    const call = await reviewableCall(req, 'review');
    const body = parseInput(commentBodySchema, req.body);
    res.status(201).json(await service.addComment(currentUser(req), call, body));
  });

  router.delete('/comments/:commentId', staff, async (req, res) => {
    const viewer = currentUser(req);
    const commentId = parseInput(idSchema, req.params.commentId, 'commentId');
    const comment = await service.reviews.commentById(commentId);
    if (!comment) throw new AppError('NOT_FOUND', 'no such comment');
    if (comment.authorUserId !== viewer.id) await denied(ctx, req, `review:comment:${commentId}`);
    await service.deleteComment(viewer, commentId);
    res.status(204).end();
  });

  router.post('/calls/:callId/transcript', staff, async (req, res) => {
    const call = await reviewableCall(req, 'review');
    const body = parseInput(transcriptCorrectionBodySchema, req.body);
    const viewer = currentUser(req);
    const result = await service.correctTranscript(viewer, call, body);
    res.json({ ...result, workspace: await service.workspace(viewer, call) });
  });

  router.get('/calls/:callId/summary', async (req, res) => {
    const call = await visibleCall(req, 'review-summary');
    res.json(await service.summary(call));
  });

  router.get('/calls/:callId/recording', async (req, res) => {
    const call = await visibleCall(req, 'recording');
    if (!call.recordingPath || !existsSync(call.recordingPath))
      throw new AppError('NOT_FOUND', 'no recording', { details: { callId: call.id } });
    const day = new Date(call.answeredAtMs ?? call.createdAtMs).toISOString().slice(0, 10);
    // sendFile answers Range requests, so the review page's player can seek.
    res.sendFile(path.resolve(call.recordingPath), {
      headers: {
        'Content-Type': 'audio/wav',
        'Content-Disposition': `attachment; filename="callsim-${day}-${call.id}.wav"`,
      },
    });
  });

  router.get('/notifications', async (req, res) => {
    res.json(await service.notifications(currentUser(req).id));
  });

  router.post('/notifications/read', async (req, res) => {
    const body = parseInput(markNotificationsReadBodySchema, req.body ?? {});
    res.json({ updated: await service.markRead(currentUser(req).id, body.ids) });
  });

  router.get('/classes/:classId/rubrics', staff, async (req, res) => {
    const classId = await managedClass(req, 'rubrics');
    res.json(await service.rubrics.forClass(classId));
  });

  router.put('/classes/:classId/rubrics/:kind', staff, async (req, res) => {
    const classId = await managedClass(req, 'rubrics');
    const kind = parseInput(rubricKindSchema, req.params.kind, 'kind');
    const body = parseInput(rubricBodySchema, req.body);
    res.json(await service.rubrics.save(classId, kind, body, currentUser(req).id));
  });

  router.delete('/classes/:classId/rubrics/:kind', staff, async (req, res) => {
    const classId = await managedClass(req, 'rubrics');
    const kind = parseInput(rubricKindSchema, req.params.kind, 'kind');
    res.json(await service.rubrics.reset(classId, kind));
  });

  router.get('/calibration', staff, async (req, res) => {
    const viewer = currentUser(req);
    const query = parseInput(calibrationQuerySchema, req.query, 'query');
    if (query.classId) {
      if (!(await ctx.classes.exists(query.classId))) throw new AppError('NOT_FOUND', 'no such class');
      if (!(await ctx.policy.canManageClass(viewer, query.classId)))
        await denied(ctx, req, `calibration:class:${query.classId}`);
    }
    res.json(
      await calibrationReport(
        { db: ctx.db, rubrics: service.rubrics, scenarioTitle },
        viewer,
        query.classId ?? null,
        query.rubricKind,
      ),
    );
  });

  router.get('/classes/:classId/gradebook', staff, async (req, res) => {
    const classId = await managedClass(req, 'gradebook');
    const { calls: _calls, ...dto } = await buildGradebook(ctx.db, classId, scenarioTitle);
    res.json(dto);
  });

  router.get('/classes/:classId/gradebook.csv', staff, async (req, res) => {
    const classId = await managedClass(req, 'gradebook');
    const book = await buildGradebook(ctx.db, classId, scenarioTitle);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(`gradebook-${book.className}.csv`));
    res.send(gradebookCsv(book, requestLocale(req)));
  });

  router.get('/classes/:classId/gradebook.xlsx', staff, async (req, res) => {
    const classId = await managedClass(req, 'gradebook');
    const book = await buildGradebook(ctx.db, classId, scenarioTitle);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', contentDisposition(`gradebook-${book.className}.xlsx`));
    res.send(await gradebookXlsx(book, requestLocale(req)));
  });

  return router;
}

/** An attachment header with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
