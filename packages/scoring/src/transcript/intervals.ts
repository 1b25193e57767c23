// Interval arithmetic over [startMs, endMs) stretches of speech: merge, total, overlap and
// the gaps between. Guarantees: inputs are never mutated; outputs are sorted, disjoint and
// drop empty or inverted intervals.

/** A stretch of time, ms from answer, end exclusive. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** Sorted, disjoint union of `intervals` (touching ones are joined). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => i.endMs > i.startMs)
    .map((i) => ({ startMs: i.startMs, endMs: i.endMs }))
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const merged: { startMs: number; endMs: number }[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.startMs <= last.endMs)
      last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push(interval);
  }
  return merged;
}

/** Total length of `intervals` after merging, ms. */
export function totalMs(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + (i.endMs - i.startMs), 0);
}

/** Intersection of two interval sets (each merged first). */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = mergeIntervals(a);
  const right = mergeIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i]!;
    const y = right[j]!;
    const startMs = Math.max(x.startMs, y.startMs);
    const endMs = Math.min(x.endMs, y.endMs);
    if (endMs > startMs) out.push({ startMs, endMs });
    if (x.endMs < y.endMs) i++;
    else j++;
  }
  return out;
}

/** `from` minus `remove`. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const cuts = mergeIntervals(remove);
  const out: Interval[] = [];
  for (const interval of mergeIntervals(from)) {
    let startMs = interval.startMs;
    for (const cut of cuts) {
      if (cut.endMs <= startMs || cut.startMs >= interval.endMs) continue;
      if (cut.startMs > startMs) out.push({ startMs, endMs: cut.startMs });
      startMs = Math.max(startMs, cut.endMs);
    }
    if (interval.endMs > startMs) out.push({ startMs, endMs: interval.endMs });
  }
  return out;
}

/** Gaps between consecutive merged intervals (not before the first or after the last). */
export function gapsBetween(intervals: readonly Interval[]): Interval[] {
  const merged = mergeIntervals(intervals);
  const gaps: Interval[] = [];
  for (let k = 1; k < merged.length; k++) {
    gaps.push({ startMs: merged[k - 1]!.endMs, endMs: merged[k]!.startMs });
  }
  return gaps;
}
