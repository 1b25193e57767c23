// Agreement statistics for evaluator calibration: intra-class correlation (ICC) of the
// points evaluators give, Cohen's kappa on their pass/fail calls, and the mean difference
// between human and automatic scores. Pure functions on plain numbers (no I/O, no clock);
// each returns null where the statistic is undefined instead of NaN or Infinity.

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * ICC(2,1) (Shrout & Fleiss 1979): two-way random effects, absolute agreement, single
 * rater. `ratings[target][rater]` must be complete (every rater rated every target).
 * Null with fewer than 2 targets or 2 raters, or when there is no variance at all.
 */
export function iccTwoWayAgreement(ratings: readonly (readonly number[])[]): number | null {
  const n = ratings.length;
  const k = ratings[0]?.length ?? 0;
  if (n < 2 || k < 2) return null;
  if (ratings.some((row) => row.length !== k)) throw new Error('ICC(2,1) needs a complete ratings matrix');
  const grand = mean(ratings.flat());
  const rowMeans = ratings.map((row) => mean(row));
  const colMeans = Array.from({ length: k }, (_, j) => mean(ratings.map((row) => row[j] as number)));
  let ssRows = 0;
  for (const m of rowMeans) ssRows += k * (m - grand) ** 2;
  let ssCols = 0;
  for (const m of colMeans) ssCols += n * (m - grand) ** 2;
  let ssTotal = 0;
  for (const row of ratings) for (const v of row) ssTotal += (v - grand) ** 2;
  const ssError = ssTotal - ssRows - ssCols;
  const msRows = ssRows / (n - 1);
  const msCols = ssCols / (k - 1);
  const msError = ssError / ((n - 1) * (k - 1));
  const denominator = msRows + (k - 1) * msError + (k * (msCols - msError)) / n;
  if (!(Math.abs(denominator) > 1e-12)) return null;
  return (msRows - msError) / denominator;
}

/**
 * ICC(1) (one-way random effects, single rater) for groups of any size ≥ 1: each group is
 * one target's ratings, by whichever raters rated it. Unequal group sizes use the usual
 * k0 = (N − Σnᵢ²/N) / (n − 1). Groups with one rating add to the within-target variance
 * only through their count (they carry no within-target information and are dropped).
 * Null with fewer than 2 targets rated twice or more, or when there is no variance.
 */
export function iccOneWay(groups: readonly (readonly number[])[]): number | null {
  const used = groups.filter((g) => g.length >= 2);
  const n = used.length;
  if (n < 2) return null;
  const total = used.reduce((s, g) => s + g.length, 0);
  const grand = mean(used.flat());
  let ssBetween = 0;
  let ssWithin = 0;
  for (const g of used) {
    const m = mean(g);
    ssBetween += g.length * (m - grand) ** 2;
    for (const v of g) ssWithin += (v - m) ** 2;
  }
  const msBetween = ssBetween / (n - 1);
  const msWithin = ssWithin / (total - n);
  const k0 = (total - used.reduce((s, g) => s + g.length ** 2, 0) / total) / (n - 1);
  const denominator = msBetween + (k0 - 1) * msWithin;
  if (!(Math.abs(denominator) > 1e-12)) return null;
  return (msBetween - msWithin) / denominator;
}

/**
 * Cohen's kappa of two raters' pass (true) / fail (false) decisions on the same targets.
 * Null with fewer than 2 targets or when chance agreement is 1 (both always said the same
 * one thing: kappa is undefined there).
 */
export function cohensKappa(a: readonly boolean[], b: readonly boolean[]): number | null {
  if (a.length !== b.length) throw new Error('kappa needs paired decisions');
  const n = a.length;
  if (n < 2) return null;
  let agree = 0;
  let aPass = 0;
  let bPass = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    if (a[i]) aPass++;
    if (b[i]) bPass++;
  }
  const observed = agree / n;
  const expected = (aPass / n) * (bPass / n) + (1 - aPass / n) * (1 - bPass / n);
  if (expected >= 1 - 1e-12) return null;
  return (observed - expected) / (1 - expected);
}

/** Share of targets two raters decided alike, 0–1; null without targets. */
export function percentAgreement(a: readonly boolean[], b: readonly boolean[]): number | null {
  if (a.length !== b.length) throw new Error('agreement needs paired decisions');
  if (a.length === 0) return null;
  let agree = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agree++;
  return agree / a.length;
}

export interface DifferenceSummary {
  /** Mean of the differences (signed). */
  mean: number | null;
  meanAbs: number | null;
  /** Sample standard deviation (n − 1); null with fewer than 2 differences. */
  sd: number | null;
  count: number;
}

/** Mean, mean absolute value and SD of paired differences (e.g. human − auto). */
export function summarizeDifferences(differences: readonly number[]): DifferenceSummary {
  const count = differences.length;
  if (count === 0) return { mean: null, meanAbs: null, sd: null, count };
  const m = mean(differences);
  const meanAbs = mean(differences.map(Math.abs));
  let sd: number | null = null;
  if (count >= 2) {
    let ss = 0;
    for (const d of differences) ss += (d - m) ** 2;
    sd = Math.sqrt(ss / (count - 1));
  }
  return { mean: m, meanAbs, sd, count };
}

/** Mean of the defined values; null when none is defined (Light's kappa from pairwise kappas). */
export function meanOfDefined(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : mean(defined);
}

/**
 * Chooses the ICC for a sparse table `ratings[target] = Map(rater → value)`: ICC(2,1) over
 * the targets every rater of the sample rated when that covers all targets with 2+
 * ratings, otherwise ICC(1) over whatever ratings each target has.
 */
export function iccForSample(ratings: readonly ReadonlyMap<string, number>[]): {
  icc: number | null;
  model: 'ICC(2,1)' | 'ICC(1)' | null;
  targets: number;
} {
  const shared = ratings.filter((r) => r.size >= 2);
  if (shared.length < 2) return { icc: null, model: null, targets: shared.length };
  const raters = [...new Set(shared.flatMap((r) => [...r.keys()]))].sort();
  const complete = shared.every((r) => raters.every((id) => r.has(id)));
  if (complete) {
    const matrix = shared.map((r) => raters.map((id) => r.get(id) as number));
    return { icc: iccTwoWayAgreement(matrix), model: 'ICC(2,1)', targets: shared.length };
  }
  return { icc: iccOneWay(shared.map((r) => [...r.values()])), model: 'ICC(1)', targets: shared.length };
}
