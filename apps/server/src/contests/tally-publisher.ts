// Pushes a contest's live tally to its evaluators after ballots change. Bursts are
// coalesced (one push per contest per `delayMs`), so 200 votes at once cost a few queries.
// Voters never receive it: the audience is the creator, the judges and class evaluators.
import type { ContestTallyDto } from '@callsim/protocol';
import type { Logger } from '../logging/logger.js';

/** Delivers a tally to the sockets of the given users (wired to socket.io by server.ts). */
export type PublishTally = (userIds: string[], tally: ContestTallyDto) => void;

export class TallyPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly build: (
      contestId: string,
    ) => Promise<{ audience: string[]; tally: ContestTallyDto } | undefined>,
    private readonly publish: PublishTally,
    private readonly logger: Logger,
    private readonly delayMs = 150,
  ) {}

  /** Schedules one push for the contest (no-op when one is already pending). */
  schedule(contestId: string): void {
    if (this.timers.has(contestId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(contestId);
      this.build(contestId)
        .then((built) => {
          if (built && built.audience.length > 0) this.publish(built.audience, built.tally);
        })
        .catch((error: unknown) => this.logger.warn({ err: error, contestId }, 'contest tally push failed'));
    }, this.delayMs);
    timer.unref();
    this.timers.set(contestId, timer);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
