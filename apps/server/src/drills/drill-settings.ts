// Per-class drill settings (targets, replay limit, playback speed, warm-up template) and
// which class a user's drills count for. Guarantees: a class without a row gets the
// defaults (60 字/min at 95 %, three plays, the locale's inbound-standard template);
// a stored row is re-validated on read, so a bad row falls back to the defaults.
import {
  DEFAULT_REPLAY_LIMIT,
  DEFAULT_TYPING_TARGET_ACCURACY,
  DEFAULT_TYPING_TARGET_CHARS_PER_MIN,
  type DrillSettingsBody,
  type DrillSettingsDto,
  drillSettingsBodySchema,
  type Locale,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../storage/schema.js';

/** The standard inbound template per locale (call-scripts/templates/). */
export const DEFAULT_WARMUP_TEMPLATE: Record<Locale, string> = {
  'zh-CN': 'inbound-standard',
  'en-US': 'en-inbound-standard',
};

/** Settings of a class that never saved any. */
export function defaultDrillSettings(locale: Locale = 'zh-CN'): DrillSettingsBody {
  return {
    locale,
    templateId: DEFAULT_WARMUP_TEMPLATE[locale],
    targetCharsPerMin: DEFAULT_TYPING_TARGET_CHARS_PER_MIN,
    targetAccuracy: DEFAULT_TYPING_TARGET_ACCURACY,
    replayLimit: DEFAULT_REPLAY_LIMIT,
    defaultSpeed: 1,
  };
}

export class DrillSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The class's settings, or the defaults (also for `classId` null: a user in no class). */
  async get(classId: string | null): Promise<DrillSettingsDto> {
    if (classId === null) return { classId: null, ...defaultDrillSettings() };
    const row = await this.db
      .selectFrom('drillClassSettings')
      .select('settings')
      .where('classId', '=', classId)
      .executeTakeFirst();
    if (!row) return { classId, ...defaultDrillSettings() };
    let stored: unknown;
    try {
      stored = JSON.parse(row.settings);
    } catch {
      stored = undefined;
    }
    const parsed = drillSettingsBodySchema.safeParse(stored);
    return { classId, ...(parsed.success ? parsed.data : defaultDrillSettings()) };
  }

  async put(
    classId: string,
    settings: DrillSettingsBody,
    byUserId: string,
    nowMs = Date.now(),
  ): Promise<DrillSettingsDto> {
    const json = JSON.stringify(drillSettingsBodySchema.parse(settings));
    await this.db
      .insertInto('drillClassSettings')
      .values({ classId, settings: json, updatedByUserId: byUserId, updatedAtMs: nowMs })
      .onConflict((oc) =>
        oc.column('classId').doUpdateSet({ settings: json, updatedByUserId: byUserId, updatedAtMs: nowMs }),
      )
      .execute();
    return this.get(classId);
  }

  async showOnLeaderboard(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('drillPreferences')
      .select('showOnLeaderboard')
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row?.showOnLeaderboard === 1;
  }

  async setShowOnLeaderboard(userId: string, show: boolean, nowMs = Date.now()): Promise<void> {
    const value = show ? 1 : 0;
    await this.db
      .insertInto('drillPreferences')
      .values({ userId, showOnLeaderboard: value, updatedAtMs: nowMs })
      .onConflict((oc) => oc.column('userId').doUpdateSet({ showOnLeaderboard: value, updatedAtMs: nowMs }))
      .execute();
  }
}

/** A class the user may pick for drills. */
export interface DrillClass {
  id: string;
  name: string;
  roleInClass: 'trainee' | 'evaluator' | 'admin';
}

/** Classes the user's drills can count for: their own (every class for an admin), trainee classes first. */
export async function drillClassesOf(db: Kysely<Database>, user: UsersTable): Promise<DrillClass[]> {
  if (user.role === 'admin') {
    const rows = await db.selectFrom('classes').select(['id', 'name']).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, roleInClass: 'admin' as const }));
  }
  const rows = await db
    .selectFrom('classMembers')
    .innerJoin('classes', 'classes.id', 'classMembers.classId')
    .select(['classes.id as id', 'classes.name as name', 'classMembers.roleInClass as roleInClass'])
    .where('classMembers.userId', '=', user.id)
    .orderBy('classes.name')
    .execute();
  return [...rows].sort((a, b) => Number(a.roleInClass !== 'trainee') - Number(b.roleInClass !== 'trainee'));
}
