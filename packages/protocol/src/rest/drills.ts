// REST shapes of the drills (/api/drills): listen-and-type (听打) attempts, voice warm-up
// readings measured on upload, per-class targets, progress over time and the class
// leaderboard. Speeds are per minute, accuracy is a 0–1 fraction, times are ms.
import { z } from 'zod';
import { LOCALES } from '../errors/error-codes.js';

/** Slowest and fastest playback of a dictation clip (multiplier of the recorded speed). */
export const DRILL_SPEED_MIN = 0.6;
export const DRILL_SPEED_MAX = 1;
/** Class targets when a class set none: the textbook's ≥ 60 字/min at ≥ 95 %. */
export const DEFAULT_TYPING_TARGET_CHARS_PER_MIN = 60;
export const DEFAULT_TYPING_TARGET_ACCURACY = 0.95;
/** Plays of one dictation clip allowed by default (the first play included). */
export const DEFAULT_REPLAY_LIMIT = 3;
/** Longest typed answer accepted, characters. */
export const TYPING_MAX_CHARS = 5_000;
/** Largest warm-up recording accepted (bytes) and its length limits (ms). */
export const WARMUP_AUDIO_MAX_BYTES = 4 * 1024 * 1024;
export const WARMUP_AUDIO_MAX_MS = 60_000;
export const WARMUP_AUDIO_MIN_MS = 1_000;

/** Full dictation, or only the key facts of a call. */
export const TYPING_MODES = ['full', 'key-fields'] as const;
export type TypingMode = (typeof TYPING_MODES)[number];
/** The fields of the key-field mode, in the order they are asked. */
export const KEY_FIELDS = ['orderNumber', 'name', 'phone', 'problem'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];
/** The warm-up sentences: the template's opening and closing lines. */
export const WARMUP_SENTENCES = ['greeting', 'closing'] as const;
export type WarmupSentenceId = (typeof WARMUP_SENTENCES)[number];
/** How a warm-up sentence was read; a neutral and a smiling reading make the voice baseline. */
export const WARMUP_STYLES = ['neutral', 'smiling'] as const;
export type WarmupStyle = (typeof WARMUP_STYLES)[number];
export type DrillBandName = 'green' | 'amber' | 'red';

const idSchema = z.string().trim().min(1).max(100);

export const drillClassQuerySchema = z.object({ classId: idSchema.optional() });
export const drillUserQuerySchema = z.object({ userId: idSchema.optional() });

export const drillSettingsBodySchema = z.object({
  locale: z.enum(LOCALES),
  /** Call-script template whose opening and closing examples are the warm-up sentences. */
  templateId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not a template id')
    .max(100),
  targetCharsPerMin: z.number().int().min(5).max(400),
  targetAccuracy: z.number().min(0.5).max(1),
  /** Plays allowed per dictation clip; 0 = no limit. */
  replayLimit: z.number().int().min(0).max(20),
  defaultSpeed: z.number().min(DRILL_SPEED_MIN).max(DRILL_SPEED_MAX),
});
export type DrillSettingsBody = z.infer<typeof drillSettingsBodySchema>;

export const typingMaterialQuerySchema = z.object({
  classId: idSchema.optional(),
  mode: z.enum(TYPING_MODES).optional(),
});

export const startTypingBodySchema = z.object({
  materialId: idSchema.max(300),
  speed: z.number().min(DRILL_SPEED_MIN).max(DRILL_SPEED_MAX).optional(),
  classId: idSchema.optional(),
});
export type StartTypingBody = z.infer<typeof startTypingBodySchema>;

const typedText = z.string().max(TYPING_MAX_CHARS, 'is too long');
export const submitTypingBodySchema = z
  .object({
    /** Full mode: everything heard. */
    text: typedText.optional(),
    /** Key-field mode: one answer per field (missing = nothing typed). */
    fields: z
      .object({
        orderNumber: typedText.optional(),
        name: typedText.optional(),
        phone: typedText.optional(),
        problem: typedText.optional(),
      })
      .optional(),
  })
  .refine((b) => b.text !== undefined || b.fields !== undefined, {
    message: 'send text (full mode) or fields (key-field mode)',
    path: ['text'],
  });
