// The softphone's state and actions: one socket.io connection, the agent state, the
// ringing offer, an outbound dial (ringback, then the outcome), the live call (media,
// checklist, subtitles, hold, mute, keypad) and recovery — a dropped connection resumes
// the call when it comes back within the server's grace period; a lost microphone hangs
// up cleanly with a message.
import {
  type AckResult,
  type AgentState,
  type AgentStatusDto,
  type AgentTurnDto,
  type CallConnectedDto,
  type CallEndedDto,
  type CallOfferDto,
  type ClientToServerEvents,
  type DialOutcome,
  MicrophoneUplink,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { startBrowserRecognition } from './browser-recognition.js';
import { CallAudio, MicError } from './call-audio.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SoftphoneProblem =
  | { kind: 'mic-denied' | 'mic-missing' | 'device-lost' | 'connection-lost' | 'call-dropped' }
  | { kind: 'mic-other'; reason: string }
  | { kind: 'server'; code: string; details: Record<string, unknown> };

export interface LiveCall {
  callId: string;
  offer: CallOfferDto;
  connected: CallConnectedDto;
  startedAt: number;
  held: boolean;
  muted: boolean;
  ticks: Record<string, { atMs: number; fuzzy: boolean }>;
  captions: { lineId: number; text: string; active: boolean }[];
  agentTurns: AgentTurnDto[];
  digits: string;
}

/** An outbound dial until the customer answers (then it becomes the live call) or it ends. */
export interface DialState {
  callId: string | null;
  taskId: string;
  card: CallOfferDto | null;
  ringCount: number;
  outcome: DialOutcome | null;
}

export interface SoftphoneState {
  dialing: DialState | null;
  /** The last dial that ended without an answer (busy, no answer…). */
  lastDialOutcome: { taskId: string; outcome: DialOutcome | 'cancelled' } | null;
  /** Bumped when the server says the outbound worklist changed. */
  worklistVersion: number;
  online: boolean;
  reconnecting: boolean;
  agent: AgentStatusDto;
  offer: CallOfferDto | null;
  ringCount: number;
  call: LiveCall | null;
  lastEnded: CallEndedDto | null;
  levelDb: number | null;
  problem: SoftphoneProblem | null;
}

const INITIAL: SoftphoneState = {
  dialing: null,
  lastDialOutcome: null,
  worklistVersion: 0,
  online: false,
  reconnecting: false,
  agent: { state: 'offline', sinceMs: 0 },
  offer: null,
  ringCount: 0,
  call: null,
  lastEnded: null,
  levelDb: null,
  problem: null,
};

class AckError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown>,
  ) {
    super(code);
  }
}

async function ack<T>(promise: Promise<AckResult<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new AckError(result.error.code, result.error.details);
  return result.value;
}

