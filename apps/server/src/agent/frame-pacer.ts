// A shared 20 ms pacer for headless agents: every subscriber gets one call per due
// frame, catching up after a stall so a stream keeps its real-time length. One timer
// drives any number of agents (the load test runs hundreds in one process).
//
// Lanes: real softphones are not in step; each one's 20 ms starts whenever its sound card
// started, so a server with 300 callers receives frames spread over every 20 ms, not 300 at
// once. With `lanes` > 1, subscribers are dealt round-robin into lanes whose frames are due
// frameMs / lanes apart (4 lanes: at 0, 5, 10 and 15 ms of every 20 ms).
import { performance } from 'node:perf_hooks';

export type FrameHandler = (nowMs: number) => void;

export class FramePacer {
  private readonly lanes: Set<FrameHandler>[];
  private readonly stepMs: number;
  private nextLane = 0;
  private timer: NodeJS.Timeout | null = null;
  private startMs = 0;
  /** Steps run since start; step s serves lane s % lanes. */
  private steps = 0;
  /** Largest lateness of a frame, ms: the sender side of the jitter measurement. */
  maxLatenessMs = 0;

  constructor(
    readonly frameMs = 20,
    laneCount = 1,
  ) {
    if (!Number.isInteger(laneCount) || laneCount < 1 || laneCount > frameMs)
      throw new RangeError(`lanes must be an integer from 1 to ${frameMs}`);
    this.lanes = Array.from({ length: laneCount }, () => new Set<FrameHandler>());
    this.stepMs = frameMs / laneCount;
  }

  add(handler: FrameHandler): () => void {
    const lane = this.lanes[this.nextLane]!;
    this.nextLane = (this.nextLane + 1) % this.lanes.length;
    lane.add(handler);
    if (!this.timer) {
      this.startMs = performance.now();
      this.steps = 0;
      this.schedule();
    }
    return () => {
      lane.delete(handler);
      if (this.idle && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  private get idle(): boolean {
    return this.lanes.every((lane) => lane.size === 0);
  }

  private schedule(): void {
    const due = this.startMs + this.steps * this.stepMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, due - performance.now()));
  }

  private run(): void {
    const now = performance.now();
    while (this.startMs + this.steps * this.stepMs <= now) {
      const lateness = now - (this.startMs + this.steps * this.stepMs);
      if (lateness > this.maxLatenessMs) this.maxLatenessMs = lateness;
      const lane = this.lanes[this.steps % this.lanes.length]!;
      this.steps++;
      for (const handler of lane) handler(now);
    }
    if (!this.idle) this.schedule();
    else this.timer = null;
  }
}
