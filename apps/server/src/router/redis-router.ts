// The router shared by several nodes: seats, the queue and ring deadlines live in Redis
// and change only inside one Lua script (router-script.ts), so matching a call to the
// longest-idle ready agent is atomic across nodes. The script tells the node holding the
// chosen agent's socket, over that node's pub/sub channel, to ring and build the session;
// this class turns those messages into RouterEvents, one at a time, in order.
// Ring timeout and queue abandon fire exactly once cluster-wide: every node sweeps due
// deadlines (the ringing agent's node also right at the deadline), and the script removes
// a deadline in the same atomic step that acts on it.
import { type AgentState, type AgentStatusDto, AppError, type ErrorCode } from '@callsim/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { ALLOWED_TRANSITIONS } from './agent-state.js';
import { type RouterMessage, routerScript, type ScriptCall } from './router-script.js';
import type { AgentSeat, CallRouting, RoutedCall, RouterEvents } from './routing.js';

export interface RedisRouterOptions {
  /** Command connection (shared with the rest of the node). */
  redis: Redis;
  /** A connection this router may put in subscriber mode. */
  subscriber: Redis;
  /** This node's instance id: the agents whose sockets are here are rung through it. */
  nodeId: string;
  /** Prefix of every key and channel, e.g. `callsim:router:`. */
  keyPrefix: string;
  ringTimeoutMs: number;
  ringPeriodMs: number;
  maxQueueWaitMs: number;
  /** How often this node looks for due deadlines (a dead node's rings, queue waits). */
  sweepIntervalMs?: number;
  logger: Logger;
}

/** What the script's `adopt` reports about a dead node's calls. */
export interface AdoptedNode {
  /** Ringing or answered on the dead node: the caller ends them. */
  lost: { callId: string; userId: string; state: 'ringing' | 'answered' }[];
  /** Still queued: now owned by this node. */
  kept: string[];
}

interface ScriptReply {
  error?: ErrorCode;
  from?: string;
  to?: string;
  status?: AgentStatusDto;
  answerMs?: number;
  lost?: AdoptedNode['lost'] | Record<string, never>;
  kept?: string[] | Record<string, never>;
}

type RouterCommand = (prefix: string, ...args: (string | number)[]) => Promise<string>;

/** Slack after the ring timeout before this node sweeps, so Redis's clock has passed the deadline. */
const RING_SWEEP_SLACK_MS = 25;
const COMMAND = 'callsimRouter';

export class RedisRouter implements CallRouting {
  /** Resolves once this node listens on its channel. */
  readonly ready: Promise<void>;
  private readonly command: RouterCommand;
  private readonly channel: string;
  private readonly ringTimers = new Map<string, { ring: NodeJS.Timeout; timeout: NodeJS.Timeout }>();
  private readonly sweepTimer: NodeJS.Timeout;
  private inbox: Promise<void> = Promise.resolve();
  private sweepFailing = false;
  private closed = false;