export type SubmitTypingBody = z.infer<typeof submitTypingBodySchema>;

export const warmupReadingQuerySchema = z.object({
  sentenceId: z.enum(WARMUP_SENTENCES),
  style: z.enum(WARMUP_STYLES),
  classId: idSchema.optional(),
});

export const drillPreferencesBodySchema = z.object({ showOnLeaderboard: z.boolean() });

/** A class's drill settings (defaults when the class set none). */
export interface DrillSettingsDto extends DrillSettingsBody {
  classId: string | null;
}

export interface DrillOverviewDto {
  /** Classes of the user (all classes for an admin). */
  classes: { id: string; name: string }[];
  /** The class the drills count for (the query's, else the user's first); null without a class. */
  classId: string | null;
  settings: DrillSettingsDto;
  /** May this user change the class settings (an evaluator of the class or an admin)? */
  canEditSettings: boolean;
  showOnLeaderboard: boolean;
}

/** Something to listen to and type; the words stay on the server until the attempt is submitted. */
export interface TypingMaterialDto {
  id: string;
  mode: TypingMode;
  /** Recorded clip or server TTS. */
  audio: 'clip' | 'tts';
  scenarioId: string;
  scenarioTitle: string;
  category: string;
  locale: 'zh-CN' | 'en-US';
  /** Characters to type (normalized: no punctuation, and no spaces for zh-CN). */
  chars: number;
}

export interface TypingAttemptStartedDto {
  attemptId: string;
  materialId: string;
  mode: TypingMode;
  locale: 'zh-CN' | 'en-US';
  speed: number;
  /** Plays allowed (0 = no limit) and used so far. */
  replayLimit: number;
  playCount: number;
  /** Key-field mode: the fields to fill, in order; null in full mode. */
  fields: KeyField[] | null;
  /** GET this for the WAV (16 kHz mono). Register each play with POST …/plays first. */
  audioUrl: string;
  targets: { charsPerMin: number; accuracy: number };
}

export interface TypingPlayDto {
  playCount: number;
  /** Plays left; null = no limit. */
  remaining: number | null;
}

/** One run of the character alignment. */
export interface TypingDiffRunDto {
  kind: 'equal' | 'substitution' | 'deletion' | 'insertion';
  reference: string;
  typed: string;
}

export interface TypingNumbersDto {
  referenceChars: number;
  typedChars: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  cer: number;
  /** 0–1. */
  accuracy: number;
  charsPerMin: number;
  netCharsPerMin: number;
  elapsedMs: number;
}

export interface TypingResultDto extends TypingNumbersDto {
  attemptId: string;
  materialId: string;
  mode: TypingMode;
  locale: 'zh-CN' | 'en-US';
  scenarioTitle: string;
  /** Full mode: what was said; key-field mode: the fields joined for display. */
  reference: string;
  typed: string;
  diff: TypingDiffRunDto[];
  /** Key-field mode: each field on its own. */
  fields:
    | (TypingNumbersDto & { id: KeyField; reference: string; typed: string; diff: TypingDiffRunDto[] })[]
    | null;
  targets: { charsPerMin: number; accuracy: number };
  passed: boolean;
  speed: number;
  playCount: number;
  submittedAtMs: number;
}

export interface TypingAttemptSummaryDto {
  attemptId: string;
  mode: TypingMode;
  scenarioTitle: string;
  charsPerMin: number;
  accuracy: number;
  netCharsPerMin: number;
  passed: boolean;
  speed: number;
  playCount: number;
  submittedAtMs: number;
}

/** A traffic-light band: green inside amber; null = open end. */
export interface DrillBandDto {
  green: [number | null, number | null];
  amber: [number | null, number | null];
}

