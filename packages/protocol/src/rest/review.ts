// REST shapes of the evaluator console: recordings list, rubrics, reviews, timestamped
// comments, transcript corrections, calibration, gradebook and review notifications.
// Bodies and queries that enter the server are parsed with these schemas.
import { z } from 'zod';

/** Which QA form a call is reviewed with: inbound calls, outbound calls, the "best voice" contest. */
export const RUBRIC_KINDS = ['inbound', 'outbound', 'contest'] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

/** Final grades an evaluator gives; everything but `fail` counts as a pass. */
export const REVIEW_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];

/** The socket.io event a trainee receives when one of their calls is reviewed. */
export const REVIEW_PUBLISHED_EVENT = 'review:published';

/** Page size bounds of the recordings list. */
export const RECORDINGS_PAGE_MAX = 100;
export const RECORDINGS_PAGE_DEFAULT = 25;

/** A text in both UI languages. */
export interface LocalizedLabel {
  'zh-CN': string;
  'en-US': string;
}

const labelSchema = z.object({
  'zh-CN': z.string().trim().min(1).max(60),
  'en-US': z.string().trim().min(1).max(60),
});
const descriptionSchema = z.object({
  'zh-CN': z.string().trim().max(300),
  'en-US': z.string().trim().max(300),
});
const rubricIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lowercase letters, digits and -')
  .max(32);
/** An auto-score dimension (`script`, `speed`, `tone`, `courtesy`) or item id (`warmth`, `speech-rate`…). */
const autoRefSchema = z.string().regex(/^[a-z][a-z-]{1,31}$/, 'must be a dimension or item id');

/** One line of a rubric: points from 0 to `maxPoints`. */
export interface RubricItemDto {
  id: string;
  label: LocalizedLabel;
  description: LocalizedLabel;
  maxPoints: number;
  /**
   * Auto-score dimensions or items this line corresponds to; their mean score (0–100) is
   * compared with the evaluator's points in calibration. Empty: not measured automatically.
   */
  autoRefs: string[];
}

/** A QA-form deduction: `points` off the total each time it happened (e.g. interrupting −5). */
export interface RubricDeductionDto {
  id: string;
  label: LocalizedLabel;
  points: number;
}

export interface RubricDto {
  kind: RubricKind;
  /** The class this rubric belongs to; null for a built-in default. */
  classId: string | null;
  /** True when the class edited it (otherwise it is the built-in default). */
  custom: boolean;
  items: RubricItemDto[];
  deductions: RubricDeductionDto[];
  /** Pass mark in percent of the items' maximum. */
  passPct: number;
  updatedAtMs: number | null;
}

export const rubricBodySchema = z
  .object({
    items: z
      .array(
        z.object({
          id: rubricIdSchema,
          label: labelSchema,
          description: descriptionSchema.default({ 'zh-CN': '', 'en-US': '' }),
          maxPoints: z.number().int().min(1).max(100),
          autoRefs: z.array(autoRefSchema).max(6).default([]),
        }),
      )
      .min(1)
      .max(12),
    deductions: z
      .array(z.object({ id: rubricIdSchema, label: labelSchema, points: z.number().int().min(1).max(50) }))
      .max(10)
      .default([]),
    passPct: z.number().int().min(1).max(100).default(60),
  })
  .refine((r) => new Set(r.items.map((i) => i.id)).size === r.items.length, {
    path: ['items'],
    message: 'has a repeated item id',
  })
  .refine((r) => new Set(r.deductions.map((d) => d.id)).size === r.deductions.length, {
    path: ['deductions'],
    message: 'has a repeated deduction id',
  });
export type RubricBody = z.infer<typeof rubricBodySchema>;

export const rubricKindSchema = z.enum(RUBRIC_KINDS);

export interface PersonRefDto {
  id: string;
  displayName: string;
}

/** An evaluator's review of one call (one per evaluator and call). */
export interface ReviewDto {
  id: string;
  callId: string;
  evaluator: PersonRefDto;
  /** The rubric as it was when the review was saved. */
  rubric: RubricDto;
  /** Points per rubric item; null = not scored yet. */
  itemScores: Record<string, number | null>;
  /** How often each deduction happened. */
  deductionCounts: Record<string, number>;
  /** Item points minus deductions, never below 0. */
  totalPoints: number;
  maxPoints: number;
  /** totalPoints / maxPoints, percent, one decimal. */
  totalPct: number;
  grade: ReviewGrade | null;
  passed: boolean | null;
  summary: string;
  status: 'draft' | 'published';
  updatedAtMs: number;
  publishedAtMs: number | null;
}

