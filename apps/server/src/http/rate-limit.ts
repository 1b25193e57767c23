// A fixed-window counter for abuse-prone endpoints (login, setup). In-process: each
// node counts on its own, which bounds an attacker per node; good enough for login.
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; windowStartMs: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records one attempt for `key`; returns false when the key is over its limit. */
  hit(key: string, nowMs = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || nowMs - entry.windowStartMs >= this.windowMs) {
      this.hits.set(key, { count: 1, windowStartMs: nowMs });
      if (this.hits.size > 10_000) this.sweep(nowMs);
      return true;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** True when `key` has used up its window, without counting an attempt. */
  blocked(key: string, nowMs = Date.now()): boolean {
    const entry = this.hits.get(key);
    return entry !== undefined && nowMs - entry.windowStartMs < this.windowMs && entry.count >= this.limit;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(nowMs: number): void {
    for (const [key, entry] of this.hits)
      if (nowMs - entry.windowStartMs >= this.windowMs) this.hits.delete(key);
  }
}
