// One 20 ms clock for every call on this node. Each tick runs every subscriber once
// with a monotonically increasing tick index; when the event loop falls behind, the
// missed ticks are run back to back (so recordings keep their length) and counted.
import { performance } from 'node:perf_hooks';

export const TICK_MS = 20;

export type TickHandler = (tickIndex: number) => void;

export interface MediaClockStats {
  ticks: number;
  /** Ticks that ran more than one tick period late. */
  lateTicks: number;
  /** Largest lateness seen, ms. */
  maxLatenessMs: number;
}

export class MediaClock {
  private readonly handlers = new Set<TickHandler>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private startMs = 0;
  private nextTick = 0;
  readonly stats: MediaClockStats = { ticks: 0, lateTicks: 0, maxLatenessMs: 0 };

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** The tick that will run next. */
  get currentTick(): number {
    return this.nextTick;
  }

  subscribe(handler: TickHandler): () => void {
    this.handlers.add(handler);
    if (!this.timer) this.start();
    return () => {
      this.handlers.delete(handler);
    };
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = null;
  }

  private start(): void {
    this.startMs = performance.now() - this.nextTick * TICK_MS;
    this.schedule();
  }

  private schedule(): void {
    const dueMs = this.startMs + this.nextTick * TICK_MS;
    // The ticks run in the check phase, after the event loop has polled the sockets: a tick
    // must see every frame that arrived before it. Run straight from the timer, a tick that
    // is late (the loop was busy) would come before the socket reads that carry its frames,
    // find them missing and play (and hear) silence in their place.
    this.timer = setTimeout(
      () => {
        this.timer = setImmediate(() => this.run());
      },
      Math.max(0, dueMs - performance.now()),
    );
  }

  private run(): void {
    const now = performance.now();
    while (this.startMs + this.nextTick * TICK_MS <= now) {
      const latenessMs = now - (this.startMs + this.nextTick * TICK_MS);
      if (latenessMs > TICK_MS) this.stats.lateTicks++;
      if (latenessMs > this.stats.maxLatenessMs) this.stats.maxLatenessMs = latenessMs;
      const tick = this.nextTick++;
      this.stats.ticks++;
      for (const handler of this.handlers) {
        try {
          handler(tick);
        } catch (error) {
          this.onError(error);
        }
      }
    }
    if (this.handlers.size === 0) {
      this.timer = null;
      return;
    }
    this.schedule();
  }
}
