// This process as one node of a cluster (REDIS_URL set; several nodes share PostgreSQL,
// Redis and the recordings folder behind a sticky proxy). Owns the node's Redis
// connections and gives the server: its instance id, the shared router, the socket.io
// Redis adapter (events to user/class rooms reach every node), cross-node notifications,
// and the liveness monitor that closes a dead node's calls. Media never crosses nodes:
// a call's session runs where the agent's socket is, and frames go socket-direct.
import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { AgentChannel, CallServiceOptions } from '../calls/call-service.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { CallsimIo } from '../realtime/socket-server.js';
import { RedisRouter } from '../router/redis-router.js';
import type { RouterEvents } from '../router/routing.js';
import type { Database } from '../storage/schema.js';
import { recoverLostCalls } from './lost-calls.js';
import { NodeMonitor } from './node-monitor.js';

/** Every key and channel of the cluster starts with this. */
const CLUSTER_KEY_PREFIX = 'callsim:';

type ClusterConfig = Pick<
  Config,
  'redisUrl' | 'nodeId' | 'ringTimeoutMs' | 'ringPeriodMs' | 'maxQueueWaitMs'
>;

export interface MonitorDeps {
  db: Kysely<Database>;
  onCallFinished: NonNullable<CallServiceOptions['onCallFinished']>;
  onDialResult: NonNullable<CallServiceOptions['onDialResult']>;
}

/** Reaches a user's sockets on whichever node holds them (socket.io rooms over Redis). Not for media. */
export class ClusterNotifier implements AgentChannel {
  private io: CallsimIo | null = null;

  attach(io: CallsimIo): void {
    this.io = io;
  }

  emit(userId: string, event: string, payload: unknown): void {
    const room = this.io?.to(`user:${userId}`);
    (room?.emit as ((event: string, payload: unknown) => boolean) | undefined)?.call(room, event, payload);
  }
}

export class ClusterNode {
  readonly notifier = new ClusterNotifier();
  private routerInstance: RedisRouter | null = null;
  private monitor: NodeMonitor | null = null;

  private constructor(
    /** The configured node id plus a suffix per start: a restarted process is a new instance. */
    readonly instanceId: string,
    private readonly config: ClusterConfig,
    private readonly connections: { commands: Redis; routerEvents: Redis; socketEvents: Redis },
    private readonly logger: Logger,
  ) {}

  /** Connects to Redis; fails with a message naming REDIS_URL when it cannot. */
  static async start(config: ClusterConfig, logger: Logger): Promise<ClusterNode> {
    const url = config.redisUrl;
    if (!url) throw new Error('REDIS_URL is not set');
    const instanceId = `${config.nodeId}#${randomBytes(3).toString('hex')}`;
    const clusterLogger = logger.child({ component: 'cluster', node: instanceId });
    const opened: Redis[] = [];
    try {
      for (const role of ['commands', 'router-events', 'socket-events'])
        opened.push(await connect(url, role, clusterLogger));
    } catch (error) {
      for (const client of opened) client.disconnect();
      throw error;
    }
    const [commands, routerEvents, socketEvents] = opened as [Redis, Redis, Redis];
    clusterLogger.info({ redis: redact(url) }, 'cluster node joined');
    return new ClusterNode(instanceId, config, { commands, routerEvents, socketEvents }, clusterLogger);
  }

  /** The CallService's router (CallServiceOptions.router). */
  createRouter(events: RouterEvents): RedisRouter {
    this.routerInstance = new RedisRouter(
      {
        redis: this.connections.commands,
        subscriber: this.connections.routerEvents,
        nodeId: this.instanceId,
        keyPrefix: `${CLUSTER_KEY_PREFIX}router:`,
        ringTimeoutMs: this.config.ringTimeoutMs,
        ringPeriodMs: this.config.ringPeriodMs,
        maxQueueWaitMs: this.config.maxQueueWaitMs,
        logger: this.logger,
      },
      events,
    );
    return this.routerInstance;
  }

  /** socket.io on the Redis adapter: `io.to(room)` reaches sockets on every node. */
  attachSocketServer(io: CallsimIo): void {
    io.adapter(
      createAdapter(this.connections.commands, this.connections.socketEvents, {
        key: `${CLUSTER_KEY_PREFIX}socket.io`,
      }),
    );
    this.notifier.attach(io);
  }

  /**
   * Starts the heartbeat and closes the calls of every dead node: those already dead
   * (including instances only named by unfinished call rows) and any that dies later.
   * Returns how many calls of dead nodes it closed at start.
   */
  async startMonitor(deps: MonitorDeps): Promise<number> {
    const router = this.routerInstance;
    if (!router) throw new Error('the router is created before the monitor starts');
    await router.ready;
    let recovered = 0;
    this.monitor = new NodeMonitor({
      redis: this.connections.commands,
      instanceId: this.instanceId,
      keyPrefix: `${CLUSTER_KEY_PREFIX}cluster:`,
      logger: this.logger,
      recover: async (deadNodeId) => {
        const closed = await recoverLostCalls(
          { ...deps, router, notifier: this.notifier, logger: this.logger },
          deadNodeId,
        );
        recovered += closed.ended + closed.abandoned;
      },
    });
    const suspects = await deps.db
      .selectFrom('calls')
      .select('nodeId')
      .distinct()
      .where('status', 'in', ['queued', 'ringing', 'active'])
      .where('nodeId', 'is not', null)
      .execute();
    await this.monitor.start(suspects.map((row) => row.nodeId as string));
    return recovered;
  }

  /**
   * Called first when the node stops: with Redis unreachable, drops the connections so every
   * Redis command of the shutdown fails at once instead of retrying for a minute (the
   * survivors see the heartbeat expire and take over as after a crash).
   */
  failFastIfRedisDown(): void {
    if (this.connections.commands.status === 'ready') return;
    for (const client of Object.values(this.connections)) client.disconnect();
  }

  /** Leaves the cluster: survivors take over this node's seats and queued calls at once. */
  async close(): Promise<void> {
    this.routerInstance?.close();
    await this.monitor?.close();
    // quit() waits for Redis to answer; with Redis down it would never return.
    await Promise.allSettled(
      Object.values(this.connections).map((client) =>
        client.status === 'ready' ? client.quit() : Promise.resolve(client.disconnect()),
      ),
    );
  }
}

async function connect(url: string, role: string, logger: Logger): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, connectionName: `callsim:${role}` });
  // ioredis reconnects by itself; say so once per outage instead of once per attempt.
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.error({ err: error, role }, 'redis connection lost');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ role }, 'redis connection back');
    down = false;
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`REDIS_URL: cannot connect to ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return client;
}

/** The URL without its password, for logs and errors. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
