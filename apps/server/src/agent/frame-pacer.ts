// A shared 20 ms pacer for headless agents: every subscriber gets one call per due
// frame, catching up after a stall so a stream keeps its real-time length. One timer
// drives any number of agents (the load test runs hundreds in one process).
import { performance } from 'node:perf_hooks';

export type FrameHandler = (nowMs: number) => void;

export class FramePacer {
  private readonly handlers = new Set<FrameHandler>();
  private timer: NodeJS.Timeout | null = null;
  private startMs = 0;
  private frames = 0;
  /** Largest lateness of a frame, ms: the sender side of the jitter measurement. */
  maxLatenessMs = 0;

  constructor(readonly frameMs = 20) {}

  add(handler: FrameHandler): () => void {
    this.handlers.add(handler);
    if (!this.timer) {
      this.startMs = performance.now();
      this.frames = 0;
      this.schedule();
    }
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  private schedule(): void {
    const due = this.startMs + this.frames * this.frameMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, due - performance.now()));
  }

  private run(): void {
    const now = performance.now();
    while (this.startMs + this.frames * this.frameMs <= now) {
      const lateness = now - (this.startMs + this.frames * this.frameMs);
      if (lateness > this.maxLatenessMs) this.maxLatenessMs = lateness;
      this.frames++;
      for (const handler of this.handlers) handler(now);
    }
    if (this.handlers.size > 0) this.schedule();
    else this.timer = null;
  }
}