export interface WarmupSentenceDto {
  id: WarmupSentenceId;
  text: string;
  /** 字 (zh-CN) or words (en-US) in the sentence. */
  units: number;
}

export interface WarmupBandsDto {
  ratePerMin: DrillBandDto;
  pitchSdSemitones: DrillBandDto;
  levelDb: DrillBandDto;
  longestPauseMs: DrillBandDto;
}

export interface WarmupSentencesDto {
  locale: 'zh-CN' | 'en-US';
  templateId: string;
  /** 'chars/min' (字/min) for zh-CN, 'words/min' for en-US. */
  rateUnit: 'chars/min' | 'words/min';
  sentences: WarmupSentenceDto[];
  bands: WarmupBandsDto;
}

export interface WarmupMeasuresDto {
  /** Sentence units over phonation time (pauses ≥ 250 ms excluded), per minute. */
  ratePerMin: number;
  /** Acoustic syllable nuclei per second of phonation time. */
  syllablesPerSec: number;
  /** Sentence units per second over the whole speaking span (first to last sound). */
  spanUnitsPerSec: number;
  f0MedianHz: number;
  /** Pitch movement: SD of F0 in semitones. */
  pitchSdSemitones: number;
  /** Mean level over speech, dB (full scale = 1 Pa, ≈ dBFS + 94). */
  levelDb: number;
  intensitySdDb: number;
  pauseCount: number;
  longestPauseMs: number;
  /** Share of energy between 2 and 3 kHz over speech (0–1); rises a little when smiling. */
  energy2to3kHzRatio: number;
}

export interface WarmupReadingDto {
  id: string;
  sentenceId: WarmupSentenceId;
  style: WarmupStyle;
  text: string;
  locale: 'zh-CN' | 'en-US';
  rateUnit: 'chars/min' | 'words/min';
  durationMs: number;
  voicedMs: number;
  measures: WarmupMeasuresDto;
  bands: {
    ratePerMin: DrillBandName;
    pitchSdSemitones: DrillBandName;
    levelDb: DrillBandName;
    longestPauseMs: DrillBandName;
  };
  createdAtMs: number;
  /** After a smiling reading with a neutral one of the same sentence: how the smile moved the voice. */
  smile: { f0Semitones: number; energy2to3kHzDb: number } | null;
}

export interface VoiceBaselineDto {
  neutral: { f0MedianHz: number; energy2to3kHzRatio?: number };
  smiling: { f0MedianHz: number; energy2to3kHzRatio?: number };
  sentenceText: string;
  neutralReadingId: string;
  smilingReadingId: string;
}

export interface TypingProgressPointDto {
  atMs: number;
  mode: TypingMode;
  charsPerMin: number;
  accuracy: number;
  netCharsPerMin: number;
  passed: boolean;
}

export interface WarmupProgressPointDto {
  atMs: number;
  sentenceId: WarmupSentenceId;
  style: WarmupStyle;
  ratePerMin: number;
  pitchSdSemitones: number;
  levelDb: number;
  longestPauseMs: number;
}

export interface DrillProgressDto {
  userId: string;
  rateUnit: 'chars/min' | 'words/min';
  typing: TypingProgressPointDto[];
  warmup: WarmupProgressPointDto[];
  bests: {
    netCharsPerMin: number | null;
    charsPerMin: number | null;
    accuracy: number | null;
    /** Attempts that met the class targets. */
    passedCount: number;
    typingAttempts: number;
    warmupReadings: number;
  };
  hasVoiceBaseline: boolean;
}

export interface LeaderboardEntryDto {
  rank: number;
  /** The trainee's name when they opted in (or the viewer may see it); null = anonymous. */
  name: string | null;
  isSelf: boolean;
  bestNetCharsPerMin: number;
  bestAccuracy: number;
  attempts: number;
}

export interface LeaderboardDto {
  classId: string;
  className: string;
  entries: LeaderboardEntryDto[];
}
