// The contest use cases behind /api/contests: create, nominate an excerpt, blind entry
// lists in a per-voter order, play marks, ballots, judges' scores, live tally and results.
// Permission checks that refuse with 403 live in the routes (so they are audit-logged);
// this service enforces phases and the ballot rules and never leaks names before the close.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  AppError,
  type BallotDto,
  type ContestCriterion,
  type ContestDto,
  type ContestEntryDto,
  type ContestResultsDto,
  type ContestTallyDto,
  type CreateContestBody,
  type JudgeScoreBody,
  type NominateBody,
  type VoiceMeasuresDto,
} from '@callsim/protocol';
import type { AppContext } from '../app/context.js';
import { newId } from '../storage/ids.js';
import type { ContestEntriesTable, ContestsTable, UsersTable } from '../storage/schema.js';
import { BallotStore } from './ballot-store.js';
import { orderForViewer } from './blind-order.js';
import { accessOf, type ContestAccess } from './contest-access.js';
import { assertPhase, phaseAt } from './contest-phase.js';
import { ContestStore } from './contest-store.js';
import { cutExcerpt } from './excerpt-audio.js';
import { rankEntries } from './ranking.js';
import { type PublishTally, TallyPublisher } from './tally-publisher.js';

/** Share of an excerpt's duration that must pass between the audio request and the play mark. */
export const MIN_LISTEN_SHARE = 0.8;

export interface LoadedContest {
  contest: ContestsTable;
  access: ContestAccess;
}

export class ContestService {
  readonly store: ContestStore;
  readonly ballots: BallotStore;
  private readonly tallies: TallyPublisher;

  constructor(
    private readonly ctx: AppContext,
    publish: PublishTally,
    private readonly audioDir = path.join(ctx.config.dataDir, 'contest-audio'),
  ) {
    this.store = new ContestStore(ctx.db);
    this.ballots = new BallotStore(ctx.db);
    this.tallies = new TallyPublisher(
      async (contestId) => {
        const contest = await this.store.get(contestId);
        if (!contest) return undefined;
        return { audience: await this.store.tallyAudience(contestId), tally: await this.tally(contest) };
      },
      publish,
      ctx.logger,
    );
  }

  close(): void {
    this.tallies.close();
  }

  /** The contest and the viewer's rights in it; CONTEST_NOT_FOUND when missing. */
  async load(viewer: UsersTable, contestId: string): Promise<LoadedContest> {
    const contest = await this.store.get(contestId);
    if (!contest) throw new AppError('CONTEST_NOT_FOUND', 'no such contest', { details: { contestId } });
    return { contest, access: await accessOf(this.store, contest, viewer) };
  }

  async list(viewer: UsersTable): Promise<ContestDto[]> {
    const contests = await this.store.listFor(viewer);
    return Promise.all(
      contests.map(async (c) => this.toDto(c, await accessOf(this.store, c, viewer), viewer)),
    );
  }

  async create(viewer: UsersTable, body: CreateContestBody): Promise<ContestDto> {
    for (const judgeId of body.judgeUserIds) {
      const judge = await this.ctx.users.findById(judgeId);
      if (!judge || judge.role === 'trainee' || judge.disabled === 1)
        throw new AppError('BAD_REQUEST', 'judge must be an evaluator', {
          details: { field: 'judgeUserIds', reason: 'must be evaluators' },
        });
    }
    const id = await this.store.create(body, viewer);
    const { contest, access } = await this.load(viewer, id);
    return this.toDto(contest, access, viewer);
  }

