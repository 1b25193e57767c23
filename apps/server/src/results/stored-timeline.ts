// Reads the timeline JSON written next to a call's recording (contract in ARCHITECTURE.md),
// validated with zod where it enters: segments and events with times in ms from answer.
// Guarantees: a missing or unreadable file is a NOT_FOUND AppError naming the call, never a crash.
import { readFile } from 'node:fs/promises';
import { AppError } from '@callsim/protocol';
import { z } from 'zod';
import type { CallTimeline } from '../recorder/timeline.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const segmentSchema = z.looseObject({
  speaker: z.enum(['agent', 'caller']),
  startMs: finite,
  endMs: finite,
  text: z.string(),
  engine: z.string().default('none'),
  turnId: z.string().nullish(),
  interruption: z.boolean().optional(),
});

const eventSchema = z.looseObject({ type: z.string().min(1), atMs: finite });

const timelineSchema = z.looseObject({
  callId: z.string(),
  scenarioId: z.string(),
  locale: z.string(),
  sampleRateHz: finite.default(16000),
  durationMs: finite.default(0),
  segments: z.array(segmentSchema).default([]),
  events: z.array(eventSchema).default([]),
});

/** What the scorer and the results API read of a stored timeline. */
export type StoredTimeline = Pick<
  CallTimeline,
  'callId' | 'scenarioId' | 'locale' | 'sampleRateHz' | 'durationMs' | 'segments' | 'events'
>;

/** Reads and validates `timelinePath` of call `callId`. */
export async function readStoredTimeline(
  timelinePath: string | null,
  callId: string,
): Promise<StoredTimeline> {
  if (!timelinePath) throw new AppError('NOT_FOUND', 'call has no timeline', { details: { callId } });
  let text: string;
  try {
    text = await readFile(timelinePath, 'utf8');
  } catch (error) {
    throw new AppError('NOT_FOUND', 'timeline file missing', { details: { callId }, cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('NOT_FOUND', 'timeline file is not JSON', { details: { callId }, cause: error });
  }
  const parsed = timelineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('NOT_FOUND', 'timeline file is invalid', {
      details: { callId, field: issue?.path.join('.') ?? '', reason: issue?.message ?? 'invalid' },
    });
  }
  const t = parsed.data;
  return {
    callId: t.callId,
    scenarioId: t.scenarioId,
    locale: t.locale,
    sampleRateHz: t.sampleRateHz,
    durationMs: t.durationMs,
    segments: t.segments.map((s) => ({
      speaker: s.speaker,
      startMs: s.startMs,
      endMs: Math.max(s.startMs, s.endMs),
      text: s.text,
      engine: s.engine,
      ...(s.turnId === undefined ? {} : { turnId: s.turnId }),
      ...(s.interruption === undefined ? {} : { interruption: s.interruption }),
    })),
    events: t.events as CallTimeline['events'],
  };
}
