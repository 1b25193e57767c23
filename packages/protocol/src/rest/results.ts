// REST shapes of call results (/api/results): a trainee's scored calls, one call's score with
// its versions, the call timeline, voice contours for charts and the trend over earlier calls.
// `CallScoreDto` mirrors @callsim/scoring's CallScore (the server checks the match at compile time).
import { z } from 'zod';
import { LOCALES } from '../errors/error-codes.js';
import type { CallMode } from '../socket/calls.js';

// ---- the score (mirror of @callsim/scoring CallScore) ----------------------------------------

export const SCORE_DIMENSIONS = ['script', 'speed', 'tone', 'courtesy'] as const;
export type ScoreDimensionId = (typeof SCORE_DIMENSIONS)[number];
export type ScoreItemStatus = 'good' | 'warn' | 'bad' | 'notAvailable';
export type ScoreBandName = 'green' | 'amber' | 'red';

/** One line of advice in both UI languages. */
export interface LocalizedTextDto {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}

/** A moment (or the whole call) backing an item; times are ms from answer. */
export interface ScoreEvidenceDto {
  /** null when the value is about the whole call. */
  readonly atMs: number | null;
  readonly endMs?: number;
  readonly text?: string;
  readonly value: number | null;
  readonly band: ScoreBandName | null;
  readonly note?: string;
}

export interface ScoreItemDto {
  /** e.g. 'speech-rate', 'answer-time', 'forbidden-phrases'. */
  readonly id: string;
  readonly status: ScoreItemStatus;
  /** 0–100; null when notAvailable. */
  readonly score: number | null;
  readonly weight: number;
  readonly value: number | null;
  /** 'ms', 'rings', 'chars/min', 'words/min', 'percent', 'semitones', 'dB', 'count', 'index', 'points'. */
  readonly unit: string;
  readonly band: ScoreBandName | null;
  /** Green range of `value` (null = open end). */
  readonly target: { readonly min: number | null; readonly max: number | null } | null;
  readonly estimate: boolean;
  /** Why the item is notAvailable (e.g. 'no-audio', 'outbound-call'). */
  readonly reason: string | null;
  readonly evidence: readonly ScoreEvidenceDto[];
  readonly advice: LocalizedTextDto;
}

export interface ScoreDimensionDto {
  readonly id: ScoreDimensionId;
  /** 0–100; null when nothing in it could be measured. */
  readonly score: number | null;
  readonly status: ScoreItemStatus;
  readonly weight: number;
  readonly effectiveWeightPct: number;
  readonly items: readonly ScoreItemDto[];
}

export interface AdherenceStepDto {
  readonly id: string;
  readonly found: boolean;
  /** Start of the agent segment where the step was said, ms from answer. */
  readonly atMs: number | null;
  readonly evidence: {
    readonly segmentIndex: number;
    readonly startMs: number;
    readonly text: string;
    readonly kind: 'exact' | 'fuzzy';
    readonly similarity: number;
    readonly phrases: readonly string[];
  } | null;
  readonly label: string;
  readonly phase: 'opening' | 'body' | 'closing' | null;
  readonly required: boolean;
  readonly weight: number;
  readonly fuzzy: boolean;
  readonly outOfOrder: boolean;
  readonly late: boolean;
  readonly withinMs: number | null;
}

export interface AdherenceForbiddenDto {
  readonly phrase: string;
  readonly atMs: number;
  /** 'minor' | 'major' | 'fatal'. */
  readonly severity: string;
  readonly text: string;
  readonly rule: 'phrase' | 'pattern';
  readonly fuzzy: boolean;
  readonly turnId: string | null;
}

export interface ScoreDeductionDto {
  readonly code: string;
  readonly points: number;
  readonly atMs: number;
  readonly text?: string;
}

