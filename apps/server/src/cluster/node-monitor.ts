// Node liveness. Each node refreshes its heartbeat key (`<prefix>node:<instance>`, with a
// TTL) every `heartbeatIntervalMs` and is listed in `<prefix>nodes`. Every node checks the
// list as often; a listed node whose key has expired is dead. One survivor claims it
// (SET NX with a lease), recovers it, then drops it from the list, so a dead node is
// recovered once; if the survivor dies mid-way the lease runs out and another retries
// (recovery is idempotent). A restarted process is a new instance and never recovers
// anything twice: its old instance is just another dead node.
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/** How long close() waits for a check in progress. */
const CLOSE_WAIT_MS = 2_000;

export interface NodeMonitorOptions {
  redis: Redis;
  /** This process (see ClusterNode.instanceId). */
  instanceId: string;
  /** Prefix of the liveness keys, e.g. `callsim:cluster:`. */
  keyPrefix: string;
  heartbeatIntervalMs?: number;
  /** A node silent this long is dead: detection takes at most TTL + one interval. */
  heartbeatTtlMs?: number;
  /** How long a survivor may take over a dead node before another may try. */
  claimLeaseMs?: number;
  /** Takes over a dead node's calls and seats; must be idempotent. */
  recover(deadInstanceId: string): Promise<void>;
  logger: Logger;
}

export class NodeMonitor {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> = Promise.resolve();
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTtlMs: number;
  private readonly claimLeaseMs: number;
  private beatFailing = false;
  /** When this node's heartbeats worked again after failing (other nodes may not have beaten yet). */
  private backAfterOutageAtMs: number | null = null;
  private listed = false;
  /** Instances named by unfinished call rows, checked once this node has watched for one TTL. */
  private suspects: string[] = [];
  private startedAtMs = 0;

  constructor(private readonly options: NodeMonitorOptions) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
    this.heartbeatTtlMs = options.heartbeatTtlMs ?? 3_000;
    this.claimLeaseMs = options.claimLeaseMs ?? 60_000;
  }

  /**
   * Announces this node, recovers the nodes already dead, then keeps watching. `suspects`
   * are instances named by unfinished call rows (e.g. after the whole cluster stopped, or
   * Redis lost its data); they are judged after one TTL, when a live one has surely beaten.
   */
  async start(suspects: Iterable<string> = []): Promise<void> {
    this.startedAtMs = Date.now();
    this.suspects = [...suspects];
    await this.beat();
    await this.check();
    this.timer = setInterval(() => {
      void this.beat();
      this.checking = this.checking.then(() => this.check());
    }, this.heartbeatIntervalMs);
    this.timer.unref();
  }

  /** Stops watching and removes the heartbeat, so survivors take over this node's seats at once. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A check stuck on an unreachable Redis must not hold up the shutdown.
    await Promise.race([this.checking, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
    // Leaving quickly lets survivors take over at once; with Redis down the key expires anyway.
    if (this.options.redis.status === 'ready')
      await this.options.redis.del(this.key(`node:${this.options.instanceId}`)).catch(() => undefined);
  }

  private key(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  private async beat(): Promise<void> {
    const { redis, instanceId, logger } = this.options;
    try {
      await redis.set(this.key(`node:${instanceId}`), String(Date.now()), 'PX', this.heartbeatTtlMs);
      const added = await redis.sadd(this.key('nodes'), instanceId);
      // Listed before and now missing: a survivor took this node for dead (its heartbeat
      // stalled) and closed its calls. Say so loudly; listed again, it is watched again.
      if (added === 1 && this.listed) logger.error('this node was declared dead by the cluster');
      this.listed = true;
      if (this.beatFailing) {
        logger.info('node heartbeat works again');
        this.backAfterOutageAtMs = Date.now();
      }
      this.beatFailing = false;
    } catch (error) {
      if (!this.beatFailing) logger.error({ err: error }, 'node heartbeat failed');
      this.beatFailing = true;
    }
  }

  private async check(): Promise<void> {
    const { redis, instanceId, logger } = this.options;
    // After an outage of Redis (or of this node's link to it) every heartbeat may have
    // expired; give the other nodes one TTL to beat again before calling any of them dead.
    if (this.beatFailing) return;
    if (this.backAfterOutageAtMs !== null && Date.now() - this.backAfterOutageAtMs < this.heartbeatTtlMs)
      return;
    try {
      const members = new Set(await redis.smembers(this.key('nodes')));
      if (this.suspects.length > 0 && Date.now() - this.startedAtMs >= this.heartbeatTtlMs) {
        for (const suspect of this.suspects.splice(0)) members.add(suspect);
      }
      members.delete(instanceId);
      for (const node of members) {
        if ((await redis.exists(this.key(`node:${node}`))) === 1) continue;
        const claimed = await redis.set(
          this.key(`recovering:${node}`),
          instanceId,
          'PX',
          this.claimLeaseMs,
          'NX',
        );
        if (claimed !== 'OK') continue;
        const startedAtMs = Date.now();
        try {
          await this.options.recover(node);
          await redis.srem(this.key('nodes'), node);
          logger.warn({ deadNode: node, tookMs: Date.now() - startedAtMs }, 'dead node recovered');
        } catch (error) {
          // Let the next check (here or on another node) try again.
          await redis.del(this.key(`recovering:${node}`));
          logger.error({ err: error, deadNode: node }, 'dead node recovery failed');
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'node check failed');
    }
  }
}
