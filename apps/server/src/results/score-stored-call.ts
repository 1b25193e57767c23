// Scores a finished call from what is stored: the calls row, the timeline JSON and the stereo
// WAV (agent left, caller right). Both channels are analyzed with contours, the call is scored
// against its scenario from the library, and the score is stored as the call's next version
// with a compact contour payload for charts. Used by the score-call job and by re-scoring
// (e.g. an evaluator's corrected transcript); the trainee is told through `notify`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ResolvedScenario } from '@callsim/call-script';
import { AppError, CALL_SCORED_EVENT, type CallScoredDto, LOCALES, type Locale } from '@callsim/protocol';
import type { AnswerInfo, ScoreCallInput, ScoreTranscript, VoiceBaseline } from '@callsim/scoring';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { CallsTable, Database } from '../storage/schema.js';
import { analyzeCallAudio, type CallAudioAnalysis, type ChannelAnalyzer } from './call-audio-analysis.js';
import { compactContours } from './compact-contours.js';
import { insertScoreVersion, type StoredScore } from './score-store.js';
import { type CallScorer, sharedScoringWorkers } from './scoring-workers.js';
import { readStoredTimeline, type StoredTimeline } from './stored-timeline.js';

/** The trainee's neutral and smiling readings (a drills feature may provide them); null when none. */
export type VoiceBaselineSource = (userId: string) => Promise<VoiceBaseline | null>;

/** What scoring needs from the server. */
export interface ScoringDeps {
  db: Kysely<Database>;
  /** Resolves the call's scenario (the server's ScenarioLibrary fits). */
  library: { get(id: string): ResolvedScenario };
  logger: Logger;
  /** Where channels are analyzed; default: the process-wide scoring worker pool. */
  analyzer?: ChannelAnalyzer;
  /** Where scoreCall runs; default: the process-wide scoring worker pool. */
  scorer?: CallScorer;
  /** Optional: the trainee's voice baseline for the warmth estimate. */
  voiceBaseline?: VoiceBaselineSource;
  /** Optional: push an event to a user's open softphones (the CallService channel fits). */
  notify?: (userId: string, event: string, payload: unknown) => void;
  now?: () => number;
}

export interface ScoreStoredCallOptions {
  /** Score this transcript instead of the timeline's segments (e.g. corrected by an evaluator). */
  transcriptOverride?: ScoreTranscript;
  /** Why this version exists; default 'call-finished' without an override, else 'transcript-corrected'. */
  reason?: string;
  /** Who asked for the re-score (stored with the version). */
  actorUserId?: string | null;
}

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** Rings and answer delay from the timeline's ring events, else from the calls row. */
export function answerInfoOf(timeline: StoredTimeline, call: CallsTable): AnswerInfo | undefined {
  const rings = timeline.events.filter((e) => e.type === 'ring');
  if (rings.length > 0) {
    const counted = rings.map((r) => (typeof r.ringCount === 'number' ? r.ringCount : 0));
    const firstAtMs = Math.min(...rings.map((r) => r.atMs));
    return { ringCount: Math.max(rings.length, ...counted), answerDelayMs: Math.max(0, -firstAtMs) };
  }
  if (call.ringCount > 0 && call.offeredAtMs !== null && call.answeredAtMs !== null)
    return { ringCount: call.ringCount, answerDelayMs: Math.max(0, call.answeredAtMs - call.offeredAtMs) };
  return undefined;
}

/** The transcript the timeline recorded (its segments, in the scenario's locale when unknown). */
export function timelineTranscript(timeline: StoredTimeline, scenario: ResolvedScenario): ScoreTranscript {
  return {
    locale: isLocale(timeline.locale) ? timeline.locale : scenario.locale,
    segments: timeline.segments.map((s) => ({
      speaker: s.speaker,
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
      ...(s.interruption === true ? { interruption: true } : {}),
    })),
  };
}

/**
 * Scores call `callId` from its stored recording and timeline and stores the result as the
 * call's next version (old versions are kept). Throws CALL_NOT_FOUND for an unknown call,
 * CALL_STATE_ILLEGAL for a call that has not ended, NOT_FOUND when the timeline is missing
 * and SCENARIO_NOT_FOUND when the scenario left the library. A missing or unreadable WAV is
 * scored without voice measures (those items are notAvailable).
 */
