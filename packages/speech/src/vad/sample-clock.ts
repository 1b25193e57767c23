// Maps sample positions of the audio actually fed to a model back to caller media times.
// Guarantees: exact for every sample of a fed chunk, even when chunks were skipped or times jump;
// memory is bounded by pruning chunks older than the retention window.

interface Chunk {
  startSample: number;
  sampleCount: number;
  atMs: number;
}

/** Position→time map for one stream of fed chunks. */
export class SampleClock {
  private chunks: Chunk[] = [];
  private head = 0;
  private fedSamples = 0;

  constructor(
    private readonly sampleRateHz: number,
    /** Chunks ending more than this many samples before the newest are forgotten. */
    private readonly retainSamples: number,
  ) {}

  /** Total samples recorded so far. */
  get totalSamples(): number {
    return this.fedSamples;
  }

  /** Records that `sampleCount` samples starting at media time `atMs` were fed next. */
  record(sampleCount: number, atMs: number): void {
    this.chunks.push({ startSample: this.fedSamples, sampleCount, atMs });
    this.fedSamples += sampleCount;
    this.prune();
  }

  /** Media time of fed sample `position`, in ms (extrapolated outside the retained chunks). */
  toMs(position: number): number {
    const msPerSample = 1000 / this.sampleRateHz;
    if (this.head >= this.chunks.length) return position * msPerSample;
    let lo = this.head;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.startSample <= position) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    return chunk.atMs + (position - chunk.startSample) * msPerSample;
  }

  reset(): void {
    this.chunks = [];
    this.head = 0;
    this.fedSamples = 0;
  }

  private prune(): void {
    const oldest = this.fedSamples - this.retainSamples;
    while (this.head < this.chunks.length - 1) {
      const chunk = this.chunks[this.head]!;
      if (chunk.startSample + chunk.sampleCount >= oldest) break;
      this.head++;
    }
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
