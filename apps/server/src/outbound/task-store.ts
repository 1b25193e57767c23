// Outbound call tasks in the database. Every status change is a conditional UPDATE from
// the expected status, so two tabs, two nodes or a replayed job can never dial a task
// twice or apply one dial's result twice (an attempt row per call id is unique):
//
//   pending ──claim──► dialing ──answered──► in-call ──call ends──► wrap-up ──disposition──► done
//      ▲                  │ not answered: retry with back-off ─► pending, or failed / expired   │
//      │                  └ cancelled (agent hung up, dropped) ─► pending                        │
//      └──────────────────────────────── callback at a time ◄────────────────────────────────────┘
//   pending ─► expired (window closed) | cancelled (do-not-call, campaign closed)
import type {
  DialMix,
  DialOutcome,
  DispositionBody,
  OccasionDto,
  OutboundCustomerDto,
  OutboundTaskStatus,
} from '@callsim/protocol';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database, OutboundTasksTable } from '../storage/schema.js';
import { nextCallableMs } from './customer-time.js';

export interface NewTask {
  originKey: string;
  kind: 'follow-up' | 'campaign';
  classId: string | null;
  traineeUserId: string;
  scenarioId: string;
  campaignId: string | null;
  customerId: string | null;
  customer: OutboundCustomerDto;
  phoneKey: string;
  occasion: OccasionDto | null;
  originCallId: string | null;
  dueSimMs: number;
  windowEndSimMs: number | null;
  maxAttempts: number;
  retryBackoffMs: number;
  dialMix: DialMix | null;
}

export type TaskRow = OutboundTasksTable;

/** Statuses in which a task still needs the trainee. */
export const OPEN_STATUSES: readonly OutboundTaskStatus[] = ['pending', 'dialing', 'in-call', 'wrap-up'];

/**
 * Where a task goes after an unanswered dial (busy, no answer, voicemail). `attempts`
 * already counts this dial; the n-th retry waits `retryBackoffMs × 2^(n−1)` simulated ms,
 * moved into the customer's calling hours.
 */
export function retryAfterNoAnswer(
  task: Pick<TaskRow, 'attempts' | 'maxAttempts' | 'retryBackoffMs' | 'windowEndSimMs'>,
  timezone: string,
  simMs: number,
): { status: 'pending'; dueSimMs: number } | { status: 'failed' | 'expired' } {
  if (task.attempts >= task.maxAttempts) return { status: 'failed' };
  const dueSimMs = nextCallableMs(simMs + Number(task.retryBackoffMs) * 2 ** (task.attempts - 1), timezone);
  if (task.windowEndSimMs !== null && dueSimMs > Number(task.windowEndSimMs)) return { status: 'expired' };
  return { status: 'pending', dueSimMs };
}

export function taskCustomer(task: Pick<TaskRow, 'customer'>): OutboundCustomerDto {
  return JSON.parse(task.customer) as OutboundCustomerDto;
}

