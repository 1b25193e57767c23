// Constant-time-ish sums of any sample range via prefix sums over fixed blocks (plus ≤ 2 partial blocks).
// Guarantees: sum(from, to) = Σ samples[from … to−1] (Float64 accumulation); memory = 8 bytes per block,
// not per sample (first touches of large buffers are costly, so per-sample prefix arrays are avoided).

/** Range sums of one signal. */
export interface RangeSum {
  /** Σ samples[i] for from ≤ i < to (indices clipped to the signal). */
  sum(from: number, to: number): number;
}

/** Builds range sums of `samples` with prefix sums every `blockSize` samples (default 64). */
export function rangeSum(samples: Float32Array, blockSize = 64): RangeSum {
  const length = samples.length;
  const blockCount = Math.ceil(length / blockSize);
  const prefix = new Float64Array(blockCount + 1);
  let running = 0;
  for (let b = 0, i = 0; b < blockCount; b++) {
    const end = Math.min(length, i + blockSize);
    for (; i < end; i++) running += samples[i]!;
    prefix[b + 1] = running;
  }
  /** Σ samples[0 … to−1]. */
  const head = (to: number): number => {
    const block = Math.floor(to / blockSize);
    let total = prefix[block]!;
    for (let i = block * blockSize; i < to; i++) total += samples[i]!;
    return total;
  };
  return {
    sum(from: number, to: number): number {
      const start = Math.max(0, from);
      const end = Math.min(length, to);
      return end > start ? head(end) - head(start) : 0;
    },
  };
}
