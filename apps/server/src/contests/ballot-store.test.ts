// Contest and ballot storage on real SQLite and (with TEST_DATABASE_URL) PostgreSQL: the ballot rules
// hold in the store and, underneath, in the database's own constraints; 200 voters voting at
// once (many concurrent transactions, changes and cheating attempts) lose no vote and admit
// no double, self, unplayed or excess vote.
import { DEFAULT_CONTEST_RUBRIC } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../storage/ids.js';
import type { Database, UsersTable } from '../storage/schema.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { BallotStore } from './ballot-store.js';
import { ContestStore } from './contest-store.js';

const HOUR_MS = 3_600_000;

async function insertUsers(db: Kysely<Database>, prefix: string, count: number, role: UsersTable['role']) {
  const users: UsersTable[] = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    username: `${prefix}${i}`,
    displayName: `${prefix} ${i}`,
    passwordHash: 'scrypt$test',
    role,
    disabled: 0,
    locale: null,
    createdAtMs: Date.now(),
  }));
  for (let i = 0; i < users.length; i += 100)
    await db
      .insertInto('users')
      .values(users.slice(i, i + 100))
      .execute();
  return users;
}

interface Seeded {
  store: ContestStore;
  ballots: BallotStore;
  contestId: string;
  teacher: UsersTable;
  voters: UsersTable[];
  /** entryIds[i] is the entry of voters[i] (the first `entryCount` voters are nominees). */
  entryIds: string[];
}

/** A contest in its voting window with `entryCount` entries by the first voters. */
async function seed(
  db: Kysely<Database>,
  voterCount: number,
  entryCount: number,
  votesPerVoter = 3,
): Promise<Seeded> {
  const nowMs = Date.now();
  const [teacher] = await insertUsers(db, 'teacher', 1, 'evaluator');
  const voters = await insertUsers(db, 'trainee', voterCount, 'trainee');
  const classId = newId();
  await db
    .insertInto('classes')
    .values({ id: classId, name: '电商2401班', description: '', createdAtMs: nowMs })
    .execute();
  const members = [
    { classId, userId: teacher!.id, roleInClass: 'evaluator' as const, addedAtMs: nowMs },
    ...voters.map((v) => ({ classId, userId: v.id, roleInClass: 'trainee' as const, addedAtMs: nowMs })),
  ];
  for (let i = 0; i < members.length; i += 100)
    await db
      .insertInto('classMembers')
      .values(members.slice(i, i + 100))
      .execute();
  const store = new ContestStore(db);
  const contestId = await store.create(
    {
      title: '最美语音客服',
      classIds: [classId],
      nominationOpensAtMs: nowMs - 3 * HOUR_MS,
      nominationClosesAtMs: nowMs - 2 * HOUR_MS,
      votingOpensAtMs: nowMs - HOUR_MS,
      votingClosesAtMs: nowMs + HOUR_MS,
      votesPerVoter,
      judgeWeightPct: 50,
      judgeUserIds: [teacher!.id],
      rubric: DEFAULT_CONTEST_RUBRIC.map((c) => ({ ...c })),
    },
    teacher!,
    nowMs - 3 * HOUR_MS,
  );
  const entryIds: string[] = [];
  for (const nominee of voters.slice(0, entryCount)) {
    const callId = newId();
    await db
      .insertInto('calls')
      .values({
        id: callId,
        scenarioId: 's',
        locale: 'zh-CN',
        direction: 'inbound',
        category: 'inquiry',
        mode: 'practice',
        status: 'ended',
        source: 'practice',
        targetUserId: nominee.id,
        classId: null,
        agentUserId: nominee.id,
        createdAtMs: nowMs,
        offeredAtMs: null,
        answeredAtMs: null,
        endedAtMs: null,
        ringCount: 0,
        endedBy: null,
        endReason: null,
        durationMs: 10_000,
        recordingPath: '/dev/null',
        timelinePath: null,
        nodeId: null,
        taskId: null,
      })
      .execute();
    const entry = await store.addEntry(
      {
        id: newId(),
        contestId,
        nomineeUserId: nominee.id,
        nominatedByUserId: nominee.id,
        callId,
        startMs: 0,
        endMs: 5000,
        audioPath: '/dev/null',
        measures: '{}',
      },
      nowMs - 150 * 60_000,
    );
    entryIds.push(entry.id);
  }
  return { store, ballots: new BallotStore(db), contestId, teacher: teacher!, voters, entryIds };
}

