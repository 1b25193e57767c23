// A headless softphone (the `callsim agent` command and the load test's building block):
// logs in over REST, opens the socket, goes Ready, takes a practice call (or dials an
// outbound task), streams each turn's WAV in real time as 20 ms frames after the
// customer finishes a line, and measures what a trainee would feel: frames sent and
// lost, sender jitter, and turn latency (our last voiced frame → first customer frame).
import { rmsDb } from '@callsim/audio';
import {
  type AckResult,
  type CallConnectedDto,
  type CallDialingDto,
  type CallEndedDto,
  type CallOfferDto,
  type ClientToServerEvents,
  type CustomerLineDto,
  type DialOutcome,
  type DialOutcomeDto,
  type HelloPayload,
  type MediaFrame,
  type MediaPacket,
  MicrophoneUplink,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { io, type Socket } from 'socket.io-client';
import { FramePacer } from './frame-pacer.js';
import { loadTurnAudio, type TurnAudio } from './turn-audio.js';

export interface AgentTurn {
  wav: string;
  text?: string;
}

export interface HeadlessAgentOptions {
  url: string;
  username: string;
  password: string;
  scenarioId?: string;
  taskId?: string;
  turns: AgentTurn[];
  mode?: 'practice' | 'exam';
  pacer?: FramePacer;
  /** Gap between the customer's line ending and our turn, like a person drawing breath. */
  responseGapMs?: number;
  /** Speak first when the customer has not spoken this long after answer. */
  speakFirstAfterMs?: number;
  /** Give up when nothing happens for this long. */
  idleTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface HeadlessAgentResult {
  callId: string;
  recordingPath: string | null;
  timelinePath: string | null;
  endedBy: 'agent' | 'customer' | 'system';
  /** Microphone frames put on the wire (quiet stretches are announced, not sent). */
  framesSent: number;
  framesReceived: number;
  /** Caller frames missing from the received sequence. */
  framesLost: number;
  turnLatenciesMs: number[];
  customerLines: number;
  /** Outbound tasks: how the dial went (`answered` runs the call; otherwise no recording). */
  dialOutcome?: DialOutcome;
  /** Outbound tasks: ringback (and busy tone / voicemail) frames heard before the outcome. */
  ringbackFrames?: number;
  /** Per caller frame: arrival delay minus the smallest delay seen (ms); its p99 is the jitter. */
  arrivalJitterMs: number[];
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

class AgentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

async function ack<T>(promise: Promise<AckResult<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new AgentError(result.error.code, result.error.message);
  return result.value;
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-US' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new AgentError(
      body.error?.code ?? 'LOGIN_FAILED',
      body.error?.message ?? `login failed (${response.status})`,
    );
  }
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** How to log in: a softphone session is one trainee's shift, many calls on one socket. */
export interface SoftphoneLogin {
  url: string;
  username: string;
  password: string;
}

/** One call taken (or dialled) on an open softphone. */
export type CallOptions = Omit<HeadlessAgentOptions, keyof SoftphoneLogin>;

/**
 * A trainee's softphone for a whole shift: logs in once, keeps one socket open and takes
 * calls back to back, the way the browser softphone does. (Logging in again for every call
 * would make a load test measure password hashing instead of calls.)
 */
export class HeadlessSoftphone {
  private constructor(
    private readonly socket: ClientSocket,
    private readonly onDisconnect: Promise<never>,
  ) {}

  static async open(login_: SoftphoneLogin): Promise<HeadlessSoftphone> {
    const cookie = await login(login_.url, login_.username, login_.password);
    const socket: ClientSocket = io(login_.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    try {
      await new Promise<HelloPayload>((resolve, reject) => {
        socket.once('session:hello', resolve);
        socket.once('connect_error', (error) => reject(new AgentError('SOCKET', error.message)));
      });
    } catch (error) {
      socket.close();
      throw error;
    }
    const onDisconnect = new Promise<never>((_, reject) =>
      socket.once('disconnect', (reason) => reject(new AgentError('SOCKET', `socket closed: ${reason}`))),
    );
    onDisconnect.catch(() => undefined);
    return new HeadlessSoftphone(socket, onDisconnect);
  }

  /** Goes Ready and takes one call; every listener it adds is removed when it returns. */
  async takeCall(options: CallOptions): Promise<HeadlessAgentResult> {
    const listeners: [string, (...args: never[]) => void][] = [];
    const on = ((event: string, listener: (...args: never[]) => void) => {
      listeners.push([event, listener]);
      this.socket.on(event as never, listener as never);
    }) as ClientSocket['on'];
    const pacing: { stop: (() => void) | null } = { stop: null };
    try {
      return await Promise.race([runCall(this.socket, on, pacing, options), this.onDisconnect]);
    } finally {
      pacing.stop?.();
      for (const [event, listener] of listeners) this.socket.off(event as never, listener as never);
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Logs in, takes one call and logs out: the `callsim agent` command. */
export async function runHeadlessAgent(options: HeadlessAgentOptions): Promise<HeadlessAgentResult> {
  const phone = await HeadlessSoftphone.open(options);
  try {
    return await phone.takeCall(options);
  } finally {
    phone.close();
  }
}

async function runCall(
  socket: ClientSocket,
  on: ClientSocket['on'],
  pacing: { stop: (() => void) | null },
  options: CallOptions,
): Promise<HeadlessAgentResult> {
  const log = options.log ?? (() => undefined);
  const turns: TurnAudio[] = await Promise.all(options.turns.map((t) => loadTurnAudio(t.wav)));
  const pacer = options.pacer ?? new FramePacer();
  const responseGapMs = options.responseGapMs ?? 300;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  await ack(socket.timeout(10_000).emitWithAck('agent:set-status', { state: 'ready' }).catch(timeoutAck));
  const browserAsr = options.turns.some((t) => t.text !== undefined);
  let callId: string;
  let connected: CallConnectedDto;
  let dialOutcome: DialOutcome | undefined;
  let ringbackFrames: number | undefined;
  if (options.scenarioId) {
    // The offer may arrive before the acknowledgement that names the call.
    let wanted: string | null = null;
    const early: CallOfferDto[] = [];
    const offered = new Promise<CallOfferDto>((resolve) =>
      on('call:offer', (offer) => {
        if (wanted === null) early.push(offer);
        else if (offer.callId === wanted) resolve(offer);
      }),
    );
    ({ callId } = await ack<{ callId: string }>(
      socket
        .timeout(10_000)
        .emitWithAck('practice:start', { scenarioId: options.scenarioId, mode: options.mode ?? 'practice' })
        .catch(timeoutAck),
    ));
    wanted = callId;
    const offer = early.find((o) => o.callId === callId) ?? (await offered);
    log(`ringing: ${offer.title} (${offer.customer.name})`);
    connected = await ack(
      socket.timeout(10_000).emitWithAck('call:answer', { callId, browserAsr }).catch(timeoutAck),
    );
  } else if (options.taskId) {
    const dial = await dialTask(socket, on, options.taskId, browserAsr, idleTimeoutMs, log);
    callId = dial.callId;
    dialOutcome = dial.outcome;
    ringbackFrames = dial.ringbackFrames;
    if (!dial.connected) {
      return {
        callId,
        recordingPath: null,
        timelinePath: null,
        endedBy: dial.ended?.endedBy ?? 'system',
        framesSent: 0,
        framesReceived: 0,
        framesLost: 0,
        turnLatenciesMs: [],
        customerLines: 0,
        arrivalJitterMs: [],
        dialOutcome,
        ringbackFrames,
      };
    }
    connected = dial.connected;
  } else {
    throw new AgentError('USAGE', 'give a scenario or an outbound task');
  }
  log(`answered ${connected.callId}`);

  // --- the call ---
  let framesSent = 0;
  let framesReceived = 0;
  let framesLost = 0;
  let lastCallerSeq = -1;
  /** Where the customer's announced silence began (frames from there are not sent), if it has. */
  let silentFrom: number | null = null;
  let customerLines = 0;
  let turnIndex = 0;
  let speaking: { audio: TurnAudio; frame: number } | null = null;
  let lastVoicedSentAtMs: number | null = null;
  const turnLatenciesMs: number[] = [];
  const arrivalDelaysMs: number[] = [];
  let customerTalking = false;
  let nextTurnAtMs: number | null = performance.now() + (options.speakFirstAfterMs ?? 1500);
  let hangupAtMs: number | null = null;
  let lastActivityMs = performance.now();
  const silence = new Int16Array(320);

  const ended = new Promise<CallEndedDto>((resolve) =>
    on('call:ended', (e) => e.callId === callId && resolve(e)),
  );

  on('media:caller', (packet: MediaFrame) => {
    if (packet.callId !== callId) return;
    const arrivedMs = performance.now();
    const bytes = packet.pcm instanceof ArrayBuffer ? new Uint8Array(packet.pcm) : packet.pcm;
    // A packet may carry several frames (seq, seq + 1, …); frames after the first are early.
    const frames = Math.max(1, Math.floor(bytes.byteLength / 640));
    const lastSeq = packet.seq + frames - 1;
    framesReceived += frames;
    arrivalDelaysMs.push(arrivedMs - packet.seq * 20);
    if (lastCallerSeq >= 0 && packet.seq > lastCallerSeq + 1) {
      // Frames after a silence announcement were suppressed, not lost.
      const gapEnd = silentFrom !== null && silentFrom <= packet.seq ? silentFrom : packet.seq;
      framesLost += Math.max(0, gapEnd - lastCallerSeq - 1);
    }
    if (silentFrom !== null && silentFrom <= lastSeq) silentFrom = null;
    if (lastSeq > lastCallerSeq) lastCallerSeq = lastSeq;
    if (lastVoicedSentAtMs !== null) {
      const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + frames * 640));
      for (let f = 0; f < frames; f++) {
        let peak = 0;
        for (let i = f * 320; i < (f + 1) * 320; i++) peak = Math.max(peak, Math.abs(samples[i]!));
        if (peak > 200) {
          // The reply starts with this frame: it is due f × 20 ms after the packet's first.
          turnLatenciesMs.push(arrivedMs + f * 20 - lastVoicedSentAtMs);
          lastVoicedSentAtMs = null;
          break;
        }
      }
    }
  });
  on('media:caller-silence', ({ callId: silentCall, seq }) => {
    if (silentCall === callId) silentFrom = seq;
  });
  on('call:customer-line', (line: CustomerLineDto) => {
    if (line.callId !== callId) return;
    lastActivityMs = performance.now();
    if (line.phase === 'start') {
      customerTalking = true;
      customerLines++;
      nextTurnAtMs = null;
      if (line.text) log(`customer: ${line.text}`);
    } else {
      customerTalking = false;
      if (turnIndex < turns.length) nextTurnAtMs = performance.now() + responseGapMs;
      else hangupAtMs = performance.now() + 1500;
    }
  });
  on('call:agent-turn', (turn) => {
    if (turn.callId === callId) log(`agent (${turn.engine}): ${turn.text}`);
  });

  // Like the browser softphone: two frames per packet; a quiet microphone is announced
  // once, then not streamed.
  const uplink = new MicrophoneUplink();
  const sink = {
    packet: (packet: MediaPacket) => socket.emit('media:agent', { callId, ...packet }),
    silence: (seq: number) => socket.emit('media:agent-silence', { callId, seq }),
  };
  const sendFrame = (frame: Int16Array) => {
    if (uplink.push(toBytes(frame), rmsDb(frame), sink)) framesSent++;
  };

  const done = new Promise<void>((resolve) => {
    pacing.stop = pacer.add((nowMs) => {
      if (speaking) {
        const frame = speaking.audio.frames[speaking.frame] ?? silence;
        if (speaking.frame === speaking.audio.lastVoicedFrame) lastVoicedSentAtMs = nowMs;
        speaking.frame++;
        if (speaking.frame >= speaking.audio.frames.length) speaking = null;
        sendFrame(frame);
        return;
      }
      sendFrame(silence);
      if (nextTurnAtMs !== null && nowMs >= nextTurnAtMs && !customerTalking && turnIndex < turns.length) {
        const text = options.turns[turnIndex]?.text;
        if (text !== undefined) socket.emit('call:transcript', { callId, text });
        speaking = { audio: turns[turnIndex]!, frame: 0 };
        turnIndex++;
        nextTurnAtMs = null;
        lastActivityMs = nowMs;
      }
      if (hangupAtMs !== null && nowMs >= hangupAtMs) {
        hangupAtMs = null;
        resolve();
      }
      if (nowMs - lastActivityMs > idleTimeoutMs) resolve();
    });
  });

  const outcome = await Promise.race([
    ended.then((e) => ({ kind: 'ended' as const, e })),
    done.then(() => ({ kind: 'done' as const })),
  ]);
  let end: CallEndedDto;
  if (outcome.kind === 'ended') end = outcome.e;
  else {
    end = await ack(socket.timeout(10_000).emitWithAck('call:hangup', { callId }).catch(timeoutAck));
  }
  pacing.stop?.();
  pacing.stop = null;
  let minDelay = Number.POSITIVE_INFINITY;
  for (const d of arrivalDelaysMs) if (d < minDelay) minDelay = d;
  return {
    arrivalJitterMs: arrivalDelaysMs.map((d) => d - minDelay),
    callId,
    recordingPath: end.recordingPath,
    timelinePath: end.timelinePath,
    endedBy: end.endedBy,
    framesSent,
    framesReceived,
    framesLost,
    turnLatenciesMs,
    customerLines,
    ...(dialOutcome ? { dialOutcome, ringbackFrames } : {}),
  };
}

/**
 * Dials an outbound task and waits through ringback for the outcome: `connected` when the
 * customer answered, otherwise the dial's `call:ended`.
 */
async function dialTask(
  socket: ClientSocket,
  on: ClientSocket['on'],
  taskId: string,
  browserAsr: boolean,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<{
  callId: string;
  outcome: DialOutcome;
  ringbackFrames: number;
  connected: CallConnectedDto | null;
  ended: CallEndedDto | null;
}> {
  let callId: string | null = null;
  let ringbackFrames = 0;
  const byCall = <T extends { callId: string }>(
    event: 'call:dialing' | 'call:dial-outcome' | 'call:connected' | 'call:ended',
  ) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AgentError('TIMEOUT', `no ${event}`)), timeoutMs);
      timer.unref?.();
      const seen: T[] = [];
      const listener = (payload: T) => {
        if (callId === null) seen.push(payload);
        else if (payload.callId === callId) done(payload);
      };
      const done = (payload: T) => {
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(payload);
      };
      on(event, listener as never);
      waiters.push(() => {
        const early = seen.find((p) => p.callId === callId);
        if (early) done(early);
      });
    });
  const waiters: (() => void)[] = [];
  on('call:ringback', (frame) => {
    if (frame.callId === callId) ringbackFrames++;
  });
  const dialing = byCall<CallDialingDto>('call:dialing');
  const outcomeP = byCall<DialOutcomeDto>('call:dial-outcome');
  const connectedP = byCall<CallConnectedDto>('call:connected');
  const endedP = byCall<CallEndedDto>('call:ended');
  for (const p of [dialing, outcomeP, connectedP, endedP]) p.catch(() => undefined);
  ({ callId } = await ack<{ callId: string }>(
    socket.timeout(10_000).emitWithAck('outbound:dial', { taskId, browserAsr }).catch(timeoutAck),
  ));
  for (const wake of waiters) wake();
  const card = await dialing;
  log(`dialling: ${card.title} (${card.customer.name})`);
  const { outcome, ringCount } = await outcomeP;
  log(`dial outcome: ${outcome} after ${ringCount} ring(s)`);
  if (outcome === 'answered')
    return { callId: callId!, outcome, ringbackFrames, connected: await connectedP, ended: null };
  return { callId: callId!, outcome, ringbackFrames, connected: null, ended: await endedP };
}

function toBytes(frame: Int16Array): Uint8Array {
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
}

function timeoutAck(error: unknown): never {
  throw new AgentError('TIMEOUT', `server did not answer: ${(error as Error).message}`);
}
