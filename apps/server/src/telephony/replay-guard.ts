// Remembers which Twilio request steps were already handled so a captured webhook sent
// again is refused. Guarantees: a key is accepted once per `windowMs`; memory stays
// bounded (expired keys are dropped on use, and the oldest beyond `maxEntries`).

/** Default window: longer than any state a webhook can create (codes 10 min, tickets 1 min). */
export const REPLAY_WINDOW_MS = 60 * 60_000;

export class ReplayGuard {
  /** key → expiry (ms); insertion order is expiry order because the window is fixed. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = REPLAY_WINDOW_MS,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `key` is seen within the window; false for a replay. */
  firstUse(key: string): boolean {
    const nowMs = this.now();
    for (const [k, expiresAtMs] of this.seen) {
      if (expiresAtMs > nowMs) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowMs + this.windowMs);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