export class TaskStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a task unless one with the same origin key exists; returns its id when inserted. */
  async insert(task: NewTask, db: Kysely<Database> = this.db): Promise<string | null> {
    const nowMs = Date.now();
    const id = newId(nowMs);
    const result = await db
      .insertInto('outboundTasks')
      .values({
        id,
        originKey: task.originKey,
        kind: task.kind,
        classId: task.classId,
        traineeUserId: task.traineeUserId,
        scenarioId: task.scenarioId,
        campaignId: task.campaignId,
        customerId: task.customerId,
        customer: JSON.stringify(task.customer),
        phoneKey: task.phoneKey,
        occasion: task.occasion ? JSON.stringify(task.occasion) : null,
        originCallId: task.originCallId,
        dueSimMs: task.dueSimMs,
        windowEndSimMs: task.windowEndSimMs,
        status: 'pending',
        attempts: 0,
        maxAttempts: task.maxAttempts,
        retryBackoffMs: task.retryBackoffMs,
        dialMix: task.dialMix ? JSON.stringify(task.dialMix) : null,
        lastOutcome: null,
        lastCallId: null,
        disposition: null,
        dispositionNote: null,
        callbackAtSimMs: null,
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
        closedAtMs: null,
      })
      .onConflict((oc) => oc.column('originKey').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
  }

  async get(id: string): Promise<TaskRow | undefined> {
    return this.db.selectFrom('outboundTasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byOriginKey(originKey: string): Promise<TaskRow | undefined> {
    return this.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('originKey', '=', originKey)
      .executeTakeFirst();
  }

  async forTrainee(userId: string, statuses: readonly OutboundTaskStatus[]): Promise<TaskRow[]> {
    return this.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('traineeUserId', '=', userId)
      .where('status', 'in', statuses)
      .orderBy('dueSimMs')
      .limit(1000)
      .execute();
  }

  async forCampaign(campaignId: string): Promise<TaskRow[]> {
    return this.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('campaignId', '=', campaignId)
      .orderBy('dueSimMs')
      .execute();
  }

  /** Tasks of the same customer (by phone key), for the history panel. */
  async samePhone(phoneKeyValue: string): Promise<TaskRow[]> {
    return this.db
      .selectFrom('outboundTasks')
      .selectAll()
      .where('phoneKey', '=', phoneKeyValue)
      .limit(200)
      .execute();
  }

  /** pending → dialing; false when someone else got there first (or it is not pending). */
  async claimForDial(id: string): Promise<boolean> {
    return this.move(id, ['pending'], { status: 'dialing' });
  }

  async setLastCall(id: string, callId: string): Promise<void> {
    await this.db
      .updateTable('outboundTasks')
      .set({ lastCallId: callId, updatedAtMs: Date.now() })
      .where('id', '=', id)
      .execute();
  }

  /** dialing → pending: the dial never got an outcome. */
  async releaseDial(id: string): Promise<boolean> {
    return this.move(id, ['dialing'], { status: 'pending' });
  }

  async cancel(id: string, from: readonly OutboundTaskStatus[] = ['pending']): Promise<boolean> {
    return this.move(id, from, { status: 'cancelled', closedAtMs: Date.now() });
  }

  async expire(id: string): Promise<boolean> {
    return this.move(id, ['pending'], { status: 'expired', closedAtMs: Date.now() });
  }

  /** Cancels every pending task of a phone number (it went on the do-not-call list). */
  async cancelPhone(phoneKeyValue: string, db: Kysely<Database> = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom('outboundTasks')
      .select(['id', 'traineeUserId'])
      .where('phoneKey', '=', phoneKeyValue)
      .where('status', '=', 'pending')
      .execute();
    if (rows.length > 0)
      await db
        .updateTable('outboundTasks')
        .set({ status: 'cancelled', closedAtMs: Date.now(), updatedAtMs: Date.now() })
        .where('phoneKey', '=', phoneKeyValue)
        .where('status', '=', 'pending')
        .execute();
    return [...new Set(rows.map((r) => r.traineeUserId))];
  }

  /** Cancels the pending tasks of a closed campaign; returns the trainees concerned. */
  async cancelCampaign(campaignId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('outboundTasks')
      .select('traineeUserId')
      .where('campaignId', '=', campaignId)
      .where('status', '=', 'pending')
      .execute();
    await this.db
      .updateTable('outboundTasks')
      .set({ status: 'cancelled', closedAtMs: Date.now(), updatedAtMs: Date.now() })
      .where('campaignId', '=', campaignId)
      .where('status', '=', 'pending')
      .execute();
    return [...new Set(rows.map((r) => r.traineeUserId))];
  }

  /**
   * Applies one dial's outcome exactly once (the attempt row keyed by call id is the
   * guard). Returns the task after the change, or null when this call was already applied.
   */
  async applyDialResult(input: {
    taskId: string;
    callId: string;
    outcome: DialOutcome | 'cancelled';
    simMs: number;
    timezone: string;
  }): Promise<TaskRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const task = await trx
        .selectFrom('outboundTasks')
        .selectAll()
        .where('id', '=', input.taskId)
        .executeTakeFirst();
      if (!task) return null;
      const counted = input.outcome !== 'cancelled';
      if (!(await this.recordAttempt(trx, task, input.callId, input.outcome, input.simMs))) return null;
      const attempts = task.attempts + (counted ? 1 : 0);
      const base = {
        attempts,
        lastCallId: input.callId,
        updatedAtMs: Date.now(),
        ...(counted ? { lastOutcome: input.outcome as DialOutcome } : {}),
      };
      let change: Partial<TaskRow>;
      if (input.outcome === 'cancelled') change = task.status === 'dialing' ? { status: 'pending' } : {};
      else if (input.outcome === 'answered') change = task.status === 'dialing' ? { status: 'in-call' } : {};
      else if (input.outcome === 'wrong-person') change = { status: 'failed', closedAtMs: Date.now() };
      else {
        const next = retryAfterNoAnswer({ ...task, attempts }, input.timezone, input.simMs);
        change =
          next.status === 'pending'
            ? { status: 'pending', dueSimMs: next.dueSimMs }
            : { status: next.status, closedAtMs: Date.now() };
      }
      if (!OPEN_STATUSES.includes(task.status)) change = {};
      await trx
        .updateTable('outboundTasks')
        .set({ ...base, ...change })
        .where('id', '=', task.id)
        .execute();
      return { ...task, ...base, ...change } as TaskRow;
    });
  }

  /**
   * The answered call of a task ended: the task waits for the trainee's disposition.
   * Records the answered attempt too, in case the dial result has not been applied yet.
   */
  async callFinished(taskId: string, callId: string, simMs: number): Promise<TaskRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const task = await trx
        .selectFrom('outboundTasks')
        .selectAll()
        .where('id', '=', taskId)
        .executeTakeFirst();
      if (!task) return null;
      const inserted = await this.recordAttempt(trx, task, callId, 'answered', simMs);
      const change: Partial<TaskRow> = {
        updatedAtMs: Date.now(),
        lastCallId: callId,
        lastOutcome: 'answered',
        ...(inserted ? { attempts: task.attempts + 1 } : {}),
        ...(task.status === 'dialing' || task.status === 'in-call' ? { status: 'wrap-up' as const } : {}),
      };
      await trx.updateTable('outboundTasks').set(change).where('id', '=', task.id).execute();
      return { ...task, ...change } as TaskRow;
    });
  }

  /**
   * The trainee's disposition of an answered call (wrap-up → done, or → pending for a
   * call back). Returns false when the task is not waiting for one.
   */
  async dispose(
    task: TaskRow,
    body: DispositionBody,
    callbackDueSimMs: number | null,
    trx: Kysely<Database> = this.db,
  ): Promise<boolean> {
    const nowMs = Date.now();
    const change: Partial<TaskRow> =
      body.disposition === 'callback'
        ? {
            status: 'pending',
            dueSimMs: callbackDueSimMs ?? Number(task.dueSimMs),
            callbackAtSimMs: body.callbackAtSimMs ?? null,
            attempts: 0,
          }
        : { status: 'done', closedAtMs: nowMs };
    const result = await trx
      .updateTable('outboundTasks')
      .set({
        ...change,
        disposition: body.disposition,
        dispositionNote: body.note ?? null,
        updatedAtMs: nowMs,
      })
      .where('id', '=', task.id)
      .where('status', '=', 'wrap-up')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async transaction<T>(run: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(run);
  }

  private async recordAttempt(
    trx: Transaction<Database>,
    task: TaskRow,
    callId: string,
    outcome: DialOutcome | 'cancelled',
    simMs: number,
  ): Promise<boolean> {
    const result = await trx
      .insertInto('outboundAttempts')
      .values({
        id: newId(),
        taskId: task.id,
        callId,
        attemptNo: task.attempts + (outcome === 'cancelled' ? 0 : 1),
        outcome,
        dialedSimMs: simMs,
        createdAtMs: Date.now(),
      })
      .onConflict((oc) => oc.column('callId').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  private async move(
    id: string,
    from: readonly OutboundTaskStatus[],
    change: Partial<TaskRow> & { status: OutboundTaskStatus },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('outboundTasks')
      .set({ ...change, updatedAtMs: Date.now() })
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