/** The score of one call (CallScore of @callsim/scoring). */
export interface CallScoreDto {
  readonly scenarioId: string | null;
  readonly locale: string;
  /** Composite 0–100 after deductions and the fatal cap. */
  readonly total: number;
  readonly weightedTotal: number;
  readonly passScore: number;
  readonly passed: boolean;
  readonly failed: boolean;
  readonly failReasons: readonly { readonly code: string; readonly phrase: string; readonly atMs: number }[];
  readonly weights: Readonly<Record<ScoreDimensionId, number>>;
  readonly dimensions: Readonly<Record<ScoreDimensionId, ScoreDimensionDto>>;
  readonly adherence: {
    readonly steps: readonly AdherenceStepDto[];
    readonly forbidden: readonly AdherenceForbiddenDto[];
    readonly missingRequired: readonly string[];
  };
  readonly deductions: readonly ScoreDeductionDto[];
  readonly deductedPoints: number;
  readonly metrics: {
    readonly durationMs: number;
    readonly agentTalkMs: number;
    readonly callerTalkMs: number;
    readonly speechRatePerMin: number | null;
    readonly speechRateUnit: 'chars/min' | 'words/min';
  };
  readonly warnings: readonly string[];
}

// ---- transcripts (the CLI transcript contract) -----------------------------------------------

const finiteMs = z
  .number()
  .refine(Number.isFinite, 'must be a finite number')
  .refine((n) => n >= 0, 'must be ≥ 0 (ms from answer)');

/** One transcript segment; times in ms from answer. */
export const transcriptSegmentSchema = z
  .object({
    speaker: z.enum(['agent', 'caller']),
    startMs: finiteMs,
    endMs: finiteMs,
    text: z.string().max(10_000, 'is too long'),
    interruption: z.boolean().optional(),
  })
  .refine((s) => s.endMs >= s.startMs, { path: ['endMs'], message: 'must not be before startMs' });

/** `{ locale, segments }`: e.g. an evaluator's corrected transcript to re-score a call with. */
export const scoreTranscriptSchema = z.object({
  locale: z.enum(LOCALES),
  segments: z.array(transcriptSegmentSchema).max(5_000, 'has too many segments'),
});
/** A transcript as scored (what `scoreTranscriptSchema` parses to). */
export interface ScoreTranscriptDto {
  readonly locale: (typeof LOCALES)[number];
  readonly segments: readonly {
    readonly speaker: 'agent' | 'caller';
    readonly startMs: number;
    readonly endMs: number;
    readonly text: string;
    readonly interruption?: boolean | undefined;
  }[];
}

// ---- results list and one call's result -----------------------------------------------------

/** pending: the scoring job has not finished; failed: it gave up (see the server log). */
export type ScoreStateDto = 'pending' | 'scored' | 'failed';

/** Headline of a stored score version. */
export interface ScoreVersionDto {
  readonly version: number;
  readonly createdAtMs: number;
  readonly total: number;
  readonly passed: boolean;
  readonly failed: boolean;
  /** Why this version exists: 'call-finished', or the re-scorer's reason (e.g. 'transcript-corrected'). */
  readonly reason: string | null;
  /** Who asked for the re-score; null for the automatic first score. */
  readonly actorUserId: string | null;
  readonly transcriptSource: 'timeline' | 'override';
}

/** One finished call in the results list (newest first). */
export interface ResultCallDto {
  readonly callId: string;
  readonly agentUserId: string;
  readonly scenarioId: string;
  /** The scenario's title, or its id when the scenario is no longer in the library. */
  readonly scenarioTitle: string;
  readonly category: string;
  readonly direction: 'inbound' | 'outbound';
  readonly mode: CallMode;
  readonly locale: string;
  /** Wall-clock time of answer, ms since epoch. */
  readonly answeredAtMs: number | null;
  readonly durationMs: number | null;
  readonly scoreState: ScoreStateDto;
  /** Latest version's headline; null unless scored. */
  readonly latest: ScoreVersionDto | null;
}

/** GET /api/results/calls/:callId — a call with the chosen (default latest) score version. */
export interface CallResultDto {
  readonly call: ResultCallDto;
  /** Every stored version, newest first. */
  readonly versions: readonly ScoreVersionDto[];
  /** The version asked for (latest by default); null while pending or failed. */
  readonly score:
    | (ScoreVersionDto & { readonly score: CallScoreDto; readonly transcript: ScoreTranscriptDto })
    | null;
}

