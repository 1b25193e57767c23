// Outbound campaigns: an evaluator picks outbound scenarios, a customer list (CSV or
// generated), trainees, a window on the class clock and a quota per trainee. Starting a
// campaign turns customers into tasks (a durable job, see scheduler.ts): customers on the
// do-not-call list get none, care calls fall on the customer's birthday or the holiday
// (09:00–21:00 their time), every other call on the first calling hour in the window.
import {
  AppError,
  type CampaignDto,
  type CampaignSummaryDto,
  type CreateCampaignBody,
  type CustomerImportResultDto,
  type DialMix,
  type OccasionBody,
  type OccasionDto,
  type OutboundTaskStatus,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import { newId } from '../storage/ids.js';
import type { Database, OutboundCampaignsTable, OutboundCustomersTable } from '../storage/schema.js';
import { generateCustomers } from './customer-generator.js';
import { type ImportedCustomer, parseCustomerCsv } from './customer-import.js';
import { nextCallableMs, normalizeTimezone, occasionWindow } from './customer-time.js';
import { type DoNotCallList, phoneKey } from './do-not-call.js';
import type { NewTask, TaskStore } from './task-store.js';

export type CampaignRow = OutboundCampaignsTable;

export class CampaignStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly library: ScenarioLibrary,
    private readonly tasks: TaskStore,
    private readonly doNotCall: DoNotCallList,
  ) {}

  /** Checks scenarios, trainees and rules, and stores a draft. */
  async create(
    body: CreateCampaignBody,
    traineeIdsOfClass: ReadonlySet<string>,
    userId: string,
  ): Promise<string> {
    const scenarios = body.scenarioIds.map((id) => this.library.get(id));
    scenarios.forEach((scenario, i) => {
      if (scenario.direction !== 'outbound')
        throw new AppError('BAD_REQUEST', 'inbound scenario', {
          details: { field: `scenarioIds.${i}`, reason: `“${scenario.id}” is not an outbound scenario` },
        });
    });
    if (scenarios.some((s) => s.category === 'care') && !body.occasion)
      throw new AppError('BAD_REQUEST', 'care without occasion', {
        details: { field: 'occasion', reason: 'care calls are made on a birthday or a holiday' },
      });
    body.traineeUserIds.forEach((id, i) => {
      if (!traineeIdsOfClass.has(id))
        throw new AppError('BAD_REQUEST', 'not a trainee of the class', {
          details: { field: `traineeUserIds.${i}`, reason: 'not a trainee of this class' },
        });
    });
    const timezone = normalizeTimezone(body.defaultTimezone);
    if (!timezone)
      throw new AppError('BAD_REQUEST', 'bad zone', {
        details: { field: 'defaultTimezone', reason: `unknown time zone “${body.defaultTimezone}”` },
      });
    const id = newId();
    await this.db
      .insertInto('outboundCampaigns')
      .values({
        id,
        classId: body.classId,
        name: body.name,
        scenarioIds: JSON.stringify(body.scenarioIds),
        traineeUserIds: JSON.stringify([...new Set(body.traineeUserIds)]),
        windowStartSimMs: body.windowStartSimMs,
        windowEndSimMs: body.windowEndSimMs,
        quotaPerTrainee: body.quotaPerTrainee,
        maxAttempts: body.maxAttempts,
        retryBackoffMs: body.retryBackoffMin * 60_000,
        occasion: body.occasion ? JSON.stringify(body.occasion) : null,
        dialMix: body.dialMix ? JSON.stringify(body.dialMix) : null,
        defaultTimezone: timezone,
        status: 'draft',
        summary: null,
        createdByUserId: userId,
        createdAtMs: Date.now(),
        startedAtMs: null,
      })
      .execute();
    return id;
  }

  async get(id: string): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('outboundCampaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(classIds: readonly string[] | null): Promise<CampaignRow[]> {
    let query = this.db.selectFrom('outboundCampaigns').selectAll().orderBy('id', 'desc').limit(200);
    if (classIds) {
      if (classIds.length === 0) return [];
      query = query.where('classId', 'in', classIds);
    }
    return query.execute();
  }

  async customers(campaignId: string): Promise<OutboundCustomersTable[]> {
    return this.db
      .selectFrom('outboundCustomers')
      .selectAll()
      .where('campaignId', '=', campaignId)
      .orderBy('position')
      .execute();
  }

  /** Imports the good rows of a CSV list into a draft campaign; bad rows come back as problems. */
  async importCsv(campaign: CampaignRow, csvText: string): Promise<CustomerImportResultDto> {
    this.assertDraft(campaign);
    const existing = await this.customers(campaign.id);
    const occasion = parseOccasion(campaign.occasion);
    const parsed = parseCustomerCsv(csvText, {
      defaultTimezone: campaign.defaultTimezone,
      birthdayRequired: occasion?.kind === 'birthday',
      existingPhoneKeys: new Set(existing.map((c) => c.phoneKey)),
    });
    await this.insertCustomers(campaign.id, existing.length, parsed.customers, 'csv');
    const listed = await this.doNotCall.listed(parsed.customers.map((c) => c.phoneKey));
    return {
      imported: parsed.customers.length,
      skipped: parsed.skipped,
      problems: parsed.problems,
      doNotCall: listed.size,
    };
  }

  /** Adds `count` generated customers to a draft campaign. */
  async generate(campaign: CampaignRow, count: number, seed: number): Promise<number> {
    this.assertDraft(campaign);
    const existing = await this.customers(campaign.id);
    const taken = new Set(existing.map((c) => c.phoneKey));
    const scenario = this.library.get((JSON.parse(campaign.scenarioIds) as string[])[0]!);
    const occasion = parseOccasion(campaign.occasion);
    const generated = generateCustomers(count, {
      locale: scenario.locale,
      seed,
      ...(occasion?.kind === 'birthday'
        ? {
            window: {
              startMs: Number(campaign.windowStartSimMs),
              endMs: Number(campaign.windowEndSimMs),
              timezone: campaign.defaultTimezone,
            },
          }
        : {}),
    })
      .map((c, i) => ({ ...c, line: i + 1, phoneKey: phoneKey(c.phone) }))
      .filter((c) => !taken.has(c.phoneKey));
    await this.insertCustomers(campaign.id, existing.length, generated, 'generated');
    return generated.length;
  }

  /** draft → active; the caller enqueues the expansion job. */
  async activate(campaign: CampaignRow): Promise<void> {
    this.assertDraft(campaign);
    if ((await this.customers(campaign.id)).length === 0)
      throw new AppError('BAD_REQUEST', 'no customers', {
        details: { field: 'customers', reason: 'add customers (CSV or generated) before starting' },
      });
    await this.db
      .updateTable('outboundCampaigns')
      .set({ status: 'active', startedAtMs: Date.now() })
      .where('id', '=', campaign.id)
      .where('status', '=', 'draft')
      .execute();
  }

  async close(campaign: CampaignRow): Promise<string[]> {
    await this.db
      .updateTable('outboundCampaigns')
      .set({ status: 'closed' })
      .where('id', '=', campaign.id)
      .execute();
    return this.tasks.cancelCampaign(campaign.id);
  }

  /**
   * Creates the campaign's tasks (idempotent: a customer's task has the origin key
   * `campaign:<id>:<customerId>`; a replay only assigns customers still without one).
   * Returns the trainees who got tasks.
   */
  async expand(campaignId: string): Promise<{ summary: CampaignSummaryDto; trainees: string[] } | null> {
    const campaign = await this.get(campaignId);
    if (campaign?.status !== 'active') return null;
    const customers = await this.customers(campaign.id);
    const trainees = JSON.parse(campaign.traineeUserIds) as string[];
    const scenarioIds = JSON.parse(campaign.scenarioIds) as string[];
    const occasion = parseOccasion(campaign.occasion);
    const dialMix = campaign.dialMix ? (JSON.parse(campaign.dialMix) as DialMix) : null;
    const windowStart = Number(campaign.windowStartSimMs);
    const windowEnd = Number(campaign.windowEndSimMs);

    const existing = await this.tasks.forCampaign(campaign.id);
    const assigned = new Set(existing.map((t) => t.customerId));
    const load = new Map(trainees.map((id) => [id, 0]));
    for (const task of existing) load.set(task.traineeUserId, (load.get(task.traineeUserId) ?? 0) + 1);
    const listed = await this.doNotCall.listed(customers.map((c) => c.phoneKey));

    const summary: CampaignSummaryDto = {
      tasksCreated: existing.length,
      skippedDoNotCall: 0,
      skippedNoOccasion: 0,
      unassigned: 0,
    };
    let turn = 0;
    for (const [index, customer] of customers.entries()) {
      if (assigned.has(customer.id)) continue;
      if (listed.has(customer.phoneKey)) {
        summary.skippedDoNotCall++;
        continue;
      }
      let dueSimMs: number;
      let windowEndSimMs = windowEnd;
      let taskOccasion: OccasionDto | null = null;
      if (occasion) {
        const monthDay = occasion.kind === 'birthday' ? customer.birthday : occasion.date;
        if (!monthDay) {
          summary.skippedNoOccasion++;
          continue;
        }
        const day = occasionWindow(monthDay, windowStart, customer.timezone);
        if (day.startMs > windowEnd) {
          summary.skippedNoOccasion++;
          continue;
        }
        dueSimMs = Math.max(day.startMs, nextCallableMs(windowStart, customer.timezone));
        windowEndSimMs = Math.min(day.endMs, windowEnd);
        taskOccasion = {
          kind: occasion.kind,
          name: occasion.kind === 'holiday' ? occasion.name : null,
          date: monthDay,
        };
      } else {
        dueSimMs = nextCallableMs(windowStart, customer.timezone);
        if (dueSimMs > windowEnd) {
          summary.unassigned++;
          continue;
        }
      }
      let trainee: string | undefined;
      for (let k = 0; k < trainees.length && !trainee; k++) {
        const candidate = trainees[(turn + k) % trainees.length]!;
        if ((load.get(candidate) ?? 0) < campaign.quotaPerTrainee) {
          trainee = candidate;
          turn = (turn + k + 1) % trainees.length;
        }
      }
      if (!trainee) {
        summary.unassigned++;
        continue;
      }
      const task: NewTask = {
        originKey: `campaign:${campaign.id}:${customer.id}`,
        kind: 'campaign',
        classId: campaign.classId,
        traineeUserId: trainee,
        scenarioId: scenarioIds[index % scenarioIds.length]!,
        campaignId: campaign.id,
        customerId: customer.id,
        customer: {
          id: customer.id,
          name: customer.name,
          phone: customer.phone,
          timezone: customer.timezone,
          birthday: customer.birthday,
          facts: JSON.parse(customer.facts) as Record<string, string>,
        },
        phoneKey: customer.phoneKey,
        occasion: taskOccasion,
        originCallId: null,
        dueSimMs,
        windowEndSimMs,
        maxAttempts: campaign.maxAttempts,
        retryBackoffMs: Number(campaign.retryBackoffMs),
        dialMix,
      };
      if (await this.tasks.insert(task)) {
        load.set(trainee, (load.get(trainee) ?? 0) + 1);
        summary.tasksCreated++;
      }
    }
    await this.db
      .updateTable('outboundCampaigns')
      .set({ summary: JSON.stringify(summary) })
      .where('id', '=', campaign.id)
      .execute();
    return { summary, trainees };
  }

  async toDto(campaign: CampaignRow): Promise<CampaignDto> {
    const counts = await this.db
      .selectFrom('outboundTasks')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaignId', '=', campaign.id)
      .groupBy('status')
      .execute();
    const customers = await this.db
      .selectFrom('outboundCustomers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaign.id)
      .executeTakeFirst();
    const tasks: Partial<Record<OutboundTaskStatus, number>> = {};
    for (const row of counts) tasks[row.status] = Number(row.n);
    return {
      id: campaign.id,
      classId: campaign.classId,
      name: campaign.name,
      scenarioIds: JSON.parse(campaign.scenarioIds) as string[],
      traineeUserIds: JSON.parse(campaign.traineeUserIds) as string[],
      windowStartSimMs: Number(campaign.windowStartSimMs),
      windowEndSimMs: Number(campaign.windowEndSimMs),
      quotaPerTrainee: campaign.quotaPerTrainee,
      maxAttempts: campaign.maxAttempts,
      retryBackoffMin: Math.round(Number(campaign.retryBackoffMs) / 60_000),
      occasion: parseOccasion(campaign.occasion),
      dialMix: campaign.dialMix ? (JSON.parse(campaign.dialMix) as DialMix) : null,
      defaultTimezone: campaign.defaultTimezone,
      status: campaign.status,
      createdByUserId: campaign.createdByUserId,
      createdAtMs: Number(campaign.createdAtMs),
      startedAtMs: campaign.startedAtMs === null ? null : Number(campaign.startedAtMs),
      customers: Number(customers?.n ?? 0),
      tasks,
      summary: campaign.summary ? (JSON.parse(campaign.summary) as CampaignSummaryDto) : null,
    };
  }

  private assertDraft(campaign: CampaignRow): void {
    if (campaign.status !== 'draft') throw new AppError('CAMPAIGN_NOT_EDITABLE', 'campaign not a draft');
  }

  private async insertCustomers(
    campaignId: string,
    offset: number,
    customers: (Omit<ImportedCustomer, 'birthday'> & { birthday: string | null })[],
    source: 'csv' | 'generated',
  ): Promise<void> {
    const nowMs = Date.now();
    for (let i = 0; i < customers.length; i += 200) {
      const batch = customers.slice(i, i + 200).map((c, j) => ({
        id: newId(nowMs),
        campaignId,
        name: c.name,
        phone: c.phone,
        phoneKey: c.phoneKey,
        timezone: c.timezone,
        birthday: c.birthday,
        facts: JSON.stringify(c.facts),
        source,
        position: offset + i + j,
        createdAtMs: nowMs,
      }));
      if (batch.length > 0)
        await this.db
          .insertInto('outboundCustomers')
          .values(batch)
          .onConflict((oc) => oc.columns(['campaignId', 'phoneKey']).doNothing())
          .execute();
    }
  }
}

function parseOccasion(text: string | null): OccasionBody | null {
  return text ? (JSON.parse(text) as OccasionBody) : null;
}
