// One Twilio Media Stream bridged to one CallSession. The phone's μ-law frames become the
// agent's 16 kHz frames (held back 100 ms at first to absorb network jitter); the
// customer's lines go back as `media` messages, each followed by a `mark` so callsim knows
// when the phone finished playing it, and a line the agent talks over is dropped from
// Twilio's buffer with `clear`. A short pip (then mark `connected`) tells the trainee the
// call is live when the customer does not speak first. The stream ending hangs the call up (the trainee put the
// phone down); the call ending closes the stream once the phone played the last line,
// and Twilio hangs up (the TwiML after <Connect> is <Hangup/>).
//
//   awaiting-start ──start + valid ticket──► connecting ──answered──► live
//         │                                      │                     │ call ended
//         │ refused / 10 s                       │ stop / close         ▼
//         └───────────────► closed ◄─────────────┴──── stop / close ── draining ──last mark or 3 s──► closed
//
// A move not drawn here never happens: each handler checks the state it runs in.
import { FRAME_SAMPLES_16K } from '@callsim/audio';
import { AppError, type CustomerLineDto } from '@callsim/protocol';
import WebSocket from 'ws';
import type { CallService } from '../calls/call-service.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import type { Logger } from '../logging/logger.js';
import type { SessionEnd } from '../session/session-events.js';
import type { UsersTable } from '../storage/schema.js';
import { PhoneCodec } from './phone-codec.js';
import {
  clearMessage,
  type InboundStreamMessage,
  inboundStreamMessageSchema,
  markMessage,
  mediaMessage,
  PHONE_MEDIA_FORMAT,
  type StreamStart,
} from './stream-messages.js';
import type { StreamTicket, StreamTickets } from './stream-tickets.js';
import type { TwilioSettings } from './twilio-settings.js';

export type BridgeState = 'awaiting-start' | 'connecting' | 'live' | 'draining' | 'closed';

/** Agent audio is held back this long after the first frame: room for the phone network's jitter. */
export const PHONE_JITTER_HOLD_BACK_MS = 100;
const START_TIMEOUT_MS = 10_000;
/** Longest wait for the phone to finish the last line before closing the stream. */
const DRAIN_TIMEOUT_MS = 3000;
const OFFER_WAIT_MS = 5000;

export interface StreamBridgeDeps {
  settings: TwilioSettings;
  tickets: StreamTickets;
  calls: CallService;
  library: ScenarioLibrary;
  findUser(userId: string): Promise<UsersTable | undefined>;
  classesOf(userId: string): Promise<string[]>;
  notify(userId: string, event: string, payload: unknown): void;
  logger: Logger;
}

export interface BridgeStats {
  mediaIn: number;
  mediaOut: number;
  marksSent: number;
  marksPlayed: number;
  /** Per mark: ms from sending it to Twilio reporting it played (the phone-side buffer). */
  playoutLagMs: number[];
}