  async toDto(
    contest: ContestsTable,
    access: ContestAccess,
    viewer: UsersTable,
    nowMs = Date.now(),
  ): Promise<ContestDto> {
    const phase = phaseAt(contest, nowMs);
    const entries = await this.store.entries(contest.id);
    const hasEntry = entries.some((e) => e.nomineeUserId === viewer.id);
    return {
      id: contest.id,
      title: contest.title,
      phase,
      classes: await this.store.classesOf(contest.id),
      nominationOpensAtMs: contest.nominationOpensAtMs,
      nominationClosesAtMs: contest.nominationClosesAtMs,
      votingOpensAtMs: contest.votingOpensAtMs,
      votingClosesAtMs: contest.votingClosesAtMs,
      closedAtMs: contest.closedAtMs,
      votesPerVoter: contest.votesPerVoter,
      judgeWeightPct: contest.judgeWeightPct,
      rubric: rubricOf(contest),
      judges: await this.store.judgesOf(contest.id),
      createdByUserId: contest.createdByUserId,
      createdAtMs: contest.createdAtMs,
      entryCount: entries.length,
      viewer: {
        canManage: access.canManage,
        isJudge: access.isJudge,
        canNominate: phase === 'nominating' && (access.canManage || (access.isTrainee && !hasEntry)),
        canVote: phase === 'voting' && access.isMember,
        seesTally: access.canManage || access.isJudge,
      },
    };
  }

  async phaseAction(
    viewer: UsersTable,
    contest: ContestsTable,
    action: 'start-voting' | 'close',
  ): Promise<void> {
    const done =
      action === 'start-voting'
        ? await this.store.startVoting(contest.id, viewer)
        : await this.store.close(contest.id, viewer);
    if (!done)
      throw new AppError('CONTEST_PHASE_WRONG', `cannot ${action}`, {
        details: { phase: phaseAt(contest, Date.now()) },
      });
    this.tallies.schedule(contest.id);
  }

  /**
   * Nominates an excerpt of a finished call. `nominee` is the call's agent: the viewer
   * themself (trainee) or, for managers, a trainee of one of the contest's classes.
   */
  async nominate(
    viewer: UsersTable,
    loaded: LoadedContest,
    body: NominateBody,
    deny: (target: string) => Promise<never>,
  ): Promise<ContestEntryDto> {
    const { contest, access } = loaded;
    assertPhase(contest, Date.now(), 'nominating');
    const call = await this.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', body.callId)
      .executeTakeFirst();
    if (!call?.agentUserId) throw new AppError('CALL_NOT_FOUND', 'no such call');
    const ownCall = call.agentUserId === viewer.id;
    if (!ownCall && !access.canManage) await deny(`contest:${contest.id}:nominate:${call.id}`);
    if (!(await this.store.membershipOf(contest.id, call.agentUserId)).includes('trainee'))
      throw new AppError('CONTEST_EXCERPT_INVALID', 'nominee not in contest', {
        details: { reason: 'the agent of this call is not a trainee of the contest classes' },
      });
    if (call.status !== 'ended' || !call.recordingPath)
      throw new AppError('CONTEST_EXCERPT_INVALID', 'call not finished', {
        details: { reason: 'the call has not ended or has no recording' },
      });
    if (await this.store.entryOfNominee(contest.id, call.agentUserId))
      throw new AppError('CONTEST_ENTRY_EXISTS', 'nominee has an entry');

    const entryId = newId();
    const audioPath = path.join(this.audioDir, contest.id, `${entryId}.wav`);
    const excerpt = await cutExcerpt({
      recordingPath: call.recordingPath,
      startMs: body.startMs,
      endMs: body.endMs,
      outPath: audioPath,
    });
    try {
      const entry = await this.store.addEntry({
        id: entryId,
        contestId: contest.id,
        nomineeUserId: call.agentUserId,
        nominatedByUserId: viewer.id,
        callId: call.id,
        startMs: excerpt.startMs,
        endMs: excerpt.endMs,
        audioPath,
        measures: JSON.stringify(excerpt.measures),
      });
      return this.entryDto(entry, viewer, loaded, new Set(), new Set(), new Map());
    } catch (error) {
      await rm(audioPath, { force: true });
      throw error;
    }
  }

