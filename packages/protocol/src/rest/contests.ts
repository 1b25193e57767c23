// REST shapes of the "best voice agent" contest (/api/contests): creation, nomination of a
// recording excerpt, the blind ballot, judges' rubric scores, the live tally and results.
// Voter-facing shapes carry only a neutral label and an opaque key: never a call id or a name.
import { z } from 'zod';

/**
 * Phases, from the contest's windows (times in ms since the epoch):
 *
 *   upcoming ─nominationOpensAtMs→ nominating ─nominationClosesAtMs→ waiting
 *            ─votingOpensAtMs→ voting ─votingClosesAtMs (or "close now")→ closed
 *
 * Evaluators may move forward early ("start voting", "close"); never backward.
 */
export const CONTEST_PHASES = ['upcoming', 'nominating', 'waiting', 'voting', 'closed'] as const;
export type ContestPhase = (typeof CONTEST_PHASES)[number];

/** Longest excerpt a trainee may nominate (ms). */
export const CONTEST_EXCERPT_MAX_MS = 180_000;
/** Shortest excerpt (ms): shorter clips cannot be judged. */
export const CONTEST_EXCERPT_MIN_MS = 2_000;
/** Most votes per voter an evaluator may configure. */
export const CONTEST_MAX_VOTES_PER_VOTER = 10;

/** The "best voice" rubric suggested by the textbook (points; the total is 100). */
export const DEFAULT_CONTEST_RUBRIC: readonly ContestCriterion[] = [
  { id: 'pronunciation', maxPoints: 30 },
  { id: 'pace', maxPoints: 20 },
  { id: 'intonation', maxPoints: 20 },
  { id: 'warmth', maxPoints: 20 },
  { id: 'phrases', maxPoints: 10 },
];

/** One rubric line: a known id (translated by the UI) or a custom id with its own label. */
export interface ContestCriterion {
  id: string;
  /** Shown instead of the built-in name when set (custom criteria). */
  label?: string;
  /** Points a judge can give on this line, 1–100. */
  maxPoints: number;
}

const criterionSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lowercase letters, digits and -')
    .max(32),
  label: z.string().trim().min(1).max(40).optional(),
  maxPoints: z.number().int().min(1).max(100),
});

const timeMsSchema = z.number().int().min(0).max(8_640_000_000_000_000);

export const createContestBodySchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    classIds: z.array(z.string().min(1).max(64)).min(1).max(20),
    nominationOpensAtMs: timeMsSchema,
    nominationClosesAtMs: timeMsSchema,
    votingOpensAtMs: timeMsSchema,
    votingClosesAtMs: timeMsSchema,
    votesPerVoter: z.number().int().min(1).max(CONTEST_MAX_VOTES_PER_VOTER),
    /** Share of the judges' score in the final ranking, 0–100 %; the popular vote gets the rest. */
    judgeWeightPct: z.number().int().min(0).max(100),
    judgeUserIds: z.array(z.string().min(1).max(64)).max(20).default([]),
    rubric: z
      .array(criterionSchema)
      .min(1)
      .max(12)
      .refine((r) => new Set(r.map((c) => c.id)).size === r.length, 'has a repeated criterion id')
      .default(() => DEFAULT_CONTEST_RUBRIC.map((c) => ({ ...c }))),
  })
  .refine((b) => b.nominationOpensAtMs < b.nominationClosesAtMs, {
    path: ['nominationClosesAtMs'],
    message: 'must be after the nomination opens',
  })
  .refine((b) => b.nominationClosesAtMs <= b.votingOpensAtMs, {
    path: ['votingOpensAtMs'],
    message: 'must not be before the nomination closes',
  })
  .refine((b) => b.votingOpensAtMs < b.votingClosesAtMs, {
    path: ['votingClosesAtMs'],
    message: 'must be after the voting opens',
  })
  .refine((b) => b.judgeWeightPct === 0 || b.judgeUserIds.length > 0, {
    path: ['judgeUserIds'],
    message: 'needs at least one judge when judges have weight',
  });
export type CreateContestBody = z.infer<typeof createContestBodySchema>;

export const contestPhaseActionBodySchema = z.object({ action: z.enum(['start-voting', 'close']) });

export const nominateBodySchema = z
  .object({
    callId: z.string().min(1).max(64),
    /** Excerpt start in ms from the start of the recording (default 0). */
    startMs: z.number().int().min(0).optional(),
    /** Excerpt end in ms (default: the end of the recording, capped at the longest excerpt). */
    endMs: z.number().int().min(1).optional(),
  })
  .refine((b) => b.startMs === undefined || b.endMs === undefined || b.startMs < b.endMs, {
    path: ['endMs'],
    message: 'must be after startMs',
  });
export type NominateBody = z.infer<typeof nominateBodySchema>;

