// Wires the evaluator console into a server: the review service, its REST router, and the
// durable job that stores a finished call's searchable transcript (calls that ended
// without one, e.g. before this feature existed, are indexed at start).
import type { ResolvedScenario } from '@callsim/call-script';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { reviewRoutes } from '../http/routes/review-routes.js';
import { type ScoringDeps, scoreStoredCall, type VoiceBaselineSource } from '../results/score-stored-call.js';
import { type Rescorer, ReviewService } from './review-service.js';

/** Job kind that indexes a finished call's transcript for search. */
export const INDEX_TRANSCRIPT_JOB = 'review-index-transcript';

export interface ReviewModuleOptions {
  /** The scenario library (titles; scoring resolves scenarios through it). */
  library: { has(id: string): boolean; get(id: string): ResolvedScenario };
  /** Pushes an event to a user's open sockets (the SocketAgentChannel fits). */
  notify: (userId: string, event: string, payload: unknown) => void;
  /** The trainee's warm-up baseline for the warmth estimate (the same source the score-call job uses). */
  voiceBaseline?: VoiceBaselineSource;
  /** Scoring dependencies for re-scoring corrected transcripts; built from the above when omitted. */
  scoring?: ScoringDeps;
}

export interface ReviewModule {
  service: ReviewService;
  router: Router;
  /** Enqueues the transcript indexing of a finished call (call from onCallFinished). */
  callFinished(callId: string): Promise<void>;
  /** Registers the job handler and indexes calls that have no stored transcript yet. */
  start(): Promise<void>;
}

const payloadSchema = z.object({ callId: z.string().min(1).max(64) });

export function createReviewModule(ctx: AppContext, options: ReviewModuleOptions): ReviewModule {
  const logger = ctx.logger.child({ component: 'review' });
  const scenarioTitle = (id: string): string =>
    options.library.has(id) ? options.library.get(id).title : id;
  const scoring: ScoringDeps = options.scoring ?? {
    db: ctx.db,
    library: options.library,
    logger: ctx.logger.child({ component: 'scoring' }),
    notify: options.notify,
    ...(options.voiceBaseline ? { voiceBaseline: options.voiceBaseline } : {}),
  };
  const rescore: Rescorer = async (callId, transcript, actorUserId) => {
    const stored = await scoreStoredCall(scoring, callId, {
      transcriptOverride: transcript,
      reason: 'transcript-corrected',
      actorUserId,
    });
    return { version: stored.version };
  };
  const service = new ReviewService({
    db: ctx.db,
    databaseKind: ctx.databaseKind,
    logger,
    scenarioTitle,
    notify: options.notify,
    rescore,
  });
  return {
    service,
    router: reviewRoutes({ ctx, service, scenarioTitle }),
    async callFinished(callId) {
      await ctx.jobs.enqueue(
        INDEX_TRANSCRIPT_JOB,
        { callId },
        { idempotencyKey: `${INDEX_TRANSCRIPT_JOB}:${callId}` },
      );
    },
    async start() {
      ctx.jobs.handle(INDEX_TRANSCRIPT_JOB, async (payload) => {
        const { callId } = payloadSchema.parse(payload);
        await service.transcripts.ensureIndexed(callId);
      });
      const indexed = await service.transcripts.backfill();
      if (indexed > 0) logger.info({ calls: indexed }, 'call transcripts indexed for search');
    },
  };
}
