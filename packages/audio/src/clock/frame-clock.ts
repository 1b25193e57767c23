// Pure frame clock: frame index ↔ milliseconds, outgoing sequence numbers, and arrival accounting.
// Guarantees: no wall clock inside (callers pass arrival times in ms); sequence numbers are plain integers
// that never wrap; gaps/late/duplicates are counted against a bounded window of recent sequence numbers.
//
//   arrival of seq s, highest seen h:   s > h+1 → gap (s−h−1 frames missing) · s = h+1 → in-order
//                                        s ≤ h, not seen → late (one missing frame recovered) · seen → duplicate

import { FRAME_MS } from '../constants.js';

/** How one arriving frame was classified. */
export type FrameArrivalKind = 'first' | 'in-order' | 'gap' | 'late' | 'duplicate' | 'stale';

/** Result of FrameClock.receive for one frame. */
export interface FrameArrival {
  kind: FrameArrivalKind;
  /** Frames skipped just before this one (only for kind 'gap'). */
  missingFrames: number;
  /**
   * Arrival time minus the expected arrival time, in ms, when `arrivalMs` was given: expected = arrival of the
   * first frame + (seq − first seq) × frameMs. Positive = behind schedule. Undefined without arrivalMs.
   */
  offsetMs: number | undefined;
}

/** Running counts of received frames. */
export interface FrameArrivalStats {
  /** Distinct frames received (duplicates not counted). */
  received: number;
  /** Frames still missing between the first and the highest sequence number. */
  missing: number;
  /** Gap events (one event may skip several frames). */
  gaps: number;
  /** Frames that arrived after a higher sequence number (out of order, including recovered gaps). */
  late: number;
  /** Frames received more than once. */
  duplicates: number;
  /** Frames too old to classify (older than the window); not counted as received. */
  stale: number;
  /** Highest sequence number seen, or undefined before the first frame. */
  highestSeq: number | undefined;
}

/** Options of a FrameClock. */
export interface FrameClockOptions {
  /** Duration of one frame in ms (default FRAME_MS = 20). */
  frameMs?: number;
  /** Sequence number of the first frame sent by next() (default 0). */
  firstSeq?: number;
  /** How many recent sequence numbers are remembered for late/duplicate detection (default 3000 = 60 s). */
  windowFrames?: number;
}

/** Frame timing and sequence bookkeeping for one media stream direction. */
export class FrameClock {
  /** Duration of one frame in ms. */
  readonly frameMs: number;
  private nextSeq: number;
  private readonly windowFrames: number;
  private readonly seen = new Set<number>();
  private firstSeq: number | undefined;
  private firstArrivalMs: number | undefined;
  private stats: FrameArrivalStats = {
    received: 0,
    missing: 0,
    gaps: 0,
    late: 0,
    duplicates: 0,
    stale: 0,
    highestSeq: undefined,
  };

  constructor(options: FrameClockOptions = {}) {
    this.frameMs = options.frameMs ?? FRAME_MS;
    if (!(this.frameMs > 0)) throw new RangeError('frameMs must be positive');
    this.nextSeq = options.firstSeq ?? 0;
    this.windowFrames = options.windowFrames ?? 3000;
  }

  /** Start time in ms of frame `frameIndex` (frame 0 starts at 0 ms). */
  msForFrame(frameIndex: number): number {
    return frameIndex * this.frameMs;
  }

  /** Index of the frame that contains time `ms` (floor; negative times give negative indices). */
  frameForMs(ms: number): number {
    return Math.floor(ms / this.frameMs);
  }

  /** Number of whole frames needed to cover `durationMs` (ceil). */
  framesForDuration(durationMs: number): number {
    return Math.ceil(durationMs / this.frameMs);
  }

  /** Returns the sequence number for the next outgoing frame and advances it. */
  next(): number {
    return this.nextSeq++;
  }

  /** Records the arrival of frame `seq`, optionally at `arrivalMs` (any monotonic ms clock of the caller). */
  receive(seq: number, arrivalMs?: number): FrameArrival {
    const stats = this.stats;
    if (this.firstSeq === undefined) {
      this.firstSeq = seq;
      this.firstArrivalMs = arrivalMs;
    } else if (this.firstArrivalMs === undefined && arrivalMs !== undefined) {
      this.firstArrivalMs = arrivalMs - (seq - this.firstSeq) * this.frameMs;
    }
    const offsetMs =
      arrivalMs === undefined || this.firstArrivalMs === undefined
        ? undefined
        : arrivalMs - (this.firstArrivalMs + (seq - this.firstSeq) * this.frameMs);
    const highest = stats.highestSeq;
    let kind: FrameArrivalKind;
    let missingFrames = 0;
    if (highest === undefined) {
      kind = 'first';
    } else if (seq > highest) {
      missingFrames = seq - highest - 1;
      kind = missingFrames > 0 ? 'gap' : 'in-order';
      if (missingFrames > 0) {
        stats.gaps++;
        stats.missing += missingFrames;
      }
    } else if (seq <= highest - this.windowFrames) {
      stats.stale++;
      return { kind: 'stale', missingFrames: 0, offsetMs };
    } else if (this.seen.has(seq)) {
      stats.duplicates++;
      return { kind: 'duplicate', missingFrames: 0, offsetMs };
    } else {
      kind = 'late';
      stats.late++;
      if (seq >= this.firstSeq) stats.missing = Math.max(0, stats.missing - 1);
    }
    stats.received++;
    this.seen.add(seq);
    if (highest === undefined || seq > highest) {
      stats.highestSeq = seq;
      this.forgetBefore(seq - this.windowFrames);
    }
    return { kind, missingFrames, offsetMs };
  }

  /** A snapshot of the arrival counts. */
  arrivalStats(): FrameArrivalStats {
    return { ...this.stats };
  }

  private forgetBefore(oldestKept: number): void {
    if (this.seen.size <= this.windowFrames * 2) return;
    for (const seq of this.seen) if (seq < oldestKept) this.seen.delete(seq);
  }
}