export const saveReviewBodySchema = z.object({
  rubricKind: rubricKindSchema,
  itemScores: z.record(rubricIdSchema, z.number().min(0).max(100).nullable()).default({}),
  deductionCounts: z.record(rubricIdSchema, z.number().int().min(0).max(50)).default({}),
  grade: z.enum(REVIEW_GRADES).nullable().default(null),
  summary: z.string().trim().max(2000).default(''),
});
export type SaveReviewBody = z.infer<typeof saveReviewBodySchema>;

export interface ReviewCommentDto {
  id: string;
  callId: string;
  reviewId: string;
  author: PersonRefDto;
  /** Position in the recording, ms from answer; null = about the whole call. */
  atMs: number | null;
  text: string;
  createdAtMs: number;
}

export const commentBodySchema = z.object({
  atMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .nullable()
    .default(null),
  text: z.string().trim().min(1).max(1000),
});
export type CommentBody = z.infer<typeof commentBodySchema>;

/** A transcript line as reviewed: the corrected text, and the recognised one when corrected. */
export interface TranscriptSegmentDto {
  index: number;
  speaker: 'agent' | 'caller';
  startMs: number;
  endMs: number;
  text: string;
  /** What the recogniser wrote, when an evaluator corrected the line; null otherwise. */
  originalText: string | null;
}

export const transcriptCorrectionBodySchema = z.object({
  segmentIndex: z.number().int().min(0).max(10_000),
  text: z.string().trim().max(2000),
});
export type TranscriptCorrectionBody = z.infer<typeof transcriptCorrectionBodySchema>;

export interface TranscriptCorrectionDto {
  id: string;
  segmentIndex: number;
  before: string;
  after: string;
  author: PersonRefDto;
  createdAtMs: number;
  /** The auto-score version computed from the corrected transcript; null when re-scoring failed. */
  scoreVersion: number | null;
}

/** One piece of auto-score evidence placed on the waveform. */
export interface EvidenceMarkerDto {
  atMs: number;
  endMs: number | null;
  /** Auto-score item id (`script-steps`, `dead-air`…). */
  itemId: string;
  dimension: string;
  band: 'green' | 'amber' | 'red' | null;
  text: string | null;
  note: string | null;
}

/** The auto-score of a call as the console shows it. */
export interface AutoScoreDto {
  version: number;
  total: number;
  passed: boolean;
  passScore: number;
  reason: string | null;
  createdAtMs: number;
  dimensions: { id: string; score: number | null; weight: number }[];
  /** Item scores (0–100; null when not measured), keyed by item id. */
  items: Record<string, number | null>;
  markers: EvidenceMarkerDto[];
}

export interface AutoScoreVersionDto {
  version: number;
  total: number;
  passed: boolean;
  reason: string | null;
  createdAtMs: number;
}

/** A row of the recordings list. */
export interface RecordingRowDto {
  callId: string;
  createdAtMs: number;
  durationMs: number | null;
  scenarioId: string;
  scenarioTitle: string;
  category: string;
  direction: 'inbound' | 'outbound';
  locale: string;
  mode: 'practice' | 'exam';
  trainee: PersonRefDto & { username: string };
  autoScore: number | null;
  autoPassed: boolean | null;
  /** Published human reviews. */
  reviewCount: number;
  /** Mean of the published reviews' totals, percent; null when not reviewed. */
  humanScorePct: number | null;
  myReview: 'none' | 'draft' | 'published';
  /** The matching transcript text around a search hit. */
  snippet: string | null;
}

