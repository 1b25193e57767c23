// The `score-call` job: every finished call is scored once, durably (the job survives a
// restart and is retried with back-off). Guarantees: delivery is at-least-once, so a call
// that already has a score is not scored again by the job (re-scores go through
// scoreStoredCall directly); calls ended without a job (e.g. recovered after a crash) get
// one at start.
import { z } from 'zod';
import type { JobHandler, JobQueue } from '../jobs/job-queue.js';
import { type ScoringDeps, scoreStoredCall } from './score-stored-call.js';

/** Job kind enqueued by the call service when a call finishes. */
export const SCORE_CALL_JOB = 'score-call';

/** Idempotency key of a call's scoring job (the same key the call service uses). */
export const scoreCallJobKey = (callId: string): string => `${SCORE_CALL_JOB}:${callId}`;

const payloadSchema = z.object({ callId: z.string().min(1).max(64) });

/** The handler of `score-call` jobs. */
export function scoreCallJobHandler(deps: ScoringDeps): JobHandler {
  return async (payload) => {
    const { callId } = payloadSchema.parse(payload);
    const call = await deps.db.selectFrom('calls').select(['id']).where('id', '=', callId).executeTakeFirst();
    if (!call) {
      deps.logger.warn({ callId }, 'score-call job for an unknown call; dropped');
      return;
    }
    const scored = await deps.db
      .selectFrom('callScores')
      .select('version')
      .where('callId', '=', callId)
      .limit(1)
      .executeTakeFirst();
    if (scored) return;
    await scoreStoredCall(deps, callId, { reason: 'call-finished' });
  };
}

/**
 * Registers the handler on `jobs` and enqueues a job for each ended call that has neither a
 * score nor a job yet (newest `backfillLimit` calls). Returns how many jobs were added.
 */
export async function registerScoring(
  jobs: JobQueue,
  deps: ScoringDeps,
  backfillLimit = 500,
): Promise<number> {
  jobs.handle(SCORE_CALL_JOB, scoreCallJobHandler(deps));
  const unscored = await deps.db
    .selectFrom('calls')
    .select('id')
    .where('status', '=', 'ended')
    .where('agentUserId', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('callScores').select('callScores.id').whereRef('callScores.callId', '=', 'calls.id'),
        ),
      ),
    )
    .orderBy('id', 'desc')
    .limit(backfillLimit)
    .execute();
  let added = 0;
  for (const { id } of unscored) {
    if (await jobs.enqueue(SCORE_CALL_JOB, { callId: id }, { idempotencyKey: scoreCallJobKey(id) })) added++;
  }
  if (added > 0) deps.logger.info({ jobs: added }, 'scoring jobs enqueued for unscored calls');
  return added;
}
