// Calls on this node: creates them (practice now, class sessions, outbound dials), routes
// them through the ACD, runs a CallSession per answered call on the shared media clock,
// keeps the `calls` table in step, survives a softphone reconnect within 10 s, and
// recovers the recordings of calls cut by a crash at the next start. With a shared
// (Redis) router a call queued here may be offered to an agent on another node: that
// node adopts it from its row and runs the session; this one forgets it. An outbound dial is
// a call targeted at the dialling agent: it "rings" with ringback until its planned
// outcome, and when the customer answers the same CallSession runs.
import {
  createChecklist,
  createDialogueWalker,
  type ResolvedScenario,
  scenarioVars,
} from '@callsim/call-script';
import {
  AppError,
  type CallConnectedDto,
  type CallEndedDto,
  type CallMode,
  type CallOfferDto,
  type CustomerCardDto,
  type DialOutcome,
} from '@callsim/protocol';
import type { AppContext } from '../app/context.js';
import type { Logger } from '../logging/logger.js';
import type { JitterStats } from '../media/agent-jitter-buffer.js';
import { MediaClock } from '../media/media-clock.js';
import { DialAudio, dialLineText, outcomeAudio, ringbackPattern } from '../outbound/dial-audio.js';
import { recordingPaths, recoverRecording, StereoRecorder } from '../recorder/stereo-recorder.js';
import { CallRouter } from '../router/acd.js';
import type { CallRouting, RouterEvents } from '../router/routing.js';
import { CallSession } from '../session/call-session.js';
import type { SessionEnd, SessionOutput } from '../session/session-events.js';
import { newId } from '../storage/ids.js';
import type { CallsTable, UsersTable } from '../storage/schema.js';
import type { CallEngines } from './call-engines.js';
import type { ScenarioLibrary } from './scenario-library.js';

/** How the service reaches an agent's softphone (socket.io in production, anything in tests). */
export interface AgentChannel {
  emit(userId: string, event: string, payload: unknown): void;
}

export interface CallServiceOptions {
  /** Called once a finished call's recording and row are final (enqueue scoring, follow-ups…). */
  onCallFinished?: (call: {
    callId: string;
    scenarioId: string;
    agentUserId: string;
    endedBy: string;
  }) => Promise<void> | void;
  /** Called once per outbound dial when its outcome is known (or the dial was cancelled). */
  onDialResult?: (result: DialResult) => Promise<void> | void;
  ringTimeoutMs: number;
  ringPeriodMs: number;
  maxQueueWaitMs: number;
  reconnectGraceMs: number;
  /** Builds the router from the service's handlers; the embedded CallRouter when omitted. */
  router?: (events: RouterEvents) => CallRouting;
  /** Stored on the calls this node creates and runs (a cluster recovers a dead node's calls by it). */
  nodeId?: string;
}

/** An outbound dial: whose task, what the customer card shows, and how it will end. */
export interface DialRequest {
  taskId: string;
  classId: string | null;
  /** `follow-up` or `campaign` (the calls row's source). */
  source: string;
  mode: CallMode;
  browserAsr: boolean;
  customer: CustomerCardDto;
  outcome: DialOutcome;
  /** Rings of ringback before the outcome. */
  rings: number;
}

export interface DialResult {
  callId: string;
  taskId: string;
  agentUserId: string;
  /** `cancelled`: the agent hung up (or dropped) before the outcome. */
  outcome: DialOutcome | 'cancelled';
  ringCount: number;
}

/** Customers pick up this long after the last ring's tone starts. */
const PICKUP_AFTER_TONE_MS = 300;
/** Customer frames per `media:caller` packet to a softphone (see SessionOutput.callerPacketFrames). */
const CALLER_PACKET_FRAMES = 2;

interface LiveDial {
  request: DialRequest;
  timer: NodeJS.Timeout | null;
  resolved: boolean;
  /** Voicemail / wrong-number line, synthesized while it rings. */
  line: Promise<Int16Array | null>;
}

interface Ringback {
  userId: string;
  audio: DialAudio;
  seq: number;
  /** Runs once the audio has played out. */
  drained: (() => void) | null;
}

