// Reviews and their timestamped comments in the database. One review per evaluator and
// call (unique key): a draft until published; it keeps the rubric it was scored with.
// Comments belong to a review, so a trainee sees them exactly when the review is published.
import {
  AppError,
  type ReviewCommentDto,
  type ReviewDto,
  type ReviewGrade,
  type RubricDto,
  type RubricKind,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database, ReviewsTable } from '../storage/schema.js';
import { reviewTotals } from './review-totals.js';

type ReviewRow = ReviewsTable & { evaluatorName: string };

export function toReviewDto(row: ReviewRow): ReviewDto {
  return {
    id: row.id,
    callId: row.callId,
    evaluator: { id: row.evaluatorUserId, displayName: row.evaluatorName },
    rubric: JSON.parse(row.rubric) as RubricDto,
    itemScores: JSON.parse(row.itemScores) as Record<string, number | null>,
    deductionCounts: JSON.parse(row.deductionCounts) as Record<string, number>,
    totalPoints: row.totalPoints,
    maxPoints: row.maxPoints,
    totalPct: row.totalPct,
    grade: row.grade,
    passed: row.passed === null ? null : row.passed === 1,
    summary: row.summary,
    status: row.status,
    updatedAtMs: row.updatedAtMs,
    publishedAtMs: row.publishedAtMs,
  };
}

export interface ReviewDraft {
  rubricKind: RubricKind;
  rubric: RubricDto;
  itemScores: Record<string, number | null>;
  deductionCounts: Record<string, number>;
  grade: ReviewGrade | null;
  summary: string;
}

export class ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  private selectReviews() {
    return this.db
      .selectFrom('reviews')
      .innerJoin('users', 'users.id', 'reviews.evaluatorUserId')
      .selectAll('reviews')
      .select('users.displayName as evaluatorName');
  }

  async find(callId: string, evaluatorUserId: string): Promise<ReviewDto | null> {
    const row = await this.selectReviews()
      .where('reviews.callId', '=', callId)
      .where('reviews.evaluatorUserId', '=', evaluatorUserId)
      .executeTakeFirst();
    return row ? toReviewDto(row) : null;
  }

  async findById(id: string): Promise<ReviewDto | null> {
    const row = await this.selectReviews().where('reviews.id', '=', id).executeTakeFirst();
    return row ? toReviewDto(row) : null;
  }

  /** Every review of a call (published only unless `includeDrafts`), oldest first. */
  async forCall(callId: string, options: { includeDrafts?: boolean } = {}): Promise<ReviewDto[]> {
    let query = this.selectReviews().where('reviews.callId', '=', callId);
    if (!options.includeDrafts) query = query.where('reviews.status', '=', 'published');
    const rows = await query.orderBy('reviews.createdAtMs').orderBy('reviews.id').execute();
    return rows.map(toReviewDto);
  }

  /** Creates or updates the evaluator's review of a call; checks the points against the rubric. */
  async save(
    callId: string,
    evaluatorUserId: string,
    draft: ReviewDraft,
    nowMs = Date.now(),
  ): Promise<ReviewDto> {
    const totals = reviewTotals(draft.rubric, draft.itemScores, draft.deductionCounts);
    const values = {
      rubricKind: draft.rubricKind,
      rubric: JSON.stringify(draft.rubric),
      itemScores: JSON.stringify(draft.itemScores),
      deductionCounts: JSON.stringify(draft.deductionCounts),
      totalPoints: totals.totalPoints,
      maxPoints: totals.maxPoints,
      totalPct: totals.totalPct,
      grade: draft.grade,
      passed: draft.grade === null ? null : draft.grade === 'fail' ? 0 : 1,
      summary: draft.summary,
      updatedAtMs: nowMs,
    };
    await this.db
      .insertInto('reviews')
      .values({
        id: newId(nowMs),
        callId,
        evaluatorUserId,
        ...values,
        status: 'draft',
        createdAtMs: nowMs,
        publishedAtMs: null,
      })
      .onConflict((oc) => oc.columns(['callId', 'evaluatorUserId']).doUpdateSet(values))
      .execute();
    const saved = await this.find(callId, evaluatorUserId);
    if (!saved) throw new AppError('INTERNAL', 'review vanished after save');
    return saved;
  }

  /** Marks a review published; returns true when it was a draft until now. */
  async publish(reviewId: string, nowMs = Date.now()): Promise<boolean> {
    const result = await this.db
      .updateTable('reviews')
      .set({ status: 'published', publishedAtMs: nowMs, updatedAtMs: nowMs })
      .where('id', '=', reviewId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async addComment(
    review: Pick<ReviewDto, 'id' | 'callId'>,
    authorUserId: string,
    atMs: number | null,
    text: string,
    nowMs = Date.now(),
  ): Promise<ReviewCommentDto> {
    const id = newId(nowMs);
    await this.db
      .insertInto('reviewComments')
      .values({
        id,
        reviewId: review.id,
        callId: review.callId,
        authorUserId,
        atMs,
        text,
        createdAtMs: nowMs,
      })
      .execute();
    const [comment] = await this.comments({ ids: [id] });
    if (!comment) throw new AppError('INTERNAL', 'comment vanished after insert');
    return comment;
  }

  /** Comments by call, review or id; ordered by position in the call (whole-call comments first), then time. */
  async comments(filter: {
    callId?: string;
    reviewIds?: string[];
    ids?: string[];
  }): Promise<ReviewCommentDto[]> {
    let query = this.db
      .selectFrom('reviewComments')
      .innerJoin('users', 'users.id', 'reviewComments.authorUserId')
      .selectAll('reviewComments')
      .select('users.displayName as authorName');
    if (filter.callId) query = query.where('reviewComments.callId', '=', filter.callId);
    if (filter.reviewIds) {
      if (filter.reviewIds.length === 0) return [];
      query = query.where('reviewComments.reviewId', 'in', filter.reviewIds);
    }
    if (filter.ids) query = query.where('reviewComments.id', 'in', filter.ids);
    const rows = await query.orderBy('reviewComments.id').execute();
    return rows
      .map((r) => ({
        id: r.id,
        callId: r.callId,
        reviewId: r.reviewId,
        author: { id: r.authorUserId, displayName: r.authorName },
        atMs: r.atMs,
        text: r.text,
        createdAtMs: r.createdAtMs,
      }))
      .sort((a, b) => (a.atMs ?? -1) - (b.atMs ?? -1) || a.id.localeCompare(b.id));
  }

  /** Deletes a comment written by `authorUserId`; false when there is no such comment of theirs. */
  async deleteComment(commentId: string, authorUserId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('reviewComments')
      .where('id', '=', commentId)
      .where('authorUserId', '=', authorUserId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async commentById(commentId: string): Promise<{ callId: string; authorUserId: string } | undefined> {
    return this.db
      .selectFrom('reviewComments')
      .select(['callId', 'authorUserId'])
      .where('id', '=', commentId)
      .executeTakeFirst();
  }
}
