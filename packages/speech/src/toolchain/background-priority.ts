// Puts the audio tool thread and the tools it runs below the event loop in CPU priority, so that
// on a busy machine rendering caller lines yields the CPU to the 20 ms media ticks instead of
// preempting them (measured on 2 cores under load: a wake-up of the tool thread otherwise
// stalled the event loop ~1 ms per line). Guarantees: never raises a priority; never throws.
import { getPriority, setPriority } from 'node:os';

/** The nice value of the tool thread, the runner and its tools (0 = normal, 19 = lowest). */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the calling thread (scope 'thread') or process (scope 'process': every tool it spawns
 * inherits the value) to BACKGROUND_NICENESS.
 */
export function lowerPriority(scope: 'thread' | 'process'): void {
  // setpriority(2) for pid 0 names the calling thread on Linux but the whole process elsewhere,
  // where lowering one thread would lower the event loop with it.
  if (scope === 'thread' && process.platform !== 'linux') return;
  try {
    setPriority(Math.max(getPriority(), BACKGROUND_NICENESS));
  } catch {
    // A system that refuses only loses the hint; the tools still run.
  }
}
