// The do-not-call list: one entry per phone number, respected by every campaign, follow-up
// and dial (campaign expansion skips listed numbers, dialling refuses and cancels the task).
// Numbers are compared by key: digits and masking stars only, a +86/0086 prefix dropped.
import type { DoNotCallEntryDto } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** The comparison key of a phone number. */
export function phoneKey(phone: string): string {
  let key = phone.trim().replace(/[^0-9*+]/g, '');
  key = key.replace(/^(?:\+|00)86(?=1\d)/, '');
  return key.replace(/\+/g, '');
}

export class DoNotCallList {
  constructor(private readonly db: Kysely<Database>) {}

  async has(key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('outboundDoNotCall')
      .select('phoneKey')
      .where('phoneKey', '=', key)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The listed keys among `keys`. */
  async listed(keys: Iterable<string>): Promise<Set<string>> {
    const unique = [...new Set(keys)];
    const found = new Set<string>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('outboundDoNotCall')
        .select('phoneKey')
        .where('phoneKey', 'in', unique.slice(i, i + 500))
        .execute();
      for (const row of rows) found.add(row.phoneKey);
    }
    return found;
  }

  /** Adds a number (again: keeps the first entry). Returns its key. */
  async add(
    phone: string,
    reason: string,
    source: 'manual' | 'disposition',
    userId: string | null,
    db: Kysely<Database> = this.db,
  ): Promise<string> {
    const key = phoneKey(phone);
    await db
      .insertInto('outboundDoNotCall')
      .values({
        phoneKey: key,
        phone: phone.trim(),
        reason,
        source,
        addedByUserId: userId,
        addedAtMs: Date.now(),
      })
      .onConflict((oc) => oc.column('phoneKey').doNothing())
      .execute();
    return key;
  }

  async remove(key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('outboundDoNotCall')
      .where('phoneKey', '=', key)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(): Promise<DoNotCallEntryDto[]> {
    const rows = await this.db
      .selectFrom('outboundDoNotCall')
      .selectAll()
      .orderBy('addedAtMs', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, addedAtMs: Number(r.addedAtMs) }));
  }
}