export interface RecordingPageDto {
  rows: RecordingRowDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const optionalId = z.string().trim().min(1).max(64).optional();
const optionalNumber = z.coerce.number().finite().optional();

/** Query of GET /api/review/recordings (all filters optional; times are ms since the epoch). */
export const recordingsQuerySchema = z.object({
  classId: optionalId,
  traineeId: optionalId,
  scenarioId: optionalId,
  category: z.string().trim().min(1).max(32).optional(),
  fromMs: optionalNumber,
  toMs: optionalNumber,
  minScore: optionalNumber,
  maxScore: optionalNumber,
  reviewed: z.enum(['yes', 'no', 'mine', 'not-mine']).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(RECORDINGS_PAGE_MAX).default(RECORDINGS_PAGE_DEFAULT),
});
export type RecordingsQuery = z.infer<typeof recordingsQuerySchema>;

/** Everything the review page needs for one call. */
export interface ReviewWorkspaceDto {
  call: RecordingRowDto & { classId: string | null; hasRecording: boolean };
  segments: TranscriptSegmentDto[];
  corrections: TranscriptCorrectionDto[];
  autoScore: AutoScoreDto | null;
  autoScoreVersions: AutoScoreVersionDto[];
  /** The class's rubric for this call's kind (or the one the evaluator's draft uses). */
  rubric: RubricDto;
  myReview: ReviewDto | null;
  /** Other evaluators' published reviews: shown once the viewer published theirs (blind calibration), always to admins. */
  otherReviews: ReviewDto[];
  comments: ReviewCommentDto[];
  canReview: boolean;
}

/** What a trainee sees of the human review of one of their calls. */
export interface ReviewSummaryDto {
  callId: string;
  scenarioTitle: string;
  reviews: (ReviewDto & { comments: ReviewCommentDto[] })[];
}

export interface ReviewNotificationDto {
  id: string;
  callId: string;
  reviewId: string;
  evaluatorName: string;
  scenarioTitle: string;
  grade: ReviewGrade | null;
  totalPct: number;
  createdAtMs: number;
  readAtMs: number | null;
}

export const markNotificationsReadBodySchema = z.object({
  ids: z.array(z.string().min(1).max(64)).max(500).optional(),
});

/** Agreement of evaluators on one rubric item (or the total), and their distance from the auto-score. */
export interface CalibrationItemDto {
  itemId: string;
  label: LocalizedLabel;
  maxPoints: number;
  /** Intra-class correlation of the evaluators' points; null when fewer than 2 calls have 2+ reviews. */
  icc: number | null;
  /** ICC(2,1) when every evaluator scored every call (two-way random, absolute agreement), else ICC(1) (one-way). */
  iccModel: 'ICC(2,1)' | 'ICC(1)' | null;
  /** Calls with at least two reviews that went into the ICC. */
  iccCalls: number;
  /** Mean of (human − auto) in percent of the item's maximum; null without an auto value. */
  autoDiffMeanPct: number | null;
  autoDiffMeanAbsPct: number | null;
  autoDiffSdPct: number | null;
  autoDiffCount: number;
}

export interface KappaPairDto {
  a: PersonRefDto;
  b: PersonRefDto;
  /** Calls both evaluators reviewed. */
  calls: number;
  agreementPct: number | null;
  /** Cohen's kappa on pass/fail; null when undefined (fewer than 2 calls or no variation). */
  kappa: number | null;
}

export interface CalibrationDto {
  classId: string | null;
  rubricKind: RubricKind;
  /** Calls with published reviews of this kind that were considered. */
  reviewedCalls: number;
  /** Calls reviewed by two or more evaluators. */
  sharedCalls: number;
  evaluators: PersonRefDto[];
  items: CalibrationItemDto[];
  total: CalibrationItemDto;
  kappaPairs: KappaPairDto[];
  /** Mean of the pairwise kappas (Light's kappa); null when none is defined. */
  meanKappa: number | null;
  /** Calls of the sample with their reviewers' totals, for the side-by-side table. */
  calls: {
    callId: string;
    traineeName: string;
    scenarioTitle: string;
    autoScore: number | null;
    totalsPct: Record<string, number>;
  }[];
}

export const calibrationQuerySchema = z.object({
  classId: optionalId,
  rubricKind: rubricKindSchema.default('inbound'),
});

/** One cell of the gradebook: a trainee's calls of one scenario. */
export interface GradebookCellDto {
  /** Mean final score in percent (human review when reviewed, else the auto-score). */
  meanPct: number;
  calls: number;
  passed: number;
}

export interface GradebookRowDto {
  userId: string;
  username: string;
  displayName: string;
  cells: Record<string, GradebookCellDto>;
  meanPct: number | null;
  calls: number;
  passRatePct: number | null;
}

export interface GradebookDto {
  classId: string;
  className: string;
  scenarios: { id: string; title: string }[];
  rows: GradebookRowDto[];
  /** Mean per scenario over the class's calls. */
  scenarioMeans: Record<string, number | null>;
  classMeanPct: number | null;
  classPassRatePct: number | null;
}