export function useSoftphone(onRevoked: () => void) {
  const [state, setState] = useState<SoftphoneState>(INITIAL);
  const socketRef = useRef<ClientSocket | null>(null);
  const audioRef = useRef<CallAudio | null>(null);
  /** The microphone stream: sequence numbers, silence suppression, two frames per packet (as `callsim agent`). */
  const uplinkRef = useRef(new MicrophoneUplink());
  const callRef = useRef<LiveCall | null>(null);
  const dialRef = useRef<DialState | null>(null);
  const stopRecognitionRef = useRef<() => void>(() => undefined);
  const patch = useCallback(
    (update: Partial<SoftphoneState> | ((s: SoftphoneState) => Partial<SoftphoneState>)) => {
      setState((s) => {
        const next = { ...s, ...(typeof update === 'function' ? update(s) : update) };
        callRef.current = next.call;
        dialRef.current = next.dialing;
        return next;
      });
    },
    [],
  );
  const patchCall = useCallback(
    (update: (call: LiveCall) => Partial<LiveCall>) =>
      patch((s) => (s.call ? { call: { ...s.call, ...update(s.call) } } : {})),
    [patch],
  );

  const stopAudio = useCallback(async () => {
    stopRecognitionRef.current();
    stopRecognitionRef.current = () => undefined;
    const audio = audioRef.current;
    audioRef.current = null;
    await audio?.stop();
    patch({ levelDb: null });
  }, [patch]);

  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof AckError)
        patch({ problem: { kind: 'server', code: error.code, details: error.details } });
      else if (error instanceof MicError) {
        patch({
          problem:
            error.kind === 'other'
              ? { kind: 'mic-other', reason: error.message }
              : { kind: error.kind === 'denied' ? 'mic-denied' : 'mic-missing' },
        });
      } else patch({ problem: { kind: 'server', code: 'INTERNAL', details: {} } });
    },
    [patch],
  );

  useEffect(() => {
    const socket: ClientSocket = io({
      ...socketClientOptions(),
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    socketRef.current = socket;

    socket.on('session:hello', (hello) => {
      patch({ online: true, reconnecting: false, agent: hello.agent });
      const current = callRef.current;
      if (current && hello.activeCallId === current.callId) {
        uplinkRef.current.reset();
        audioRef.current?.resetPlayback();
        ack(socket.timeout(5000).emitWithAck('call:resume', { callId: current.callId }))
          .then(() => patch({ problem: null }))
          .catch(() => undefined);
      } else if (current) {
        void stopAudio();
        patch({ call: null, problem: { kind: 'call-dropped' } });
      }
    });
    // A page older or newer than the server cannot carry calls: say so instead of retrying.
    socket.on('connect_error', (error) => {
      const code = (error as { data?: { code?: unknown } }).data?.code;
      if (code === 'SOCKET_WIRE_MISMATCH') patch({ problem: { kind: 'server', code, details: {} } });
    });
    socket.on('disconnect', (reason) => {
      patch((s) => ({
        online: false,
        reconnecting: reason !== 'io server disconnect',
        problem: s.call ? { kind: 'connection-lost' } : s.problem,
      }));
    });
    socket.on('session:revoked', onRevoked);
    socket.on('agent:status', (agent) => patch({ agent }));
    socket.on('call:offer', (offer) => patch({ offer, ringCount: 1, lastEnded: null }));
    socket.on('call:ring', ({ callId, ringCount }) =>
      patch((s) =>
        s.offer?.callId === callId
          ? { ringCount }
          : s.dialing && s.dialing.callId === callId
            ? { dialing: { ...s.dialing, ringCount } }
            : {},
      ),
    );
    socket.on('outbound:worklist-changed', () => patch((s) => ({ worklistVersion: s.worklistVersion + 1 })));
    socket.on('call:dialing', (card) =>
      patch((s) =>
        s.dialing && s.dialing.taskId === card.taskId
          ? { dialing: { ...s.dialing, callId: card.callId, card, ringCount: 1 } }
          : {},
      ),
    );
    socket.on('call:ringback', (frame) => {
      const dialing = dialRef.current;
      if (dialing && (dialing.callId === frame.callId || dialing.callId === null))
        audioRef.current?.play(frame.pcm);
    });
    socket.on('call:dial-outcome', ({ callId, outcome, ringCount }) =>
      patch((s) =>
        s.dialing && s.dialing.callId === callId ? { dialing: { ...s.dialing, outcome, ringCount } } : {},
      ),
    );
    socket.on('call:connected', (connected) => {
      const dialing = dialRef.current;
      if (!dialing?.card || dialing.callId !== connected.callId) return;
      audioRef.current?.resetPlayback();
      uplinkRef.current.reset();
      const card = dialing.card;
      patch({
        dialing: null,
        problem: null,
        call: {
          callId: connected.callId,
          offer: card,
          connected,
          startedAt: Date.now(),
          held: false,
          muted: false,
          ticks: {},
          captions: [],
          agentTurns: [],
          digits: '',
        },
      });
      stopRecognitionRef.current = startBrowserRecognition(card.locale, (text) => {
        socketRef.current?.emit('call:transcript', { callId: connected.callId, text });
      });
    });
    socket.on('call:offer-withdrawn', ({ callId }) =>
      patch((s) => (s.offer?.callId === callId ? { offer: null, ringCount: 0 } : {})),
    );
    socket.on('media:caller', (frame) => {
      if (frame.callId === callRef.current?.callId) audioRef.current?.play(frame.pcm);
    });
    socket.on('call:customer-line', (line) =>
      patchCall((call) => {
        if (line.phase === 'start')
          return {
            captions: [
              ...call.captions.slice(-20),
              { lineId: line.lineId, text: line.text ?? '', active: true },
            ],
          };
        return {
          captions: call.captions.map((c) => (c.lineId === line.lineId ? { ...c, active: false } : c)),
        };
      }),
    );
    socket.on('call:agent-turn', (turn) =>
      patchCall((call) => ({ agentTurns: [...call.agentTurns.slice(-20), turn] })),
    );
    socket.on('call:checklist', (tick) =>
      patchCall((call) => ({
        ticks: { ...call.ticks, [tick.stepId]: { atMs: tick.atMs, fuzzy: tick.fuzzy } },
      })),
    );
    socket.on('call:held', ({ on }) => patchCall(() => ({ held: on })));
    socket.on('call:ended', (ended) => {
      const dialing = dialRef.current;
      if (dialing && dialing.callId === ended.callId) {
        void stopAudio();
        patch({
          dialing: null,
          lastDialOutcome: { taskId: dialing.taskId, outcome: dialing.outcome ?? 'cancelled' },
        });
        return;
      }
      if (ended.callId !== callRef.current?.callId) return;
      void stopAudio();
      patch({ call: null, lastEnded: ended });
    });
    return () => {
      socket.close();
      void stopAudio();
    };
  }, [onRevoked, patch, patchCall, stopAudio]);

  const emit = useCallback(<T>(run: (socket: ClientSocket) => Promise<AckResult<T>>): Promise<T> => {
    const socket = socketRef.current;
    if (!socket?.connected) return Promise.reject(new AckError('NETWORK', {}));
    return ack(run(socket));
  }, []);

  const setStatus = useCallback(
    (target: AgentState) => {
      if (target !== 'offline' && target !== 'ready' && target !== 'break') return;
      emit<AgentStatusDto>((s) => s.timeout(5000).emitWithAck('agent:set-status', { state: target }))
        .then((agent) => patch({ agent, problem: null }))
        .catch(fail);
    },
    [emit, fail, patch],
  );

  const practice = useCallback(
    (scenarioId: string, mode: 'practice' | 'exam') => {
      emit((s) => s.timeout(5000).emitWithAck('practice:start', { scenarioId, mode }))
        .then(() => patch({ problem: null }))
        .catch(fail);
    },
    [emit, fail, patch],
  );

  /** Opens the microphone and the playback path; false (with the problem shown) when it fails. */
  const startAudio = useCallback(async (): Promise<boolean> => {
    const audio = new CallAudio();
    try {
      await audio.start({
        onFrame: (pcm, levelDb) => {
          const call = callRef.current;
          const socket = socketRef.current;
          setState((s) => (Math.abs((s.levelDb ?? -90) - levelDb) > 1.5 ? { ...s, levelDb } : s));
          if (!call || !socket?.connected) return;
          // A quiet (or muted) microphone is announced once and then not streamed.
          uplinkRef.current.push(
            call.muted ? new ArrayBuffer(640) : pcm,
            call.muted ? Number.NEGATIVE_INFINITY : levelDb,
            {
              packet: (packet) => socket.volatile.emit('media:agent', { callId: call.callId, ...packet }),
              silence: (seq) => socket.emit('media:agent-silence', { callId: call.callId, seq }),
            },
          );
        },
        onDeviceLost: () => {
          const call = callRef.current;
          if (call)
            void emit((s) => s.timeout(5000).emitWithAck('call:hangup', { callId: call.callId })).catch(
              () => undefined,
            );
          void stopAudio();
          patch({ call: null, problem: { kind: 'device-lost' } });
        },
      });
    } catch (error) {
      await audio.stop();
      fail(error);
      return false;
    }
    audioRef.current = audio;
    uplinkRef.current.reset();
    return true;
  }, [emit, fail, patch, stopAudio]);

  const answer = useCallback(async () => {
    const offer = state.offer;
    if (!offer) return;
    if (!(await startAudio())) return;
    try {
      const connected = await emit<CallConnectedDto>((s) =>
        s.timeout(8000).emitWithAck('call:answer', { callId: offer.callId, browserAsr: false }),
      );
      const call: LiveCall = {
        callId: offer.callId,
        offer,
        connected,
        startedAt: Date.now(),
        held: false,
        muted: false,
        ticks: {},
        captions: [],
        agentTurns: [],
        digits: '',
      };
      patch({ call, offer: null, ringCount: 0, problem: null });
      stopRecognitionRef.current = startBrowserRecognition(offer.locale, (text) => {
        socketRef.current?.emit('call:transcript', { callId: offer.callId, text });
      });
    } catch (error) {
      await stopAudio();
      patch({ offer: null });
      fail(error);
    }
  }, [emit, fail, patch, state.offer, startAudio, stopAudio]);

  /** Dials an outbound task: goes Ready if needed, opens the microphone, then rings the customer. */
  const dial = useCallback(
    async (taskId: string) => {
      if (callRef.current || dialRef.current) return;
      patch({
        dialing: { callId: null, taskId, card: null, ringCount: 0, outcome: null },
        lastDialOutcome: null,
      });
      if (!(await startAudio())) {
        patch({ dialing: null });
        return;
      }
      try {
        if (state.agent.state !== 'ready') {
          const agent = await emit<AgentStatusDto>((s) =>
            s.timeout(5000).emitWithAck('agent:set-status', { state: 'ready' }),
          );
          patch({ agent });
        }
        const { callId } = await emit<{ callId: string }>((s) =>
          s.timeout(8000).emitWithAck('outbound:dial', { taskId, browserAsr: false }),
        );
        patch((s) =>
          s.dialing?.taskId === taskId ? { dialing: { ...s.dialing, callId }, problem: null } : {},
        );
      } catch (error) {
        await stopAudio();
        patch({ dialing: null });
        fail(error);
      }
    },
    [emit, fail, patch, startAudio, state.agent.state, stopAudio],
  );

  /** Hangs up a dial that is still ringing. */
  const cancelDial = useCallback(() => {
    const dialing = dialRef.current;
    if (!dialing?.callId) return;
    emit<CallEndedDto>((s) => s.timeout(8000).emitWithAck('call:hangup', { callId: dialing.callId! }))
      .then(() => {
        void stopAudio();
        patch({ dialing: null, lastDialOutcome: { taskId: dialing.taskId, outcome: 'cancelled' } });
      })
      .catch(fail);
  }, [emit, fail, patch, stopAudio]);

  const hangup = useCallback(() => {
    const call = callRef.current;
    if (!call) return;
    emit<CallEndedDto>((s) => s.timeout(8000).emitWithAck('call:hangup', { callId: call.callId }))
      .then((ended) => {
        void stopAudio();
        patch({ call: null, lastEnded: ended });
      })
      .catch((error) => {
        void stopAudio();
        patch({ call: null });
        fail(error);
      });
  }, [emit, fail, patch, stopAudio]);

  const hold = useCallback(
    (on: boolean) => {
      const call = callRef.current;
      if (!call) return;
      emit((s) => s.timeout(5000).emitWithAck('call:hold', { callId: call.callId, on }))
        .then(() => patchCall(() => ({ held: on })))
        .catch(fail);
    },
    [emit, fail, patchCall],
  );

  const mute = useCallback(
    (on: boolean) => {
      const call = callRef.current;
      if (!call) return;
      emit((s) => s.timeout(5000).emitWithAck('call:mute', { callId: call.callId, on }))
        .then(() => patchCall(() => ({ muted: on })))
        .catch(fail);
    },
    [emit, fail, patchCall],
  );

  const dtmf = useCallback(
    (digit: string) => {
      const call = callRef.current;
      if (!call) return;
      emit((s) => s.timeout(5000).emitWithAck('call:dtmf', { callId: call.callId, digit }))
        .then(() => patchCall((c) => ({ digits: (c.digits + digit).slice(-20) })))
        .catch(fail);
    },
    [emit, fail, patchCall],
  );

  const dismissProblem = useCallback(() => patch({ problem: null }), [patch]);

  return { state, setStatus, practice, answer, dial, cancelDial, hangup, hold, mute, dtmf, dismissProblem };
}
