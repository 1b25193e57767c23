// The phase of a contest at a given time, from its windows and an early close.
// Guarantees: phases only move forward with time; `closed` is final.
//
//   upcoming ──nominationOpensAtMs──▶ nominating ──nominationClosesAtMs──▶ waiting
//            ──votingOpensAtMs──▶ voting ──votingClosesAtMs or closedAtMs──▶ closed
//
// "Start voting" moves nominationClosesAtMs and votingOpensAtMs to now; "close" sets
// closedAtMs. Moving backward (re-opening) is refused by the service.
import { AppError, type ContestPhase } from '@callsim/protocol';

export interface ContestWindows {
  nominationOpensAtMs: number;
  nominationClosesAtMs: number;
  votingOpensAtMs: number;
  votingClosesAtMs: number;
  closedAtMs: number | null;
}

/** The phase at `nowMs` (ms since the epoch). */
export function phaseAt(contest: ContestWindows, nowMs: number): ContestPhase {
  if (contest.closedAtMs !== null && nowMs >= contest.closedAtMs) return 'closed';
  if (nowMs >= contest.votingClosesAtMs) return 'closed';
  if (nowMs >= contest.votingOpensAtMs) return 'voting';
  if (nowMs >= contest.nominationClosesAtMs) return 'waiting';
  if (nowMs >= contest.nominationOpensAtMs) return 'nominating';
  return 'upcoming';
}

/** Throws CONTEST_PHASE_WRONG unless the contest is in one of `allowed` at `nowMs`. */
export function assertPhase(
  contest: ContestWindows,
  nowMs: number,
  ...allowed: ContestPhase[]
): ContestPhase {
  const phase = phaseAt(contest, nowMs);
  if (!allowed.includes(phase))
    throw new AppError('CONTEST_PHASE_WRONG', `contest is ${phase}`, { details: { phase, allowed } });
  return phase;
}
