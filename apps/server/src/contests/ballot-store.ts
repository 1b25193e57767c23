// Storage of listening and voting: listens and play marks, one ballot per account, the tally.
// Guarantees: a ballot is replaced in one transaction that locks the voter's ballot row,
// writes the audit entry in the same transaction, and finally re-checks the voting window on
// the contest row (so a concurrent close is never crossed); the constraints of migration 008
// back every rule: one ballot per account, no double, self, unplayed or excess vote.
import { AppError } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { writeAudit } from '../accounts/audit-log.js';
import { newId } from '../storage/ids.js';
import type { ContestBallotsTable, Database } from '../storage/schema.js';

export interface BallotResult {
  entryIds: string[];
  previousEntryIds: string[];
  changeCount: number;
  updatedAtMs: number;
}

export class BallotStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Marks the start of a listen (the first audio request counts). */
  async startListen(entryId: string, userId: string, nowMs = Date.now()): Promise<void> {
    await this.db
      .insertInto('contestListens')
      .values({ entryId, userId, startedAtMs: nowMs })
      .onConflict((oc) => oc.columns(['entryId', 'userId']).doNothing())
      .execute();
  }

  /**
   * Records that the user played the entry to the end. Refused (false) unless a listen
   * started at least `minListenMs` before `nowMs`, so the mark cannot be sent without listening.
   */
  async recordPlay(
    entryId: string,
    userId: string,
    minListenMs: number,
    nowMs = Date.now(),
  ): Promise<boolean> {
    const listen = await this.db
      .selectFrom('contestListens')
      .select('startedAtMs')
      .where('entryId', '=', entryId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (!listen || nowMs - listen.startedAtMs < minListenMs) return false;
    await this.db
      .insertInto('contestPlays')
      .values({ entryId, userId, playedAtMs: nowMs })
      .onConflict((oc) => oc.columns(['entryId', 'userId']).doNothing())
      .execute();
    return true;
  }

  async playedEntryIds(contestId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('contestPlays')
      .innerJoin('contestEntries', 'contestEntries.id', 'contestPlays.entryId')
      .select('contestPlays.entryId')
      .where('contestEntries.contestId', '=', contestId)
      .where('contestPlays.userId', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.entryId));
  }

  /**
   * Replaces the voter's ballot with `entryIds` (distinct, in order) in one transaction.
   * Throws CONTEST_PHASE_WRONG outside the voting window, CONTEST_TOO_MANY_VOTES,
   * CONTEST_SELF_VOTE, CONTEST_NOT_PLAYED or NOT_FOUND (entry not in this contest).
   *
   * Locking (PostgreSQL; SQLite runs one writer at a time anyway): the voter's ballot row
   * first, so two submissions of one voter apply one after the other; the contest row last,
   * re-checking the window, so a concurrent close either commits first (and this ballot is
   * refused) or waits for this commit. Only that last short step is shared by all voters.
   */
  async castBallot(
    contestId: string,
    voterUserId: string,
    entryIds: string[],
    nowMs = Date.now(),
  ): Promise<BallotResult> {
    if (new Set(entryIds).size !== entryIds.length)
      throw new AppError('BAD_REQUEST', 'duplicate entry', {
        details: { field: 'entryKeys', reason: 'duplicate' },
      });
    return this.db.transaction().execute(async (trx) => {
      // A write first: on SQLite it takes the write lock before anything is read.
      await trx
        .insertInto('contestBallots')
        .values({
          id: newId(nowMs),
          contestId,
          voterUserId,
          changeCount: 0,
          createdAtMs: nowMs,
          updatedAtMs: nowMs,
        })
        .onConflict((oc) => oc.columns(['contestId', 'voterUserId']).doNothing())
        .execute();
      const ballot = await trx
        .updateTable('contestBallots')
        .set((eb) => ({ changeCount: eb('changeCount', '+', 1), updatedAtMs: nowMs }))
        .where('contestId', '=', contestId)
        .where('voterUserId', '=', voterUserId)
        .returning(['changeCount'])
        .executeTakeFirstOrThrow();

      const contest = await trx
        .selectFrom('contests')
        .select(['votesPerVoter', 'votingOpensAtMs', 'votingClosesAtMs', 'closedAtMs'])
        .where('id', '=', contestId)
        .executeTakeFirst();
      if (!contest) throw new AppError('CONTEST_NOT_FOUND', 'no such contest', { details: { contestId } });
      if (!votingOpen(contest, nowMs))
        throw new AppError('CONTEST_PHASE_WRONG', 'voting is not open', { details: { contestId } });
      if (entryIds.length > contest.votesPerVoter)
        throw new AppError('CONTEST_TOO_MANY_VOTES', 'too many votes', {
          details: { limit: contest.votesPerVoter },
        });

      const entries =
        entryIds.length === 0
          ? []
          : await trx
              .selectFrom('contestEntries')
              .select(['id', 'label', 'nomineeUserId'])
              .where('contestId', '=', contestId)
              .where('id', 'in', entryIds)
              .execute();
      if (entries.length !== entryIds.length) throw new AppError('NOT_FOUND', 'entry not in contest');
      if (entries.some((e) => e.nomineeUserId === voterUserId))
        throw new AppError('CONTEST_SELF_VOTE', 'self vote');
      const played =
        entryIds.length === 0
          ? new Set<string>()
          : new Set(
              (
                await trx
                  .selectFrom('contestPlays')
                  .select('entryId')
                  .where('userId', '=', voterUserId)
                  .where('entryId', 'in', entryIds)
                  .execute()
              ).map((p) => p.entryId),
            );
      const unplayed = entries.find((e) => !played.has(e.id));
      if (unplayed)
        throw new AppError('CONTEST_NOT_PLAYED', 'entry not played', { details: { label: unplayed.label } });

      const previous = await trx
        .selectFrom('contestVotes')
        .innerJoin('contestEntries', 'contestEntries.id', 'contestVotes.entryId')
        .select(['contestVotes.entryId as entryId', 'contestEntries.label as label'])
        .where('contestVotes.contestId', '=', contestId)
        .where('contestVotes.voterUserId', '=', voterUserId)
        .orderBy('contestVotes.slot')
        .execute();
      const previousEntryIds = previous.map((v) => v.entryId);

      await trx
        .deleteFrom('contestVotes')
        .where('contestId', '=', contestId)
        .where('voterUserId', '=', voterUserId)
        .execute();
      const byId = new Map(entries.map((e) => [e.id, e]));
      if (entryIds.length > 0)
        await trx
          .insertInto('contestVotes')
          .values(
            entryIds.map((entryId, index) => ({
              contestId,
              voterUserId,
              entryId,
              nomineeUserId: byId.get(entryId)!.nomineeUserId,
              slot: index + 1,
              votesPerVoter: contest.votesPerVoter,
              castAtMs: nowMs,
            })),
          )
          .execute();
      await writeAudit(
        trx,
        {
          actorUserId: voterUserId,
          action: ballot.changeCount === 1 ? 'contest.vote' : 'contest.vote-change',
          target: `contest:${contestId}`,
          details: {
            before: previous.map((v) => v.label),
            after: entryIds.map((id) => byId.get(id)!.label),
            beforeEntryIds: previousEntryIds,
            afterEntryIds: entryIds,
            changeCount: ballot.changeCount,
          },
        },
        nowMs,
      );

      const stillOpen = await trx
        .updateTable('contests')
        .set((eb) => ({ ballotChanges: eb('ballotChanges', '+', 1) }))
        .where('id', '=', contestId)
        .where('votingOpensAtMs', '<=', nowMs)
        .where('votingClosesAtMs', '>', nowMs)
        .where((eb) => eb.or([eb('closedAtMs', 'is', null), eb('closedAtMs', '>', nowMs)]))
        .executeTakeFirst();
      if (Number(stillOpen.numUpdatedRows) === 0)
        throw new AppError('CONTEST_PHASE_WRONG', 'voting closed meanwhile', { details: { contestId } });
      return { entryIds, previousEntryIds, changeCount: ballot.changeCount, updatedAtMs: nowMs };
    });
  }

  async ballotOf(
    contestId: string,
    voterUserId: string,
  ): Promise<{ ballot?: ContestBallotsTable; entryIds: string[] }> {
    const ballot = await this.db
      .selectFrom('contestBallots')
      .selectAll()
      .where('contestId', '=', contestId)
      .where('voterUserId', '=', voterUserId)
      .executeTakeFirst();
    const votes = await this.db
      .selectFrom('contestVotes')
      .select('entryId')
      .where('contestId', '=', contestId)
      .where('voterUserId', '=', voterUserId)
      .orderBy('slot')
      .execute();
    return { ...(ballot ? { ballot } : {}), entryIds: votes.map((v) => v.entryId) };
  }

  /** Votes per entry id, and the number of voters with at least one vote. */
  async tally(
    contestId: string,
  ): Promise<{ votesByEntry: Map<string, number>; ballots: number; votes: number }> {
    const rows = await this.db
      .selectFrom('contestVotes')
      .select(['entryId', (eb) => eb.fn.countAll<number>().as('votes')])
      .where('contestId', '=', contestId)
      .groupBy('entryId')
      .execute();
    const voters = await this.db
      .selectFrom('contestVotes')
      .select((eb) => eb.fn.count<number>('voterUserId').distinct().as('voters'))
      .where('contestId', '=', contestId)
      .executeTakeFirst();
    const votesByEntry = new Map(rows.map((r) => [r.entryId, Number(r.votes)]));
    return {
      votesByEntry,
      ballots: Number(voters?.voters ?? 0),
      votes: [...votesByEntry.values()].reduce((a, b) => a + b, 0),
    };
  }
}

function votingOpen(
  contest: { votingOpensAtMs: number; votingClosesAtMs: number; closedAtMs: number | null },
  nowMs: number,
): boolean {
  return (
    contest.votingOpensAtMs <= nowMs &&
    nowMs < contest.votingClosesAtMs &&
    (contest.closedAtMs === null || nowMs < contest.closedAtMs)
  );
}