  constructor(
    private readonly options: RedisRouterOptions,
    private readonly events: RouterEvents,
  ) {
    const { redis, subscriber, keyPrefix, nodeId } = options;
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: routerScript(ALLOWED_TRANSITIONS) });
    const bound = (redis as unknown as Record<string, RouterCommand>)[COMMAND]!;
    this.command = bound.bind(redis);
    this.channel = `${keyPrefix}events:${nodeId}`;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    this.ready = subscriber.subscribe(this.channel).then(() => undefined);
    this.sweepTimer = setInterval(() => void this.sweep(), options.sweepIntervalMs ?? 500);
    this.sweepTimer.unref();
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  async seat(userId: string): Promise<AgentSeat | undefined> {
    const hash = await this.options.redis.hgetall(this.key(`seat:${userId}`));
    if (!hash.state) return undefined;
    return {
      userId,
      state: hash.state as AgentState,
      sinceMs: Number(hash.since),
      idleSinceMs: Number(hash.idle),
      classIds: new Set(JSON.parse(hash.classes || '[]') as string[]),
      skills: hash.skills && hash.skills !== 'null' ? new Set(JSON.parse(hash.skills) as string[]) : null,
      offeredCallId: hash.offered || null,
      activeCallId: hash.active || null,
      ...(hash.reason ? { reason: hash.reason } : {}),
      nodeId: hash.node || null,
    };
  }

  async status(userId: string): Promise<AgentStatusDto> {
    const seat = await this.seat(userId);
    if (!seat) return { state: 'offline', sinceMs: Date.now() };
    const callId = seat.activeCallId ?? seat.offeredCallId;
    return {
      state: seat.state,
      sinceMs: seat.sinceMs,
      ...(seat.reason ? { reason: seat.reason } : {}),
      ...(callId ? { callId } : {}),
    };
  }

  async register(
    userId: string,
    classIds: Iterable<string>,
    skills: Iterable<string> | null = null,
  ): Promise<void> {
    await this.run(
      'register',
      userId,
      this.options.nodeId,
      JSON.stringify([...classIds]),
      skills ? JSON.stringify([...skills]) : 'null',
    );
  }

  async setState(userId: string, to: AgentState, reason?: string): Promise<AgentStatusDto> {
    const reply = await this.run('state', userId, to, reason ?? '', this.options.nodeId);
    return reply.status!;
  }

  async enqueue(call: Omit<RoutedCall, 'enqueuedAtMs' | 'offers'>): Promise<void> {
    await this.run(
      'enqueue',
      call.callId,
      JSON.stringify(call.skills),
      call.targetUserId ?? '',
      call.classId ?? '',
      this.options.nodeId,
    );
  }

  async answer(callId: string, userId: string): Promise<number> {
    const reply = await this.run('answer', callId, userId);
    this.stopRinging(callId);
    return reply.answerMs!;
  }

  async callEnded(callId: string, userId: string): Promise<void> {
    await this.run('ended', callId, userId);
  }

  async abandon(callId: string, reason: string): Promise<void> {
    await this.run('abandon', callId, reason);
  }

  async disconnect(userId: string): Promise<void> {
    await this.run('disconnect', userId, this.options.nodeId);
  }

  async queued(): Promise<readonly RoutedCall[]> {
    const { redis } = this.options;
    const ids = await redis.zrange(this.key('queue'), '0', '-1');
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids)
      pipeline.hmget(this.key(`call:${id}`), 'skills', 'target', 'class', 'enq', 'offers');
    const rows = (await pipeline.exec()) ?? [];
    const calls: RoutedCall[] = [];
    rows.forEach(([error, fields], i) => {
      const [skills, target, classId, enq, offers] = (fields ?? []) as (string | null)[];
      if (error || skills == null) return; // answered or gone between the two reads
      calls.push(
        toRoutedCall({
          callId: ids[i]!,
          skills,
          targetUserId: target ?? '',
          classId: classId ?? '',
          enqueuedAtMs: Number(enq),
          offers: Number(offers),
        }),
      );
    });
    return calls;
  }

  /** Is the call still known to the router (queued, ringing or answered on a live node)? */
  async routes(callId: string): Promise<boolean> {
    return (await this.options.redis.exists(this.key(`call:${callId}`))) === 1;
  }

  /**
   * Takes over what a dead node left: its agents go offline (or, already back on another
   * node, leave the lost call), its queued calls become this node's, and its ringing and
   * answered calls are returned so the caller can end them.
   */
  async adoptNode(deadNodeId: string): Promise<AdoptedNode> {
    const reply = await this.run('adopt', deadNodeId, this.options.nodeId);
    // cjson writes an empty array as {}.
    return {
      lost: Array.isArray(reply.lost) ? reply.lost : [],
      kept: Array.isArray(reply.kept) ? reply.kept : [],
    };
  }

  /** Acts on due ring timeouts and queue waits; safe to run on every node at once. */
  async sweep(): Promise<void> {
    if (this.closed) return;
    try {
      await this.run('sweep');
      if (this.sweepFailing) this.options.logger.info('router sweep works again');
      this.sweepFailing = false;
    } catch (error) {
      if (!this.sweepFailing) this.options.logger.error({ err: error }, 'router sweep failed');
      this.sweepFailing = true;
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const callId of [...this.ringTimers.keys()]) this.stopRinging(callId);
  }

  private key(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  private async run(command: string, ...args: (string | number)[]): Promise<ScriptReply> {
    const { keyPrefix, ringTimeoutMs, maxQueueWaitMs } = this.options;
    const raw = await this.command(keyPrefix, command, ringTimeoutMs, maxQueueWaitMs, ...args);
    const reply = JSON.parse(raw) as ScriptReply;
    if (reply.error) {
      const details = reply.from ? { from: reply.from, to: reply.to } : {};
      throw new AppError(reply.error, `router ${command} refused`, { details });
    }
    return reply;
  }

  /** Messages are handled one at a time: an offer's session exists before its withdrawal is seen. */
  private receive(text: string): void {
    if (this.closed) return;
    let message: RouterMessage;
    try {
      message = JSON.parse(text) as RouterMessage;
    } catch (error) {
      this.options.logger.error({ err: error }, 'router message unreadable');
      return;
    }
    this.inbox = this.inbox
      .then(() => this.deliver(message))
      .catch((error: unknown) =>
        this.options.logger.error({ err: error, type: message.t }, 'router event failed'),
      );
  }

  private async deliver(message: RouterMessage): Promise<void> {
    switch (message.t) {
      case 'status':
        this.events.agentStatus(message.u, message.s);
        return;
      case 'offer': {
        const call = toRoutedCall(message.call);
        this.startRinging(call.callId, message.u);
        await this.events.offer(call, message.u);
        if (this.ringTimers.has(call.callId)) this.events.ring(call.callId, message.u, 1);
        return;
      }
      case 'withdrawn':
        this.stopRinging(message.c);
        this.events.offerWithdrawn(message.c, message.u, message.reason);
        return;
      case 'abandoned':
        this.stopRinging(message.call.callId);
        await this.events.abandoned(toRoutedCall(message.call), message.reason);
        return;
      case 'release':
        this.stopRinging(message.c);
        this.events.released(message.c);
        return;
    }
  }

  /** Counts rings for the agent's softphone and sweeps right when the ring timeout is due. */
  private startRinging(callId: string, userId: string): void {
    this.stopRinging(callId);
    let ringCount = 1;
    const ring = setInterval(() => {
      ringCount++;
      this.events.ring(callId, userId, ringCount);
    }, this.options.ringPeriodMs);
    const timeout = setTimeout(() => void this.sweep(), this.options.ringTimeoutMs + RING_SWEEP_SLACK_MS);
    ring.unref();
    timeout.unref();
    this.ringTimers.set(callId, { ring, timeout });
  }

  private stopRinging(callId: string): void {
    const timers = this.ringTimers.get(callId);
    if (!timers) return;
    clearInterval(timers.ring);
    clearTimeout(timers.timeout);
    this.ringTimers.delete(callId);
  }
}

function toRoutedCall(call: ScriptCall): RoutedCall {
  return {
    callId: call.callId,
    skills: JSON.parse(call.skills || '[]') as string[],
    targetUserId: call.targetUserId || null,
    classId: call.classId || null,
    enqueuedAtMs: call.enqueuedAtMs,
    offers: call.offers,
  };
}
