// socket.io on the same HTTP server: one connection per softphone, authenticated by
// the session cookie at handshake. Each socket joins rooms for its user, its session
// and its classes; revoking a session disconnects its sockets at once.
import type { Server as HttpServer } from 'node:http';
import type { ClientToServerEvents, ServerToClientEvents } from '@callsim/protocol';
import { Server } from 'socket.io';
import { readCookie, SESSION_COOKIE } from '../accounts/session-store.js';
import type { AppContext } from '../app/context.js';
import type { UsersTable } from '../storage/schema.js';

export interface SocketData {
  user: UsersTable;
  sessionId: string;
}

export type CallsimIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createSocketServer(ctx: AppContext, httpServer: HttpServer): CallsimIo {
  const io: CallsimIo = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    connectionStateRecovery: { maxDisconnectionDuration: 10_000, skipMiddlewares: false },
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
    await socket.join([`user:${user.id}`, `session:${sessionId}`]);
    for (const c of await ctx.users.classesOf(user.id)) await socket.join(`class:${c.id}`);
    socket.emit('session:hello', {
      userId: user.id,
      username: user.username,
      role: user.role,
      serverTimeMs: Date.now(),
    });
    socket.on('session:ping', (_payload, ack) => {
      if (typeof ack === 'function') ack({ ok: true, value: { serverTimeMs: Date.now() } });
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
