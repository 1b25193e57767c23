// Starts one callsim node: storage, first-run state, REST + web UI and socket.io on
// one port. Returns a handle whose close() drains sockets and the database in order.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { encodeWav } from '@callsim/audio';
import { DEMO_ACCOUNTS, DEMO_CLASS, seedDemo } from './accounts/first-run.js';
import { type AppContext, createContext } from './app/context.js';
import type { CallEngines } from './calls/call-engines.js';
import { type AgentChannel, CallService, type CallServiceOptions } from './calls/call-service.js';
import { ClassSessions } from './calls/class-sessions.js';
import { ScenarioLibrary } from './calls/scenario-library.js';
import { createCallEngines } from './calls/speech-engines.js';
import { ClusterNode } from './cluster/cluster-node.js';
import type { Config } from './config/config.js';
import { ContestService } from './contests/contest-service.js';
import { voiceBaselineFor } from './drills/warmup-store.js';
import { createHttpApp } from './http/app.js';
import { callRoutes } from './http/routes/call-routes.js';
import { callScriptRoutes } from './http/routes/call-script-routes.js';
import { classSessionRoutes } from './http/routes/class-session-routes.js';
import { contestRoutes } from './http/routes/contest-routes.js';
import { drillRoutes } from './http/routes/drill-routes.js';
import { resultRoutes } from './http/routes/result-routes.js';
import { scenarioRoutes } from './http/routes/scenario-routes.js';
import { telephonyApiRoutes } from './http/routes/twilio-routes.js';
import type { Logger } from './logging/logger.js';
import { createOutboundModule } from './outbound/outbound-module.js';
import {
  type CallsimIo,
  createSocketServer,
  disconnectSessions,
  SocketAgentChannel,
} from './realtime/socket-server.js';
import { registerScoring } from './results/score-call-job.js';
import { createReviewModule } from './review/review-module.js';
import { createTelephony, type Telephony } from './telephony/telephony.js';