/** An opaque entry key as voters see it (URL-safe random text). */
export const entryKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not an entry key');

export const ballotBodySchema = z.object({
  /** The complete ballot: distinct entry keys, at most `votesPerVoter`; [] withdraws every vote. */
  entryKeys: z
    .array(entryKeySchema)
    .max(CONTEST_MAX_VOTES_PER_VOTER)
    .refine((k) => new Set(k).size === k.length, 'has the same entry twice'),
});
export type BallotBody = z.infer<typeof ballotBodySchema>;

export const judgeScoreBodySchema = z.object({
  /** Points per criterion id, 0..maxPoints of that criterion; every criterion is required. */
  points: z.record(z.string().max(32), z.number().int().min(0).max(100)),
  comment: z.string().trim().max(500).optional(),
});
export type JudgeScoreBody = z.infer<typeof judgeScoreBodySchema>;

/** Automatic voice measures of an entry's agent channel (excerpt only). */
export interface VoiceMeasuresDto {
  durationMs: number;
  voicedMs: number;
  /** Syllables per minute of speech (pauses excluded) — for Mandarin ≈ 字/min. */
  articulationRatePerMin: number;
  /** Syllables per minute over the whole excerpt (pauses included). */
  speechRatePerMin: number;
  /** Median F0 in Hz. */
  f0MedianHz: number;
  /** Pitch movement: spread of F0 in semitones (intonation liveliness). */
  f0SdSemitones: number;
  /** Loudness: mean intensity in dB over speech, and its spread. */
  intensityMeanDb: number;
  intensitySdDb: number;
  pauseCount: number;
  longestPauseMs: number;
}

export interface ContestDto {
  id: string;
  title: string;
  phase: ContestPhase;
  classes: { id: string; name: string }[];
  nominationOpensAtMs: number;
  nominationClosesAtMs: number;
  votingOpensAtMs: number;
  votingClosesAtMs: number;
  closedAtMs: number | null;
  votesPerVoter: number;
  judgeWeightPct: number;
  rubric: ContestCriterion[];
  judges: { id: string; displayName: string }[];
  createdByUserId: string;
  createdAtMs: number;
  entryCount: number;
  /** What the viewer may do now. */
  viewer: {
    canManage: boolean;
    isJudge: boolean;
    canNominate: boolean;
    canVote: boolean;
    seesTally: boolean;
  };
}

/** An entry as a voter or judge sees it before results: blind. */
export interface ContestEntryDto {
  /** Opaque key: used in the audio URL, play marks, ballots and scores. */
  key: string;
  /** Neutral label, e.g. "K7". */
  label: string;
  durationMs: number;
  /** Path of the excerpt audio (agent channel only), relative to /api. */
  audioPath: string;
  /** The viewer has listened to the end (a vote needs this). */
  played: boolean;
  /** The viewer's own entry (they cannot vote for it). */
  mine: boolean;
  /** The viewer's ballot includes this entry. */
  voted: boolean;
  /** Judges and evaluators only. */
  measures?: VoiceMeasuresDto;
  /** The viewer's own rubric points, when they are a judge and scored it. */
  myScore?: { points: Record<string, number>; comment: string };
}

export interface BallotDto {
  entryKeys: string[];
  votesPerVoter: number;
  /** Times this voter changed the ballot (0 before the first vote). */
  changeCount: number;
  updatedAtMs: number | null;
}

/** The live tally, for evaluators of the contest only (REST and socket `contest:tally`). */
export interface ContestTallyDto {
  contestId: string;
  ballots: number;
  votes: number;
  entries: { key: string; label: string; votes: number }[];
  atMs: number;
}

/** How a tie on the combined score was settled (or not). */
export interface ContestTieDto {
  /** Labels of the other entries with the same combined score. */
  tiedWith: string[];
  /** 'judges' = higher judges' score; 'votes' = more popular votes; 'shared' = the rank is shared. */
  resolvedBy: 'judges' | 'votes' | 'shared';
}

export interface ContestResultEntryDto {
  rank: number;
  label: string;
  key: string;
  nominee: { id: string; displayName: string };
  callId: string;
  startMs: number;
  endMs: number;
  votes: number;
  judgeCount: number;
  /** Mean judge total over the rubric, 0–100 (null when no judge scored it). */
  judgeScore: number | null;
  /** Per-criterion mean points. */
  criteria: Record<string, number>;
  /** Votes normalized to 0–100: 100 × votes / most votes of any entry. */
  popularScore: number;
  /** judgeWeight × judgeScore + (1 − judgeWeight) × popularScore, 2 decimals. */
  combinedScore: number;
  tie: ContestTieDto | null;
  measures: VoiceMeasuresDto;
}

export interface ContestResultsDto {
  contest: ContestDto;
  ballots: number;
  entries: ContestResultEntryDto[];
}
