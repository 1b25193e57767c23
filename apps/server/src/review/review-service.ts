// The evaluator console's use cases on one call: the review workspace (transcript, auto-
// score evidence, rubric, reviews, comments), saving and publishing a rubric review,
// timestamped comments, transcript corrections that re-score the call (both score versions
// kept), the trainee's summary and "your call was reviewed" notifications. Callers check
// that the viewer may see the call; this checks what the viewer may change.
import {
  AppError,
  type AutoScoreVersionDto,
  type CommentBody,
  LOCALES,
  type Locale,
  REVIEW_PUBLISHED_EVENT,
  type ReviewCommentDto,
  type ReviewDto,
  type ReviewNotificationDto,
  type ReviewSummaryDto,
  type ReviewWorkspaceDto,
  type RubricKind,
  type SaveReviewBody,
  type ScoreTranscriptDto,
  type TranscriptCorrectionBody,
  type TranscriptCorrectionDto,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { listScoreVersions, readScore } from '../results/score-store.js';
import type { DatabaseKind } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import type { CallsTable, Database, UsersTable } from '../storage/schema.js';
import { toAutoScoreDto } from './auto-score.js';
import { rubricKindForCategory } from './default-rubrics.js';
import { queryRecordings } from './recordings-query.js';
import { ReviewStore } from './review-store.js';
import { reviewTotals } from './review-totals.js';
import { RubricStore } from './rubric-store.js';
import { TranscriptStore } from './transcript-store.js';

/** Re-scores a call from a corrected transcript; resolves to the new score version. */
export type Rescorer = (
  callId: string,
  transcript: ScoreTranscriptDto,
  actorUserId: string,
) => Promise<{ version: number }>;

export interface ReviewServiceDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  logger: Logger;
  /** Scenario title by id (the id itself when the scenario left the library). */
  scenarioTitle: (scenarioId: string) => string;
  /** Pushes an event to a user's open sockets. */
  notify: (userId: string, event: string, payload: unknown) => void;
  /** Null until scoring is available: corrections are then saved without a new score. */
  rescore: Rescorer | null;
}

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

