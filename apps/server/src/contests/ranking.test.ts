// The ranking a class sees after the close: weights, normalization and every kind of tie.
import { DEFAULT_CONTEST_RUBRIC } from '@callsim/protocol';
import { describe, expect, it } from 'vitest';
import { rankEntries } from './ranking.js';

const full = { pronunciation: 30, pace: 20, intonation: 20, warmth: 20, phrases: 10 };
const points = (total: number) => ({ pronunciation: total, pace: 0, intonation: 0, warmth: 0, phrases: 0 });

describe('rankEntries', () => {
  it('normalizes judges to 0–100 of the rubric and votes to the most-voted entry, then weights them', () => {
    const ranked = rankEntries({
      judgeWeightPct: 60,
      rubric: DEFAULT_CONTEST_RUBRIC,
      entries: [
        { id: '1', label: 'A2', votes: 10, judgeScores: [points(15)] },
        { id: '2', label: 'B3', votes: 5, judgeScores: [full, { ...full, phrases: 0 }] },
      ],
    });
    const b3 = ranked.find((r) => r.label === 'B3')!;
    const a2 = ranked.find((r) => r.label === 'A2')!;
    expect(b3.judgeScore).toBe(95); // (100 + 90) / 2
    expect(b3.popularScore).toBe(50);
    expect(b3.combinedScore).toBe(77); // 0.6·95 + 0.4·50
    expect(b3.criteria.phrases).toBe(5);
    expect(a2.judgeScore).toBe(15);
    expect(a2.popularScore).toBe(100);
    expect(a2.combinedScore).toBe(49);
    expect(ranked.map((r) => [r.label, r.rank])).toEqual([
      ['B3', 1],
      ['A2', 2],
    ]);
  });

  it('counts an unscored entry as 0 from judges and shows it as not scored', () => {
    const [first, second] = rankEntries({
      judgeWeightPct: 50,
      rubric: DEFAULT_CONTEST_RUBRIC,
      entries: [
        { id: '1', label: 'C4', votes: 4, judgeScores: [] },
        { id: '2', label: 'D5', votes: 0, judgeScores: [points(30)] },
      ],
    });
    expect(first).toMatchObject({ label: 'C4', judgeScore: null, combinedScore: 50, judgeCount: 0 });
    expect(second).toMatchObject({ label: 'D5', judgeScore: 30, combinedScore: 15 });
  });

  it('breaks a tie on the combined score by the judges, then by votes; a full tie shares the rank', () => {
    const ranked = rankEntries({
      judgeWeightPct: 50,
      rubric: [{ id: 'pronunciation', maxPoints: 100 }],
      entries: [
        // popular = 10 × votes (J2 has the most, 10); combined 60 for the first four
        { id: '1', label: 'E6', votes: 4, judgeScores: [{ pronunciation: 80 }] },
        { id: '2', label: 'F7', votes: 8, judgeScores: [{ pronunciation: 40 }] },
        { id: '3', label: 'G8', votes: 6, judgeScores: [{ pronunciation: 60 }] },
        { id: '4', label: 'H9', votes: 6, judgeScores: [{ pronunciation: 60 }] },
        { id: '5', label: 'J2', votes: 10, judgeScores: [{ pronunciation: 10 }] },
      ],
    });
    expect(ranked.map((r) => [r.label, r.rank, r.combinedScore])).toEqual([
      ['E6', 1, 60],
      ['G8', 2, 60],
      ['H9', 2, 60],
      ['F7', 4, 60],
      ['J2', 5, 55],
    ]);
    expect(ranked[0]!.tie).toEqual({ tiedWith: ['G8', 'H9', 'F7'], resolvedBy: 'judges' });
    expect(ranked[1]!.tie).toEqual({ tiedWith: ['E6', 'H9', 'F7'], resolvedBy: 'shared' });
    expect(ranked[3]!.tie?.resolvedBy).toBe('judges');
    expect(ranked[4]!.tie).toBeNull();
  });

  it('settles equal combined and judges scores by votes', () => {
    const ranked = rankEntries({
      judgeWeightPct: 100,
      rubric: [{ id: 'pronunciation', maxPoints: 100 }],
      entries: [
        { id: '1', label: 'K2', votes: 1, judgeScores: [{ pronunciation: 70 }] },
        { id: '2', label: 'L3', votes: 6, judgeScores: [{ pronunciation: 70 }] },
      ],
    });
    expect(ranked.map((r) => [r.label, r.rank, r.tie?.resolvedBy])).toEqual([
      ['L3', 1, 'votes'],
      ['K2', 2, 'votes'],
    ]);
  });

  it('gives everyone 0 popular points when nobody voted', () => {
    const ranked = rankEntries({
      judgeWeightPct: 0,
      rubric: DEFAULT_CONTEST_RUBRIC,
      entries: [
        { id: '1', label: 'M4', votes: 0, judgeScores: [] },
        { id: '2', label: 'N5', votes: 0, judgeScores: [] },
      ],
    });
    expect(ranked.every((r) => r.popularScore === 0 && r.combinedScore === 0 && r.rank === 1)).toBe(true);
    expect(ranked[0]!.tie?.resolvedBy).toBe('shared');
  });
});