/** Every voter has played every entry to the end. */
async function playAll(db: Kysely<Database>, voters: UsersTable[], entryIds: string[]): Promise<void> {
  const rows = voters.flatMap((v) =>
    entryIds.map((entryId) => ({ entryId, userId: v.id, playedAtMs: Date.now() })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('contestPlays')
      .values(rows.slice(i, i + 500))
      .execute();
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? 'UNKNOWN';
  }
}

describe.each(testDatabaseFactories())('contest storage on $name', (factory) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await factory.open();
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses unplayed, self, excess and unknown votes; a change replaces the ballot and both are audited', async () => {
    const { ballots, contestId, voters, entryIds } = await seed(t.db, 5, 4, 2);
    const voter = voters[0]!; // nominee of entryIds[0]
    await ballots.startListen(entryIds[1]!, voter.id, Date.now() - 1000);
    expect(await ballots.recordPlay(entryIds[1]!, voter.id, 4000)).toBe(false); // listened 1 s of 5 s
    expect(await codeOf(ballots.castBallot(contestId, voter.id, [entryIds[1]!]))).toBe('CONTEST_NOT_PLAYED');
    await playAll(t.db, [voter], entryIds);
    expect(await codeOf(ballots.castBallot(contestId, voter.id, [entryIds[0]!]))).toBe('CONTEST_SELF_VOTE');
    expect(await codeOf(ballots.castBallot(contestId, voter.id, entryIds.slice(1, 4)))).toBe(
      'CONTEST_TOO_MANY_VOTES',
    );
    expect(await codeOf(ballots.castBallot(contestId, voter.id, ['no-such-entry']))).toBe('NOT_FOUND');

    const first = await ballots.castBallot(contestId, voter.id, [entryIds[1]!, entryIds[2]!]);
    expect(first.changeCount).toBe(1);
    const second = await ballots.castBallot(contestId, voter.id, [entryIds[3]!]);
    expect(second).toMatchObject({ changeCount: 2, previousEntryIds: [entryIds[1], entryIds[2]] });
    expect((await ballots.ballotOf(contestId, voter.id)).entryIds).toEqual([entryIds[3]]);
    const tally = await ballots.tally(contestId);
    expect([tally.ballots, tally.votes, tally.votesByEntry.get(entryIds[3]!)]).toEqual([1, 1, 1]);

    const audit = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('actorUserId', '=', voter.id)
      .where('action', 'like', 'contest.vote%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['contest.vote', 'contest.vote-change']);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ afterEntryIds: [entryIds[3]], changeCount: 2 });
  });

  it('the database itself refuses a second ballot, a double, self, unplayed or excess vote', async () => {
    const { ballots, contestId, voters, entryIds } = await seed(t.db, 6, 5, 2);
    const voter = voters[5]!;
    const nominee = (i: number) => voters[i]!.id;
    await playAll(t.db, [voter], entryIds.slice(0, 4));
    await ballots.castBallot(contestId, voter.id, [entryIds[0]!]);
    const vote = (entry: number, slot: number, overrides: Record<string, unknown> = {}) =>
      t.db
        .insertInto('contestVotes')
        .values({
          contestId,
          voterUserId: voter.id,
          entryId: entryIds[entry]!,
          nomineeUserId: nominee(entry),
          slot,
          votesPerVoter: 2,
          castAtMs: Date.now(),
          ...overrides,
        })
        .execute();
    // A constraint violation: SQLITE_CONSTRAINT_* on SQLite, class 23 (integrity) on PostgreSQL.
    const refused = async (write: Promise<unknown>) =>
      expect(await codeOf(write)).toMatch(/^(SQLITE_CONSTRAINT|23\d{3}$)/);

    await refused(
      t.db
        .insertInto('contestBallots')
        .values({
          id: newId(),
          contestId,
          voterUserId: voter.id,
          changeCount: 0,
          createdAtMs: 0,
          updatedAtMs: 0,
        })
        .execute(),
    ); // second ballot
    await refused(vote(0, 2)); // the same entry twice
    await refused(vote(1, 1)); // a second vote in a used slot
    await refused(vote(1, 3)); // slot beyond votes per voter
    await refused(vote(1, 3, { votesPerVoter: 3 })); // lying about the limit
    await refused(vote(4, 2)); // not played
    await refused(vote(1, 2, { nomineeUserId: voter.id })); // claims the entry is someone else's
    await playAll(t.db, [voters[4]!], [entryIds[3]!]);
    await refused(vote(3, 1, { voterUserId: voters[4]!.id })); // played, but has no ballot

    // The nominee voting for themself, even with a ballot and a play mark:
    const self = voters[1]!;
    await playAll(t.db, [self], [entryIds[1]!]);
    await t.db
      .insertInto('contestBallots')
      .values({
        id: newId(),
        contestId,
        voterUserId: self.id,
        changeCount: 0,
        createdAtMs: 0,
        updatedAtMs: 0,
      })
      .execute();
    await refused(vote(1, 1, { voterUserId: self.id }));

    await vote(1, 2); // a legal second vote still goes in
    expect((await ballots.tally(contestId)).votes).toBe(2);
  });

  it('after close no ballot is accepted and votes stay as they were', async () => {
    const { store, ballots, contestId, teacher, voters, entryIds } = await seed(t.db, 4, 2);
    await playAll(t.db, voters, entryIds);
    await ballots.castBallot(contestId, voters[3]!.id, [entryIds[0]!]);
    const results = await Promise.all([
      store.close(contestId, teacher),
      codeOf(ballots.castBallot(contestId, voters[2]!.id, [entryIds[1]!])),
    ]);
    expect(results[0]).toBe(true);
    expect(await store.close(contestId, teacher)).toBe(false);
    expect(await codeOf(ballots.castBallot(contestId, voters[3]!.id, [entryIds[1]!]))).toBe(
      'CONTEST_PHASE_WRONG',
    );
    expect((await ballots.ballotOf(contestId, voters[3]!.id)).entryIds).toEqual([entryIds[0]]);
    // The racing ballot either committed before the close or was refused; never after.
    const raced = (await ballots.ballotOf(contestId, voters[2]!.id)).entryIds;
    if (results[1] === undefined) expect(raced).toEqual([entryIds[1]]);
    else expect([results[1], raced]).toEqual(['CONTEST_PHASE_WRONG', []]);
  });

  it('200 voters voting at once lose no vote and admit no double, self or excess vote', async () => {
    const VOTERS = 200;
    const ENTRIES = 10;
    const LIMIT = 3;
    const { ballots, contestId, voters, entryIds } = await seed(t.db, VOTERS, ENTRIES, LIMIT);
    await playAll(t.db, voters, entryIds);
    const others = (v: number) => entryIds.filter((_, e) => e !== v);
    const pick = (v: number, offset: number, count: number) => {
      const candidates = others(v);
      return Array.from(
        { length: count },
        (_, i) => candidates[(v * 7 + offset + i * 3) % candidates.length]!,
      ).filter((id, i, all) => all.indexOf(id) === i);
    };

    // Per voter at once: a ballot, a changed ballot, a ballot over the limit, and (nominees) a self vote.
    const valid: { voter: number; entryIds: string[]; result: Promise<unknown> }[] = [];
    const cheats: Promise<string | undefined>[] = [];
    voters.forEach((voter, v) => {
      const a = pick(v, 0, 1 + (v % LIMIT));
      const b = pick(v, 1, 1 + ((v + 1) % LIMIT));
      valid.push({ voter: v, entryIds: a, result: ballots.castBallot(contestId, voter.id, a) });
      valid.push({ voter: v, entryIds: b, result: ballots.castBallot(contestId, voter.id, b) });
      cheats.push(codeOf(ballots.castBallot(contestId, voter.id, others(v).slice(0, LIMIT + 1))));
      if (v < ENTRIES) cheats.push(codeOf(ballots.castBallot(contestId, voter.id, [entryIds[v]!])));
    });
    const settled = await Promise.allSettled(valid.map((x) => x.result));
    const cheatCodes = await Promise.all(cheats);

    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    expect(cheatCodes.filter((c) => c !== 'CONTEST_TOO_MANY_VOTES' && c !== 'CONTEST_SELF_VOTE')).toEqual([]);
    expect(cheatCodes.filter((c) => c === 'CONTEST_SELF_VOTE')).toHaveLength(ENTRIES);

    const votes = await t.db
      .selectFrom('contestVotes')
      .selectAll()
      .where('contestId', '=', contestId)
      .execute();
    const ballotRows = await t.db
      .selectFrom('contestBallots')
      .selectAll()
      .where('contestId', '=', contestId)
      .execute();
    expect(ballotRows).toHaveLength(VOTERS);
    expect(ballotRows.every((b) => b.changeCount === 2)).toBe(true);
    expect(votes.filter((v) => v.voterUserId === v.nomineeUserId)).toEqual([]);
    const pairs = new Set(votes.map((v) => `${v.voterUserId}/${v.entryId}`));
    expect(pairs.size).toBe(votes.length);

    // Each voter's ballot is exactly the one of their two submissions that committed last.
    const audit = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('target', '=', `contest:${contestId}`)
      .where('action', 'in', ['contest.vote', 'contest.vote-change'])
      .execute();
    expect(audit).toHaveLength(2 * VOTERS);
    let expectedVotes = 0;
    for (const [v, voter] of voters.entries()) {
      const mine = votes.filter((x) => x.voterUserId === voter.id).sort((x, y) => x.slot - y.slot);
      expect(mine.length).toBeLessThanOrEqual(LIMIT);
      const last = audit
        .filter((a) => a.actorUserId === voter.id)
        .map((a) => JSON.parse(a.details) as { changeCount: number; afterEntryIds: string[] })
        .sort((x, y) => y.changeCount - x.changeCount)[0]!;
      expect(mine.map((x) => x.entryId)).toEqual(last.afterEntryIds);
      expect([valid[2 * v]!.entryIds, valid[2 * v + 1]!.entryIds]).toContainEqual(last.afterEntryIds);
      expectedVotes += last.afterEntryIds.length;
    }
    const tally = await ballots.tally(contestId);
    expect(tally.votes).toBe(expectedVotes);
    expect(tally.ballots).toBe(VOTERS);
    const contest = await new ContestStore(t.db).get(contestId);
    expect(contest?.ballotChanges).toBe(2 * VOTERS); // refused attempts rolled back entirely
  }, 120_000);
});