  /** Withdraws an entry while nominations are open. Caller checked nominee/nominator/manager. */
  async withdraw(viewer: UsersTable, contest: ContestsTable, entry: ContestEntriesTable): Promise<void> {
    assertPhase(contest, Date.now(), 'nominating');
    await this.store.deleteEntry(entry, viewer);
    await rm(entry.audioPath, { force: true });
  }

  /** Entries in the viewer's own stable order, blind (labels and keys only). */
  async entriesFor(viewer: UsersTable, loaded: LoadedContest): Promise<ContestEntryDto[]> {
    const { contest } = loaded;
    const entries = orderForViewer(await this.store.entries(contest.id), contest.shuffleSecret, viewer.id);
    const played = await this.ballots.playedEntryIds(contest.id, viewer.id);
    const voted = new Set((await this.ballots.ballotOf(contest.id, viewer.id)).entryIds);
    const scores = new Map(
      (await this.store.scores(contest.id))
        .filter((s) => s.judgeUserId === viewer.id)
        .map((s) => [s.entryId, s]),
    );
    return entries.map((e) => this.entryDto(e, viewer, loaded, played, voted, scores));
  }

  private entryDto(
    entry: ContestEntriesTable,
    viewer: UsersTable,
    { contest, access }: LoadedContest,
    played: Set<string>,
    voted: Set<string>,
    scores: Map<string, { points: string; comment: string }>,
  ): ContestEntryDto {
    const measures = JSON.parse(entry.measures) as VoiceMeasuresDto;
    const score = scores.get(entry.id);
    return {
      key: entry.blindKey,
      label: entry.label,
      durationMs: entry.endMs - entry.startMs,
      audioPath: `/contests/${contest.id}/audio/${entry.blindKey}`,
      played: played.has(entry.id),
      mine: entry.nomineeUserId === viewer.id,
      voted: voted.has(entry.id),
      ...(access.isJudge || access.canManage ? { measures } : {}),
      ...(score
        ? { myScore: { points: JSON.parse(score.points) as Record<string, number>, comment: score.comment } }
        : {}),
    };
  }

  async entryByKey(contest: ContestsTable, key: string): Promise<ContestEntriesTable> {
    const entry = await this.store.entryByKey(contest.id, key);
    if (!entry) throw new AppError('NOT_FOUND', 'no such entry');
    return entry;
  }

  /** Records that the viewer played the entry to the end; refused when the listen was too short. */
  async markPlayed(viewer: UsersTable, entry: ContestEntriesTable): Promise<void> {
    const minListenMs = Math.floor((entry.endMs - entry.startMs) * MIN_LISTEN_SHARE);
    if (!(await this.ballots.recordPlay(entry.id, viewer.id, minListenMs)))
      throw new AppError('CONTEST_NOT_PLAYED', 'listen too short', { details: { label: entry.label } });
  }

  async ballot(viewer: UsersTable, contest: ContestsTable): Promise<BallotDto> {
    const { ballot, entryIds } = await this.ballots.ballotOf(contest.id, viewer.id);
    const keys = await this.keysOf(contest.id, entryIds);
    return {
      entryKeys: keys,
      votesPerVoter: contest.votesPerVoter,
      changeCount: ballot?.changeCount ?? 0,
      updatedAtMs: ballot?.updatedAtMs ?? null,
    };
  }

  async vote(viewer: UsersTable, contest: ContestsTable, entryKeys: string[]): Promise<BallotDto> {
    const entries = await this.store.entries(contest.id);
    const byKey = new Map(entries.map((e) => [e.blindKey, e]));
    const entryIds = entryKeys.map((key) => {
      const entry = byKey.get(key);
      if (!entry) throw new AppError('NOT_FOUND', 'no such entry', { details: { field: 'entryKeys' } });
      return entry.id;
    });
    const result = await this.ballots.castBallot(contest.id, viewer.id, entryIds);
    this.ctx.logger.info(
      { contestId: contest.id, userId: viewer.id, votes: entryIds.length, changeCount: result.changeCount },
      'contest ballot saved',
    );
    this.tallies.schedule(contest.id);
    return {
      entryKeys,
      votesPerVoter: contest.votesPerVoter,
      changeCount: result.changeCount,
      updatedAtMs: result.updatedAtMs,
    };
  }

