// Live-call shapes shared by the softphone, `callsim agent` and the server: agent
// states, call offers, the call lifecycle and media frames. Media frames are 20 ms of
// 16 kHz mono s16le (640 bytes) with a sequence number; caller frames come back the same way.
import { z } from 'zod';

/** Agent (seat) states. The router enforces the transition table in apps/server/src/router/agent-state.ts. */
export const AGENT_STATES = ['offline', 'ready', 'ringing', 'on-call', 'after-call', 'break'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** States an agent may choose; the others are entered by the system. */
export const AGENT_SELECTABLE_STATES = ['offline', 'ready', 'break'] as const;

export const CALL_MODES = ['practice', 'exam'] as const;
export type CallMode = (typeof CALL_MODES)[number];

export const CALL_STATES = ['queued', 'ringing', 'connected', 'held', 'ended', 'abandoned'] as const;
export type CallState = (typeof CALL_STATES)[number];

export type CallEndedBy = 'agent' | 'customer' | 'system';

export interface AgentStatusDto {
  state: AgentState;
  sinceMs: number;
  /** Why the system changed the state (e.g. 'missed-call' after ring-no-answer). */
  reason?: string;
  callId?: string;
}

export interface CustomerCardDto {
  name: string;
  persona: string;
  facts: Record<string, string>;
}

export interface CallOfferDto {
  callId: string;
  scenarioId: string;
  title: string;
  category: string;
  direction: 'inbound' | 'outbound';
  locale: string;
  mode: CallMode;
  customer: CustomerCardDto;
  ringStartedAtMs: number;
  ringTimeoutMs: number;
  /** One ring every `ringPeriodMs`; three rings ≈ 15 s is the answering norm. */
  ringPeriodMs: number;
}

export interface ChecklistStepDto {
  id: string;
  label: string;
  phase: 'opening' | 'body' | 'closing' | null;
  required: boolean;
}

export interface CallConnectedDto {
  callId: string;
  answeredAtMs: number;
  mode: CallMode;
  /** Practice mode only; null in exam mode. */
  checklist: ChecklistStepDto[] | null;
  /** Whether the customer's lines are shown as subtitles (practice mode). */
  captions: boolean;
  /** Frames the server expects per second and their format. */
  media: { sampleRateHz: 16000; frameMs: 20; frameBytes: 640 };
}

export interface CustomerLineDto {
  callId: string;
  lineId: number;
  phase: 'start' | 'end' | 'cut';
  /** ms since answer, on the call's clock. */
  atMs: number;
  /** Subtitle text; only in practice mode. */
  text?: string;
}

export interface AgentTurnDto {
  callId: string;
  startMs: number;
  endMs: number;
  text: string;
  engine: string;
  interruption: boolean;
}

export interface ChecklistTickDto {
  callId: string;
  stepId: string;
  atMs: number;
  fuzzy: boolean;
}

export interface CallEndedDto {
  callId: string;
  endedBy: CallEndedBy;
  reason: string;
  durationMs: number;
  recordingPath: string | null;
  timelinePath: string | null;
}

/**
 * How an outbound dial ends up: the customer answers, the line is busy, nobody picks up,
 * voicemail takes it, or someone else answers (wrong number). `answered` runs the call.
 */
export const DIAL_OUTCOMES = ['answered', 'busy', 'no-answer', 'voicemail', 'wrong-person'] as const;
export type DialOutcome = (typeof DIAL_OUTCOMES)[number];

/** An outbound call the agent dialled: the customer card, and ringback until the outcome. */
export interface CallDialingDto extends CallOfferDto {
  taskId: string;
}

export interface DialOutcomeDto {
  callId: string;
  taskId: string;
  outcome: DialOutcome;
  /** Rings heard before the outcome. */
  ringCount: number;
}

/**
 * Audio in 20 ms frames: `pcm` is 16 kHz mono s16le, one frame (640 bytes) or up to
 * MEDIA_PACKET_MAX_FRAMES consecutive frames in one packet; `seq` numbers the first, the
 * others are seq + 1, seq + 2. Senders may pass an ArrayBuffer or a typed array; receivers
 * always get a Uint8Array (socketParser), which may be unaligned.
 */
export interface MediaFrame {
  callId: string;
  seq: number;
  pcm: ArrayBuffer | Uint8Array;
}

export const setStatusSchema = z.object({ state: z.enum(AGENT_SELECTABLE_STATES) });
export const practiceStartSchema = z.object({
  scenarioId: z.string().min(1).max(100),
  mode: z.enum(CALL_MODES).default('practice'),
});
export const callIdSchema = z.object({ callId: z.string().min(1).max(64) });
export const answerSchema = z.object({
  callId: z.string().min(1).max(64),
  browserAsr: z.boolean().default(false),
});
export const holdSchema = z.object({ callId: z.string().min(1).max(64), on: z.boolean() });
export const muteSchema = holdSchema;
export const dtmfSchema = z.object({
  callId: z.string().min(1).max(64),
  digit: z.string().regex(/^[0-9*#]$/),
});
export const transcriptSchema = z.object({
  callId: z.string().min(1).max(64),
  text: z.string().max(2000),
  engine: z.literal('browser').default('browser'),
});
/** `outbound:dial`: the agent dials one of their outbound tasks. */
export const dialTaskSchema = z.object({
  taskId: z.string().min(1).max(64),
  browserAsr: z.boolean().default(false),
});
/** Bytes of one media frame: 20 ms of 16 kHz mono s16le. */
export const MEDIA_FRAME_BYTES = 640;
/** Most frames one media packet may carry (60 ms). */
export const MEDIA_PACKET_MAX_FRAMES = 3;

/**
 * The media packet in an incoming `media:agent` payload, or undefined when it is malformed
 * (callId of 1–64 chars, seq a non-negative integer, pcm a Uint8Array of 1 to
 * MEDIA_PACKET_MAX_FRAMES whole frames — socketParser delivers binary as Uint8Array).
 * Hand-written instead of zod: it runs for every packet of every live call, up to 50 times a
 * second each.
 */
export function readMediaFrame(payload: unknown): (MediaFrame & { pcm: Uint8Array }) | undefined {
  const placed = readMediaSilence(payload);
  if (!placed) return undefined;
  const { pcm } = payload as Record<string, unknown>;
  if (!(pcm instanceof Uint8Array)) return undefined;
  const frames = pcm.byteLength / MEDIA_FRAME_BYTES;
  if (!Number.isInteger(frames) || frames < 1 || frames > MEDIA_PACKET_MAX_FRAMES) return undefined;
  return { ...placed, pcm };
}

/** The `{ callId, seq }` of an incoming `media:agent-silence` (or of a frame), or undefined when malformed. */
export function readMediaSilence(payload: unknown): { callId: string; seq: number } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { callId, seq } = payload as Record<string, unknown>;
  if (typeof callId !== 'string' || callId.length === 0 || callId.length > 64) return undefined;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) return undefined;
  return { callId, seq: seq as number };
}

export interface ScenarioSummaryDto {
  id: string;
  title: string;
  summary: string;
  locale: string;
  direction: 'inbound' | 'outbound';
  category: string;
  difficulty: number;
  persona: string;
  skills: string[];
}
