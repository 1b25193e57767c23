// The agreement statistics against published worked examples (Shrout & Fleiss 1979 for
// the ICCs; Cohen's kappa examples from the standard 2×2 tables) and hand computations.
import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  iccForSample,
  iccOneWay,
  iccTwoWayAgreement,
  meanOfDefined,
  percentAgreement,
  summarizeDifferences,
} from './calibration-statistics.js';

// Shrout & Fleiss (1979), table 2: six targets rated by four judges.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

function table(yesYes: number, yesNo: number, noYes: number, noNo: number): [boolean[], boolean[]] {
  const a: boolean[] = [];
  const b: boolean[] = [];
  const push = (count: number, x: boolean, y: boolean) => {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  };
  push(yesYes, true, true);
  push(yesNo, true, false);
  push(noYes, false, true);
  push(noNo, false, false);
  return [a, b];
}

describe('intra-class correlation', () => {
  it('reproduces Shrout & Fleiss: ICC(2,1) = 0.29 and ICC(1,1) = 0.17', () => {
    expect(iccTwoWayAgreement(SHROUT_FLEISS)).toBeCloseTo(0.2898, 3);
    expect(iccOneWay(SHROUT_FLEISS)).toBeCloseTo(0.1657, 3);
  });

  it('is 1 when evaluators agree exactly and falls when they disagree', () => {
    const same = [
      [30, 30],
      [20, 20],
      [35, 35],
    ];
    expect(iccTwoWayAgreement(same)).toBeCloseTo(1, 10);
    const shifted = same.map(([x]) => [x as number, (x as number) + 10]);
    // A constant offset hurts absolute agreement (ICC(2,1)) though the ranking is the same.
    expect(iccTwoWayAgreement(shifted)).toBeLessThan(0.8);
  });

  it('handles unequal numbers of ratings per call (hand-computed k0 example)', () => {
    expect(iccOneWay([[1, 2], [3, 4, 5], [6, 6], [9]])).toBeCloseTo(0.8699, 3);
  });

  it('is undefined with one shared call, one rater, or no variance', () => {
    expect(iccTwoWayAgreement([[1, 2]])).toBeNull();
    expect(iccTwoWayAgreement([[1], [2]])).toBeNull();
    expect(iccOneWay([[5, 5], [5]])).toBeNull();
    expect(
      iccTwoWayAgreement([
        [5, 5],
        [5, 5],
      ]),
    ).toBeNull();
  });

  it('picks ICC(2,1) for a complete sample and ICC(1) for a sparse one', () => {
    const complete = SHROUT_FLEISS.map((row) => new Map(row.map((v, j) => [`r${j}`, v])));
    expect(iccForSample(complete)).toMatchObject({ model: 'ICC(2,1)', targets: 6 });
    expect(iccForSample(complete).icc).toBeCloseTo(0.2898, 3);
    const sparse = [
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
      new Map([
        ['a', 3],
        ['c', 4],
        ['b', 5],
      ]),
      new Map([
        ['c', 6],
        ['a', 6],
      ]),
      new Map([['a', 9]]),
    ];
    const result = iccForSample(sparse);
    expect(result.model).toBe('ICC(1)');
    expect(result.targets).toBe(3);
    expect(result.icc).toBeCloseTo(0.8699, 3);
    expect(iccForSample([new Map([['a', 1]])])).toEqual({ icc: null, model: null, targets: 0 });
  });
});

describe("Cohen's kappa on pass/fail", () => {
  it('matches the textbook tables (κ = 0.40 and κ ≈ 0.13)', () => {
    expect(cohensKappa(...table(20, 5, 10, 15))).toBeCloseTo(0.4, 10);
    expect(cohensKappa(...table(45, 15, 25, 15))).toBeCloseTo(0.1304, 4);
    expect(percentAgreement(...table(20, 5, 10, 15))).toBeCloseTo(0.7, 10);
  });

  it('is 1 for full agreement with both outcomes, negative for systematic disagreement', () => {
    expect(cohensKappa([true, false, true], [true, false, true])).toBe(1);
    expect(cohensKappa([true, false], [false, true])).toBe(-1);
  });

  it('is undefined when both always gave the same single answer', () => {
    expect(cohensKappa([true, true, true], [true, true, true])).toBeNull();
    expect(cohensKappa([true], [false])).toBeNull();
  });
});

describe('human − auto differences', () => {
  it('gives mean, mean absolute and sample SD', () => {
    const summary = summarizeDifferences([10, -10, 20]);
    expect(summary.mean).toBeCloseTo(6.667, 3);
    expect(summary.meanAbs).toBeCloseTo(13.333, 3);
    expect(summary.sd).toBeCloseTo(15.275, 3);
    expect(summary.count).toBe(3);
    expect(summarizeDifferences([])).toEqual({ mean: null, meanAbs: null, sd: null, count: 0 });
    expect(summarizeDifferences([4]).sd).toBeNull();
    expect(meanOfDefined([0.5, null, 0.3])).toBeCloseTo(0.4, 10);
    expect(meanOfDefined([null])).toBeNull();
  });
});
