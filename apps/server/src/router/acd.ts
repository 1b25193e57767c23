// The router (ACD): keeps every agent's state and the queue of waiting calls, and offers
// each call to the longest-idle ready agent allowed to take it (the target agent for a
// practice call, a trainee of the class for a class-session call, the skill otherwise).
// An offer rings for `ringTimeoutMs`; unanswered, the agent goes on break ("missed")
// and the call goes back to the queue, or is abandoned once it waited `maxQueueWaitMs`.
// In-process, for one node; several nodes share a RedisRouter instead (redis-router.ts).
// The async methods do all their work before they return, as a synchronous router would.
import { type AgentState, type AgentStatusDto, AppError } from '@callsim/protocol';
import { transition } from './agent-state.js';
import type { AgentSeat, CallRouting, RoutedCall, RouterEvents, RouterOptions } from './routing.js';

export interface RouterMetrics {
  offered: number;
  answered: number;
  missed: number;
  abandoned: number;
  answerTimesMs: number[];
}

export class CallRouter implements CallRouting {
  private readonly seats = new Map<string, AgentSeat>();
  private readonly queue: RoutedCall[] = [];
  private readonly ringing = new Map<
    string,
    { userId: string; call: RoutedCall; startedAtMs: number; timers: NodeJS.Timeout[] }
  >();
  private readonly queueTimers = new Map<string, NodeJS.Timeout>();
  readonly metrics: RouterMetrics = { offered: 0, answered: 0, missed: 0, abandoned: 0, answerTimesMs: [] };
  private readonly now: () => number;

  constructor(
    private readonly options: RouterOptions,
    private readonly events: RouterEvents,
  ) {
    this.now = options.now ?? Date.now;
  }

  async seat(userId: string): Promise<AgentSeat | undefined> {
    return this.seats.get(userId);
  }

  async status(userId: string): Promise<AgentStatusDto> {
    return this.statusOf(userId);
  }

  private statusOf(userId: string): AgentStatusDto {
    const seat = this.seats.get(userId);
    if (!seat) return { state: 'offline', sinceMs: this.now() };
    return {
      state: seat.state,
      sinceMs: seat.sinceMs,
      ...(seat.reason ? { reason: seat.reason } : {}),
      ...((seat.activeCallId ?? seat.offeredCallId)
        ? { callId: (seat.activeCallId ?? seat.offeredCallId) as string }
        : {}),
    };
  }

  async register(
    userId: string,
    classIds: Iterable<string>,
    skills: Iterable<string> | null = null,
  ): Promise<void> {
    this.registerSeat(userId, classIds, skills);
  }

  private registerSeat(
    userId: string,
    classIds: Iterable<string>,
    skills: Iterable<string> | null = null,
  ): AgentSeat {
    const existing = this.seats.get(userId);
    if (existing) {
      existing.classIds = new Set(classIds);
      return existing;
    }
    const nowMs = this.now();
    const seat: AgentSeat = {
      userId,
      state: 'offline',
      sinceMs: nowMs,
      idleSinceMs: nowMs,
      classIds: new Set(classIds),
      skills: skills ? new Set(skills) : null,
      offeredCallId: null,
      activeCallId: null,
    };
    this.seats.set(userId, seat);
    return seat;
  }

  async setState(userId: string, to: AgentState, reason?: string): Promise<AgentStatusDto> {
    return this.changeState(userId, to, reason);
  }

  /** Changes an agent's state through the transition table; emits the new status. */
  private changeState(userId: string, to: AgentState, reason?: string): AgentStatusDto {
    const seat = this.seats.get(userId) ?? this.registerSeat(userId, []);
    seat.state = transition(seat.state, to);
    seat.sinceMs = this.now();
    seat.reason = reason;
    if (to === 'ready') seat.idleSinceMs = seat.sinceMs;
    if (to !== 'ringing' && to !== 'on-call' && to !== 'after-call') {
      if (seat.offeredCallId) this.withdraw(seat.offeredCallId, 'ring-timeout', false);
    }
    const status = this.statusOf(userId);
    this.events.agentStatus(userId, status);
    if (to === 'ready') this.dispatch();
    return status;
  }

  async enqueue(call: Omit<RoutedCall, 'enqueuedAtMs' | 'offers'>): Promise<void> {
    const routed: RoutedCall = { ...call, enqueuedAtMs: this.now(), offers: 0 };
    this.queue.push(routed);
    const timer = setTimeout(
      () => this.abandonCall(routed.callId, 'queue-timeout'),
      this.options.maxQueueWaitMs,
    );
    timer.unref();
    this.queueTimers.set(routed.callId, timer);
    this.dispatch();
  }

  async answer(callId: string, userId: string): Promise<number> {
    const ring = this.ringing.get(callId);
    if (!ring || ring.userId !== userId)
      throw new AppError('CALL_NOT_FOUND', 'not ringing for this agent', { details: { callId } });
    for (const timer of ring.timers) clearTimeout(timer);
    this.ringing.delete(callId);
    this.clearQueueTimer(callId);
    const seat = this.seats.get(userId)!;
    seat.offeredCallId = null;
    seat.activeCallId = callId;
    this.changeState(userId, 'on-call');
    const answerMs = this.now() - ring.startedAtMs;
    this.metrics.answered++;
    this.metrics.answerTimesMs.push(answerMs);
    return answerMs;
  }

