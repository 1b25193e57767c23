// REST shapes of outbound calling: the simulated class clock, call tasks (follow-ups and
// campaign calls) with their customer card and history, dispositions, campaigns with
// their customer lists, and the do-not-call list. Times named `…SimMs` are on a class's
// simulated clock (ms since the epoch, as if it were real time); `…AtMs` are real time.
import { z } from 'zod';
import type { DialOutcome } from '../socket/calls.js';

export const OUTBOUND_TASK_KINDS = ['follow-up', 'campaign'] as const;
export type OutboundTaskKind = (typeof OUTBOUND_TASK_KINDS)[number];

/**
 * Task lifecycle (enforced in apps/server/src/outbound/task-store.ts):
 * pending → dialing → in-call → wrap-up → done | pending (call back) | cancelled (do not call);
 * dialing → pending (not answered: retried with back-off) | failed (attempts used up, wrong number);
 * pending → expired (window closed) | cancelled (campaign closed, number on the do-not-call list).
 */
export const OUTBOUND_TASK_STATUSES = [
  'pending',
  'dialing',
  'in-call',
  'wrap-up',
  'done',
  'failed',
  'cancelled',
  'expired',
] as const;
export type OutboundTaskStatus = (typeof OUTBOUND_TASK_STATUSES)[number];

/** What the trainee records after an answered call. */
export const DISPOSITIONS = ['success', 'refused', 'callback', 'do-not-call'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Why a due task cannot be dialled right now. */
export const BLOCKED_REASONS = ['calling-hours', 'not-occasion-day', 'do-not-call'] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

/** Calling hours in the customer's local time: no call before 09:00 or from 21:00 on. */
export const CALLING_HOURS = { startHour: 9, endHour: 21 } as const;

export interface SimClockDto {
  /** null: the clock of trainees outside any class. */
  classId: string | null;
  nowSimMs: number;
  /** Simulated ms per real ms; 0 = paused. */
  speedFactor: number;
  /** IANA zone or UTC offset the class lives in ("next day" starts at 09:00 there). */
  timezone: string;
  realNowMs: number;
}

export const simClockBodySchema = z
  .object({
    speedFactor: z.number().int().min(0).max(100_000).optional(),
    /** Jump to 09:00 of the next day in the clock's timezone. */
    advance: z.literal('next-day').optional(),
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(366 * 86_400_000)
      .optional(),
    setSimMs: z.number().int().min(0).optional(),
    timezone: z.string().trim().min(1).max(64).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['speedFactor'] });
export type SimClockBody = z.infer<typeof simClockBodySchema>;

export interface OccasionDto {
  kind: 'birthday' | 'holiday';
  /** Holiday name (中秋节, Thanksgiving); null for birthdays. */
  name: string | null;
  /** MM-DD of the holiday, or of the customer's birthday. */
  date: string;
}

export interface OutboundCustomerDto {
  id: string | null;
  name: string;
  phone: string;
  /** IANA zone (Asia/Shanghai) or UTC offset (+08:00). */
  timezone: string;
  /** MM-DD, or null. */
  birthday: string | null;
  facts: Record<string, string>;
}

export interface OutboundTaskDto {
  id: string;
  kind: OutboundTaskKind;
  status: OutboundTaskStatus;
  scenarioId: string;
  scenarioTitle: string;
  category: string;
  locale: string;
  classId: string | null;
  traineeUserId: string;
  campaignId: string | null;
  campaignName: string | null;
  customer: OutboundCustomerDto;
  occasion: OccasionDto | null;
  dueSimMs: number;
  windowEndSimMs: number | null;
  attempts: number;
  maxAttempts: number;
  lastOutcome: DialOutcome | null;
  lastCallId: string | null;
  disposition: Disposition | null;
  callbackAtSimMs: number | null;
  /** The inbound call a follow-up was planned from. */
  originCallId: string | null;
  /** The customer's local time now on the class clock, HH:mm. */
  customerLocalTime: string;
  blockedReason: BlockedReason | null;
  /** When a blocked task can next be dialled (sim ms); null when it can be dialled now or never. */
  nextCallableSimMs: number | null;
}

export interface WorklistDto {
  clocks: SimClockDto[];
  /** Pending tasks due on their class clock, soonest first. */
  due: OutboundTaskDto[];
  /** Answered calls waiting for a disposition. */
  wrapUp: OutboundTaskDto[];
  upcomingCount: number;
  nextDueSimMs: number | null;
}

export interface CustomerHistoryEntryDto {
  callId: string;
  taskId: string | null;
  scenarioId: string;
  scenarioTitle: string;
  direction: 'inbound' | 'outbound';
  status: string;
  createdAtMs: number;
  answeredAtMs: number | null;
  durationMs: number | null;
  /** Outbound attempts: how the dial went; null for inbound calls. */
  outcome: DialOutcome | null;
  disposition: Disposition | null;
  /** GET this to play the recording (same access rules as the call list). */
  recordingUrl: string | null;
  /** Composite score 0–100 of the latest score version; null when not scored (yet). */
  score: number | null;
}

export interface OutboundTaskDetailDto {
  task: OutboundTaskDto;
  history: CustomerHistoryEntryDto[];
}

export const dispositionBodySchema = z
  .object({
    disposition: z.enum(DISPOSITIONS),
    /** Required for `callback`: when to call again, on the class clock. */
    callbackAtSimMs: z.number().int().min(0).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.disposition !== 'callback' || b.callbackAtSimMs !== undefined, {
    message: 'required when the customer asks to be called back',
    path: ['callbackAtSimMs'],
  });
export type DispositionBody = z.infer<typeof dispositionBodySchema>;

const occasionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('birthday') }),
  z.object({
    kind: z.literal('holiday'),
    name: z.string().trim().min(1).max(40),
    date: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD'),
  }),
]);
export type OccasionBody = z.infer<typeof occasionSchema>;

