// Hold etiquette: before each hold the agent asks permission and says how long; a hold
// longer than 60 s without the agent checking back is flagged; on return the agent thanks
// the caller. Guarantees: each hold scores 25 points per check; the item is the mean over holds.
import { type Locale, saysAny } from '@callsim/call-script';
import type { CallContext, IndexedSegment } from '../model/call-context.js';
import type { Evidence, ScoreItem } from '../model/call-score.js';
import {
  bandFromScore,
  clip,
  evidence,
  measuredItem,
  notAvailableItem,
  statusFromScore,
} from '../model/item.js';
import type { Hold } from '../timeline/call-events.js';
import { HOLD_PHRASES, type PhraseAlternatives } from './hold-phrases.js';

/** Weight of hold etiquette inside the speed dimension. */
export const HOLD_ETIQUETTE_WEIGHT = 10;
/** Agent words this long before a hold count as its announcement, ms. */
const ANNOUNCE_WINDOW_MS = 30_000;
/** The first agent words this soon after a hold count as the return, ms. */
const RETURN_WINDOW_MS = 15_000;

/** The four checks of one hold. */
export type HoldCheck = 'permission' | 'duration' | 'check-back' | 'thanks';

/** How one hold went. */
export interface HoldResult {
  readonly hold: Hold;
  readonly passed: readonly HoldCheck[];
  readonly missed: readonly HoldCheck[];
  /** The agent's words before the hold and on return, if any. */
  readonly announcement: IndexedSegment | null;
  readonly returnTurn: IndexedSegment | null;
}

/** True when `text` matches one alternative (every group of it) of `alternatives`. */
function saysAll(text: string, alternatives: PhraseAlternatives, locale: Locale): boolean {
  return alternatives.some((groups) => groups.every((phrases) => saysAny(text, phrases, locale) !== null));
}

/** Checks each hold of the call. */
export function checkHolds(ctx: CallContext): HoldResult[] {
  const phrases = HOLD_PHRASES[ctx.locale];
  const holds = ctx.events?.holds ?? [];
  return holds.map((hold) => {
    const before = ctx.agentSegments.filter(
      (s) => s.startMs <= hold.startMs && s.endMs >= hold.startMs - ANNOUNCE_WINDOW_MS,
    );
    const announcementText = before.map((s) => s.text).join('，');
    const returnTurn =
      ctx.agentSegments.find(
        (s) => s.startMs >= hold.endMs - 500 && s.startMs <= hold.endMs + RETURN_WINDOW_MS,
      ) ?? null;
    const checks: Record<HoldCheck, boolean> = {
      permission: saysAll(announcementText, phrases.permission, ctx.locale),
      duration: saysAll(announcementText, phrases.duration, ctx.locale),
      'check-back': hold.returned && hold.holdMs <= ctx.bands.holdCheckBackMs,
      thanks: returnTurn !== null && saysAll(returnTurn.text, phrases.thanks, ctx.locale),
    };
    const all = Object.keys(checks) as HoldCheck[];
    return {
      hold,
      passed: all.filter((c) => checks[c]),
      missed: all.filter((c) => !checks[c]),
      announcement: before.at(-1) ?? null,
      returnTurn,
    };
  });
}

/** Scores hold etiquette; notAvailable when the call had no hold (or no timeline). */
export function scoreHoldEtiquette(ctx: CallContext): ScoreItem {
  if (ctx.events === null) {
    return notAvailableItem(
      'hold-etiquette',
      HOLD_ETIQUETTE_WEIGHT,
      'points',
      'no-timeline',
      'hold-etiquette.na',
    );
  }
  const results = checkHolds(ctx);
  if (results.length === 0) {
    return notAvailableItem(
      'hold-etiquette',
      HOLD_ETIQUETTE_WEIGHT,
      'points',
      'no-hold',
      'hold-etiquette.na',
    );
  }
  const perHold = results.map((r) => (100 * r.passed.length) / 4);
  const score = perHold.reduce((a, b) => a + b, 0) / perHold.length;
  const items: Evidence[] = results.map((r, k) =>
    evidence('points', {
      atMs: r.hold.startMs,
      endMs: r.hold.endMs,
      ...(r.announcement === null ? {} : { text: clip(r.announcement.text) }),
      value: perHold[k]!,
      band: bandFromScore(perHold[k]!),
      note:
        r.missed.length === 0 ? `hold-ms:${Math.round(r.hold.holdMs)}` : `hold-missing:${r.missed.join(',')}`,
    }),
  );
  return measuredItem({
    id: 'hold-etiquette',
    weight: HOLD_ETIQUETTE_WEIGHT,
    unit: 'points',
    value: score,
    score,
    status: results.every((r) => r.missed.length === 0) ? 'good' : statusFromScore(Math.min(score, 79)),
    band: bandFromScore(score),
    evidence: items,
    advice: results.every((r) => r.missed.length === 0) ? 'hold-etiquette.good' : 'hold-etiquette.poor',
  });
}