export interface TimelineSegmentDto {
  readonly speaker: 'agent' | 'caller';
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly engine: string;
  readonly turnId?: string | null;
  readonly interruption?: boolean;
}

export interface TimelineEventDto {
  readonly type: string;
  /** ms from answer; rings before answer are negative. */
  readonly atMs: number;
  readonly [detail: string]: unknown;
}

/** GET /api/results/calls/:callId/timeline — the recorded timeline (times in ms from answer). */
export interface CallTimelineDto {
  readonly callId: string;
  readonly scenarioId: string;
  readonly locale: string;
  readonly durationMs: number;
  readonly sampleRateHz: number;
  readonly segments: readonly TimelineSegmentDto[];
  readonly events: readonly TimelineEventDto[];
}

// ---- contours ---------------------------------------------------------------------------------

/** Voice summary of one channel (the `callsim analyze` channel object). */
export interface ChannelSummaryDto {
  readonly voicedMs: number;
  readonly f0: {
    readonly medianHz: number;
    readonly p10Hz: number;
    readonly p90Hz: number;
    readonly sdSemitones: number;
  };
  readonly intensity: { readonly meanDb: number; readonly sdDb: number };
  readonly syllableRatePerSec: number;
  readonly articulationRatePerSec: number;
  readonly pauses: { readonly count: number; readonly longestMs: number };
}

/** Contours of one channel on the payload's grid: point i covers [i·stepMs, (i+1)·stepMs). */
export interface ChannelContourDto {
  /** Median F0 of the voiced 10 ms frames of each step, whole Hz; 0 = unvoiced. */
  readonly pitchHz: readonly number[];
  /** Mean intensity of each step, dB (one decimal). */
  readonly intensityDb: readonly number[];
  /** Syllable nuclei, ms from answer. */
  readonly syllableTimesMs: readonly number[];
  readonly summary: ChannelSummaryDto;
}

/** Speech rate over time: a sliding window over the agent's syllable nuclei. */
export interface PaceSeriesDto {
  readonly windowMs: number;
  readonly stepMs: number;
  /** Syllables per minute in the window centred on i·stepMs (≈ 字/min in Mandarin); null in silence. */
  readonly syllablesPerMin: readonly (number | null)[];
  /** Per agent segment: speech units per minute from the transcript ('chars/min' or 'words/min'). */
  readonly segments: readonly { readonly startMs: number; readonly endMs: number; readonly perMin: number }[];
  readonly segmentUnit: 'chars/min' | 'words/min';
}

/** GET /api/results/calls/:callId/contours — compact voice contours for charts. */
export interface CallContoursDto {
  readonly callId: string;
  readonly version: number;
  readonly durationMs: number;
  /** Grid step of pitchHz and intensityDb, ms (≥ 50; longer calls get coarser steps). */
  readonly stepMs: number;
  readonly agent: ChannelContourDto | null;
  readonly caller: ChannelContourDto | null;
  readonly pace: PaceSeriesDto;
}

// ---- trend --------------------------------------------------------------------------------------

/** One scored call in a trainee's trend (latest score version of the call). */
export interface TrendPointDto {
  readonly callId: string;
  readonly scenarioId: string;
  readonly mode: CallMode;
  readonly answeredAtMs: number | null;
  readonly total: number;
  readonly passed: boolean;
  readonly dimensions: Readonly<Record<ScoreDimensionId, number | null>>;
}

/** GET /api/results/trend — oldest first. */
export interface ResultTrendDto {
  readonly userId: string;
  readonly points: readonly TrendPointDto[];
}

// ---- queries and events -----------------------------------------------------------------------

/** Id of a call (time-ordered, 26 characters). */
export const resultCallIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not a call id');

export const resultsListQuerySchema = z.object({
  userId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const resultVersionQuerySchema = z.object({
  version: z.coerce.number().int().min(1).optional(),
});

export const resultTrendQuerySchema = z.object({
  userId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

/** Socket event sent to the trainee when a score version is stored. */
export const CALL_SCORED_EVENT = 'call:scored';

export interface CallScoredDto {
  readonly callId: string;
  readonly version: number;
  readonly total: number;
  readonly passed: boolean;
}
