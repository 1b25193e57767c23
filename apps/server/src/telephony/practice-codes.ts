// Phone-in practice codes: a trainee asks for one in the softphone, dials the configured
// number and keys it in. Guarantees: six random digits, one live code per trainee (a new
// one replaces the old), valid 10 minutes, usable once; a caller who keys 5 wrong codes
// within 15 minutes is locked out for the rest of that window (codes cannot be guessed).
// In memory: codes live on the node that issued them (README notes this for scale-out).
import { randomInt } from 'node:crypto';
import type { CallMode } from '@callsim/protocol';

export const PRACTICE_CODE_DIGITS = 6;
export const PRACTICE_CODE_TTL_MS = 10 * 60_000;
/** Tries a caller gets to key in a code on one call. */
export const MAX_CODE_ATTEMPTS = 3;
const LOCKOUT_FAILURES = 5;
const LOCKOUT_WINDOW_MS = 15 * 60_000;

export interface PracticeCode {
  code: string;
  userId: string;
  scenarioId: string;
  mode: CallMode;
  expiresAtMs: number;
}

export type Redemption = { ok: true; entry: PracticeCode } | { ok: false; reason: 'invalid' | 'locked-out' };

export class PracticeCodes {
  private readonly byCode = new Map<string, PracticeCode>();
  private readonly byUser = new Map<string, string>();
  private readonly failures = new Map<string, { count: number; sinceMs: number }>();

  constructor(
    readonly ttlMs = PRACTICE_CODE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new code for `userId`, replacing any code they had. */
  issue(userId: string, scenarioId: string, mode: CallMode): PracticeCode {
    const nowMs = this.now();
    this.prune(nowMs);
    const previous = this.byUser.get(userId);
    if (previous) this.byCode.delete(previous);
    let code: string;
    do code = String(randomInt(0, 10 ** PRACTICE_CODE_DIGITS)).padStart(PRACTICE_CODE_DIGITS, '0');
    while (this.byCode.has(code));
    const entry: PracticeCode = { code, userId, scenarioId, mode, expiresAtMs: nowMs + this.ttlMs };
    this.byCode.set(code, entry);
    this.byUser.set(userId, code);
    return entry;
  }

  /** Takes a code keyed in by `caller` (a phone number): the entry once, or why not. */
  redeem(digits: string, caller: string): Redemption {
    const nowMs = this.now();
    this.prune(nowMs);
    const failures = this.failures.get(caller);
    if (failures && failures.count >= LOCKOUT_FAILURES) return { ok: false, reason: 'locked-out' };
    const entry = this.byCode.get(digits);
    if (!entry) {
      this.failures.set(caller, { count: (failures?.count ?? 0) + 1, sinceMs: failures?.sinceMs ?? nowMs });
      return { ok: false, reason: 'invalid' };
    }
    this.byCode.delete(digits);
    this.byUser.delete(entry.userId);
    return { ok: true, entry };
  }

  private prune(nowMs: number): void {
    for (const [code, entry] of this.byCode) {
      if (entry.expiresAtMs > nowMs) continue;
      this.byCode.delete(code);
      if (this.byUser.get(entry.userId) === code) this.byUser.delete(entry.userId);
    }
    for (const [caller, f] of this.failures)
      if (nowMs - f.sinceMs > LOCKOUT_WINDOW_MS) this.failures.delete(caller);
  }
}
