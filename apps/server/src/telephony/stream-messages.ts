// The Twilio Media Streams WebSocket protocol as callsim speaks it. In: `connected`,
// `start` (stream and call ids, custom parameters, media format), `media` (base64 μ-law,
// 8 kHz mono, 20 ms per message), `dtmf`, `mark` (a mark we sent has played), `stop`.
// Out (bidirectional streams): `media`, `mark`, `clear`. Every inbound message is
// validated; anything else is ignored.
import { z } from 'zod';

const sequence = { sequenceNumber: z.string().optional() };

const startSchema = z.object({
  event: z.literal('start'),
  ...sequence,
  streamSid: z.string().min(1),
  start: z.object({
    accountSid: z.string(),
    callSid: z.string().min(1),
    streamSid: z.string().min(1).optional(),
    tracks: z.array(z.string()).optional(),
    customParameters: z.record(z.string(), z.string()).default({}),
    mediaFormat: z.object({ encoding: z.string(), sampleRate: z.number(), channels: z.number() }),
  }),
});

export const inboundStreamMessageSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('connected'),
    protocol: z.string().optional(),
    version: z.string().optional(),
  }),
  startSchema,
  z.object({
    event: z.literal('media'),
    ...sequence,
    streamSid: z.string(),
    media: z.object({
      track: z.string().optional(),
      chunk: z.string().optional(),
      timestamp: z.string().optional(),
      payload: z.string(),
    }),
  }),
  z.object({
    event: z.literal('dtmf'),
    ...sequence,
    streamSid: z.string(),
    dtmf: z.object({ track: z.string().optional(), digit: z.string().regex(/^[0-9*#A-D]$/) }),
  }),
  z.object({
    event: z.literal('mark'),
    ...sequence,
    streamSid: z.string(),
    mark: z.object({ name: z.string() }),
  }),
  z.object({
    event: z.literal('stop'),
    ...sequence,
    streamSid: z.string(),
    stop: z.object({ accountSid: z.string().optional(), callSid: z.string().optional() }).optional(),
  }),
]);

export type InboundStreamMessage = z.infer<typeof inboundStreamMessageSchema>;
export type StreamStart = z.infer<typeof startSchema>;

/** Audio Twilio sends and accepts on a bidirectional stream. */
export const PHONE_MEDIA_FORMAT = { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } as const;

export function mediaMessage(streamSid: string, mulaw: Uint8Array): string {
  const payload = Buffer.from(mulaw.buffer, mulaw.byteOffset, mulaw.byteLength).toString('base64');
  return JSON.stringify({ event: 'media', streamSid, media: { payload } });
}

export function markMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: 'mark', streamSid, mark: { name } });
}

/** Drops audio Twilio has buffered but not played yet (the agent talked over the line). */
export function clearMessage(streamSid: string): string {
  return JSON.stringify({ event: 'clear', streamSid });
}
