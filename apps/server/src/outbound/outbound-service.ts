// Outbound calling for trainees: the worklist (tasks due on their class's simulated
// clock), dialling a task under the calling rules (do-not-call list, 09:00–21:00 customer
// time, care calls only on the day, one dial at a time), the disposition after the call,
// and the customer history. Dials run through the CallService; their outcomes and the
// calls' ends come back as durable jobs (scheduler.ts).
import {
  AppError,
  type BlockedReason,
  type CustomerHistoryEntryDto,
  type DialMix,
  type DialOutcome,
  type DispositionBody,
  type OccasionDto,
  type OutboundTaskDetailDto,
  type OutboundTaskDto,
  type WorklistDto,
} from '@callsim/protocol';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.js';
import type { AgentChannel, CallService, DialResult } from '../calls/call-service.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import type { Logger } from '../logging/logger.js';
import type { UsersTable } from '../storage/schema.js';
import type { CampaignStore } from './campaigns.js';
import type { SimClocks } from './clock-store.js';
import { localMonthDay, localTimeLabel, nextCallableMs, withinCallingHours } from './customer-time.js';
import { planDial } from './dial-outcomes.js';
import type { DoNotCallList } from './do-not-call.js';
import type { OutboundScheduler } from './scheduler.js';
import { type SimClockState, simNow } from './sim-clock.js';
import { OPEN_STATUSES, type TaskRow, type TaskStore, taskCustomer } from './task-store.js';

export interface OutboundParts {
  tasks: TaskStore;
  campaigns: CampaignStore;
  clocks: SimClocks;
  doNotCall: DoNotCallList;
  scheduler: OutboundScheduler;
}

