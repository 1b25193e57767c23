// Simulated clocks per class, stored so they survive restarts: a clock is its base point
// and speed, so "now" is computed, never ticked. A class without a row runs on real time.
import type { SimClockBody, SimClockDto } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { changeClock, REAL_TIME_CLOCK, type SimClockState, simNow } from './sim-clock.js';

/** The key of the clock of trainees outside any class. */
const NO_CLASS = '*';

export class SimClocks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(classId: string | null): Promise<SimClockState> {
    const row = await this.db
      .selectFrom('outboundClocks')
      .selectAll()
      .where('classKey', '=', classId ?? NO_CLASS)
      .executeTakeFirst();
    return row
      ? {
          baseRealMs: Number(row.baseRealMs),
          baseSimMs: Number(row.baseSimMs),
          speedFactor: row.speedFactor,
          timezone: row.timezone,
        }
      : REAL_TIME_CLOCK;
  }

  /** Clocks of several classes at once (missing ones run on real time). */
  async getMany(classIds: Iterable<string | null>): Promise<Map<string | null, SimClockState>> {
    const ids = [...new Set(classIds)];
    const keys = ids.map((id) => id ?? NO_CLASS);
    const rows =
      keys.length === 0
        ? []
        : await this.db.selectFrom('outboundClocks').selectAll().where('classKey', 'in', keys).execute();
    const byKey = new Map(rows.map((r) => [r.classKey, r]));
    const result = new Map<string | null, SimClockState>();
    for (const id of ids) {
      const row = byKey.get(id ?? NO_CLASS);
      result.set(
        id,
        row
          ? {
              baseRealMs: Number(row.baseRealMs),
              baseSimMs: Number(row.baseSimMs),
              speedFactor: row.speedFactor,
              timezone: row.timezone,
            }
          : REAL_TIME_CLOCK,
      );
    }
    return result;
  }

  /** Simulated "now" of a class. */
  async nowSim(classId: string | null): Promise<number> {
    return simNow(await this.get(classId), this.now());
  }

  /** Applies a teacher's change (speed, jump, zone) and stores the rebased clock. */
  async change(classId: string | null, body: SimClockBody, userId: string | null): Promise<SimClockState> {
    const realMs = this.now();
    const next = changeClock(await this.get(classId), realMs, body);
    const values = {
      baseRealMs: next.baseRealMs,
      baseSimMs: next.baseSimMs,
      speedFactor: next.speedFactor,
      timezone: next.timezone,
      updatedAtMs: realMs,
      updatedByUserId: userId,
    };
    await this.db
      .insertInto('outboundClocks')
      .values({ classKey: classId ?? NO_CLASS, ...values })
      .onConflict((oc) => oc.column('classKey').doUpdateSet(values))
      .execute();
    return next;
  }

  toDto(classId: string | null, clock: SimClockState): SimClockDto {
    const realNowMs = this.now();
    return {
      classId,
      nowSimMs: simNow(clock, realNowMs),
      speedFactor: clock.speedFactor,
      timezone: clock.timezone,
      realNowMs,
    };
  }
}