export class ReviewService {
  readonly transcripts: TranscriptStore;
  readonly rubrics: RubricStore;
  readonly reviews: ReviewStore;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.transcripts = new TranscriptStore(deps.db, deps.databaseKind);
    this.rubrics = new RubricStore(deps.db);
    this.reviews = new ReviewStore(deps.db);
  }

  /**
   * The class whose rubric applies to a call: the class the call was made for, else the
   * trainee's class (one the evaluator evaluates, when there are several); null when none.
   */
  async classOfCall(call: CallsTable, evaluatorId?: string): Promise<string | null> {
    if (call.classId) return call.classId;
    if (!call.agentUserId) return null;
    const classes = await this.deps.db
      .selectFrom('classMembers')
      .select('classId')
      .where('userId', '=', call.agentUserId)
      .where('roleInClass', '=', 'trainee')
      .orderBy('addedAtMs')
      .execute();
    if (evaluatorId && classes.length > 1) {
      const mine = await this.deps.db
        .selectFrom('classMembers')
        .select('classId')
        .where('userId', '=', evaluatorId)
        .where('roleInClass', '=', 'evaluator')
        .where(
          'classId',
          'in',
          classes.map((c) => c.classId),
        )
        .executeTakeFirst();
      if (mine) return mine.classId;
    }
    return classes[0]?.classId ?? null;
  }

  /** Everything the review page shows for `call`, as `viewer` may see it. */
  async workspace(viewer: UsersTable, call: CallsTable): Promise<ReviewWorkspaceDto> {
    const page = await queryRecordings(
      { db: this.deps.db, transcripts: this.transcripts, scenarioTitle: this.deps.scenarioTitle },
      viewer,
      { limit: 1 },
      { callId: call.id },
    );
    const row = page.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'call not reviewable', { details: { callId: call.id } });
    const classId = await this.classOfCall(call, viewer.id);
    const transcript = await this.transcripts.ensureIndexed(call.id);
    const canReview = viewer.role === 'evaluator' || viewer.role === 'admin';
    const myReview = canReview ? await this.reviews.find(call.id, viewer.id) : null;
    const published = await this.reviews.forCall(call.id);
    // Blind calibration: an evaluator sees colleagues' scores only after publishing their own.
    const seesOthers = viewer.role === 'admin' || myReview?.status === 'published';
    const otherReviews = seesOthers ? published.filter((r) => r.evaluator.id !== viewer.id) : [];
    const visibleReviewIds = [...(myReview ? [myReview.id] : []), ...otherReviews.map((r) => r.id)];
    const comments = await this.reviews.comments({ reviewIds: visibleReviewIds });
    const kind = myReview?.rubric.kind ?? rubricKindForCategory(call.category);
    const rubric = myReview?.rubric ?? (await this.rubrics.effective(classId, kind));
    const { autoScore, autoScoreVersions } = await this.autoScoreOf(call.id);
    return {
      call: { ...row, classId, hasRecording: Boolean(call.recordingPath) },
      segments: transcript?.segments.map(({ interruption: _drop, ...s }) => s) ?? [],
      corrections: await this.corrections(call.id),
      autoScore,
      autoScoreVersions,
      rubric,
      myReview,
      otherReviews,
      comments,
      canReview,
    };
  }

  private async autoScoreOf(
    callId: string,
  ): Promise<Pick<ReviewWorkspaceDto, 'autoScore' | 'autoScoreVersions'>> {
    const stored = await readScore(this.deps.db, callId);
    const versions: AutoScoreVersionDto[] = (await listScoreVersions(this.deps.db, callId)).map((v) => ({
      version: v.version,
      total: v.total,
      passed: v.passed,
      reason: v.reason,
      createdAtMs: v.createdAtMs,
    }));
    return { autoScore: stored ? toAutoScoreDto(stored, stored.score) : null, autoScoreVersions: versions };
  }

  /** Saves the viewer's review of `call` (a draft, or the published review updated in place). */
  async saveReview(viewer: UsersTable, call: CallsTable, body: SaveReviewBody): Promise<ReviewDto> {
    const existing = await this.reviews.find(call.id, viewer.id);
    const rubric =
      existing && existing.rubric.kind === body.rubricKind
        ? existing.rubric
        : await this.rubrics.effective(await this.classOfCall(call, viewer.id), body.rubricKind);
    return this.reviews.save(call.id, viewer.id, {
      rubricKind: body.rubricKind,
      rubric,
      itemScores: body.itemScores,
      deductionCounts: body.deductionCounts,
      grade: body.grade,
      summary: body.summary,
    });
  }

  /** Publishes the viewer's review: every item scored and a grade given; tells the trainee once. */
  async publish(viewer: UsersTable, call: CallsTable): Promise<ReviewDto> {
    const review = await this.reviews.find(call.id, viewer.id);
    if (!review) throw new AppError('REVIEW_INCOMPLETE', 'no review yet', { details: { missing: 'rubric' } });
    const { missing } = reviewTotals(review.rubric, review.itemScores, review.deductionCounts);
    const labels = review.rubric.items.filter((i) => missing.includes(i.id)).map((i) => i.label['zh-CN']);
    if (review.grade === null) labels.push('grade');
    if (labels.length > 0)
      throw new AppError('REVIEW_INCOMPLETE', 'review incomplete', {
        details: { missing: labels.join(', '), items: missing },
      });
    const firstTime = await this.reviews.publish(review.id);
    const published = (await this.reviews.findById(review.id)) as ReviewDto;
    if (firstTime && call.agentUserId) await this.notifyTrainee(call, published);
    return published;
  }

  private async notifyTrainee(call: CallsTable, review: ReviewDto): Promise<void> {
    const id = newId();
    const createdAtMs = Date.now();
    await this.deps.db
      .insertInto('reviewNotifications')
      .values({
        id,
        userId: call.agentUserId as string,
        callId: call.id,
        reviewId: review.id,
        createdAtMs,
        readAtMs: null,
      })
      .execute();
    const dto: ReviewNotificationDto = {
      id,
      callId: call.id,
      reviewId: review.id,
      evaluatorName: review.evaluator.displayName,
      scenarioTitle: this.deps.scenarioTitle(call.scenarioId),
      grade: review.grade,
      totalPct: review.totalPct,
      createdAtMs,
      readAtMs: null,
    };
    this.deps.notify(call.agentUserId as string, REVIEW_PUBLISHED_EVENT, dto);
    this.deps.logger.info({ callId: call.id, reviewId: review.id }, 'review published');
  }

  /** Adds a comment to the viewer's review of `call` (creating a draft review when needed). */
  async addComment(viewer: UsersTable, call: CallsTable, body: CommentBody): Promise<ReviewCommentDto> {
    let review = await this.reviews.find(call.id, viewer.id);
    if (!review) {
      const kind: RubricKind = rubricKindForCategory(call.category);
      review = await this.reviews.save(call.id, viewer.id, {
        rubricKind: kind,
        rubric: await this.rubrics.effective(await this.classOfCall(call, viewer.id), kind),
        itemScores: {},
        deductionCounts: {},
        grade: null,
        summary: '',
      });
    }
    return this.reviews.addComment(review, viewer.id, body.atMs, body.text);
  }

  /** Deletes one of the viewer's own comments. */
  async deleteComment(viewer: UsersTable, commentId: string): Promise<void> {
    if (!(await this.reviews.deleteComment(commentId, viewer.id)))
      throw new AppError('NOT_FOUND', 'no such comment of yours', { details: { commentId } });
  }

  async corrections(callId: string): Promise<TranscriptCorrectionDto[]> {
    const rows = await this.deps.db
      .selectFrom('transcriptCorrections')
      .innerJoin('users', 'users.id', 'transcriptCorrections.authorUserId')
      .selectAll('transcriptCorrections')
      .select('users.displayName as authorName')
      .where('transcriptCorrections.callId', '=', callId)
      .orderBy('transcriptCorrections.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      segmentIndex: r.segmentIndex,
      before: r.beforeText,
      after: r.afterText,
      author: { id: r.authorUserId, displayName: r.authorName },
      createdAtMs: r.createdAtMs,
      scoreVersion: r.scoreVersion,
    }));
  }

  /**
   * Corrects one transcript line, keeps the line's history, and re-scores the call from the
   * corrected transcript as a new score version (the earlier versions stay). Returns whether
   * the re-score succeeded; the correction is kept either way.
   */
  async correctTranscript(
    viewer: UsersTable,
    call: CallsTable,
    body: TranscriptCorrectionBody,
  ): Promise<{ rescored: boolean; scoreVersion: number | null }> {
    const transcript = await this.transcripts.ensureIndexed(call.id);
    if (!transcript)
      throw new AppError('TRANSCRIPT_UNAVAILABLE', 'no transcript', { details: { callId: call.id } });
    const segment = transcript.segments[body.segmentIndex];
    if (!segment)
      throw new AppError('BAD_REQUEST', 'no such transcript line', {
        details: { field: 'segmentIndex', reason: `the call has ${transcript.segments.length} lines` },
      });
    if (segment.text === body.text) return { rescored: false, scoreVersion: null };
    const before = segment.text;
    segment.originalText = segment.originalText ?? before;
    segment.text = body.text;
    if (segment.originalText === segment.text) segment.originalText = null;
    const corrected = transcript.segments.some((s) => s.originalText !== null);
    await this.transcripts.save({ ...transcript, corrected });
    const correctionId = newId();
    await this.deps.db
      .insertInto('transcriptCorrections')
      .values({
        id: correctionId,
        callId: call.id,
        segmentIndex: body.segmentIndex,
        beforeText: before,
        afterText: body.text,
        authorUserId: viewer.id,
        scoreVersion: null,
        createdAtMs: Date.now(),
      })
      .execute();
    if (!this.deps.rescore) return { rescored: false, scoreVersion: null };
    const locale = isLocale(transcript.locale) ? transcript.locale : 'zh-CN';
    try {
      const { version } = await this.deps.rescore(
        call.id,
        {
          locale,
          segments: transcript.segments.map((s) => ({
            speaker: s.speaker,
            startMs: s.startMs,
            endMs: s.endMs,
            text: s.text,
            ...(s.interruption === true ? { interruption: true } : {}),
          })),
        },
        viewer.id,
      );
      await this.deps.db
        .updateTable('transcriptCorrections')
        .set({ scoreVersion: version })
        .where('id', '=', correctionId)
        .execute();
      return { rescored: true, scoreVersion: version };
    } catch (error) {
      this.deps.logger.error({ err: error, callId: call.id }, 're-score after transcript correction failed');
      return { rescored: false, scoreVersion: null };
    }
  }

  /** The published reviews of a call with their comments: what the trainee sees. */
  async summary(call: CallsTable): Promise<ReviewSummaryDto> {
    const reviews = await this.reviews.forCall(call.id);
    const comments = await this.reviews.comments({ reviewIds: reviews.map((r) => r.id) });
    return {
      callId: call.id,
      scenarioTitle: this.deps.scenarioTitle(call.scenarioId),
      reviews: reviews.map((r) => ({ ...r, comments: comments.filter((c) => c.reviewId === r.id) })),
    };
  }

  /** A user's review notifications, newest first. */
  async notifications(userId: string, limit = 50): Promise<ReviewNotificationDto[]> {
    const rows = await this.deps.db
      .selectFrom('reviewNotifications as n')
      .innerJoin('reviews as r', 'r.id', 'n.reviewId')
      .innerJoin('users as e', 'e.id', 'r.evaluatorUserId')
      .innerJoin('calls as c', 'c.id', 'n.callId')
      .select([
        'n.id',
        'n.callId',
        'n.reviewId',
        'n.createdAtMs',
        'n.readAtMs',
        'e.displayName as evaluatorName',
        'c.scenarioId',
        'r.grade',
        'r.totalPct',
      ])
      .where('n.userId', '=', userId)
      .orderBy('n.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      callId: r.callId,
      reviewId: r.reviewId,
      evaluatorName: r.evaluatorName,
      scenarioTitle: this.deps.scenarioTitle(r.scenarioId),
      grade: r.grade,
      totalPct: r.totalPct,
      createdAtMs: r.createdAtMs,
      readAtMs: r.readAtMs,
    }));
  }

  /** Marks the user's notifications read (all, or the given ids); returns how many changed. */
  async markRead(userId: string, ids?: string[]): Promise<number> {
    let query = this.deps.db
      .updateTable('reviewNotifications')
      .set({ readAtMs: Date.now() })
      .where('userId', '=', userId)
      .where('readAtMs', 'is', null);
    if (ids) {
      if (ids.length === 0) return 0;
      query = query.where('id', 'in', ids);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