export class OutboundService {
  private calls: CallService | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly ctx: AppContext,
    private readonly library: ScenarioLibrary,
    private readonly channel: AgentChannel,
    readonly parts: OutboundParts,
  ) {
    this.logger = ctx.logger.child({ component: 'outbound' });
  }

  attach(calls: CallService): void {
    this.calls = calls;
  }

  notify(userIds: Iterable<string>, reason: string): void {
    for (const id of new Set(userIds)) this.channel.emit(id, 'outbound:worklist-changed', { reason });
  }

  /** Dials a task for its trainee; every rule is checked here, once, before the phone rings. */
  async dial(user: UsersTable, taskId: string, browserAsr: boolean): Promise<{ callId: string }> {
    const calls = this.calls;
    if (!calls) throw new AppError('INTERNAL', 'outbound not attached');
    const { tasks, clocks, doNotCall } = this.parts;
    const task = await tasks.get(taskId);
    if (!task || task.traineeUserId !== user.id)
      throw new AppError('OUTBOUND_TASK_NOT_FOUND', 'no such task', { details: { taskId } });
    if (task.status !== 'pending')
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'task not pending', {
        details: { taskId, reason: task.status },
      });
    const customer = taskCustomer(task);
    const sim = simNow(await clocks.get(task.classId), Date.now());
    if (Number(task.dueSimMs) > sim)
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'not due', { details: { taskId, reason: 'not-due' } });
    if (task.windowEndSimMs !== null && sim > Number(task.windowEndSimMs)) {
      await tasks.expire(task.id);
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'window closed', {
        details: { taskId, reason: 'expired' },
      });
    }
    if (await doNotCall.has(task.phoneKey)) {
      await tasks.cancel(task.id);
      this.notify([user.id], 'do-not-call');
      throw new AppError('OUTBOUND_DO_NOT_CALL', 'number on the do-not-call list', { details: { taskId } });
    }
    const occasion = task.occasion ? (JSON.parse(task.occasion) as OccasionDto) : null;
    if (occasion && localMonthDay(sim, customer.timezone) !== occasion.date)
      throw new AppError('OUTBOUND_NOT_OCCASION_DAY', 'not the day', {
        details: { taskId, occasion: occasion.name ?? (user.locale === 'en-US' ? 'birthday' : '生日') },
      });
    if (!withinCallingHours(sim, customer.timezone))
      throw new AppError('OUTBOUND_OUTSIDE_CALLING_HOURS', 'outside calling hours', {
        details: { taskId, localTime: localTimeLabel(sim, customer.timezone) },
      });
    const scenario = this.library.get(task.scenarioId);
    if (!(await tasks.claimForDial(task.id)))
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'already dialling', {
        details: { taskId, reason: 'dialing' },
      });
    const plan = planDial(
      scenario,
      task.dialMix ? (JSON.parse(task.dialMix) as DialMix) : null,
      `${task.id}:${task.attempts + 1}`,
      calls.maxDialRings(scenario.locale),
    );
    let callId: string;
    try {
      callId = await calls.dialOutbound(user, scenario, {
        taskId: task.id,
        classId: task.classId,
        source: task.kind,
        mode: 'practice',
        browserAsr,
        customer: { name: customer.name, persona: scenario.customer.persona, facts: cardFacts(customer) },
        outcome: plan.outcome,
        rings: plan.rings,
      });
    } catch (error) {
      await tasks.releaseDial(task.id);
      throw error;
    }
    await tasks.setLastCall(task.id, callId);
    this.logger.info({ taskId: task.id, callId, outcome: plan.outcome, rings: plan.rings }, 'task dialled');
    return { callId };
  }

  /** CallService hook: a dial's outcome is known; record it durably. */
  async onDialResult(result: DialResult): Promise<void> {
    const task = await this.parts.tasks.get(result.taskId);
    if (!task) return;
    await this.parts.scheduler.enqueueDialResult({
      taskId: result.taskId,
      callId: result.callId,
      outcome: result.outcome,
      simMs: simNow(await this.parts.clocks.get(task.classId), Date.now()),
    });
  }

  /** CallService hook (beside score-call): plan the follow-up, close the task's call. */
  async onCallFinished(call: { callId: string }): Promise<void> {
    await this.parts.scheduler.enqueueAfterCall(call.callId);
  }

  /**
   * After a restart no dial is ringing: a task left `dialing` gets its dial back, and one
   * left `in-call` waits for its disposition (its recording was recovered). Calls cut by
   * the crash still get their after-call work.
   */
  async recover(): Promise<void> {
    const { tasks } = this.parts;
    const stuck = await this.ctx.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('status', 'in', ['dialing', 'in-call'])
      .execute();
    for (const task of stuck) {
      const call = task.lastCallId
        ? await this.ctx.db
            .selectFrom('calls')
            .selectAll()
            .where('id', '=', task.lastCallId)
            .executeTakeFirst()
        : undefined;
      if (call?.answeredAtMs) {
        await tasks.callFinished(
          task.id,
          call.id,
          simNow(await this.parts.clocks.get(task.classId), Date.now()),
        );
      } else {
        await tasks.releaseDial(task.id);
      }
    }
    const recovered = await this.ctx.db
      .selectFrom('calls')
      .select('id')
      .where('status', '=', 'ended')
      .where('endReason', '=', 'recovered-after-crash')
      .where('endedAtMs', '>', Date.now() - 86_400_000)
      .execute();
    for (const call of recovered) await this.parts.scheduler.enqueueAfterCall(call.id);
    if (stuck.length > 0) this.logger.warn({ tasks: stuck.length }, 'outbound tasks recovered after restart');
  }

  async worklist(user: UsersTable): Promise<WorklistDto> {
    const { tasks, clocks } = this.parts;
    const rows = await tasks.forTrainee(user.id, OPEN_STATUSES);
    const classIds = new Set<string | null>(rows.map((r) => r.classId));
    for (const c of await this.ctx.users.classesOf(user.id))
      if (c.roleInClass === 'trainee') classIds.add(c.id);
    if (classIds.size === 0) classIds.add(null);
    const clockMap = await clocks.getMany(classIds);
    const realMs = Date.now();
    const due: TaskRow[] = [];
    const wrapUp: TaskRow[] = [];
    let upcomingCount = 0;
    let nextDueSimMs: number | null = null;
    for (const row of rows) {
      const sim = simNow(clockMap.get(row.classId)!, realMs);
      if (row.status === 'wrap-up') wrapUp.push(row);
      else if (row.status !== 'pending') due.push(row);
      else if (row.windowEndSimMs !== null && sim > Number(row.windowEndSimMs)) await tasks.expire(row.id);
      else if (Number(row.dueSimMs) <= sim) due.push(row);
      else {
        upcomingCount++;
        if (nextDueSimMs === null || Number(row.dueSimMs) < nextDueSimMs) nextDueSimMs = Number(row.dueSimMs);
      }
    }
    // Render the customers' voices of due calls now, so Dial is answered without a TTS wait.
    for (const id of new Set(due.map((row) => row.scenarioId)))
      if (this.library.has(id)) void this.calls?.warm(this.library.get(id));
    const dtos = await this.toDtos([...due, ...wrapUp], clockMap);
    return {
      clocks: [...clockMap].map(([classId, clock]) => clocks.toDto(classId, clock)),
      due: dtos.slice(0, due.length),
      wrapUp: dtos.slice(due.length),
      upcomingCount,
      nextDueSimMs,
    };
  }

  /** A task with the customer card and the history with this customer. */
  async detail(viewer: UsersTable, task: TaskRow): Promise<OutboundTaskDetailDto> {
    const clockMap = await this.parts.clocks.getMany([task.classId]);
    const [dto] = await this.toDtos([task], clockMap);
    const related = await this.parts.tasks.samePhone(task.phoneKey);
    const ids = new Set([task.id, ...related.map((t) => t.id)]);
    const originIds = [task, ...related].map((t) => t.originCallId).filter((id): id is string => id !== null);
    const calls = await this.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where((eb) =>
        eb.or([eb('taskId', 'in', [...ids]), ...(originIds.length > 0 ? [eb('id', 'in', originIds)] : [])]),
      )
      .orderBy('createdAtMs', 'desc')
      .limit(100)
      .execute();
    const visible = [];
    for (const call of calls) {
      const owner = call.agentUserId ?? call.targetUserId;
      if (owner && (await this.ctx.policy.canViewUser(viewer, owner))) visible.push(call);
    }
    const attempts = visible.length
      ? await this.ctx.db
          .selectFrom('outboundAttempts')
          .select(['callId', 'outcome'])
          .where(
            'callId',
            'in',
            visible.map((c) => c.id),
          )
          .execute()
      : [];
    const outcomeOf = new Map(attempts.map((a) => [a.callId, a.outcome]));
    const dispositionOf = new Map(
      [task, ...related]
        .filter((t) => t.lastCallId && t.disposition)
        .map((t) => [t.lastCallId!, t.disposition!]),
    );
    const scores = await this.latestScores(visible.map((c) => c.id));
    const history: CustomerHistoryEntryDto[] = visible.map((call) => {
      const outcome = outcomeOf.get(call.id);
      return {
        callId: call.id,
        taskId: call.taskId,
        scenarioId: call.scenarioId,
        scenarioTitle: this.library.has(call.scenarioId)
          ? this.library.get(call.scenarioId).title
          : call.scenarioId,
        direction: call.direction,
        status: call.status,
        createdAtMs: Number(call.createdAtMs),
        answeredAtMs: call.answeredAtMs === null ? null : Number(call.answeredAtMs),
        durationMs: call.durationMs === null ? null : Number(call.durationMs),
        outcome:
          call.direction === 'inbound'
            ? null
            : outcome && outcome !== 'cancelled'
              ? outcome
              : call.answeredAtMs
                ? 'answered'
                : null,
        disposition: dispositionOf.get(call.id) ?? null,
        recordingUrl: call.recordingPath ? `/api/calls/${call.id}/recording` : null,
        score: scores.get(call.id) ?? null,
      };
    });
    return { task: dto!, history };
  }

  /** The trainee's disposition of an answered call. */
  async dispose(user: UsersTable, task: TaskRow, body: DispositionBody): Promise<OutboundTaskDto> {
    const { tasks, clocks, doNotCall } = this.parts;
    if (task.status !== 'wrap-up')
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'no call to dispose', {
        details: { taskId: task.id, reason: task.status },
      });
    const customer = taskCustomer(task);
    const sim = simNow(await clocks.get(task.classId), Date.now());
    let callbackDue: number | null = null;
    if (body.disposition === 'callback') {
      const at = body.callbackAtSimMs!;
      if (at <= sim)
        throw new AppError('BAD_REQUEST', 'callback in the past', {
          details: { field: 'callbackAtSimMs', reason: 'must be later than now on the class clock' },
        });
      callbackDue = nextCallableMs(at, customer.timezone);
      if (task.windowEndSimMs !== null && callbackDue > Number(task.windowEndSimMs))
        throw new AppError('BAD_REQUEST', 'callback after the window', {
          details: { field: 'callbackAtSimMs', reason: 'after the end of the campaign window' },
        });
    }
    const changed = await tasks.transaction(async (trx) => {
      const ok = await tasks.dispose(task, body, callbackDue, trx);
      if (ok && body.disposition === 'do-not-call') {
        await doNotCall.add(
          customer.phone || task.phoneKey,
          'customer asked during a call',
          'disposition',
          user.id,
          trx,
        );
      }
      return ok;
    });
    if (!changed)
      throw new AppError('OUTBOUND_TASK_NOT_DIALABLE', 'already disposed', {
        details: { taskId: task.id, reason: 'done' },
      });
    if (body.disposition === 'do-not-call')
      this.notify(await tasks.cancelPhone(task.phoneKey), 'do-not-call');
    this.notify([task.traineeUserId], 'disposition');
    const updated = (await tasks.get(task.id))!;
    const [dto] = await this.toDtos([updated], await clocks.getMany([updated.classId]));
    return dto!;
  }

  async toDtos(rows: TaskRow[], clockMap: Map<string | null, SimClockState>): Promise<OutboundTaskDto[]> {
    if (rows.length === 0) return [];
    const listed = await this.parts.doNotCall.listed(rows.map((r) => r.phoneKey));
    const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((id): id is string => id !== null))];
    const names = new Map(
      campaignIds.length
        ? (
            await this.ctx.db
              .selectFrom('outboundCampaigns')
              .select(['id', 'name'])
              .where('id', 'in', campaignIds)
              .execute()
          ).map((c) => [c.id, c.name])
        : [],
    );
    const realMs = Date.now();
    return rows.map((row) => {
      const customer = taskCustomer(row);
      const clock = clockMap.get(row.classId);
      const sim = clock ? simNow(clock, realMs) : realMs;
      const scenario = this.library.has(row.scenarioId) ? this.library.get(row.scenarioId) : null;
      const occasion = row.occasion ? (JSON.parse(row.occasion) as OccasionDto) : null;
      let blockedReason: BlockedReason | null = null;
      let nextCallableSimMs: number | null = null;
      if (row.status === 'pending') {
        if (listed.has(row.phoneKey)) blockedReason = 'do-not-call';
        else if (occasion && localMonthDay(sim, customer.timezone) !== occasion.date)
          blockedReason = 'not-occasion-day';
        else if (!withinCallingHours(sim, customer.timezone)) {
          blockedReason = 'calling-hours';
          nextCallableSimMs = nextCallableMs(sim, customer.timezone);
        }
      }
      return {
        id: row.id,
        kind: row.kind,
        status: row.status,
        scenarioId: row.scenarioId,
        scenarioTitle: scenario?.title ?? row.scenarioId,
        category: scenario?.category ?? '',
        locale: scenario?.locale ?? '',
        classId: row.classId,
        traineeUserId: row.traineeUserId,
        campaignId: row.campaignId,
        campaignName: row.campaignId ? (names.get(row.campaignId) ?? null) : null,
        customer,
        occasion,
        dueSimMs: Number(row.dueSimMs),
        windowEndSimMs: row.windowEndSimMs === null ? null : Number(row.windowEndSimMs),
        attempts: row.attempts,
        maxAttempts: row.maxAttempts,
        lastOutcome: row.lastOutcome as DialOutcome | null,
        lastCallId: row.lastCallId,
        disposition: row.disposition,
        callbackAtSimMs: row.callbackAtSimMs === null ? null : Number(row.callbackAtSimMs),
        originCallId: row.originCallId,
        customerLocalTime: localTimeLabel(sim, customer.timezone),
        blockedReason,
        nextCallableSimMs,
      };
    });
  }

  /**
   * Latest composite score per call from `call_scores` (the scoring feature's table).
   * Read with plain SQL and forgiving of its absence: history shows no score then.
   */
  private async latestScores(callIds: string[]): Promise<Map<string, number>> {
    const scores = new Map<string, number>();
    if (callIds.length === 0) return scores;
    try {
      const result = await sql<{ cid: string; total: number; version: number }>`
        select call_id as cid, total, version from call_scores where call_id in (${sql.join(callIds)})
      `.execute(this.ctx.db);
      const best = new Map<string, number>();
      for (const row of result.rows) {
        const version = Number(row.version);
        if ((best.get(row.cid) ?? -1) < version) {
          best.set(row.cid, version);
          scores.set(row.cid, Math.round(Number(row.total) * 10) / 10);
        }
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'call scores not available');
    }
    return scores;
  }
}

function cardFacts(customer: { phone: string; timezone: string; facts: Record<string, string> }) {
  return {
    ...customer.facts,
    ...(customer.phone ? { phone: customer.phone } : {}),
    timezone: customer.timezone,
  };
}
