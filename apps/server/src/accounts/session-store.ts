// Server-side sessions behind an httpOnly cookie. The cookie holds a random token; the
// database holds only its sha256, so sessions can be listed and revoked (logout,
// password reset, account disabled) and a leaked database does not log anyone in.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../storage/schema.js';

export const SESSION_COOKIE = 'callsim_sid';

/** How often the last-seen time is written back, so every request is not a write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ActiveSession {
  sessionId: string;
  user: UsersTable;
  expiresAtMs: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
  ) {}

  /** Creates a session; returns the cookie token (shown once, never stored). */
  async create(
    userId: string,
    userAgent: string,
    nowMs = Date.now(),
  ): Promise<{ token: string; sessionId: string; expiresAtMs: number }> {
    const token = randomBytes(32).toString('base64url');
    const sessionId = digest(token);
    const expiresAtMs = nowMs + this.ttlMs;
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        userId,
        createdAtMs: nowMs,
        expiresAtMs,
        lastSeenAtMs: nowMs,
        revokedAtMs: null,
        userAgent: userAgent.slice(0, 200),
      })
      .execute();
    return { token, sessionId, expiresAtMs };
  }

  /** The live session for a cookie token, or undefined when unknown, expired, revoked or the user is disabled. */
  async resolve(token: string | undefined, nowMs = Date.now()): Promise<ActiveSession | undefined> {
    if (!token || token.length > 100) return undefined;
    const sessionId = digest(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .selectAll('users')
      .select([
        'sessions.expiresAtMs as sessionExpiresAtMs',
        'sessions.revokedAtMs as sessionRevokedAtMs',
        'sessions.lastSeenAtMs as sessionLastSeenAtMs',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (!row || row.sessionRevokedAtMs !== null || row.sessionExpiresAtMs <= nowMs || row.disabled === 1)
      return undefined;
    if (nowMs - row.sessionLastSeenAtMs > TOUCH_INTERVAL_MS) {
      await this.db
        .updateTable('sessions')
        .set({ lastSeenAtMs: nowMs })
        .where('id', '=', sessionId)
        .execute();
    }
    const { sessionExpiresAtMs, sessionRevokedAtMs: _revoked, sessionLastSeenAtMs: _seen, ...user } = row;
    return { sessionId, user, expiresAtMs: sessionExpiresAtMs };
  }

  async revoke(sessionId: string, nowMs = Date.now()): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revokedAtMs: nowMs })
      .where('id', '=', sessionId)
      .where('revokedAtMs', 'is', null)
      .execute();
  }

  /** Revokes every live session of a user; returns their ids so open sockets can be closed. */
  async revokeAllFor(userId: string, nowMs = Date.now()): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('userId', '=', userId)
      .where('revokedAtMs', 'is', null)
      .execute();
    await this.db
      .updateTable('sessions')
      .set({ revokedAtMs: nowMs })
      .where('userId', '=', userId)
      .where('revokedAtMs', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Deletes sessions that expired more than a day ago. */
  async purgeExpired(nowMs = Date.now()): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expiresAtMs', '<', nowMs - 86_400_000)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Reads one cookie from a Cookie header without a dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