  async score(
    viewer: UsersTable,
    contest: ContestsTable,
    entry: ContestEntriesTable,
    body: JudgeScoreBody,
  ): Promise<void> {
    const rubric = rubricOf(contest);
    const points: Record<string, number> = {};
    for (const criterion of rubric) {
      const given = body.points[criterion.id];
      if (given === undefined || given > criterion.maxPoints)
        throw new AppError('BAD_REQUEST', 'points out of range', {
          details: { field: `points.${criterion.id}`, reason: `0–${criterion.maxPoints}` },
        });
      points[criterion.id] = given;
    }
    await this.store.saveScore({
      entryId: entry.id,
      judgeUserId: viewer.id,
      contestId: contest.id,
      points: JSON.stringify(points),
      totalPoints: Object.values(points).reduce((a, b) => a + b, 0),
      comment: body.comment ?? '',
    });
  }

  async tally(contest: ContestsTable): Promise<ContestTallyDto> {
    const entries = await this.store.entries(contest.id);
    const { votesByEntry, ballots, votes } = await this.ballots.tally(contest.id);
    return {
      contestId: contest.id,
      ballots,
      votes,
      entries: entries
        .map((e) => ({ key: e.blindKey, label: e.label, votes: votesByEntry.get(e.id) ?? 0 }))
        .sort((a, b) => b.votes - a.votes || a.label.localeCompare(b.label)),
      atMs: Date.now(),
    };
  }

  /** The ranking with names, once the contest is closed. */
  async results(viewer: UsersTable, loaded: LoadedContest): Promise<ContestResultsDto> {
    const { contest, access } = loaded;
    assertPhase(contest, Date.now(), 'closed');
    const entries = await this.store.entries(contest.id);
    const { votesByEntry, ballots } = await this.ballots.tally(contest.id);
    const scores = await this.store.scores(contest.id);
    const ranked = rankEntries({
      judgeWeightPct: contest.judgeWeightPct,
      rubric: rubricOf(contest),
      entries: entries.map((e) => ({
        id: e.id,
        label: e.label,
        votes: votesByEntry.get(e.id) ?? 0,
        judgeScores: scores
          .filter((s) => s.entryId === e.id)
          .map((s) => JSON.parse(s.points) as Record<string, number>),
      })),
    });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const names = new Map<string, string>();
    for (const e of entries) {
      const user = await this.ctx.users.findById(e.nomineeUserId);
      names.set(e.nomineeUserId, user?.displayName ?? '');
    }
    return {
      contest: await this.toDto(contest, access, viewer),
      ballots,
      entries: ranked.map((r) => {
        const entry = byId.get(r.id)!;
        return {
          rank: r.rank,
          label: r.label,
          key: entry.blindKey,
          nominee: { id: entry.nomineeUserId, displayName: names.get(entry.nomineeUserId) ?? '' },
          callId: entry.callId,
          startMs: entry.startMs,
          endMs: entry.endMs,
          votes: r.votes,
          judgeCount: r.judgeCount,
          judgeScore: r.judgeScore,
          criteria: r.criteria,
          popularScore: r.popularScore,
          combinedScore: r.combinedScore,
          tie: r.tie,
          measures: JSON.parse(entry.measures) as VoiceMeasuresDto,
        };
      }),
    };
  }

  private async keysOf(contestId: string, entryIds: string[]): Promise<string[]> {
    const entries = new Map((await this.store.entries(contestId)).map((e) => [e.id, e.blindKey]));
    return entryIds.map((id) => entries.get(id)).filter((k): k is string => k !== undefined);
  }
}

export function rubricOf(contest: ContestsTable): ContestCriterion[] {
  return JSON.parse(contest.rubric) as ContestCriterion[];
}
