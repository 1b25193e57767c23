// Storage of contests: creation, classes and judges, phase moves, entries and judges' scores.
// Guarantees: every change is audit-logged in its own transaction; phase moves and scores
// re-check the windows in the same statement that writes, so a close is never crossed.
import type { ContestCriterion } from '@callsim/protocol';
import { AppError } from '@callsim/protocol';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../accounts/audit-log.js';
import { newId } from '../storage/ids.js';
import type {
  ContestEntriesTable,
  ContestScoresTable,
  ContestsTable,
  Database,
  UsersTable,
} from '../storage/schema.js';
import { randomKey, randomLabel } from './blind-order.js';

export interface NewContest {
  title: string;
  classIds: string[];
  nominationOpensAtMs: number;
  nominationClosesAtMs: number;
  votingOpensAtMs: number;
  votingClosesAtMs: number;
  votesPerVoter: number;
  judgeWeightPct: number;
  judgeUserIds: string[];
  rubric: ContestCriterion[];
}

export interface NewEntry {
  id: string;
  contestId: string;
  nomineeUserId: string;
  nominatedByUserId: string;
  callId: string;
  startMs: number;
  endMs: number;
  audioPath: string;
  measures: string;
}

export class ContestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewContest, createdBy: UsersTable, nowMs = Date.now()): Promise<string> {
    const id = newId(nowMs);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('contests')
        .values({
          id,
          title: input.title,
          createdByUserId: createdBy.id,
          nominationOpensAtMs: input.nominationOpensAtMs,
          nominationClosesAtMs: input.nominationClosesAtMs,
          votingOpensAtMs: input.votingOpensAtMs,
          votingClosesAtMs: input.votingClosesAtMs,
          closedAtMs: null,
          votesPerVoter: input.votesPerVoter,
          judgeWeightPct: input.judgeWeightPct,
          rubric: JSON.stringify(input.rubric),
          shuffleSecret: randomKey(),
          ballotChanges: 0,
          createdAtMs: nowMs,
        })
        .execute();
      await trx
        .insertInto('contestClasses')
        .values([...new Set(input.classIds)].map((classId) => ({ contestId: id, classId })))
        .execute();
      const judges = [...new Set(input.judgeUserIds)];
      if (judges.length > 0)
        await trx
          .insertInto('contestJudges')
          .values(judges.map((userId) => ({ contestId: id, userId })))
          .execute();
      await writeAudit(
        trx,
        {
          actorUserId: createdBy.id,
          action: 'contest.create',
          target: `contest:${id}`,
          details: { title: input.title, classIds: input.classIds, judgeUserIds: judges },
        },
        nowMs,
      );
    });
    return id;
  }

  async get(id: string): Promise<ContestsTable | undefined> {
    return this.db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Contests the viewer takes part in: creator, judge, or member of one of its classes (admins: all). */
  async listFor(viewer: UsersTable): Promise<ContestsTable[]> {
    let query = this.db.selectFrom('contests').selectAll();
    if (viewer.role !== 'admin') {
      query = query.where((eb) =>
        eb.or([
          eb('createdByUserId', '=', viewer.id),
          eb(
            'id',
            'in',
            eb
              .selectFrom('contestJudges')
              .select('contestJudges.contestId')
              .where('contestJudges.userId', '=', viewer.id),
          ),
          eb(
            'id',
            'in',
            eb
              .selectFrom('contestClasses')
              .innerJoin('classMembers', 'classMembers.classId', 'contestClasses.classId')
              .select('contestClasses.contestId')
              .where('classMembers.userId', '=', viewer.id),
          ),
        ]),
      );
    }
    return query.orderBy('id', 'desc').limit(200).execute();
  }

  async classesOf(contestId: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('contestClasses')
      .innerJoin('classes', 'classes.id', 'contestClasses.classId')
      .select(['classes.id as id', 'classes.name as name'])
      .where('contestClasses.contestId', '=', contestId)
      .orderBy('classes.name')
      .execute();
  }

  async judgesOf(contestId: string): Promise<{ id: string; displayName: string }[]> {
    return this.db
      .selectFrom('contestJudges')
      .innerJoin('users', 'users.id', 'contestJudges.userId')
      .select(['users.id as id', 'users.displayName as displayName'])
      .where('contestJudges.contestId', '=', contestId)
      .orderBy('users.displayName')
      .execute();
  }

  /** The viewer's role in each class of the contest they belong to. */
  async membershipOf(contestId: string, userId: string): Promise<('trainee' | 'evaluator')[]> {
    const rows = await this.db
      .selectFrom('contestClasses')
      .innerJoin('classMembers', 'classMembers.classId', 'contestClasses.classId')
      .select('classMembers.roleInClass')
      .where('contestClasses.contestId', '=', contestId)
      .where('classMembers.userId', '=', userId)
      .execute();
    return rows.map((r) => r.roleInClass);
  }

  /** Users who see the live tally: the creator, the judges and the evaluators of its classes. */
  async tallyAudience(contestId: string): Promise<string[]> {
    const contest = await this.get(contestId);
    if (!contest) return [];
    const judges = await this.db
      .selectFrom('contestJudges')
      .select('userId')
      .where('contestId', '=', contestId)
      .execute();
    const evaluators = await this.db
      .selectFrom('contestClasses')
      .innerJoin('classMembers', 'classMembers.classId', 'contestClasses.classId')
      .select('classMembers.userId as userId')
      .where('contestClasses.contestId', '=', contestId)
      .where('classMembers.roleInClass', '=', 'evaluator')
      .execute();
    return [
      ...new Set([
        contest.createdByUserId,
        ...judges.map((j) => j.userId),
        ...evaluators.map((e) => e.userId),
      ]),
    ];
  }

  /** Moves the contest to voting now; false when it is already voting or closed. */
  async startVoting(contestId: string, actor: UsersTable, nowMs = Date.now()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('contests')
        .set({ nominationClosesAtMs: nowMs, votingOpensAtMs: nowMs })
        .where('id', '=', contestId)
        .where('nominationOpensAtMs', '<=', nowMs)
        .where('votingOpensAtMs', '>', nowMs)
        .where('votingClosesAtMs', '>', nowMs)
        .where('closedAtMs', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await writeAudit(
        trx,
        { actorUserId: actor.id, action: 'contest.start-voting', target: `contest:${contestId}` },
        nowMs,
      );
      return true;
    });
  }

  /** Closes the contest now; false when it was closed already. A ballot in flight either commits first or is refused. */
  async close(contestId: string, actor: UsersTable, nowMs = Date.now()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('contests')
        .set({ closedAtMs: nowMs })
        .where('id', '=', contestId)
        .where('closedAtMs', 'is', null)
        .where('votingClosesAtMs', '>', nowMs)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await writeAudit(
        trx,
        { actorUserId: actor.id, action: 'contest.close', target: `contest:${contestId}` },
        nowMs,
      );
      return true;
    });
  }

  async entries(contestId: string): Promise<ContestEntriesTable[]> {
    return this.db
      .selectFrom('contestEntries')
      .selectAll()
      .where('contestId', '=', contestId)
      .orderBy('id')
      .execute();
  }

  async entryByKey(contestId: string, blindKey: string): Promise<ContestEntriesTable | undefined> {
    return this.db
      .selectFrom('contestEntries')
      .selectAll()
      .where('contestId', '=', contestId)
      .where('blindKey', '=', blindKey)
      .executeTakeFirst();
  }

  async entryOfNominee(contestId: string, nomineeUserId: string): Promise<ContestEntriesTable | undefined> {
    return this.db
      .selectFrom('contestEntries')
      .selectAll()
      .where('contestId', '=', contestId)
      .where('nomineeUserId', '=', nomineeUserId)
      .executeTakeFirst();
  }

  /**
   * Adds an entry with a fresh neutral label and key, inside the nomination window.
   * Throws CONTEST_ENTRY_EXISTS when the nominee has one already (also under a race).
   */
  async addEntry(entry: NewEntry, nowMs = Date.now()): Promise<ContestEntriesTable> {
    for (let attempt = 0; ; attempt++) {
      if (await this.entryOfNominee(entry.contestId, entry.nomineeUserId))
        throw new AppError('CONTEST_ENTRY_EXISTS', 'nominee has an entry');
      const taken = new Set(
        (
          await this.db
            .selectFrom('contestEntries')
            .select('label')
            .where('contestId', '=', entry.contestId)
            .execute()
        ).map((r) => r.label),
      );
      let label = randomLabel(attempt);
      for (let i = 0; taken.has(label); i++) label = randomLabel(attempt + i);
      const row: ContestEntriesTable = { ...entry, blindKey: randomKey(), label, createdAtMs: nowMs };
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx.insertInto('contestEntries').values(row).execute();
          await writeAudit(
            trx,
            {
              actorUserId: entry.nominatedByUserId,
              action: 'contest.nominate',
              target: `contest:${entry.contestId}`,
              details: { entryId: entry.id, label, nomineeUserId: entry.nomineeUserId, callId: entry.callId },
            },
            nowMs,
          );
        });
        return row;
      } catch (error) {
        // A unique constraint lost a race: the nominee (reported above on retry) or the label (retried).
        if (attempt >= 5) throw error;
      }
    }
  }

  async deleteEntry(entry: ContestEntriesTable, actor: UsersTable, nowMs = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('contestEntries').where('id', '=', entry.id).execute();
      await writeAudit(
        trx,
        {
          actorUserId: actor.id,
          action: 'contest.withdraw',
          target: `contest:${entry.contestId}`,
          details: { entryId: entry.id, label: entry.label },
        },
        nowMs,
      );
    });
  }

  /** Saves a judge's points for an entry (replacing earlier ones) unless the contest is closed. */
  async saveScore(score: Omit<ContestScoresTable, 'updatedAtMs'>, nowMs = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await assertOpenForScores(trx, score.contestId, nowMs);
      await trx
        .insertInto('contestScores')
        .values({ ...score, updatedAtMs: nowMs })
        .onConflict((oc) =>
          oc.columns(['entryId', 'judgeUserId']).doUpdateSet({
            points: score.points,
            totalPoints: score.totalPoints,
            comment: score.comment,
            updatedAtMs: nowMs,
          }),
        )
        .execute();
      await writeAudit(
        trx,
        {
          actorUserId: score.judgeUserId,
          action: 'contest.score',
          target: `contest:${score.contestId}`,
          details: { entryId: score.entryId, totalPoints: score.totalPoints },
        },
        nowMs,
      );
    });
  }

  async scores(contestId: string): Promise<ContestScoresTable[]> {
    return this.db.selectFrom('contestScores').selectAll().where('contestId', '=', contestId).execute();
  }
}

async function assertOpenForScores(
  trx: Transaction<Database>,
  contestId: string,
  nowMs: number,
): Promise<void> {
  const open = await trx
    .updateTable('contests')
    .set((eb) => ({ ballotChanges: eb.ref('ballotChanges') }))
    .where('id', '=', contestId)
    .where('votingClosesAtMs', '>', nowMs)
    .where((eb) => eb.or([eb('closedAtMs', 'is', null), eb('closedAtMs', '>', nowMs)]))
    .executeTakeFirst();
  if (Number(open.numUpdatedRows) === 0)
    throw new AppError('CONTEST_PHASE_WRONG', 'contest closed', { details: { contestId } });
}
