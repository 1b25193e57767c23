// Append-only audit log: who did what to which target, when. Used for admin actions,
// refused access (403) and, later, votes. Details must not hold passwords.
import type { Kysely } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database } from '../storage/schema.js';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Kysely<Database>, entry: AuditEntry, nowMs = Date.now()): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(nowMs),
      atMs: nowMs,
      actorUserId: entry.actorUserId,
      action: entry.action,
      target: entry.target,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
