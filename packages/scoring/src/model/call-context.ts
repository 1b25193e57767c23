// The facts every dimension reads, computed once per call: segments in time order, the
// timeline's events, the call's length and the bands in force. Guarantees: segments are
// sorted by start (ties keep input order) and each keeps its index in the input transcript.
import type { Locale } from '@callsim/call-script';
import { resolveBands, type ScoringBands } from '../bands/default-bands.js';
import { type CallEvents, readCallEvents } from '../timeline/call-events.js';
import type { ChannelAnalysisInput, ScoreCallInput, ScoreScript, ScoreSegment } from './score-input.js';

/** A segment with its position in the input transcript. */
export interface IndexedSegment extends ScoreSegment {
  readonly index: number;
}

/** Shared facts of one call. */
export interface CallContext {
  readonly input: ScoreCallInput;
  readonly script: ScoreScript;
  readonly locale: Locale;
  readonly bands: ScoringBands;
  /** All segments by start time. */
  readonly segments: readonly IndexedSegment[];
  readonly agentSegments: readonly IndexedSegment[];
  readonly callerSegments: readonly IndexedSegment[];
  /** null when no timeline was given. */
  readonly events: CallEvents | null;
  /** Answer to hang-up, ms; falls back to the end of the last segment or of the recording. */
  readonly durationMs: number;
  /** True when durationMs came from the timeline (duration or hang-up), not from speech. */
  readonly durationKnown: boolean;
  readonly agentAnalysis: ChannelAnalysisInput | null;
  readonly callerAnalysis: ChannelAnalysisInput | null;
}

/** Builds the context of `input`. */
export function buildCallContext(input: ScoreCallInput): CallContext {
  const script = input.script;
  const segments = input.transcript.segments
    .map((segment, index) => ({ ...segment, index }))
    .filter((s) => Number.isFinite(s.startMs) && Number.isFinite(s.endMs))
    .map((s) => (s.endMs < s.startMs ? { ...s, endMs: s.startMs } : s))
    .sort((a, b) => a.startMs - b.startMs || a.index - b.index);
  const lastSpeechMs = segments.reduce((max, s) => Math.max(max, s.endMs), 0);
  const timelineEvents = input.timeline?.events;
  const hangupMs = timelineEvents?.find((e) => e.type === 'hangup')?.atMs;
  const recordingMs =
    input.analysis?.agent?.contours !== undefined
      ? input.analysis.agent.contours.intensityDb.length * input.analysis.agent.contours.timeStepMs
      : 0;
  const known = input.timeline?.durationMs ?? (typeof hangupMs === 'number' ? hangupMs : undefined);
  const durationMs = Math.max(known ?? 0, lastSpeechMs, known === undefined ? recordingMs : 0);
  return {
    input,
    script,
    locale: script.locale,
    bands: resolveBands(script, input.bands),
    segments,
    agentSegments: segments.filter((s) => s.speaker === 'agent'),
    callerSegments: segments.filter((s) => s.speaker === 'caller'),
    events: timelineEvents === undefined ? null : readCallEvents(timelineEvents, durationMs),
    durationMs,
    durationKnown: known !== undefined,
    agentAnalysis: input.analysis?.agent ?? null,
    callerAnalysis: input.analysis?.caller ?? null,
  };
}
