// What scoreCall needs: the script (a ResolvedScenario fits), the transcript, and optionally
// timeline events, answer facts, per-channel voice analysis and the trainee's voice baseline.
// Times are ms from answer everywhere; a recording is assumed to start at answer.
import type { ChannelAnalysis, ChannelContours } from '@callsim/analysis';
import type {
  Category,
  Company,
  Direction,
  ForbiddenRule,
  Locale,
  Persona,
  ScriptStep,
  Turn,
} from '@callsim/call-script';
import type { ScoringBandOverrides } from '../bands/default-bands.js';

/** One transcribed stretch of speech (the transcript / timeline segment shape). */
export interface ScoreSegment {
  readonly speaker: 'agent' | 'caller';
  /** Start in ms from answer. */
  readonly startMs: number;
  /** End in ms from answer (≥ startMs). */
  readonly endMs: number;
  /** What was said; '' when no recognizer ran (timing still counts). */
  readonly text: string;
  /** Timeline agent turns: the turn-taker saw the agent talk over the customer. */
  readonly interruption?: boolean | undefined;
}

/** `{ locale, segments }` — the transcript JSON of the CLI contract. */
export interface ScoreTranscript {
  readonly locale: Locale;
  readonly segments: readonly ScoreSegment[];
}

/** A call timeline event (`ring`, `hold-start`, `hangup`…) with its details. */
export interface ScoreTimelineEvent {
  readonly type: string;
  /** ms from answer; ring events before answer are negative. */
  readonly atMs: number;
  readonly [detail: string]: unknown;
}

/** The parts of a call timeline the scorer reads. */
export interface ScoreTimeline {
  readonly events?: readonly ScoreTimelineEvent[];
  /** Length of the call from answer to hang-up, ms. */
  readonly durationMs?: number;
}

/** Answer facts when no ring events are at hand. */
export interface AnswerInfo {
  /** Rings heard before the agent answered. */
  readonly ringCount?: number;
  /** ms from the first ring to answer. */
  readonly answerDelayMs?: number;
}

/** Voice measures of one channel: the `callsim analyze` channel object, contours optional. */
export type ChannelAnalysisInput = ChannelAnalysis & { readonly contours?: ChannelContours | undefined };

/** Voice features of one reading (or of the call), compared against each other for warmth. */
export interface VoiceProfile {
  /** Median F0, Hz. */
  readonly f0MedianHz: number;
  /** Median second formant, Hz. */
  readonly f2MedianHz?: number;
  /** Median third formant, Hz. */
  readonly f3MedianHz?: number;
  /** Share of energy between 2 and 3 kHz (0–1). */
  readonly energy2to3kHzRatio?: number;
}

/** The trainee's own neutral and smiling readings of the same sentence. */
export interface VoiceBaseline {
  readonly neutral: VoiceProfile;
  readonly smiling: VoiceProfile;
}

/** Scoring settings of a scenario; every field optional (defaults from domain.md). */
export interface ScoreSettings {
  readonly weights?: {
    readonly script: number;
    readonly speed: number;
    readonly tone: number;
    readonly courtesy: number;
  };
  /** Green speech-rate band: 字/min (zh-CN) or words/min (en-US). */
  readonly speechRatePerMin?: readonly [number, number];
  /** Answer within this many ms of the first ring (default 15000 ≈ three rings). */
  readonly answerWithinMs?: number;
  /** Target handle time, ms (default 240000). */
  readonly targetHandleMs?: number;
  /** Total needed to pass (default 60). */
  readonly passScore?: number;
}

/** What the scorer needs of a scenario; a ResolvedScenario from @callsim/call-script fits. */
export interface ScoreScript {
  readonly id?: string;
  readonly locale: Locale;
  readonly steps: readonly ScriptStep[];
  readonly forbidden: readonly ForbiddenRule[];
  readonly direction?: Direction;
  readonly category?: Category;
  readonly customer?: {
    readonly name?: string;
    readonly persona?: Persona;
    readonly facts?: Readonly<Record<string, string | number | boolean>>;
  };
  readonly company?: Company | null;
  readonly dialogue?: { readonly turns: Readonly<Record<string, Turn>> };
  readonly scoring?: ScoreSettings;
}

/** Input of {@link scoreCall}. Only `script` and `transcript` are required. */
export interface ScoreCallInput {
  readonly script: ScoreScript;
  readonly transcript: ScoreTranscript;
  readonly timeline?: ScoreTimeline;
  readonly answer?: AnswerInfo;
  /** Voice analysis per channel (agent = left / channel 0, caller = right / channel 1). */
  readonly analysis?: {
    readonly agent?: ChannelAnalysisInput;
    readonly caller?: ChannelAnalysisInput;
  };
  /** The trainee's neutral and smiling readings, for the warmth estimate. */
  readonly voiceBaseline?: VoiceBaseline;
  /** Voice features of the agent in this call beyond F0 (F2, F3, 2–3 kHz energy), when measured. */
  readonly agentVoice?: Partial<VoiceProfile>;
  /** The trainee, for `{agent.id}` / `{agent.name}` inside script phrases. */
  readonly agent?: { readonly id?: string; readonly name?: string };
  /** Band overrides for a class or exam (defaults from domain.md). */
  readonly bands?: ScoringBandOverrides;
}
