// Reuses VAD instances across calls: a Silero instance costs ~10 MB and 60–350 ms of blocking
// model load, too much to pay on the event loop at every answer. Guarantees: an instance handed
// out again was reset() first; close() on a handed-out VAD returns it instead of freeing it.
import { SpeechError } from '../speech-error.js';
import type { SileroVadOptions } from '../vad/silero-vad.js';
import type { Vad } from '../vad/vad.js';

/** Pool occupancy, for health checks and load planning. */
export interface VadPoolStats {
  /** Instances ever created. */
  created: number;
  /** Instances waiting to be reused. */
  idle: number;
}

/** A pool of VADs keyed by their options. */
export class VadPool {
  private readonly idle = new Map<string, Vad[]>();
  private created = 0;

  constructor(
    private readonly factory: (options: SileroVadOptions) => Vad,
    /** Idle instances kept per option set; more are dropped. */
    private readonly maxIdlePerKey = 64,
  ) {}

  /** A reset VAD for `options`: reused when one is idle, else created (blocking). */
  acquire(options: SileroVadOptions): Vad {
    const key = keyOf(options);
    const inner = this.idle.get(key)?.pop() ?? this.create(options);
    return lease(inner, () => {
      inner.reset();
      const list = this.idle.get(key) ?? [];
      if (list.length < this.maxIdlePerKey) list.push(inner);
      else inner.close();
      this.idle.set(key, list);
    });
  }

  /** Creates instances ahead of calls (e.g. at server start) until `count` are idle. */
  prefill(options: SileroVadOptions, count: number): void {
    const key = keyOf(options);
    const list = this.idle.get(key) ?? [];
    while (list.length < Math.min(count, this.maxIdlePerKey)) list.push(this.create(options));
    this.idle.set(key, list);
  }

  stats(): VadPoolStats {
    let idle = 0;
    for (const list of this.idle.values()) idle += list.length;
    return { created: this.created, idle };
  }

  private create(options: SileroVadOptions): Vad {
    this.created++;
    return this.factory(options);
  }
}

function keyOf(options: SileroVadOptions): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
}

/** Wraps a pooled instance so the borrower cannot use it after giving it back. */
function lease(inner: Vad, giveBack: () => void): Vad {
  let closed = false;
  const open = () => {
    if (closed)
      throw new SpeechError('SPEECH_CLOSED', 'VAD used after close()', { details: { engine: inner.engine } });
    return inner;
  };
  return {
    engine: inner.engine,
    get isSpeaking() {
      return !closed && inner.isSpeaking;
    },
    pushFrame: (frame, atMs) => open().pushFrame(frame, atMs),
    flush: () => open().flush(),
    reset: () => open().reset(),
    stats: () => open().stats(),
    close() {
      if (closed) return;
      closed = true;
      giveBack();
    },
  };
}