export interface RunningServer {
  ctx: AppContext;
  calls: CallService;
  library: ScenarioLibrary;
  io: CallsimIo;
  port: number;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Speech engines; built from the configuration when omitted. */
  engines?: CallEngines;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const ctx = await createContext(config, logger);
  // Scale-out (README "Scaling out"): with REDIS_URL this node joins a cluster.
  let cluster: ClusterNode | null = null;
  try {
    if (config.redisUrl) cluster = await ClusterNode.start(config, logger);
  } catch (error) {
    await ctx.close();
    throw error;
  }
  if (cluster && ctx.databaseKind !== 'postgres')
    logger.warn('REDIS_URL is set but the database is SQLite: only one node can use it');
  const library = new ScenarioLibrary(config.callScriptsDir, logger);
  let calls: CallService;
  let engines: CallEngines;
  let classSessions: ClassSessions;
  let telephony: Telephony | null = null;
  const channel = new SocketAgentChannel();
  // Notifications that may start on any node (jobs, REST) reach the user's sockets on every node;
  // the CallService keeps `channel`: its events start on the node holding the agent's socket.
  const notifier: AgentChannel = cluster?.notifier ?? channel;
  // Outbound calling: tasks, campaigns, class clocks; its scheduler's job handlers register on ctx.jobs.
  const outbound = createOutboundModule(ctx, library, notifier);
  // Evaluator console: reviews, comments, search index of transcripts (job per finished call).
  const review = createReviewModule(ctx, {
    library,
    voiceBaseline: (userId) => voiceBaselineFor(ctx.db, userId),
    notify: (userId, event, payload) => notifier.emit(userId, event, payload),
  });
  const onDialResult: NonNullable<CallServiceOptions['onDialResult']> = (result) =>
    outbound.onDialResult(result);
  const onCallFinished: NonNullable<CallServiceOptions['onCallFinished']> = async (call) => {
    // Scoring runs as a durable job so a restart never loses it (handlers register on ctx.jobs).
    await ctx.jobs.enqueue(
      'score-call',
      { callId: call.callId },
      { idempotencyKey: `score-call:${call.callId}` },
    );
    // Follow-up planning (outcomes.followUp) and the outbound task's wrap-up, as a durable job.
    await outbound.onCallFinished(call);
    await review.callFinished(call.callId);
  };
  try {
    if (config.seedDemo && (await seedDemo(ctx.db, ctx.users))) {
      logger.info(
        { className: DEMO_CLASS, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
        'demo data seeded',
      );
    }
    await library.load();
    engines = options.engines ?? (await createCallEngines(config, logger));
    const clusterNode = cluster;
    calls = new CallService(ctx, library, engines, channel, {
      ...config,
      onDialResult,
      onCallFinished,
      // A cluster shares one router in Redis; the call rows name the node running them.
      ...(clusterNode
        ? { router: (events) => clusterNode.createRouter(events), nodeId: clusterNode.instanceId }
        : {}),
    });
    classSessions = new ClassSessions(
      calls,
      library,
      async (classId) =>
        (await ctx.classes.members(classId)).filter((m) => m.roleInClass === 'trainee').map((m) => m.userId),
      logger,
    );
    // One node recovers its own last run; a cluster node recovers the nodes that died.
    const interrupted = cluster
      ? await cluster.startMonitor({ db: ctx.db, onCallFinished, onDialResult })
      : await calls.recoverInterruptedCalls();
    if (interrupted > 0)
      logger.warn({ calls: interrupted }, 'calls interrupted by the last shutdown were closed');
    await outbound.attach(calls);
    // Every finished call is scored by a durable job; the trainee's softphone hears `call:scored`.
    await registerScoring(ctx.jobs, {
      db: ctx.db,
      library,
      logger: logger.child({ component: 'scoring' }),
      voiceBaseline: (userId) => voiceBaselineFor(ctx.db, userId),
      notify: (userId, event, payload) => notifier.emit(userId, event, payload),
    });
    await review.start();
    // Optional phone lines through Twilio (README "Connecting a Twilio account"); null without settings.
    telephony = await createTelephony({
      ctx,
      calls,
      library,
      notify: (userId, event, payload) => notifier.emit(userId, event, payload),
    });
    if ((await ctx.users.countAdmins()) === 0) {
      const token = ctx.setupGate.open();
      logger.warn(
        { setupToken: token },
        'no admin account yet: open /setup with this token, or run `callsim users add --role admin`',
      );
    }
  } catch (error) {
    await cluster?.close();
    await ctx.close();
    throw error;
  }

  let io: CallsimIo | undefined;
  // Live contest tallies go to the evaluators' user rooms once socket.io exists (below).
  const contests = new ContestService(ctx, (userIds, tally) =>
    io?.to(userIds.map((id) => `user:${id}`)).emit('contest:tally', tally),
  );
  const app = createHttpApp(ctx, {
    onSessionsRevoked: (ids) => io && disconnectSessions(io, ids),
    extraApi: [
      { path: '/scenarios', router: scenarioRoutes(library) },
      { path: '/calls', router: callRoutes(ctx, () => calls.mediaStats()) },
      { path: '/outbound', router: outbound.routes() },
      { path: '/results', router: resultRoutes(ctx, library) },
      { path: '/review', router: review.router },
      { path: '/contests', router: contestRoutes(ctx, contests) },
      { path: '/classes/:id/sessions', router: classSessionRoutes(ctx, classSessions) },
      { path: '/drills', router: drillRoutes({ ctx, library, engines }) },
      { path: '/telephony', router: telephonyApiRoutes(ctx, telephony) },
      {
        path: '/call-scripts',
        router: callScriptRoutes({
          ctx,
          rootDir: config.callScriptsDir,
          versionsDir: path.join(config.dataDir, 'call-script-versions'),
          synthesize: async (text, locale, voice) =>
            encodeWav({ sampleRateHz: 16000, channels: [await engines.synthesize(text, locale, voice)] }),
          onSaved: () => library.load(),
        }),
      },
    ],
  });
  // Twilio webhooks are public (each request signature-checked), so they sit outside the
  // /api login wall; POSTs pass the web UI's GET-only fallback and reach them.
  if (telephony) app.use('/twilio', telephony.webhooks);
  const httpServer = createServer(app);
  io = createSocketServer(ctx, httpServer, channel, calls, outbound.service);
  cluster?.attachSocketServer(io);
  telephony?.attach(httpServer);
  const socketIo = io;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  ctx.jobs.start();
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const purgeTimer = setInterval(() => void ctx.sessions.purgeExpired().catch(() => undefined), 3_600_000);
  purgeTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    ctx,
    calls,
    library,
    io: socketIo,
    port,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        cluster?.failFastIfRedisDown();
        clearInterval(purgeTimer);
        classSessions.close();
        contests.close();
        await calls.close();
        await telephony?.close();
        await ctx.jobs.stop();
        await new Promise<void>((resolve) => socketIo.close(() => resolve()));
        httpServer.closeAllConnections();
        await cluster?.close();
        await ctx.close();
      })();
      return closing;
    },
  };
}