export async function scoreStoredCall(
  deps: ScoringDeps,
  callId: string,
  options: ScoreStoredCallOptions = {},
): Promise<StoredScore> {
  const now = deps.now ?? Date.now;
  const call = await deps.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
  if (!call) throw new AppError('CALL_NOT_FOUND', 'no such call', { details: { callId } });
  if (call.status !== 'ended' || !call.agentUserId)
    throw new AppError('CALL_STATE_ILLEGAL', 'call has not ended', {
      details: { callId, status: call.status },
    });
  const agentUserId = call.agentUserId;
  const logger = deps.logger.child({ callId, scenarioId: call.scenarioId });
  const startedMs = performance.now();

  const timeline = await readStoredTimeline(call.timelinePath, callId);
  const scenario = deps.library.get(call.scenarioId);
  const transcript = options.transcriptOverride ?? timelineTranscript(timeline, scenario);
  const audio = await analyzeRecording(
    call,
    deps.analyzer ?? sharedScoringWorkers(deps.logger).analyze,
    logger,
  );
  const analyzedMs = performance.now();
  const baseline = (await deps.voiceBaseline?.(agentUserId)) ?? null;
  const agentUser = await deps.db
    .selectFrom('users')
    .select(['username', 'displayName'])
    .where('id', '=', agentUserId)
    .executeTakeFirst();

  const answer = answerInfoOf(timeline, call);
  const durationMs =
    timeline.durationMs > 0 ? timeline.durationMs : (call.durationMs ?? audio?.durationMs ?? 0);
  const input: ScoreCallInput = {
    script: scenario,
    transcript,
    timeline: { events: timeline.events, ...(durationMs > 0 ? { durationMs } : {}) },
    ...(answer ? { answer } : {}),
    ...(audio
      ? {
          analysis: {
            ...(audio.agent ? { agent: audio.agent } : {}),
            ...(audio.caller ? { caller: audio.caller } : {}),
          },
        }
      : {}),
    ...(baseline ? { voiceBaseline: baseline } : {}),
    ...(agentUser ? { agent: { id: agentUser.username, name: agentUser.displayName } } : {}),
  };
  const score = await (deps.scorer ?? sharedScoringWorkers(deps.logger).score)(input);
  const contours = audio
    ? compactContours({
        durationMs: Math.max(durationMs, audio.durationMs),
        agent: audio.agent,
        caller: audio.caller,
        transcript,
      })
    : null;

  const stored = await insertScoreVersion(deps.db, {
    callId,
    agentUserId,
    scenarioId: call.scenarioId,
    score,
    transcript,
    transcriptSource: options.transcriptOverride ? 'override' : 'timeline',
    contours,
    reason: options.reason ?? (options.transcriptOverride ? 'transcript-corrected' : 'call-finished'),
    actorUserId: options.actorUserId ?? null,
    createdAtMs: now(),
  });
  logger.info(
    {
      version: stored.version,
      total: stored.total,
      passed: stored.passed,
      withAudio: audio !== null,
      analysisMs: Math.round(analyzedMs - startedMs),
      elapsedMs: Math.round(performance.now() - startedMs),
    },
    'call scored',
  );
  const event: CallScoredDto = {
    callId,
    version: stored.version,
    total: stored.total,
    passed: stored.passed,
  };
  deps.notify?.(agentUserId, CALL_SCORED_EVENT, event);
  return stored;
}

/** Analysis of the call's WAV; null (scored without voice measures) when it is missing or unreadable. */
async function analyzeRecording(
  call: CallsTable,
  analyzer: ChannelAnalyzer,
  logger: Logger,
): Promise<CallAudioAnalysis | null> {
  if (!call.recordingPath || !existsSync(call.recordingPath)) {
    logger.warn('recording missing; scoring without voice measures');
    return null;
  }
  const bytes = new Uint8Array(await readFile(call.recordingPath));
  try {
    return await analyzeCallAudio(bytes, analyzer);
  } catch (error) {
    if ((error as Error).name === 'AudioError') {
      logger.warn({ err: error }, 'recording unreadable; scoring without voice measures');
      return null;
    }
    throw error;
  }
}
