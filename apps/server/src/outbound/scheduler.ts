// The outbound scheduler on the durable job queue (ctx.jobs): every change that must not
// be lost — a follow-up planned after a call, a dial's outcome, a campaign turned into
// tasks — is a job with an idempotency key, delivered at least once and applied at most
// once (task origin keys and attempt call ids are unique). Jobs survive restarts.
import type { DialOutcome } from '@callsim/protocol';
import type { AppContext } from '../app/context.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import type { Logger } from '../logging/logger.js';
import type { CampaignStore } from './campaigns.js';
import type { SimClocks } from './clock-store.js';
import { followUpTaskFor, readTimeline } from './follow-ups.js';
import { simNow } from './sim-clock.js';
import { type TaskStore, taskCustomer } from './task-store.js';

export const OUTBOUND_JOBS = {
  /** { callId }: plan the call's follow-up; an outbound call's task waits for its disposition. */
  afterCall: 'outbound.after-call',
  /** { taskId, callId, outcome, simMs }: record a dial's outcome, retry with back-off. */
  dialResult: 'outbound.dial-result',
  /** { campaignId }: create the campaign's tasks. */
  campaignStart: 'outbound.campaign-start',
} as const;

export interface DialResultJob {
  taskId: string;
  callId: string;
  outcome: DialOutcome | 'cancelled';
  /** Class-clock time of the outcome. */
  simMs: number;
}

export class OutboundScheduler {
  private readonly logger: Logger;

  constructor(
    private readonly ctx: AppContext,
    private readonly library: ScenarioLibrary,
    private readonly tasks: TaskStore,
    private readonly campaigns: CampaignStore,
    private readonly clocks: SimClocks,
    /** Tells trainees their worklist changed. */
    private readonly notify: (userIds: Iterable<string>, reason: string) => void,
  ) {
    this.logger = ctx.logger.child({ component: 'outbound-scheduler' });
    ctx.jobs.handle(OUTBOUND_JOBS.afterCall, (payload) =>
      this.afterCall((payload as { callId: string }).callId),
    );
    ctx.jobs.handle(OUTBOUND_JOBS.dialResult, (payload) => this.dialResult(payload as DialResultJob));
    ctx.jobs.handle(OUTBOUND_JOBS.campaignStart, (payload) =>
      this.campaignStart((payload as { campaignId: string }).campaignId),
    );
  }

  enqueueAfterCall(callId: string): Promise<boolean> {
    return this.ctx.jobs.enqueue(
      OUTBOUND_JOBS.afterCall,
      { callId },
      { idempotencyKey: `${OUTBOUND_JOBS.afterCall}:${callId}` },
    );
  }

  enqueueDialResult(job: DialResultJob): Promise<boolean> {
    return this.ctx.jobs.enqueue(OUTBOUND_JOBS.dialResult, job, {
      idempotencyKey: `${OUTBOUND_JOBS.dialResult}:${job.callId}`,
    });
  }

  enqueueCampaignStart(campaignId: string): Promise<boolean> {
    return this.ctx.jobs.enqueue(
      OUTBOUND_JOBS.campaignStart,
      { campaignId },
      { idempotencyKey: `${OUTBOUND_JOBS.campaignStart}:${campaignId}` },
    );
  }

  /** After a finished call: close its task's call, and plan its follow-up. */
  async afterCall(callId: string): Promise<void> {
    const call = await this.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', callId)
      .executeTakeFirst();
    if (call?.status !== 'ended' || !call.agentUserId) return;
    if (call.taskId) {
      const task = await this.tasks.get(call.taskId);
      if (task) {
        const sim = await this.clocks.nowSim(task.classId);
        const updated = await this.tasks.callFinished(task.id, call.id, sim);
        if (updated) this.notify([task.traineeUserId], 'wrap-up');
      }
    }
    if (!this.library.has(call.scenarioId)) return;
    const scenario = this.library.get(call.scenarioId);
    if (!scenario.followUp) return;
    const agent = await this.ctx.users.findById(call.agentUserId);
    const timeline = await readTimeline(call);
    if (!agent || !timeline) {
      this.logger.warn({ callId }, 'follow-up not planned: no timeline');
      return;
    }
    const classId =
      call.classId ??
      (await this.ctx.users.classesOf(agent.id)).find((c) => c.roleInClass === 'trainee')?.id ??
      null;
    const task = followUpTaskFor({
      call,
      scenario,
      timeline,
      agent,
      classId,
      clock: await this.clocks.get(classId),
      library: this.library,
    });
    if (!task) return;
    const id = await this.tasks.insert(task);
    if (id) {
      this.logger.info(
        { callId, taskId: id, scenarioId: task.scenarioId, dueSimMs: task.dueSimMs },
        'follow-up scheduled',
      );
      this.notify([agent.id], 'follow-up');
    }
  }

  async dialResult(job: DialResultJob): Promise<void> {
    const task = await this.tasks.get(job.taskId);
    if (!task) return;
    const updated = await this.tasks.applyDialResult({
      ...job,
      timezone: taskCustomer(task).timezone,
    });
    if (updated) {
      this.logger.info(
        { taskId: task.id, callId: job.callId, outcome: job.outcome, status: updated.status },
        'dial result recorded',
      );
      this.notify([task.traineeUserId], 'dial-result');
    }
  }

  async campaignStart(campaignId: string): Promise<void> {
    const result = await this.campaigns.expand(campaignId);
    if (!result) return;
    this.logger.info({ campaignId, ...result.summary }, 'campaign tasks created');
    this.notify(result.trainees, 'campaign');
  }

  /** Class-clock "now" for a task's class. */
  async simNowFor(classId: string | null): Promise<number> {
    return simNow(await this.clocks.get(classId), Date.now());
  }
}
