// The final ranking of a closed contest: judges' rubric scores and popular votes, each
// normalized to 0–100, combined with the contest's weights. Pure: same input, same output.
//
//   judgeScore   = mean over judges of 100 × (points given / points available); null if unscored
//   popularScore = 100 × votes / most votes of any entry (0 when nobody voted)
//   combined     = w × judgeScore + (1 − w) × popularScore, w = judgeWeightPct / 100 (unscored = 0)
//
// Scores are rounded to 2 decimals before comparing, so what people see is what is ranked.
// Ties on the combined score go to the higher judges' score, then to more votes; entries
// equal on all three share the rank (competition ranking: 1, 2, 2, 4).
import type { ContestCriterion, ContestTieDto } from '@callsim/protocol';

export interface RankingEntryInput {
  id: string;
  label: string;
  votes: number;
  /** One element per judge who scored the entry: points per criterion id. */
  judgeScores: Record<string, number>[];
}

export interface RankingInput {
  judgeWeightPct: number;
  rubric: readonly ContestCriterion[];
  entries: readonly RankingEntryInput[];
}

export interface RankedEntry {
  id: string;
  label: string;
  rank: number;
  votes: number;
  judgeCount: number;
  judgeScore: number | null;
  /** Mean points per criterion over the judges (0 when unscored). */
  criteria: Record<string, number>;
  popularScore: number;
  combinedScore: number;
  tie: ContestTieDto | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function rankEntries(input: RankingInput): RankedEntry[] {
  const available = input.rubric.reduce((sum, c) => sum + c.maxPoints, 0);
  const maxVotes = Math.max(0, ...input.entries.map((e) => e.votes));
  const weight = input.judgeWeightPct / 100;

  const scored = input.entries.map((entry) => {
    const criteria: Record<string, number> = {};
    for (const c of input.rubric) {
      const given = entry.judgeScores.map((s) => Math.min(c.maxPoints, Math.max(0, s[c.id] ?? 0)));
      criteria[c.id] = given.length > 0 ? round2(given.reduce((a, b) => a + b, 0) / given.length) : 0;
    }
    const perJudge = entry.judgeScores.map(
      (s) =>
        (100 * input.rubric.reduce((sum, c) => sum + Math.min(c.maxPoints, Math.max(0, s[c.id] ?? 0)), 0)) /
        available,
    );
    const judgeScore =
      perJudge.length > 0 && available > 0
        ? round2(perJudge.reduce((a, b) => a + b, 0) / perJudge.length)
        : null;
    const popularScore = maxVotes > 0 ? round2((100 * entry.votes) / maxVotes) : 0;
    const combinedScore = round2(weight * (judgeScore ?? 0) + (1 - weight) * popularScore);
    return {
      id: entry.id,
      label: entry.label,
      votes: entry.votes,
      judgeCount: entry.judgeScores.length,
      judgeScore,
      criteria,
      popularScore,
      combinedScore,
    };
  });

  const judgeKey = (e: (typeof scored)[number]) => e.judgeScore ?? -1;
  scored.sort(
    (a, b) =>
      b.combinedScore - a.combinedScore ||
      judgeKey(b) - judgeKey(a) ||
      b.votes - a.votes ||
      a.label.localeCompare(b.label),
  );

  const ranked: RankedEntry[] = [];
  scored.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const sharesRank =
      previous !== undefined &&
      previous.combinedScore === entry.combinedScore &&
      (previous.judgeScore ?? -1) === judgeKey(entry) &&
      previous.votes === entry.votes;
    const tiedWith = scored.filter((o) => o !== entry && o.combinedScore === entry.combinedScore);
    let tie: ContestTieDto | null = null;
    if (tiedWith.length > 0) {
      const sameJudges = tiedWith.filter((o) => judgeKey(o) === judgeKey(entry));
      const resolvedBy = sameJudges.some((o) => o.votes === entry.votes)
        ? 'shared'
        : sameJudges.length > 0
          ? 'votes'
          : 'judges';
      tie = { tiedWith: tiedWith.map((o) => o.label), resolvedBy };
    }
    ranked.push({ ...entry, rank: sharesRank ? previous.rank : index + 1, tie });
  });
  return ranked;
}
