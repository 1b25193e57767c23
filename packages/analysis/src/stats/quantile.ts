// Order statistics as Praat computes them (NUMquantile: linear interpolation at q·n + 0.5, 1-based).
// Guarantees: returns 0 for empty input; input is not modified.

/** Sorts a copy of `values` ascending. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Quantile `q` (0 … 1) of already-sorted values, Praat-style; 0 when empty. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const place = q * n + 0.5; // 1-based position
  const left = Math.floor(place);
  if (left < 1) return sorted[0]!;
  if (left >= n) return sorted[n - 1]!;
  const fraction = place - left;
  return sorted[left - 1]! + fraction * (sorted[left]! - sorted[left - 1]!);
}

/** Population-free sample standard deviation (n − 1); 0 for fewer than two values. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i]! - mean) ** 2;
  return Math.sqrt(sum / (n - 1));
}