  async callEnded(callId: string, userId: string): Promise<void> {
    const seat = this.seats.get(userId);
    if (!seat || seat.activeCallId !== callId) return;
    seat.activeCallId = null;
    if (seat.state === 'on-call') this.changeState(userId, 'after-call');
  }

  async abandon(callId: string, reason: string): Promise<void> {
    this.abandonCall(callId, reason);
  }

  private abandonCall(callId: string, reason: string): void {
    this.clearQueueTimer(callId);
    const queued = this.queue.findIndex((c) => c.callId === callId);
    if (queued >= 0) {
      const [call] = this.queue.splice(queued, 1);
      this.metrics.abandoned++;
      this.events.abandoned(call!, reason);
      return;
    }
    const ring = this.ringing.get(callId);
    if (ring) {
      this.withdraw(callId, 'abandoned', false);
      this.metrics.abandoned++;
      this.events.abandoned(ring.call, reason);
    }
  }

  async disconnect(userId: string): Promise<void> {
    const seat = this.seats.get(userId);
    if (!seat) return;
    if (seat.offeredCallId) this.withdraw(seat.offeredCallId, 'ring-timeout', true);
    if (seat.state !== 'offline' && seat.state !== 'on-call')
      this.changeState(userId, 'offline', 'disconnected');
  }

  async queued(): Promise<readonly RoutedCall[]> {
    return [...this.queue];
  }

  close(): void {
    for (const ring of this.ringing.values()) for (const t of ring.timers) clearTimeout(t);
    for (const t of this.queueTimers.values()) clearTimeout(t);
    this.ringing.clear();
    this.queueTimers.clear();
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length; ) {
      const call = this.queue[i]!;
      const agent = this.pickAgent(call);
      if (!agent) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.offerTo(call, agent);
    }
  }

  private pickAgent(call: RoutedCall): AgentSeat | undefined {
    let best: AgentSeat | undefined;
    for (const seat of this.seats.values()) {
      if (seat.state !== 'ready') continue;
      if (call.targetUserId && seat.userId !== call.targetUserId) continue;
      if (call.classId && !seat.classIds.has(call.classId)) continue;
      if (
        !call.targetUserId &&
        seat.skills &&
        call.skills.length > 0 &&
        !call.skills.some((s) => seat.skills!.has(s))
      )
        continue;
      if (!best || seat.idleSinceMs < best.idleSinceMs) best = seat;
    }
    return best;
  }

  private offerTo(call: RoutedCall, seat: AgentSeat): void {
    call.offers++;
    seat.offeredCallId = call.callId;
    this.changeState(seat.userId, 'ringing');
    const startedAtMs = this.now();
    const timers: NodeJS.Timeout[] = [];
    const ring = { userId: seat.userId, call, startedAtMs, timers };
    this.ringing.set(call.callId, ring);
    this.metrics.offered++;
    this.events.offer(call, seat.userId);
    this.events.ring(call.callId, seat.userId, 1);
    let ringCount = 1;
    const ringTimer = setInterval(() => {
      ringCount++;
      this.events.ring(call.callId, seat.userId, ringCount);
    }, this.options.ringPeriodMs);
    ringTimer.unref();
    timers.push(ringTimer);
    const timeout = setTimeout(
      () => this.withdraw(call.callId, 'ring-timeout', true),
      this.options.ringTimeoutMs,
    );
    timeout.unref();
    timers.push(timeout);
  }

  /** Ends an offer. A missed call puts the agent on break and requeues the call (or abandons a targeted one). */
  private withdraw(callId: string, reason: 'ring-timeout' | 'abandoned', missed: boolean): void {
    const ring = this.ringing.get(callId);
    if (!ring) return;
    for (const timer of ring.timers) clearTimeout(timer);
    this.ringing.delete(callId);
    const seat = this.seats.get(ring.userId);
    if (seat) seat.offeredCallId = null;
    this.events.offerWithdrawn(callId, ring.userId, reason);
    if (seat?.state === 'ringing') {
      if (missed) {
        this.metrics.missed++;
        this.changeState(ring.userId, 'break', 'missed-call');
      } else {
        this.changeState(ring.userId, 'ready');
      }
    }
    if (reason === 'ring-timeout') {
      if (ring.call.targetUserId) {
        this.clearQueueTimer(callId);
        this.metrics.abandoned++;
        this.events.abandoned(ring.call, 'not-answered');
      } else if (!this.queue.some((c) => c.callId === callId) && this.queueTimers.has(callId)) {
        this.queue.unshift(ring.call);
        this.dispatch();
      }
    }
  }

  private clearQueueTimer(callId: string): void {
    const timer = this.queueTimers.get(callId);
    if (timer) clearTimeout(timer);
    this.queueTimers.delete(callId);
  }
}
