// Who may do what in one contest. Routes ask here and refuse (403, audit-logged) on false:
//   view     admin, creator, judge, or member of one of the contest's classes
//   manage   admin, creator, or evaluator of one of its classes (phases, nominate for others, tally)
//   judge    listed judges (rubric scores; they see voice measures and the live tally)
//   vote     members of its classes (trainees and evaluators), one ballot each
//   nominate trainees of its classes (their own recordings); managers for any trainee of its classes
import type { ContestsTable, UsersTable } from '../storage/schema.js';
import type { ContestStore } from './contest-store.js';

export interface ContestAccess {
  canView: boolean;
  canManage: boolean;
  isJudge: boolean;
  /** Member of one of the contest's classes: may vote. */
  isMember: boolean;
  /** Trainee in one of the contest's classes: may nominate their own recording. */
  isTrainee: boolean;
}

export async function accessOf(
  store: ContestStore,
  contest: ContestsTable,
  viewer: UsersTable,
): Promise<ContestAccess> {
  const roles = await store.membershipOf(contest.id, viewer.id);
  const judges = await store.judgesOf(contest.id);
  const isJudge = judges.some((j) => j.id === viewer.id);
  const isMember = roles.length > 0;
  const canManage =
    viewer.role === 'admin' ||
    contest.createdByUserId === viewer.id ||
    (viewer.role === 'evaluator' && roles.includes('evaluator'));
  return {
    canView: viewer.role === 'admin' || contest.createdByUserId === viewer.id || isJudge || isMember,
    canManage,
    isJudge,
    isMember,
    isTrainee: viewer.role === 'trainee' && roles.includes('trainee'),
  };
}
