// Builds outbound calling for one server: stores, the scheduler's job handlers on
// ctx.jobs, the service the socket dials through, and the REST router. server.ts wires
// the hooks into the CallService (dial outcomes, finished calls) and mounts the router.
import type { Router } from 'express';
import type { AppContext } from '../app/context.js';
import type { AgentChannel, CallService, DialResult } from '../calls/call-service.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import { outboundRoutes } from '../http/routes/outbound-routes.js';
import { CampaignStore } from './campaigns.js';
import { SimClocks } from './clock-store.js';
import { DoNotCallList } from './do-not-call.js';
import { OutboundService } from './outbound-service.js';
import { OutboundScheduler } from './scheduler.js';
import { TaskStore } from './task-store.js';

export interface OutboundModule {
  service: OutboundService;
  /** CallService hooks. */
  onDialResult(result: DialResult): Promise<void>;
  onCallFinished(call: { callId: string }): Promise<void>;
  /** Call once the CallService exists (and after it recovered interrupted calls). */
  attach(calls: CallService): Promise<void>;
  routes(): Router;
}

export function createOutboundModule(
  ctx: AppContext,
  library: ScenarioLibrary,
  channel: AgentChannel,
): OutboundModule {
  const tasks = new TaskStore(ctx.db);
  const doNotCall = new DoNotCallList(ctx.db);
  const clocks = new SimClocks(ctx.db);
  const campaigns = new CampaignStore(ctx.db, library, tasks, doNotCall);
  let service: OutboundService | null = null;
  const scheduler = new OutboundScheduler(ctx, library, tasks, campaigns, clocks, (ids, reason) =>
    service?.notify(ids, reason),
  );
  service = new OutboundService(ctx, library, channel, { tasks, campaigns, clocks, doNotCall, scheduler });
  const ready = service;
  return {
    service: ready,
    onDialResult: (result) => ready.onDialResult(result),
    onCallFinished: (call) => ready.onCallFinished(call),
    async attach(calls) {
      ready.attach(calls);
      await ready.recover();
    },
    routes: () => outboundRoutes(ctx, ready, library),
  };
}
