// Outbound tasks on SQLite and PostgreSQL: a task is created once per origin, dialled once
// at a time, an unanswered dial is retried with doubling back-off inside calling hours,
// a replayed dial result changes nothing, and campaign expansion respects the
// do-not-call list, quotas and birthdays.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import { newId } from '../storage/ids.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { CampaignStore } from './campaigns.js';
import { DoNotCallList, phoneKey } from './do-not-call.js';
import { type NewTask, TaskStore } from './task-store.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function followUp(originKey: string, dueSimMs: number): NewTask {
  return {
    originKey,
    kind: 'follow-up',
    classId: 'c1',
    traineeUserId: 'u1',
    scenarioId: 'followup-damaged-cup',
    campaignId: null,
    customerId: null,
    customer: {
      id: null,
      name: '王先生',
      phone: '138****6621',
      timezone: 'Asia/Shanghai',
      birthday: null,
      facts: {},
    },
    phoneKey: phoneKey('138****6621'),
    occasion: null,
    originCallId: 'call-0',
    dueSimMs,
    windowEndSimMs: null,
    maxAttempts: 3,
    retryBackoffMs: 2 * HOUR,
    dialMix: null,
  };
}

for (const factory of testDatabaseFactories()) {
  describe(`outbound tasks on ${factory.name}`, () => {
    let t: TestDatabase;
    let tasks: TaskStore;
    beforeEach(async () => {
      t = await factory.open();
      tasks = new TaskStore(t.db);
    });
    afterEach(async () => {
      await t.close();
    });

    it('creates one task per origin and lets only one dial claim it', async () => {
      const due = at('2026-01-16T02:00:00Z');
      const id = await tasks.insert(followUp('follow-up:call-0', due));
      expect(id).not.toBeNull();
      expect(await tasks.insert(followUp('follow-up:call-0', due))).toBeNull();
      const claims = await Promise.all([tasks.claimForDial(id!), tasks.claimForDial(id!)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await tasks.get(id!))!.status).toBe('dialing');
    });

    it('retries no answer with doubling back-off in calling hours, then gives up', async () => {
      const id = (await tasks.insert(followUp('follow-up:call-1', at('2026-01-16T02:00:00Z'))))!;
      const dialAndMiss = async (callId: string, simMs: number) => {
        expect(await tasks.claimForDial(id)).toBe(true);
        return tasks.applyDialResult({
          taskId: id,
          callId,
          outcome: 'no-answer',
          simMs,
          timezone: 'Asia/Shanghai',
        });
      };
      // 10:00 Shanghai: first retry 2 h later.
      const first = await dialAndMiss('call-a', at('2026-01-16T02:00:00Z'));
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastOutcome: 'no-answer' });
      expect(Number(first!.dueSimMs)).toBe(at('2026-01-16T04:00:00Z'));
      // A replayed result of the same call changes nothing.
      expect(
        await tasks.applyDialResult({
          taskId: id,
          callId: 'call-a',
          outcome: 'no-answer',
          simMs: at('2026-01-16T02:00:00Z'),
          timezone: 'Asia/Shanghai',
        }),
      ).toBeNull();
      // 19:00 Shanghai: the 4 h back-off lands at 23:00, so it moves to 09:00 next morning.
      const second = await dialAndMiss('call-b', at('2026-01-16T11:00:00Z'));
      expect(second).toMatchObject({ status: 'pending', attempts: 2 });
      expect(Number(second!.dueSimMs)).toBe(at('2026-01-17T01:00:00Z'));
      const third = await dialAndMiss('call-c', at('2026-01-17T01:00:00Z'));
      expect(third).toMatchObject({ status: 'failed', attempts: 3 });
      const attempts = await t.db
        .selectFrom('outboundAttempts')
        .selectAll()
        .where('taskId', '=', id)
        .execute();
      expect(attempts.map((a) => [a.attemptNo, a.outcome]).sort()).toEqual([
        [1, 'no-answer'],
        [2, 'no-answer'],
        [3, 'no-answer'],
      ]);
    });

    it('waits for a disposition after an answered call and reschedules a call back', async () => {
      const id = (await tasks.insert(followUp('follow-up:call-2', at('2026-01-16T02:00:00Z'))))!;
      await tasks.claimForDial(id);
      const sim = at('2026-01-16T02:00:00Z');
      await tasks.applyDialResult({
        taskId: id,
        callId: 'call-x',
        outcome: 'answered',
        simMs: sim,
        timezone: '+08:00',
      });
      expect((await tasks.get(id))!.status).toBe('in-call');
      const finished = await tasks.callFinished(id, 'call-x', sim);
      expect(finished).toMatchObject({ status: 'wrap-up', attempts: 1 });
      const task = (await tasks.get(id))!;
      const callbackAt = at('2026-01-17T06:00:00Z');
      expect(
        await tasks.dispose(task, { disposition: 'callback', callbackAtSimMs: callbackAt }, callbackAt),
      ).toBe(true);
      expect(await tasks.dispose(task, { disposition: 'success' }, null)).toBe(false);
      expect(await tasks.get(id)).toMatchObject({ status: 'pending', disposition: 'callback', attempts: 0 });
      expect(Number((await tasks.get(id))!.dueSimMs)).toBe(callbackAt);
    });

    it('turns a campaign into tasks: quota per trainee, do-not-call skipped, calls on the birthday', async () => {
      const doNotCall = new DoNotCallList(t.db);
      const library = {} as ScenarioLibrary;
      const campaigns = new CampaignStore(t.db, library, tasks, doNotCall);
      const campaignId = newId();
      const windowStart = at('2026-03-01T00:00:00Z');
      await t.db
        .insertInto('outboundCampaigns')
        .values({
          id: campaignId,
          classId: 'c1',
          name: '生日关怀',
          scenarioIds: JSON.stringify(['care-birthday']),
          traineeUserIds: JSON.stringify(['u1', 'u2']),
          windowStartSimMs: windowStart,
          windowEndSimMs: at('2026-03-31T00:00:00Z'),
          quotaPerTrainee: 1,
          maxAttempts: 2,
          retryBackoffMs: HOUR,
          occasion: JSON.stringify({ kind: 'birthday' }),
          dialMix: null,
          defaultTimezone: 'Asia/Shanghai',
          status: 'active',
          summary: null,
          createdByUserId: 'teacher',
          createdAtMs: Date.now(),
          startedAtMs: Date.now(),
        })
        .execute();
      const customers = [
        ['黄阿姨', '13300009086', '03-10', 'Asia/Shanghai'],
        ['李先生', '13800001111', '03-12', 'America/New_York'],
        ['钱先生', '13700003333', '03-15', 'Asia/Shanghai'],
        ['赵女士', '13900002222', '05-01', 'Asia/Shanghai'],
        ['周先生', '13600004444', '03-20', 'Asia/Shanghai'],
      ] as const;
      await t.db
        .insertInto('outboundCustomers')
        .values(
          customers.map(([name, phone, birthday, timezone], i) => ({
            id: newId(),
            campaignId,
            name,
            phone,
            phoneKey: phoneKey(phone),
            timezone,
            birthday,
            facts: '{}',
            source: 'csv' as const,
            position: i,
            createdAtMs: Date.now(),
          })),
        )
        .execute();
      await doNotCall.add('133-0000-9086', 'asked', 'manual', null);

      const result = await campaigns.expand(campaignId);
      expect(result!.summary).toEqual({
        tasksCreated: 2,
        skippedDoNotCall: 1,
        skippedNoOccasion: 1,
        unassigned: 1,
      });
      const made = await tasks.forCampaign(campaignId);
      expect(made.map((task) => task.traineeUserId).sort()).toEqual(['u1', 'u2']);
      const li = made.find((task) => task.phoneKey === '13800001111')!;
      // 12 March, 09:00–21:00 in New York (EDT from 8 March).
      expect(Number(li.dueSimMs)).toBe(at('2026-03-12T13:00:00Z'));
      expect(Number(li.windowEndSimMs)).toBe(at('2026-03-13T01:00:00Z'));
      expect(JSON.parse(li.occasion!)).toEqual({ kind: 'birthday', name: null, date: '03-12' });
      // Replaying the job creates nothing new.
      await campaigns.expand(campaignId);
      expect(await tasks.forCampaign(campaignId)).toHaveLength(2);
    });
  });
}
