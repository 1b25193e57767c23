// Closes the calls of a dead node, from a survivor. Answered calls end (`system`,
// `node-lost`) with their recording rebuilt from what reached the shared recordings
// folder (the recorder's journal recovery), then get the usual after-call work (score
// job, follow-ups); ringing calls are abandoned (a dial gives its task back); calls still
// queued stay queued under this node. Each row changes by a conditional UPDATE, so a
// call is closed once even when two survivors (or a retry) go over the same node.

import path from 'node:path';
import type { CallEndedDto } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { AgentChannel, CallServiceOptions } from '../calls/call-service.js';
import type { Logger } from '../logging/logger.js';
import { recordingPaths, recoverRecording } from '../recorder/stereo-recorder.js';
import type { RedisRouter } from '../router/redis-router.js';
import type { CallsTable, Database } from '../storage/schema.js';

export const NODE_LOST_REASON = 'node-lost';

export interface LostCallsDeps {
  db: Kysely<Database>;
  router: RedisRouter;
  /** Reaches the agents wherever their sockets are now. */
  notifier: AgentChannel;
  onCallFinished: NonNullable<CallServiceOptions['onCallFinished']>;
  onDialResult: NonNullable<CallServiceOptions['onDialResult']>;
  logger: Logger;
}

export interface LostCallsResult {
  ended: number;
  abandoned: number;
  requeued: number;
}

/** Takes over `deadNodeId`: frees its seats in the router and closes its calls in the database. */
export async function recoverLostCalls(deps: LostCallsDeps, deadNodeId: string): Promise<LostCallsResult> {
  const { db, router } = deps;
  const adopted = await router.adoptNode(deadNodeId);
  // Rows say where each call ran; the router also knows calls offered there just before
  // the death, whose rows may still name the node that queued them.
  const lostIds = adopted.lost.map((l) => l.callId);
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('status', 'in', ['queued', 'ringing', 'active'])
    .where((eb) =>
      eb.or([eb('nodeId', '=', deadNodeId), ...(lostIds.length ? [eb('id', 'in', lostIds)] : [])]),
    )
    .execute();
  const result: LostCallsResult = { ended: 0, abandoned: 0, requeued: 0 };
  for (const row of rows) {
    try {
      if (row.status === 'active') {
        if (await endAnswered(deps, row)) result.ended++;
      } else if (adopted.kept.includes(row.id)) {
        // Still waiting in the shared queue, now this node's: it rings wherever an agent is free.
        await db
          .updateTable('calls')
          .set({ nodeId: router.nodeId })
          .where('id', '=', row.id)
          .where('status', '=', 'queued')
          .execute();
        result.requeued++;
      } else if (lostIds.includes(row.id) || !(await router.routes(row.id))) {
        if (await abandon(deps, row)) result.abandoned++;
      }
      // Otherwise the call rang out on the dead node and is ringing on a live one, which owns its row now.
    } catch (error) {
      deps.logger.error({ err: error, callId: row.id, deadNode: deadNodeId }, 'lost call not closed');
      throw error;
    }
  }
  if (rows.length > 0 || adopted.lost.length > 0)
    deps.logger.warn({ deadNode: deadNodeId, ...result }, 'calls of a lost node closed');
  return result;
}

async function endAnswered(deps: LostCallsDeps, row: CallsTable): Promise<boolean> {
  let durationMs = 0;
  if (row.recordingPath && row.answeredAtMs) {
    // The dead node wrote <root>/<day>/<callId>.wav into the shared folder; the root comes
    // from the row in case this node mounts the folder elsewhere. Rebuilding the WAV header
    // and timeline from disk gives the same result however often it runs.
    const root = path.dirname(path.dirname(row.recordingPath));
    const timeline = await recoverRecording(recordingPaths(root, row.id, row.answeredAtMs));
    durationMs = timeline?.durationMs ?? 0;
  }
  const claimed = await deps.db
    .updateTable('calls')
    .set({
      status: 'ended',
      endedBy: 'system',
      endReason: NODE_LOST_REASON,
      endedAtMs: Date.now(),
      durationMs,
    })
    .where('id', '=', row.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return false;
  if (row.agentUserId) {
    const ended: CallEndedDto = {
      callId: row.id,
      endedBy: 'system',
      reason: NODE_LOST_REASON,
      durationMs,
      recordingPath: row.recordingPath,
      timelinePath: row.timelinePath,
    };
    deps.notifier.emit(row.agentUserId, 'call:ended', ended);
    await deps.onCallFinished({
      callId: row.id,
      scenarioId: row.scenarioId,
      agentUserId: row.agentUserId,
      endedBy: 'system',
    });
  }
  deps.logger.warn({ callId: row.id, durationMs }, 'call of a lost node ended, recording recovered');
  return true;
}

async function abandon(deps: LostCallsDeps, row: CallsTable): Promise<boolean> {
  const claimed = await deps.db
    .updateTable('calls')
    .set({ status: 'abandoned', endReason: NODE_LOST_REASON, endedAtMs: Date.now() })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return false;
  // Gone from the router too (a no-op when `adopt` already removed it).
  await deps.router.abandon(row.id, NODE_LOST_REASON);
  const agentUserId = row.agentUserId ?? row.targetUserId;
  if (row.taskId && agentUserId) {
    await deps.onDialResult({
      callId: row.id,
      taskId: row.taskId,
      agentUserId,
      outcome: 'cancelled',
      ringCount: row.ringCount,
    });
  }
  return true;
}
