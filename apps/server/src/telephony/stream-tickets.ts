// Tickets that tie a Media Stream to the signed webhook that asked for it. The Voice /
// Gather webhook (signature checked) issues one and writes it into the <Stream>'s custom
// parameters; the stream's `start` message must bring it back for the same CallSid.
// Guarantees: 144 random bits, usable once, valid 60 s (Twilio connects within a second).
import { randomBytes } from 'node:crypto';
import type { CallMode } from '@callsim/protocol';

export const STREAM_TICKET_TTL_MS = 60_000;

/** What a stream is for: answer a call ringing for the trainee, or start a practice call. */
export type StreamPurpose =
  | { kind: 'answer'; callId: string }
  | { kind: 'practice'; scenarioId: string; mode: CallMode; source: 'phone' | 'practice' };

export type StreamTicket = StreamPurpose & { userId: string; callSid: string; expiresAtMs: number };

export class StreamTickets {
  private readonly tickets = new Map<string, StreamTicket>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(purpose: StreamPurpose, userId: string, callSid: string): string {
    const nowMs = this.now();
    for (const [id, t] of this.tickets) if (t.expiresAtMs <= nowMs) this.tickets.delete(id);
    const id = randomBytes(18).toString('base64url');
    this.tickets.set(id, { ...purpose, userId, callSid, expiresAtMs: nowMs + STREAM_TICKET_TTL_MS });
    return id;
  }

  /** The ticket, once; null when unknown, used or expired. */
  redeem(id: string): StreamTicket | null {
    const ticket = this.tickets.get(id);
    this.tickets.delete(id);
    return ticket && ticket.expiresAtMs > this.now() ? ticket : null;
  }
}
