// socket.io on the same HTTP server: one connection per softphone, authenticated by
// the session cookie at handshake. Each socket joins rooms for its user, its session
// and its classes; revoking a session disconnects its sockets at once. Call events are
// validated here and handed to the CallService (outbound dials to the outbound dialer);
// every acknowledgement is ok or an ErrorBody.
import type { Server as HttpServer } from 'node:http';
import { FRAME_SAMPLES_16K } from '@callsim/audio';
import {
  AppError,
  answerSchema,
  type ClientToServerEvents,
  callIdSchema,
  dialTaskSchema,
  dtmfSchema,
  holdSchema,
  muteSchema,
  pickLocale,
  practiceStartSchema,
  readMediaFrame,
  readMediaSilence,
  type ServerToClientEvents,
  SOCKET_WIRE_FORMAT,
  setStatusSchema,
  socketParser,
  transcriptSchema,
} from '@callsim/protocol';
import { Server, type Socket } from 'socket.io';
import { readCookie, SESSION_COOKIE } from '../accounts/session-store.js';
import type { AppContext } from '../app/context.js';
import type { AgentChannel, CallService } from '../calls/call-service.js';
import { toErrorBody } from '../http/error-handler.js';
import { parseInput } from '../http/validate.js';
import type { UsersTable } from '../storage/schema.js';

export interface SocketData {
  user: UsersTable;
  sessionId: string;
}

/** Dials outbound tasks (apps/server/src/outbound); checks the task, the rules and the agent. */
export interface OutboundDialer {
  dial(user: UsersTable, taskId: string, browserAsr: boolean): Promise<{ callId: string }>;
}

export type CallsimIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type CallsimSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Delivers events to every socket of a user on this node. */
export class SocketAgentChannel implements AgentChannel {
  readonly sockets = new Map<string, Set<CallsimSocket>>();

  add(socket: CallsimSocket): void {
    const id = socket.data.user.id;
    const set = this.sockets.get(id) ?? new Set<CallsimSocket>();
    this.sockets.set(id, set);
    set.add(socket);
  }

  /** Removes the socket; true when the user has no socket left. */
  remove(socket: CallsimSocket): boolean {
    const set = this.sockets.get(socket.data.user.id);
    set?.delete(socket);
    if (set && set.size === 0) this.sockets.delete(socket.data.user.id);
    return !this.sockets.has(socket.data.user.id);
  }

  emit(userId: string, event: string, payload: unknown): void {
    for (const socket of this.sockets.get(userId) ?? []) {
      (socket.emit as (event: string, payload: unknown) => void)(event, payload);
    }
  }
}