/** Chance (weights) of each dial outcome; without one, the scenario's `dial` block decides. */
export const dialMixSchema = z
  .object({
    answered: z.number().int().min(0).max(100).optional(),
    busy: z.number().int().min(0).max(100).optional(),
    'no-answer': z.number().int().min(0).max(100).optional(),
    voicemail: z.number().int().min(0).max(100).optional(),
    'wrong-person': z.number().int().min(0).max(100).optional(),
  })
  .refine((mix) => Object.values(mix).some((w) => (w ?? 0) > 0), {
    message: 'at least one outcome needs a weight',
  });
export type DialMix = Partial<Record<DialOutcome, number>>;

export const createCampaignBodySchema = z
  .object({
    classId: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(80),
    scenarioIds: z.array(z.string().min(1).max(100)).min(1).max(20),
    traineeUserIds: z.array(z.string().min(1).max(64)).min(1).max(500),
    windowStartSimMs: z.number().int().min(0),
    windowEndSimMs: z.number().int().min(0),
    quotaPerTrainee: z.number().int().min(1).max(1000),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** First retry after this many simulated minutes; each further retry waits twice as long. */
    retryBackoffMin: z
      .number()
      .int()
      .min(1)
      .max(7 * 1440)
      .default(120),
    occasion: occasionSchema.nullable().default(null),
    dialMix: dialMixSchema.nullable().default(null),
    /** Zone of customers whose row names none. */
    defaultTimezone: z.string().trim().min(1).max(64).default('Asia/Shanghai'),
  })
  .refine((b) => b.windowEndSimMs > b.windowStartSimMs, {
    message: 'the window must end after it starts',
    path: ['windowEndSimMs'],
  });
export type CreateCampaignBody = z.infer<typeof createCampaignBodySchema>;

export const generateCustomersBodySchema = z.object({
  count: z.number().int().min(1).max(1000),
  seed: z.number().int().optional(),
});

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignSummaryDto {
  tasksCreated: number;
  skippedDoNotCall: number;
  /** Care campaigns: customers without a birthday (or whose day falls outside the window). */
  skippedNoOccasion: number;
  /** Customers left over once every trainee's quota was filled. */
  unassigned: number;
}

export interface CampaignDto {
  id: string;
  classId: string;
  name: string;
  scenarioIds: string[];
  traineeUserIds: string[];
  windowStartSimMs: number;
  windowEndSimMs: number;
  quotaPerTrainee: number;
  maxAttempts: number;
  retryBackoffMin: number;
  occasion: OccasionBody | null;
  dialMix: DialMix | null;
  defaultTimezone: string;
  status: CampaignStatus;
  createdByUserId: string;
  createdAtMs: number;
  startedAtMs: number | null;
  customers: number;
  /** Task counts by status. */
  tasks: Partial<Record<OutboundTaskStatus, number>>;
  /** Set once the campaign's tasks were created. */
  summary: CampaignSummaryDto | null;
}

export interface CustomerRowProblem {
  /** 1-based line of the CSV file (the header is line 1). */
  line: number;
  field: string;
  code: string;
  value: string;
  message: string;
}

export interface CustomerImportResultDto {
  imported: number;
  skipped: number;
  problems: CustomerRowProblem[];
  /** Imported customers whose number is on the do-not-call list (they get no task). */
  doNotCall: number;
}

export const doNotCallBodySchema = z.object({
  phone: z.string().trim().min(3).max(32),
  reason: z.string().trim().max(200).default(''),
});

export interface DoNotCallEntryDto {
  phone: string;
  phoneKey: string;
  reason: string;
  source: 'manual' | 'disposition';
  addedByUserId: string | null;
  addedAtMs: number;
}
