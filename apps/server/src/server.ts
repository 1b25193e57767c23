// Starts one callsim node: storage, first-run state, REST + web UI and socket.io on
// one port. Returns a handle whose close() drains sockets and the database in order.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_CLASS, seedDemo } from './accounts/first-run.js';
import { type AppContext, createContext } from './app/context.js';
import type { Config } from './config/config.js';
import { createHttpApp } from './http/app.js';
import type { Logger } from './logging/logger.js';
import { type CallsimIo, createSocketServer, disconnectSessions } from './realtime/socket-server.js';

export interface RunningServer {
  ctx: AppContext;
  io: CallsimIo;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const ctx = await createContext(config, logger);
  try {
    if (config.seedDemo && (await seedDemo(ctx.db, ctx.users))) {
      logger.info(
        { className: DEMO_CLASS, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
        'demo data seeded',
      );
    }
    if ((await ctx.users.countAdmins()) === 0) {
      const token = ctx.setupGate.open();
      logger.warn(
        { setupToken: token },
        'no admin account yet: open /setup with this token, or run `callsim users add --role admin`',
      );
    }
  } catch (error) {
    await ctx.close();
    throw error;
  }

  let io: CallsimIo | undefined;
  const app = createHttpApp(ctx, { onSessionsRevoked: (ids) => io && disconnectSessions(io, ids) });
  const httpServer = createServer(app);
  io = createSocketServer(ctx, httpServer);
  const socketIo = io;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const purgeTimer = setInterval(() => void ctx.sessions.purgeExpired().catch(() => undefined), 3_600_000);
  purgeTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    ctx,
    io: socketIo,
    port,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        clearInterval(purgeTimer);
        await new Promise<void>((resolve) => socketIo.close(() => resolve()));
        httpServer.closeAllConnections();
        await ctx.close();
      })();
      return closing;
    },
  };
}