export class StreamBridge {
  state: BridgeState = 'awaiting-start';
  readonly stats: BridgeStats = { mediaIn: 0, mediaOut: 0, marksSent: 0, marksPlayed: 0, playoutLagMs: [] };
  private streamSid: string | null = null;
  private user: UsersTable | null = null;
  private callId: string | null = null;
  private logger: Logger;
  private readonly codec = new PhoneCodec();
  private nextSeq = 0;
  private chunkBase: number | null = null;
  private heldBack: [number, Int16Array][] | null = null;
  private released = false;
  private lineActive = false;
  private markAfterNextFrame: string | null = null;
  private readonly pendingMarks = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: StreamBridgeDeps,
  ) {
    this.logger = deps.logger;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(String(data));
    });
    ws.on('close', () => this.onRemoteEnd('socket-closed'));
    ws.on('error', (error) => this.logger.warn({ err: error }, 'twilio media socket error'));
    this.later(START_TIMEOUT_MS, () => {
      if (this.state === 'awaiting-start') this.refuse('no-start');
    });
  }

  /** Closes the stream from our side (server shutdown, after the call service ended its calls). */
  close(): void {
    this.state = 'closed';
    this.closeSocket(1001, 'server closing');
  }

  private onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = inboundStreamMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message: InboundStreamMessage = parsed.data;
    switch (message.event) {
      case 'connected':
        return;
      case 'start':
        if (this.state === 'awaiting-start') void this.onStart(message);
        return;
      case 'media':
        if (this.state === 'live' && (message.media.track ?? 'inbound') === 'inbound') this.onMedia(message);
        return;
      case 'dtmf':
        if (this.state === 'live' && this.user && this.callId) {
          try {
            this.deps.calls.sessionFor(this.user, this.callId).dtmf(message.dtmf.digit);
          } catch {
            // the call just ended
          }
        }
        return;
      case 'mark':
        this.onMarkPlayed(message.mark.name);
        return;
      case 'stop':
        this.onRemoteEnd('stop');
        return;
    }
  }

  private async onStart(message: StreamStart): Promise<void> {
    this.state = 'connecting';
    const { start } = message;
    const ticketId = start.customParameters.ticket;
    const ticket = ticketId ? this.deps.tickets.redeem(ticketId) : null;
    const format = start.mediaFormat;
    if (!ticket) return this.refuse('unknown-ticket', start.callSid);
    if (ticket.callSid !== start.callSid) return this.refuse('call-mismatch', start.callSid);
    if (start.accountSid !== this.deps.settings.accountSid)
      return this.refuse('wrong-account', start.callSid);
    if (
      format.encoding !== PHONE_MEDIA_FORMAT.encoding ||
      format.sampleRate !== PHONE_MEDIA_FORMAT.sampleRate ||
      format.channels !== PHONE_MEDIA_FORMAT.channels
    )
      return this.refuse('media-format', start.callSid);
    this.streamSid = message.streamSid;
    this.logger = this.deps.logger.child({ callSid: start.callSid, streamSid: message.streamSid });

    const user = await this.deps.findUser(ticket.userId);
    if (!user || user.disabled || user.role !== 'trainee')
      return this.refuse('user-not-allowed', start.callSid);
    this.user = user;
    let placed = false;
    try {
      if (ticket.kind === 'answer') this.callId = ticket.callId;
      else {
        this.callId = await this.placeCall(user, ticket);
        placed = true;
      }
      this.logger = this.logger.child({ callId: this.callId });
      await this.waitForOffer(user, this.callId);
      if ((this.state as BridgeState) === 'closed') throw new Error('the phone hung up before the answer');
      // The softphone (if open) stops ringing: the call is taken on the phone line.
      this.deps.notify(user.id, 'call:offer-withdrawn', { callId: this.callId, reason: 'taken' });
      await this.deps.calls.answerWithMedia(user, this.callId, {
        callerFrame: (_seq, pcm) => this.sendCallerFrame(pcm),
        customerLine: (line) => this.onCustomerLine(line),
        ended: (end) => this.onCallEnded(end),
      });
    } catch (error) {
      this.logger.warn({ err: error, kind: ticket.kind }, 'phone call not connected');
      if (placed && this.callId)
        await this.deps.calls.router
          .abandon(this.callId, 'answer-failed')
          .catch((abandonError: unknown) => this.logger.error({ err: abandonError }, 'call not abandoned'));
      this.closeSocket(1011, 'call not connected');
      this.state = 'closed';
      return;
    }
    const now = this.state as BridgeState;
    if (now === 'closed') {
      // The phone hung up while the call was being answered.
      void this.hangUp();
      return;
    }
    if (now !== 'connecting') return; // the call already ended (draining)
    this.state = 'live';
    // A short pip tells the trainee on the phone the call is live (unless the customer already speaks).
    if (!this.lineActive) this.sendCue();
    this.logger.info({ userId: user.id, kind: ticket.kind }, 'phone call connected');
  }

  /** Creates a practice call for the trainee and has the router offer it to them. */
  private async placeCall(
    user: UsersTable,
    ticket: Extract<StreamTicket, { kind: 'practice' }>,
  ): Promise<string> {
    const { calls, library } = this.deps;
    const scenario = library.get(ticket.scenarioId);
    const seat = await calls.router.seat(user.id);
    if (seat?.state === 'ringing' || seat?.state === 'on-call')
      throw new AppError('AGENT_NOT_READY', 'agent is on another call');
    if (!seat) await calls.router.register(user.id, await this.deps.classesOf(user.id));
    const callId = await calls.createCall(scenario, {
      mode: ticket.mode,
      source: ticket.source,
      targetUserId: user.id,
      classId: null,
    });
    const state = (await calls.router.seat(user.id))?.state;
    if (state !== 'ready' && state !== 'ringing') await calls.router.setState(user.id, 'ready');
    if ((await calls.router.seat(user.id))?.offeredCallId !== callId) {
      // Another queued call reached the trainee first.
      await calls.router.abandon(callId, 'agent-not-ready');
      throw new AppError('AGENT_NOT_READY', 'agent took another call');
    }
    return callId;
  }

  /** The router's offer creates the session asynchronously: wait until it exists. */
  private async waitForOffer(user: UsersTable, callId: string): Promise<void> {
    const deadline = Date.now() + OFFER_WAIT_MS;
    for (;;) {
      try {
        this.deps.calls.sessionFor(user, callId);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private onMedia(message: Extract<InboundStreamMessage, { event: 'media' }>): void {
    this.stats.mediaIn++;
    const frames = this.codec.decode(Buffer.from(message.media.payload, 'base64'));
    const chunk = Number(message.media.chunk);
    for (const frame of frames) {
      let seq = this.nextSeq;
      // Twilio numbers its 20 ms chunks: a lost chunk leaves a gap instead of pulling audio early.
      if (Number.isInteger(chunk) && frames.length === 1) {
        this.chunkBase ??= chunk - this.nextSeq;
        seq = Math.max(this.nextSeq, chunk - this.chunkBase);
      }
      this.nextSeq = seq + 1;
      this.pushAgent(seq, frame);
    }
  }

  private pushAgent(seq: number, frame: Int16Array): void {
    if (this.released) {
      if (this.user && this.callId) this.deps.calls.pushAgentFrame(this.user.id, this.callId, seq, frame);
      return;
    }
    if (this.heldBack) {
      this.heldBack.push([seq, frame]);
      return;
    }
    this.heldBack = [[seq, frame]];
    this.later(PHONE_JITTER_HOLD_BACK_MS, () => {
      const held = this.heldBack ?? [];
      this.heldBack = null;
      this.released = true;
      for (const [s, f] of held) this.pushAgent(s, f);
    });
  }

  private onCustomerLine(line: CustomerLineDto): void {
    if (line.phase === 'start') {
      if (!this.lineActive) this.codec.resetEncoder();
      this.lineActive = true;
    } else if (line.phase === 'end') {
      // Sent right after the line's last frame, which the session emits next.
      this.lineActive = false;
      this.markAfterNextFrame = `line-${line.lineId}`;
    } else {
      this.lineActive = false;
      this.markAfterNextFrame = null;
      if (this.streamSid) this.send(clearMessage(this.streamSid));
    }
  }

  private sendCallerFrame(pcm: Int16Array): void {
    if (!this.streamSid || (this.state !== 'live' && this.state !== 'connecting')) return;
    // Between lines nothing is sent, so Twilio's buffer drains instead of growing.
    if (!this.lineActive && !this.markAfterNextFrame && isSilent(pcm)) return;
    this.send(mediaMessage(this.streamSid, this.codec.encode(pcm)));
    this.stats.mediaOut++;
    const mark = this.markAfterNextFrame;
    if (!mark) return;
    this.markAfterNextFrame = null;
    // One more frame flushes the resampler's tail, then the mark.
    this.send(mediaMessage(this.streamSid, this.codec.encode(SILENT_FRAME)));
    this.stats.mediaOut++;
    this.send(markMessage(this.streamSid, mark));
    this.stats.marksSent++;
    this.pendingMarks.set(mark, performance.now());
  }

  /** The connected cue: its mark comes back once the phone has played it. */
  private sendCue(): void {
    if (!this.streamSid) return;
    for (const frame of CONNECTED_CUE) this.send(mediaMessage(this.streamSid, this.codec.encode(frame)));
    this.send(mediaMessage(this.streamSid, this.codec.encode(SILENT_FRAME)));
    this.stats.mediaOut += CONNECTED_CUE.length + 1;
    this.send(markMessage(this.streamSid, CONNECTED_MARK));
    this.stats.marksSent++;
    this.pendingMarks.set(CONNECTED_MARK, performance.now());
  }

  private onMarkPlayed(name: string): void {
    const sentAt = this.pendingMarks.get(name);
    if (sentAt === undefined) return;
    this.pendingMarks.delete(name);
    this.stats.marksPlayed++;
    this.stats.playoutLagMs.push(Math.round(performance.now() - sentAt));
    this.logger.debug({ mark: name, lagMs: performance.now() - sentAt }, 'phone finished a customer line');
    if (this.state === 'draining' && this.pendingMarks.size === 0) this.finishDraining();
  }

  private onCallEnded(end: SessionEnd): void {
    this.logger.info(
      { endedBy: end.endedBy, reason: end.reason, durationMs: end.durationMs, media: this.stats },
      'phone call ended',
    );
    if (this.state !== 'live' && this.state !== 'connecting') return;
    this.state = 'draining';
    if (this.pendingMarks.size === 0) this.finishDraining();
    else this.later(DRAIN_TIMEOUT_MS, () => this.finishDraining());
  }

  private finishDraining(): void {
    if (this.state !== 'draining') return;
    this.state = 'closed';
    this.closeSocket(1000, 'call ended');
  }

  /** The phone side ended (stop message, socket closed, shutdown). */
  private onRemoteEnd(cause: string): void {
    const previous = this.state;
    if (previous === 'closed') return;
    this.state = 'closed';
    if (previous === 'live') {
      this.logger.info({ cause }, 'phone hung up');
      void this.hangUp();
    }
    if (cause === 'socket-closed') for (const timer of this.timers) clearTimeout(timer);
  }

  private async hangUp(): Promise<void> {
    if (!this.user || !this.callId) return;
    try {
      await this.deps.calls.hangup(this.user, this.callId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CALL_NOT_FOUND'))
        this.logger.error({ err: error }, 'phone hang-up failed');
    }
  }

  private refuse(reason: string, callSid?: string): void {
    this.logger.warn({ reason, callSid }, 'twilio media stream refused');
    this.state = 'closed';
    this.closeSocket(1008, 'refused');
  }

  private send(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private closeSocket(code: number, reason: string): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

const SILENT_FRAME = new Int16Array(FRAME_SAMPLES_16K);
/** Name of the mark that follows the connected cue. */
export const CONNECTED_MARK = 'connected';
/** 120 ms of 1 kHz at about -16 dBFS with 10 ms fades, as 20 ms frames at 16 kHz. */
const CONNECTED_CUE: Int16Array[] = (() => {
  const samples = 6 * FRAME_SAMPLES_16K;
  const fade = 160;
  const frames: Int16Array[] = [];
  for (let f = 0; f < 6; f++) {
    const frame = new Int16Array(FRAME_SAMPLES_16K);
    for (let i = 0; i < FRAME_SAMPLES_16K; i++) {
      const n = f * FRAME_SAMPLES_16K + i;
      const envelope = Math.min(1, n / fade, (samples - n) / fade);
      frame[i] = Math.round(5000 * envelope * Math.sin((2 * Math.PI * 1000 * n) / 16000));
    }
    frames.push(frame);
  }
  return frames;
})();

function isSilent(pcm: Int16Array): boolean {
  for (let i = 0; i < pcm.length; i++) if (pcm[i] !== 0) return false;
  return true;
}
