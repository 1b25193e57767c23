// Rubrics per class: a class uses the built-in rubric of each kind until an evaluator of
// the class saves its own; resetting deletes the class's copy. Reviews keep a snapshot of
// the rubric they were scored with, so editing a rubric never changes a past review.
import type { RubricBody, RubricDeductionDto, RubricDto, RubricItemDto, RubricKind } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database, RubricsTable } from '../storage/schema.js';
import { defaultRubric } from './default-rubrics.js';

function toDto(row: RubricsTable): RubricDto {
  return {
    kind: row.kind,
    classId: row.classId,
    custom: true,
    items: JSON.parse(row.items) as RubricItemDto[],
    deductions: JSON.parse(row.deductions) as RubricDeductionDto[],
    passPct: row.passPct,
    updatedAtMs: row.updatedAtMs,
  };
}

export class RubricStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The rubric a class uses for a kind: its own, else the built-in one (classId null = built-in). */
  async effective(classId: string | null, kind: RubricKind): Promise<RubricDto> {
    if (classId) {
      const row = await this.db
        .selectFrom('rubrics')
        .selectAll()
        .where('classId', '=', classId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      if (row) return toDto(row);
    }
    return { ...defaultRubric(kind), classId };
  }

  /** All three kinds for a class. */
  async forClass(classId: string): Promise<RubricDto[]> {
    return Promise.all(
      (['inbound', 'outbound', 'contest'] as const).map((kind) => this.effective(classId, kind)),
    );
  }

  /** Saves a class's own rubric of a kind (insert or replace). */
  async save(
    classId: string,
    kind: RubricKind,
    body: RubricBody,
    userId: string,
    nowMs = Date.now(),
  ): Promise<RubricDto> {
    const values = {
      items: JSON.stringify(body.items),
      deductions: JSON.stringify(body.deductions),
      passPct: body.passPct,
      updatedByUserId: userId,
      updatedAtMs: nowMs,
    };
    await this.db
      .insertInto('rubrics')
      .values({ id: newId(nowMs), classId, kind, ...values })
      .onConflict((oc) => oc.columns(['classId', 'kind']).doUpdateSet(values))
      .execute();
    return this.effective(classId, kind);
  }

  /** Drops a class's own rubric: the built-in one applies again. */
  async reset(classId: string, kind: RubricKind): Promise<RubricDto> {
    await this.db.deleteFrom('rubrics').where('classId', '=', classId).where('kind', '=', kind).execute();
    return this.effective(classId, kind);
  }
}