interface LiveCall {
  row: CallsTable;
  scenario: ResolvedScenario;
  session: CallSession | null;
  userId: string | null;
  prerendered: Promise<void>;
  /** The agent's audio travels outside socket.io (a phone line): a softphone drop must not end it. */
  externalMedia?: boolean;
  disconnectTimer: NodeJS.Timeout | null;
  /** Set for outbound dials. */
  dial: LiveDial | null;
}

export class CallService {
  readonly router: CallRouting;
  readonly clock: MediaClock;
  private readonly calls = new Map<string, LiveCall>();
  /** Agent-frame counts of the calls that have ended (live ones are added on demand). */
  private readonly endedAgentFrames: JitterStats = {
    received: 0,
    played: 0,
    gaps: 0,
    late: 0,
    recovered: 0,
    duplicates: 0,
  };
  private readonly activeByUser = new Map<string, string>();
  /** Tones and lines heard before answer, by call id (outbound dials). */
  private readonly ringbacks = new Map<string, Ringback>();
  private readonly warming = new Map<string, Promise<void>>();
  private unsubscribeClock: (() => void) | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly ctx: AppContext,
    private readonly library: ScenarioLibrary,
    private readonly engines: CallEngines,
    private readonly channel: AgentChannel,
    private readonly options: CallServiceOptions,
  ) {
    this.logger = ctx.logger.child({ component: 'calls' });
    this.clock = new MediaClock((error) => this.logger.error({ err: error }, 'media tick failed'));
    const events: RouterEvents = {
      agentStatus: (userId, status) => this.channel.emit(userId, 'agent:status', status),
      offer: (routed, userId) => this.onOffer(routed.callId, userId),
      ring: (callId, userId, ringCount) => {
        const live = this.calls.get(callId);
        if (live) live.row.ringCount = ringCount;
        this.channel.emit(userId, 'call:ring', { callId, ringCount });
      },
      offerWithdrawn: (callId, userId, reason) =>
        this.channel.emit(userId, 'call:offer-withdrawn', { callId, reason }),
      abandoned: (routed, reason) => this.onAbandoned(routed.callId, reason),
      released: (callId) => void this.onReleased(callId),
    };
    this.router = options.router?.(events) ?? new CallRouter(options, events);
  }

  /** Ends calls a crash left behind: ringing ones are abandoned, active ones get their recording recovered. */
  async recoverInterruptedCalls(): Promise<number> {
    const rows = await this.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('status', 'in', ['queued', 'ringing', 'active'])
      .execute();
    for (const row of rows) {
      if (row.status === 'active' && row.recordingPath && row.answeredAtMs) {
        const timeline = await recoverRecording(
          recordingPaths(this.ctx.config.recordingsDir, row.id, row.answeredAtMs),
        );
        await this.ctx.db
          .updateTable('calls')
          .set({
            status: 'ended',
            endedBy: 'system',
            endReason: 'recovered-after-crash',
            endedAtMs: Date.now(),
            durationMs: timeline?.durationMs ?? 0,
          })
          .where('id', '=', row.id)
          .execute();
        this.logger.warn(
          { callId: row.id, durationMs: timeline?.durationMs },
          'recording recovered after crash',
        );
      } else {
        await this.ctx.db
          .updateTable('calls')
          .set({ status: 'abandoned', endReason: 'server-restart', endedAtMs: Date.now() })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return rows.length;
  }

  /** A trainee asks for a call of one scenario now; it rings on their phone only. */
  async startPractice(user: UsersTable, scenarioId: string, mode: CallMode): Promise<string> {
    const scenario = this.library.get(scenarioId);
    const seat = await this.router.seat(user.id);
    if (seat?.state !== 'ready') throw new AppError('AGENT_NOT_READY', 'agent not ready');
    return this.createCall(scenario, { mode, source: 'practice', targetUserId: user.id, classId: null });
  }

  /** Rings a customer for a ready agent: ringback, then the planned outcome. */
  async dialOutbound(user: UsersTable, scenario: ResolvedScenario, request: DialRequest): Promise<string> {
    const seat = await this.router.seat(user.id);
    if (seat?.state !== 'ready') throw new AppError('AGENT_NOT_READY', 'agent not ready');
    // A dial rings only on the node of the phone that dialled (adopt() turns it away on any
    // other). The seat follows the trainee's latest connection, which may be a second phone
    // on another node: bring it here before the call is queued, so it is offered here.
    if (seat.nodeId && seat.nodeId !== this.options.nodeId)
      await this.router.register(user.id, seat.classIds);
    const callId = await this.createCall(scenario, {
      mode: request.mode,
      source: request.source,
      targetUserId: user.id,
      classId: request.classId,
      taskId: request.taskId,
      dial: request,
    });
    if ((await this.router.seat(user.id))?.offeredCallId !== callId) {
      // Another call reached the agent first: this dial never rang.
      await this.router.abandon(callId, 'agent-not-ready');
      throw new AppError('AGENT_NOT_READY', 'agent took another call');
    }
    return callId;
  }

  /**
   * Renders a scenario's customer lines ahead of a call (e.g. when an outbound task is
   * due), so the customer answers without waiting for TTS. Cached on disk; one run at a time.
   */
  warm(scenario: ResolvedScenario): Promise<void> {
    let running = this.warming.get(scenario.id);
    if (!running) {
      running = this.engines
        .prerender(scenario)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, scenarioId: scenario.id }, 'prerender failed'),
        )
        .finally(() => this.warming.delete(scenario.id));
      this.warming.set(scenario.id, running);
    }
    return running;
  }

  /** Most rings that fit before the router's ring timeout ends an unanswered offer. */
  maxDialRings(locale: string): number {
    const { onMs } = ringbackPattern(locale, this.options.ringPeriodMs);
    const usable = this.options.ringTimeoutMs - onMs - PICKUP_AFTER_TONE_MS - 200;
    return Math.max(1, Math.floor(usable / this.options.ringPeriodMs) + 1);
  }

  /** Queues a call of `scenario`; the router offers it when an allowed agent is ready. */
  async createCall(
    scenario: ResolvedScenario,
    route: {
      mode: CallMode;
      source: string;
      targetUserId: string | null;
      classId: string | null;
      taskId?: string | null;
      dial?: DialRequest;
    },
  ): Promise<string> {
    const row: CallsTable = {
      id: newId(),
      scenarioId: scenario.id,
      locale: scenario.locale,
      direction: scenario.direction,
      category: scenario.category,
      mode: route.mode,
      status: 'queued',
      source: route.source,
      targetUserId: route.targetUserId,
      classId: route.classId,
      agentUserId: null,
      createdAtMs: Date.now(),
      offeredAtMs: null,
      answeredAtMs: null,
      endedAtMs: null,
      ringCount: 0,
      endedBy: null,
      endReason: null,
      durationMs: null,
      recordingPath: null,
      timelinePath: null,
      nodeId: this.options.nodeId ?? null,
      taskId: route.taskId ?? null,
    };
    await this.ctx.db.insertInto('calls').values(row).execute();
    const prerendered = this.engines.prerender(scenario).catch((error: unknown) => {
      this.logger.error({ err: error, callId: row.id, scenarioId: scenario.id }, 'prerender failed');
    });
    this.calls.set(row.id, {
      row,
      scenario,
      session: null,
      userId: null,
      prerendered,
      disconnectTimer: null,
      dial: route.dial
        ? {
            request: route.dial,
            timer: null,
            resolved: false,
            line: this.dialLine(route.dial.outcome, scenario),
          }
        : null,
    });
    await this.router.enqueue({
      callId: row.id,
      skills: scenario.skills,
      targetUserId: route.targetUserId,
      classId: route.classId,
    });
    return row.id;
  }

  async answer(user: UsersTable, callId: string, browserAsr: boolean): Promise<CallConnectedDto> {
    const live = this.calls.get(callId);
    if (!live || live.userId !== user.id || !live.session)
      throw new AppError('CALL_NOT_FOUND', 'not ringing here', { details: { callId } });
    if (live.dial) throw new AppError('CALL_STATE_ILLEGAL', 'outbound calls are answered by the customer');
    await this.router.answer(callId, user.id);
    return this.connect(live, user, browserAsr);
  }

  /** Starts recording and the session of a call just answered (by the agent, or by the customer of a dial). */
  private async connect(live: LiveCall, user: UsersTable, browserAsr: boolean): Promise<CallConnectedDto> {
    const callId = live.row.id;
    if (!live.session) throw new AppError('CALL_NOT_FOUND', 'no session', { details: { callId } });
    // No wait for the prerender here: a line not yet in the cache renders on demand (the
    // cache joins the render already in flight), and the answer itself never stalls.
    const answeredAtMs = Date.now();
    const paths = recordingPaths(this.ctx.config.recordingsDir, callId, answeredAtMs);
    const recorder = await StereoRecorder.create(paths, {
      callId,
      scenarioId: live.scenario.id,
      locale: live.scenario.locale,
      direction: live.scenario.direction,
      mode: live.row.mode,
      agentUserId: user.id,
      sampleRateHz: 16000,
      answeredAtMs,
    });
    for (let ring = 1; ring <= live.row.ringCount; ring++) {
      recorder.event({
        type: 'ring',
        atMs: (live.row.offeredAtMs ?? answeredAtMs) - answeredAtMs + (ring - 1) * this.options.ringPeriodMs,
        ringCount: ring,
      });
    }
    live.session.browserAsr = browserAsr;
    live.session.answer(this.clock.currentTick, recorder);
    this.activeByUser.set(user.id, callId);
    live.row = {
      ...live.row,
      status: 'active',
      agentUserId: user.id,
      answeredAtMs,
      recordingPath: paths.wavPath,
      timelinePath: paths.timelinePath,
    };
    await this.ctx.db
      .updateTable('calls')
      .set({
        status: 'active',
        agentUserId: user.id,
        answeredAtMs,
        ringCount: live.row.ringCount,
        recordingPath: paths.wavPath,
        timelinePath: paths.timelinePath,
      })
      .where('id', '=', callId)
      .execute();
    this.ensureClock();
    return this.connectedDto(live);
  }

  /** The softphone came back within the grace period: rebind the running call. */
  resume(user: UsersTable, callId: string): CallConnectedDto {
    const live = this.calls.get(callId);
    if (!live?.session || live.userId !== user.id || live.session.state === 'ended' || live.externalMedia) {
      throw new AppError('CALL_NOT_FOUND', 'nothing to resume', { details: { callId } });
    }
    if (live.disconnectTimer) clearTimeout(live.disconnectTimer);
    live.disconnectTimer = null;
    live.session.jitter.resetSequence();
    live.session.attach(this.outputFor(user.id, callId));
    this.logger.info({ callId, userId: user.id }, 'call resumed after reconnect');
    return this.connectedDto(live);
  }

  /** The agent's socket dropped: keep the call for the grace period, then end it. */
  agentDisconnected(userId: string): void {
    const callId = this.activeByUser.get(userId);
    const live = callId ? this.calls.get(callId) : undefined;
    if (!live?.session || live.session.state === 'ended') {
      this.router
        .disconnect(userId)
        .catch((error: unknown) => this.logger.error({ err: error, userId }, 'agent seat not released'));
      return;
    }
    if (live.externalMedia) return;
    // The session keeps its output: events for a user with no socket go nowhere, and its
    // end still reaches onEnded so the call is closed in the database.
    live.disconnectTimer = setTimeout(() => {
      void live.session?.hangup('system', 'agent-disconnected');
    }, this.options.reconnectGraceMs);
  }

  activeCallOf(userId: string): string | null {
    return this.activeByUser.get(userId) ?? null;
  }

  /** Load on this node's media path, for capacity planning (GET /api/calls/media-stats). */
  mediaStats(): {
    liveSessions: number;
    clock: MediaClock['stats'];
    /** The agents' microphone frames on this node since start: late ones were dropped. */
    agentFrames: JitterStats;
    vad: Record<string, unknown> | null;
  } {
    let liveSessions = 0;
    const agentFrames = { ...this.endedAgentFrames };
    for (const live of this.calls.values()) {
      const session = live.session;
      if (session?.state === 'connected' || session?.state === 'held') liveSessions++;
      // A session stays here until onEnded moves its counts to the totals, whatever its state.
      if (session) addJitterStats(agentFrames, session.jitter.stats);
    }
    return { liveSessions, clock: { ...this.clock.stats }, agentFrames, vad: this.engines.vadStats() };
  }

  /** Session of the user's call, checked: only the agent on the call may act on it. */
  sessionFor(user: UsersTable, callId: string): CallSession {
    const live = this.calls.get(callId);
    if (!live?.session || live.userId !== user.id)
      throw new AppError('CALL_NOT_FOUND', 'not your call', { details: { callId } });
    return live.session;
  }

  pushAgentFrame(userId: string, callId: string, seq: number, pcm: Int16Array): void {
    const live = this.calls.get(callId);
    if (!live?.session || live.userId !== userId) return;
    live.session.pushAgentFrame(seq, pcm, this.clock.currentTick);
  }

  agentSilence(userId: string, callId: string, seq: number): void {
    const live = this.calls.get(callId);
    if (!live?.session || live.userId !== userId) return;
    live.session.pushAgentSilence(seq, this.clock.currentTick);
  }

  async hangup(user: UsersTable, callId: string): Promise<CallEndedDto> {
    const live = this.calls.get(callId);
    if (live?.dial && live.userId === user.id && !live.dial.resolved) {
      const ended: CallEndedDto = {
        callId,
        endedBy: 'agent',
        reason: 'agent-cancelled',
        durationMs: 0,
        recordingPath: null,
        timelinePath: null,
      };
      await this.endDial(live, 'cancelled', 'agent-cancelled');
      this.channel.emit(user.id, 'call:ended', ended);
      return ended;
    }
    const end = await this.sessionFor(user, callId).hangup('agent', 'agent-hung-up');
    return toEndedDto(end);
  }

  async close(): Promise<void> {
    this.router.close();
    const ending: Promise<unknown>[] = [];
    this.ringbacks.clear();
    for (const live of this.calls.values()) {
      if (live.disconnectTimer) clearTimeout(live.disconnectTimer);
      if (live.dial?.timer) clearTimeout(live.dial.timer);
      if (live.session && live.session.state !== 'ringing' && live.session.state !== 'ended') {
        ending.push(live.session.hangup('system', 'server-shutdown'));
      }
    }
    await Promise.allSettled(ending);
    this.unsubscribeClock?.();
    this.clock.stop();
    await this.engines.close();
  }

  private async onOffer(callId: string, userId: string): Promise<void> {
    const live = this.calls.get(callId) ?? (await this.adopt(callId));
    if (!live) return;
    const user = await this.ctx.users.findById(userId);
    const agent = { id: user?.username ?? userId, name: user?.displayName ?? userId };
    const walker = createDialogueWalker(live.scenario, { agent });
    const checklist = createChecklist(live.scenario, { vars: scenarioVars(live.scenario, agent) });
    live.userId = userId;
    live.row.offeredAtMs ??= Date.now();
    live.session = new CallSession({
      callId,
      locale: live.scenario.locale,
      mode: live.row.mode,
      walker,
      checklist,
      renderLine: this.engines.lineRenderer(live.scenario),
      asr: this.engines.asrFor(live.scenario.locale),
      vad: (listener) => this.engines.createVad(listener),
      logger: this.logger.child({ callId, scenarioId: live.scenario.id }),
    });
    live.session.attach(this.outputFor(userId, callId));
    live.row.nodeId = this.options.nodeId ?? null;
    await this.ctx.db
      .updateTable('calls')
      .set({ status: 'ringing', offeredAtMs: live.row.offeredAtMs, nodeId: live.row.nodeId })
      .where('id', '=', callId)
      .execute();
    const customer = live.scenario.customer;
    const offer: CallOfferDto = {
      callId,
      scenarioId: live.scenario.id,
      title: live.scenario.title,
      category: live.scenario.category,
      direction: live.scenario.direction,
      locale: live.scenario.locale,
      mode: live.row.mode,
      customer: {
        name: customer.name,
        persona: customer.persona,
        facts: Object.fromEntries(Object.entries(customer.facts ?? {}).map(([k, v]) => [k, String(v)])),
      },
      ringStartedAtMs: Date.now(),
      ringTimeoutMs: this.options.ringTimeoutMs,
      ringPeriodMs: this.options.ringPeriodMs,
    };
    if (live.dial) {
      offer.customer = live.dial.request.customer;
      this.startDial(live, userId, offer);
      return;
    }
    this.channel.emit(userId, 'call:offer', offer);
  }

  /** Ringback until the planned outcome; the router counts the rings. */
  private startDial(live: LiveCall, userId: string, offer: CallOfferDto): void {
    const dial = live.dial!;
    const callId = live.row.id;
    this.channel.emit(userId, 'call:dialing', { ...offer, taskId: dial.request.taskId });
    const pattern = ringbackPattern(live.scenario.locale, this.options.ringPeriodMs);
    const { rings } = dial.request;
    const delayMs =
      rings === 0 ? 600 : (rings - 1) * this.options.ringPeriodMs + pattern.onMs + PICKUP_AFTER_TONE_MS;
    this.playBeforeAnswer(callId, userId, new DialAudio().tone(pattern, Number.POSITIVE_INFINITY));
    dial.timer = setTimeout(() => void this.resolveDial(callId), delayMs);
    dial.timer.unref();
  }

  /** The planned moment came: the customer answers, or the dial ends with its outcome. */
  private async resolveDial(callId: string): Promise<void> {
    const live = this.calls.get(callId);
    const dial = live?.dial;
    if (!live || !dial || dial.resolved || !live.userId) return;
    dial.timer = null;
    // The phone keeps ringing until the customer's voice is ready.
    if (dial.request.outcome === 'answered') await live.prerendered;
    if (dial.resolved || !this.calls.has(callId)) return;
    dial.resolved = true;
    const userId = live.userId!;
    const { outcome, taskId } = dial.request;
    this.channel.emit(userId, 'call:dial-outcome', {
      callId,
      taskId,
      outcome,
      ringCount: live.row.ringCount,
    });
    if (outcome !== 'answered') {
      await this.endDial(live, outcome, outcome);
      return;
    }
    this.ringbacks.delete(callId);
    const user = await this.ctx.users.findById(userId);
    try {
      if (!user) throw new AppError('CALL_NOT_FOUND', 'agent gone');
      await this.router.answer(callId, userId);
      const connected = await this.connect(live, user, dial.request.browserAsr);
      this.channel.emit(userId, 'call:connected', connected);
    } catch (error) {
      this.logger.error({ err: error, callId }, 'outbound answer failed');
      await this.router.abandon(callId, 'answer-failed');
      // The task gets its dial back.
      await this.reportDial(live, 'cancelled');
      return;
    }
    await this.reportDial(live, 'answered');
  }

  /**
   * Ends a dial that was not answered: the agent is free at once, the call row is
   * abandoned with the outcome as its reason, and the busy tone / voicemail / wrong-number
   * line plays out before `call:ended`.
   */
  private async endDial(live: LiveCall, outcome: DialOutcome | 'cancelled', reason: string): Promise<void> {
    const dial = live.dial!;
    const callId = live.row.id;
    const userId = live.userId;
    dial.resolved = true;
    if (dial.timer) clearTimeout(dial.timer);
    dial.timer = null;
    this.ringbacks.delete(callId);
    const tail = outcomeAudio(outcome, live.scenario.locale, await dial.line);
    await this.reportDial(live, outcome);
    await this.router.abandon(callId, reason);
    if (!userId || outcome === 'cancelled') return;
    const ended: CallEndedDto = {
      callId,
      endedBy: 'system',
      reason,
      durationMs: 0,
      recordingPath: null,
      timelinePath: null,
    };
    if (tail)
      this.playBeforeAnswer(callId, userId, tail, () => this.channel.emit(userId, 'call:ended', ended));
    else this.channel.emit(userId, 'call:ended', ended);
  }

  private async reportDial(live: LiveCall, outcome: DialOutcome | 'cancelled'): Promise<void> {
    if (!live.dial || !live.userId) return;
    try {
      await this.options.onDialResult?.({
        callId: live.row.id,
        taskId: live.dial.request.taskId,
        agentUserId: live.userId,
        outcome,
        ringCount: live.row.ringCount,
      });
    } catch (error) {
      this.logger.error({ err: error, callId: live.row.id }, 'dial result not recorded');
    }
  }

  private playBeforeAnswer(callId: string, userId: string, audio: DialAudio, drained?: () => void): void {
    const seq = this.ringbacks.get(callId)?.seq ?? 0;
    this.ringbacks.set(callId, { userId, audio, seq, drained: drained ?? null });
    this.ensureClock();
  }

  private dialLine(outcome: DialOutcome, scenario: ResolvedScenario): Promise<Int16Array | null> {
    if (outcome !== 'voicemail' && outcome !== 'wrong-person') return Promise.resolve(null);
    return this.engines
      .synthesize(dialLineText(outcome, scenario.locale), scenario.locale)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, scenarioId: scenario.id }, 'dial line not synthesized');
        return null;
      });
  }

  /**
   * A call queued on another node was offered to an agent here: build it from its row
   * (the session runs on the node with the agent's socket). Dials ring only on the
   * dialling agent's node; a call this node cannot run is abandoned.
   */
  private async adopt(callId: string): Promise<LiveCall | undefined> {
    const row = await this.ctx.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
    if (!row || row.taskId !== null || !this.library.has(row.scenarioId)) {
      this.logger.warn({ callId, scenarioId: row?.scenarioId }, 'offered call cannot run on this node');
      await this.router.abandon(callId, 'not-runnable');
      return undefined;
    }
    const scenario = this.library.get(row.scenarioId);
    const live: LiveCall = {
      row,
      scenario,
      session: null,
      userId: null,
      prerendered: this.engines.prerender(scenario).catch((error: unknown) => {
        this.logger.error({ err: error, callId, scenarioId: scenario.id }, 'prerender failed');
      }),
      disconnectTimer: null,
      dial: null,
    };
    this.calls.set(callId, live);
    return live;
  }

  /** The call was offered to an agent on another node, which runs it from now on. */
  private async onReleased(callId: string): Promise<void> {
    const live = this.calls.get(callId);
    if (!live) return;
    this.calls.delete(callId);
    this.ringbacks.delete(callId);
    // A session built for an earlier, unanswered offer here: close it without ending the call.
    live.session?.attach(null);
    live.session?.hangup('system', 'moved-to-another-node').catch(() => undefined);
    if (live.dial && !live.dial.resolved) {
      live.dial.resolved = true;
      if (live.dial.timer) clearTimeout(live.dial.timer);
      await this.reportDial(live, 'cancelled');
    }
  }

  private async onAbandoned(callId: string, reason: string): Promise<void> {
    const live = this.calls.get(callId);
    this.calls.delete(callId);
    if (live?.dial && !live.dial.resolved) {
      // Dropped before its outcome (agent gone, queue timeout): the task gets the dial back.
      live.dial.resolved = true;
      if (live.dial.timer) clearTimeout(live.dial.timer);
      this.ringbacks.delete(callId);
      await this.reportDial(live, 'cancelled');
    }
    live?.session?.hangup('system', reason).catch(() => undefined);
    await this.ctx.db
      .updateTable('calls')
      .set({ status: 'abandoned', endReason: reason, endedAtMs: Date.now() })
      .where('id', '=', callId)
      .execute();
    this.logger.info({ callId, reason }, 'call abandoned');
  }

  private outputFor(userId: string, callId: string): SessionOutput {
    return {
      callerFrame: (seq, pcm) =>
        this.channel.emit(userId, 'media:caller', {
          callId,
          seq,
          pcm: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength),
        }),
      callerSilence: (seq) => this.channel.emit(userId, 'media:caller-silence', { callId, seq }),
      callerPacketFrames: CALLER_PACKET_FRAMES,
      customerLine: (line) => this.channel.emit(userId, 'call:customer-line', line),
      agentTurn: (turn) => this.channel.emit(userId, 'call:agent-turn', turn),
      checklist: (tick) => this.channel.emit(userId, 'call:checklist', tick),
      held: (on, atMs) => this.channel.emit(userId, 'call:held', { callId, on, atMs }),
      ended: (end) => void this.onEnded(userId, end),
    };
  }

  private async onEnded(userId: string, end: SessionEnd): Promise<void> {
    const live = this.calls.get(end.callId);
    if (live?.session) addJitterStats(this.endedAgentFrames, live.session.jitter.stats);
    this.calls.delete(end.callId);
    if (this.activeByUser.get(userId) === end.callId) this.activeByUser.delete(userId);
    if (live?.disconnectTimer) clearTimeout(live.disconnectTimer);
    const wasAnswered = live?.row.status === 'active';
    await this.ctx.db
      .updateTable('calls')
      .set({
        status: wasAnswered ? 'ended' : 'abandoned',
        endedBy: end.endedBy,
        endReason: end.reason,
        endedAtMs: Date.now(),
        durationMs: end.durationMs,
      })
      .where('id', '=', end.callId)
      .execute();
    if (wasAnswered) {
      await this.router.callEnded(end.callId, userId);
      this.channel.emit(userId, 'call:ended', toEndedDto(end));
      try {
        await this.options.onCallFinished?.({
          callId: end.callId,
          scenarioId: live!.scenario.id,
          agentUserId: userId,
          endedBy: end.endedBy,
        });
      } catch (error) {
        this.logger.error({ err: error, callId: end.callId }, 'after-call work failed');
      }
      this.logger.info(
        { callId: end.callId, endedBy: end.endedBy, durationMs: end.durationMs },
        'call ended',
      );
    }
  }

  private ensureClock(): void {
    if (this.unsubscribeClock) return;
    this.unsubscribeClock = this.clock.subscribe((tick) => {
      for (const live of this.calls.values()) live.session?.tick(tick);
      for (const [callId, ringback] of this.ringbacks) {
        const frame = ringback.audio.next();
        if (frame) {
          this.channel.emit(ringback.userId, 'call:ringback', {
            callId,
            seq: ringback.seq++,
            pcm: new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength),
          });
        } else {
          this.ringbacks.delete(callId);
          ringback.drained?.();
        }
      }
    });
  }

  private connectedDto(live: LiveCall): CallConnectedDto {
    const practice = live.row.mode === 'practice';
    return {
      callId: live.row.id,
      answeredAtMs: live.row.answeredAtMs ?? Date.now(),
      mode: live.row.mode,
      checklist: practice
        ? live.scenario.steps.map((s) => ({ id: s.id, label: s.label, phase: s.phase, required: s.required }))
        : null,
      captions: practice,
      media: { sampleRateHz: 16000, frameMs: 20, frameBytes: 640 },
    };
  }

  /**
   * Answers a call ringing for `user` whose audio travels outside socket.io (a phone line
   * through Twilio Media Streams, apps/server/src/telephony): the customer's frames go to
   * `media.callerFrame` instead of the softphone, `media.customerLine` and `media.ended`
   * hear those events too; everything else still reaches the softphone if one is open.
   * Agent frames come in through `pushAgentFrame`. Server ASR only (no browser transcripts).
   */
  async answerWithMedia(
    user: UsersTable,
    callId: string,
    media: Pick<SessionOutput, 'callerFrame'> & Partial<Pick<SessionOutput, 'customerLine' | 'ended'>>,
  ): Promise<CallConnectedDto> {
    const live = this.calls.get(callId);
    if (!live?.session || live.userId !== user.id || live.dial)
      throw new AppError('CALL_NOT_FOUND', 'not ringing here', { details: { callId } });
    await this.router.answer(callId, user.id);
    live.externalMedia = true;
    const softphone = this.outputFor(user.id, callId);
    live.session.attach({
      ...softphone,
      callerFrame: media.callerFrame,
      // The phone line takes the customer frame by frame, on its tick.
      callerPacketFrames: 1,
      customerLine: (line) => {
        softphone.customerLine(line);
        media.customerLine?.(line);
      },
      ended: (end) => {
        softphone.ended(end);
        media.ended?.(end);
      },
    });
    return this.connect(live, user, false);
  }
}

function toEndedDto(end: SessionEnd): CallEndedDto {
  return {
    callId: end.callId,
    endedBy: end.endedBy,
    reason: end.reason,
    durationMs: end.durationMs,
    recordingPath: end.recordingPath,
    timelinePath: end.timelinePath,
  };
}

function addJitterStats(total: JitterStats, add: JitterStats): void {
  total.received += add.received;
  total.played += add.played;
  total.gaps += add.gaps;
  total.late += add.late;
  total.recovered += add.recovered;
  total.duplicates += add.duplicates;
}