export function createSocketServer(
  ctx: AppContext,
  httpServer: HttpServer,
  channel: SocketAgentChannel,
  calls: CallService,
  outbound?: OutboundDialer,
): CallsimIo {
  const io: CallsimIo = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    parser: socketParser,
    maxHttpBufferSize: 1_000_000,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  // A client on another parser would garble every media frame: refuse it at handshake, by name.
  io.use((socket, next) => {
    if ((socket.handshake.auth as { wire?: unknown }).wire === SOCKET_WIRE_FORMAT) return next();
    const data = { code: 'SOCKET_WIRE_MISMATCH', details: { expected: SOCKET_WIRE_FORMAT } };
    next(Object.assign(new Error('SOCKET_WIRE_MISMATCH'), { data }));
  });
  io.use(async (socket, next) => {
    try {
      const session = await ctx.sessions.resolve(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      if (!session)
        return next(Object.assign(new Error('AUTH_REQUIRED'), { data: { code: 'AUTH_REQUIRED' } }));
      socket.data.user = session.user;
      socket.data.sessionId = session.sessionId;
      next();
    } catch (error) {
      ctx.logger.error({ err: error }, 'socket auth failed');
      next(Object.assign(new Error('INTERNAL'), { data: { code: 'INTERNAL' } }));
    }
  });

  io.on('connection', async (socket) => {
    const { user, sessionId } = socket.data;
    const locale = pickLocale(user.locale ?? socket.handshake.headers['accept-language']);
    const classes = await ctx.users.classesOf(user.id);
    await socket.join([`user:${user.id}`, `session:${sessionId}`, ...classes.map((c) => `class:${c.id}`)]);
    channel.add(socket);
    if (user.role === 'trainee')
      await calls.router.register(
        user.id,
        classes.map((c) => c.id),
      );

    /** Runs a handler, answering its ack with the value or a localized ErrorBody. */
    function handle<T>(name: string, run: () => T | Promise<T>, ack: unknown): void {
      Promise.resolve()
        .then(run)
        .then((value) => {
          if (typeof ack === 'function') ack({ ok: true, value });
        })
        .catch((error: unknown) => {
          const appError =
            error instanceof AppError
              ? error
              : new AppError('INTERNAL', 'socket handler failed', { cause: error });
          if (!(error instanceof AppError))
            ctx.logger.error({ err: error, event: name, userId: user.id }, 'socket handler failed');
          if (typeof ack === 'function') ack({ ok: false, ...toErrorBody(appError, locale) });
        });
    }
    function traineeOnly(): void {
      if (user.role !== 'trainee') throw new AppError('FORBIDDEN', 'softphone is for trainees');
    }

    socket.on('session:ping', (_payload, ack) =>
      handle('session:ping', () => ({ serverTimeMs: Date.now() }), ack),
    );
    socket.on('agent:set-status', (payload, ack) =>
      handle(
        'agent:set-status',
        () => {
          traineeOnly();
          const { state } = parseInput(setStatusSchema, payload, 'payload');
          return calls.router.setState(user.id, state);
        },
        ack,
      ),
    );
    socket.on('practice:start', (payload, ack) =>
      handle(
        'practice:start',
        async () => {
          traineeOnly();
          const { scenarioId, mode } = parseInput(practiceStartSchema, payload, 'payload');
          return { callId: await calls.startPractice(user, scenarioId, mode) };
        },
        ack,
      ),
    );
    socket.on('outbound:dial', (payload, ack) =>
      handle(
        'outbound:dial',
        () => {
          traineeOnly();
          const { taskId, browserAsr } = parseInput(dialTaskSchema, payload, 'payload');
          if (!outbound) throw new AppError('NOT_FOUND', 'outbound calling is not enabled');
          return outbound.dial(user, taskId, browserAsr);
        },
        ack,
      ),
    );
    socket.on('call:answer', (payload, ack) =>
      handle(
        'call:answer',
        () => {
          const { callId, browserAsr } = parseInput(answerSchema, payload, 'payload');
          return calls.answer(user, callId, browserAsr);
        },
        ack,
      ),
    );
    socket.on('call:resume', (payload, ack) =>
      handle(
        'call:resume',
        () => calls.resume(user, parseInput(callIdSchema, payload, 'payload').callId),
        ack,
      ),
    );
    socket.on('call:hangup', (payload, ack) =>
      handle(
        'call:hangup',
        () => calls.hangup(user, parseInput(callIdSchema, payload, 'payload').callId),
        ack,
      ),
    );
    socket.on('call:hold', (payload, ack) =>
      handle(
        'call:hold',
        () => {
          const { callId, on } = parseInput(holdSchema, payload, 'payload');
          calls.sessionFor(user, callId).setHold(on);
          return { on };
        },
        ack,
      ),
    );
    socket.on('call:mute', (payload, ack) =>
      handle(
        'call:mute',
        () => {
          const { callId, on } = parseInput(muteSchema, payload, 'payload');
          calls.sessionFor(user, callId).setMuted(on);
          return { on };
        },
        ack,
      ),
    );
    socket.on('call:dtmf', (payload, ack) =>
      handle(
        'call:dtmf',
        () => {
          const { callId, digit } = parseInput(dtmfSchema, payload, 'payload');
          calls.sessionFor(user, callId).dtmf(digit);
          return null;
        },
        ack,
      ),
    );
    socket.on('call:transcript', (payload, ack) =>
      handle(
        'call:transcript',
        () => {
          const { callId, text } = parseInput(transcriptSchema, payload, 'payload');
          calls.sessionFor(user, callId).pushBrowserTranscript(text);
          return null;
        },
        ack,
      ),
    );
    let droppedMediaFrames = 0;
    socket.on('media:agent', (payload) => {
      const frame = readMediaFrame(payload);
      if (!frame) {
        if (droppedMediaFrames++ === 0) ctx.logger.warn({ userId: user.id }, 'malformed media frame dropped');
        return;
      }
      const samples = samplesOf(frame.pcm);
      for (let i = 0; i * FRAME_SAMPLES_16K < samples.length; i++)
        calls.pushAgentFrame(
          user.id,
          frame.callId,
          frame.seq + i,
          samples.subarray(i * FRAME_SAMPLES_16K, (i + 1) * FRAME_SAMPLES_16K),
        );
    });
    socket.on('media:agent-silence', (payload) => {
      const silence = readMediaSilence(payload);
      if (!silence) {
        if (droppedMediaFrames++ === 0) ctx.logger.warn({ userId: user.id }, 'malformed media frame dropped');
        return;
      }
      calls.agentSilence(user.id, silence.callId, silence.seq);
    });

    socket.on('disconnect', () => {
      if (droppedMediaFrames > 0)
        ctx.logger.warn({ userId: user.id, droppedMediaFrames }, 'media frames dropped');
      if (channel.remove(socket)) calls.agentDisconnected(user.id);
    });

    socket.emit('session:hello', {
      userId: user.id,
      username: user.username,
      role: user.role,
      serverTimeMs: Date.now(),
      agent: await calls.router.status(user.id),
      activeCallId: calls.activeCallOf(user.id),
    });
  });

  return io;
}

/** Tells the sockets of revoked sessions and disconnects them. */
export function disconnectSessions(io: CallsimIo, sessionIds: string[]): void {
  for (const id of sessionIds) {
    io.to(`session:${id}`).emit('session:revoked');
    io.in(`session:${id}`).disconnectSockets(true);
  }
}

/**
 * The frame's samples without a fresh ArrayBuffer per frame (15 000 a second at 300 calls,
 * each one external memory that drives V8's full GCs): a view when the bytes are 2-byte
 * aligned in the received message, else a copy into Node's pooled Buffer memory.
 */
function samplesOf(pcm: Uint8Array): Int16Array {
  if (pcm.byteOffset % 2 === 0) return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
  const copy = Buffer.allocUnsafe(pcm.byteLength);
  copy.set(pcm);
  return new Int16Array(copy.buffer, copy.byteOffset, copy.byteLength / 2);
}
