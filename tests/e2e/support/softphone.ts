// A scripted softphone for the cluster test. Unlike runHeadlessAgent it signs in with a
// session cookie the test chose (logging in until nginx's cookie hash puts the agent on
// the node wanted) and it can wait for any offer, such as a teacher's class-session call,
// or dial an outbound task. It goes Ready, answers (or waits for the dialled customer to
// pick up), streams 20 ms frames in real time (one spoken turn after the customer's first
// line, silence otherwise) and hangs up after `hangupAfterMs` unless the customer or the
// system ends the call first.
import {
  type AckResult,
  type CallEndedDto,
  type CallOfferDto,
  type ClientToServerEvents,
  type CustomerLineDto,
  type DialOutcomeDto,
  type HelloPayload,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { io, type Socket } from 'socket.io-client';
import { FramePacer } from '../../../apps/server/src/agent/frame-pacer.js';
import { loadTurnAudio } from '../../../apps/server/src/agent/turn-audio.js';

export interface SoftphoneOptions {
  /** Where the browser would connect: the nginx proxy. */
  url: string;
  cookie: string;
  turnWav: string;
  /** Asks for a practice call of this scenario; without it the phone waits for an offer or a dial(). */
  scenarioId?: string;
  /** Hangs up this long after answering. */
  hangupAfterMs: number;
}

export interface SoftphoneCall {
  callId: string;
  endedBy: CallEndedDto['endedBy'];
  reason: string;
  /** Customer frames heard (sound only: pauses are announced, not streamed). */
  framesReceived: number;
  /**
   * How far the customer's stream got on this phone, in 20 ms frames: frames received plus
   * pauses announced as silence (to the call's end when it ended in a pause).
   */
  streamedFrames: number;
}

export interface Softphone {
  /** The call id, once answered. */
  answered: Promise<string>;
  /** The call's end; rejects when the socket drops first (its node died). */
  done: Promise<SoftphoneCall>;
  /** The server revoked this login (password reset, account disabled). */
  revoked: Promise<void>;
  /**
   * Sends `outbound:dial` for a task and returns the server's ack as it came (a refusal
   * carries its error code). An accepted dial rings back until its outcome; when the
   * customer picks up, `answered` resolves with the call id and the call runs as any other.
   */
  dial(taskId: string): Promise<AckResult<{ callId: string }>>;
  /** The outcome of this phone's accepted dial (`call:dial-outcome`). */
  dialOutcome: Promise<DialOutcomeDto>;
  /** Ringback frames this phone heard for its accepted dial. */
  ringbackFrames(): number;
  close(): void;
}

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const pacer = new FramePacer();

async function acked<T>(pending: Promise<AckResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Connects and goes Ready; the call runs in the background (see `answered` and `done`). */
export async function openSoftphone(options: SoftphoneOptions): Promise<Softphone> {
  const turn = await loadTurnAudio(options.turnWav);
  const socket: PhoneSocket = io(options.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    extraHeaders: { cookie: options.cookie },
    reconnection: false,
  });
  const hello = await new Promise<HelloPayload>((resolve, reject) => {
    socket.once('session:hello', resolve);
    socket.once('connect_error', reject);
  });
  const dropped = new Promise<never>((_resolve, reject) => {
    socket.once('disconnect', (reason) => reject(new Error(`socket disconnected: ${reason}`)));
  });
  dropped.catch(() => undefined);
  const revoked = new Promise<void>((resolve) => socket.once('session:revoked', () => resolve()));
  const offers: CallOfferDto[] = [];
  let offered: (() => void) | null = null;
  socket.on('call:offer', (offer) => {
    offers.push(offer);
    offered?.();
  });
  // The agent has one seat: a second phone of the same trainee finds it Ready already.
  if (hello.agent.state !== 'ready')
    await acked(socket.timeout(10_000).emitWithAck('agent:set-status', { state: 'ready' }));

  // Dial events may reach the phone before the dial's ack: keep them, match by call id once known.
  let dialledCallId: string | null = null;
  const ringbacks = new Map<string, number>();
  const outcomes: DialOutcomeDto[] = [];
  const connectedCallIds: string[] = [];
  const dialWaiters: (() => void)[] = [];
  const recheckDial = () => {
    for (const check of dialWaiters) check();
  };
  socket.on('call:ringback', ({ callId }) => ringbacks.set(callId, (ringbacks.get(callId) ?? 0) + 1));
  socket.on('call:dial-outcome', (outcome) => {
    outcomes.push(outcome);
    recheckDial();
  });
  socket.on('call:connected', ({ callId }) => {
    connectedCallIds.push(callId);
    recheckDial();
  });
  const dialOutcome = new Promise<DialOutcomeDto>((resolve) =>
    dialWaiters.push(() => {
      const found = outcomes.find((o) => o.callId === dialledCallId);
      if (found) resolve(found);
    }),
  );
  const pickedUp = new Promise<string>((resolve) =>
    dialWaiters.push(() => {
      if (dialledCallId !== null && connectedCallIds.includes(dialledCallId)) resolve(dialledCallId);
    }),
  );

  // The customer's stream may start before the answer's ack arrives (the first pause is
  // announced on the call's first tick): tally it by call id from the start.
  const streams = new Map<
    string,
    { framesReceived: number; highestSeq: number; silentFrom: number | null }
  >();
  const streamOf = (callId: string) => {
    let stream = streams.get(callId);
    if (!stream) {
      stream = { framesReceived: 0, highestSeq: -1, silentFrom: null };
      streams.set(callId, stream);
    }
    return stream;
  };
  socket.on('media:caller', (frame) => {
    const stream = streamOf(frame.callId);
    // A packet may carry several consecutive 20 ms frames.
    const frames = Math.max(1, Math.floor(frame.pcm.byteLength / 640));
    stream.framesReceived += frames;
    stream.highestSeq = Math.max(stream.highestSeq, frame.seq + frames - 1);
    stream.silentFrom = null;
  });
  socket.on('media:caller-silence', (silence) => {
    const stream = streamOf(silence.callId);
    stream.highestSeq = Math.max(stream.highestSeq, silence.seq);
    stream.silentFrom = silence.seq;
  });

  let stopPacing: (() => void) | null = null;
  const answered = (async () => {
    let callId: string | null = null;
    if (options.scenarioId) {
      ({ callId } = await acked<{ callId: string }>(
        socket
          .timeout(10_000)
          .emitWithAck('practice:start', { scenarioId: options.scenarioId, mode: 'practice' }),
      ));
    }
    const offer = await Promise.race([
      dropped,
      pickedUp,
      new Promise<CallOfferDto>((resolve) => {
        const check = () => {
          const found = offers.find((o) => callId === null || o.callId === callId);
          if (found) resolve(found);
        };
        offered = check;
        check();
      }),
    ]);
    // A dialled customer picked up: the call is already connected.
    if (typeof offer === 'string') return offer;
    await acked(
      socket.timeout(15_000).emitWithAck('call:answer', { callId: offer.callId, browserAsr: false }),
    );
    return offer.callId;
  })();
  answered.catch(() => undefined);

  const done = (async (): Promise<SoftphoneCall> => {
    const callId = await answered;
    const stream = streamOf(callId);
    let turnAtMs: number | null = performance.now() + 1_500;
    let turnFrame = -1;
    const silence = new Int16Array(320);
    let seq = 0;
    socket.on('call:customer-line', (line: CustomerLineDto) => {
      if (line.callId !== callId) return;
      if (line.phase === 'start' && turnFrame < 0) turnAtMs = null;
      else if (line.phase !== 'start' && turnFrame < 0) turnAtMs = performance.now() + 300;
    });
    stopPacing = pacer.add((nowMs) => {
      if (turnAtMs !== null && nowMs >= turnAtMs && turnFrame < 0) turnFrame = 0;
      const frame = turnFrame >= 0 && turnFrame < turn.frames.length ? turn.frames[turnFrame++]! : silence;
      socket.emit('media:agent', {
        callId,
        seq: seq++,
        pcm: new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength),
      });
    });
    const endedByServer = new Promise<CallEndedDto>((resolve) =>
      socket.on('call:ended', (ended) => ended.callId === callId && resolve(ended)),
    );
    const hangupTimer = new Promise<'hang-up'>((resolve) =>
      setTimeout(() => resolve('hang-up'), options.hangupAfterMs).unref(),
    );
    const first = await Promise.race([endedByServer, hangupTimer, dropped]);
    const ended =
      first === 'hang-up'
        ? await acked<CallEndedDto>(socket.timeout(15_000).emitWithAck('call:hangup', { callId }))
        : first;
    stopPacing?.();
    const { framesReceived, highestSeq, silentFrom } = stream;
    const streamedFrames =
      silentFrom === null ? highestSeq + 1 : Math.max(highestSeq + 1, Math.floor(ended.durationMs / 20));
    return { callId, endedBy: ended.endedBy, reason: ended.reason, framesReceived, streamedFrames };
  })();
  done.catch(() => undefined);

  return {
    answered,
    done,
    revoked,
    async dial(taskId) {
      const result = await socket.timeout(10_000).emitWithAck('outbound:dial', { taskId, browserAsr: false });
      if (result.ok) {
        dialledCallId = result.value.callId;
        recheckDial();
      }
      return result;
    },
    dialOutcome,
    ringbackFrames: () => (dialledCallId === null ? 0 : (ringbacks.get(dialledCallId) ?? 0)),
    close() {
      stopPacing?.();
      socket.close();
    },
  };
}
