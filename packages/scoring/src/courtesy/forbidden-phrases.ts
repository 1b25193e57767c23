// 服务禁语: forbidden phrases the matcher heard in agent speech, weighed by severity.
// Guarantees: a fatal phrase zeroes this item (and fails the whole call, see composite/);
// each major phrase costs 40 points, each minor one 15.
import type { ForbiddenHit } from '@callsim/call-script';
import type { ScoreItem } from '../model/call-score.js';
import { clip, evidence, measuredItem } from '../model/item.js';

/** Weight of forbidden phrases inside the courtesy dimension. */
export const FORBIDDEN_PHRASES_WEIGHT = 40;
/** Points off the item per hit, by severity. */
export const FORBIDDEN_PENALTY = { fatal: 100, major: 40, minor: 15 } as const;

/** Scores the forbidden phrases heard; `segments` (the transcript's, in input order) give the full turn text. */
export function scoreForbiddenPhrases(
  hits: readonly ForbiddenHit[],
  segments: readonly { readonly text: string }[],
): ScoreItem {
  const fatal = hits.some((h) => h.severity === 'fatal');
  const major = hits.some((h) => h.severity === 'major');
  const penalty = hits.reduce((sum, h) => sum + FORBIDDEN_PENALTY[h.severity], 0);
  return measuredItem({
    id: 'forbidden-phrases',
    weight: FORBIDDEN_PHRASES_WEIGHT,
    unit: 'count',
    value: hits.length,
    score: fatal ? 0 : 100 - penalty,
    status: hits.length === 0 ? 'good' : fatal || major ? 'bad' : 'warn',
    band: hits.length === 0 ? 'green' : fatal || major ? 'red' : 'amber',
    evidence: hits.map((h) =>
      evidence('count', {
        atMs: h.atMs,
        text: clip(segments[h.evidence.segmentIndex]?.text ?? h.evidence.text),
        value: 1,
        band: h.severity === 'minor' ? 'amber' : 'red',
        note: `${h.severity}:${h.phrase}`,
      }),
    ),
    advice: fatal
      ? 'forbidden-phrases.fatal'
      : hits.length > 0
        ? 'forbidden-phrases.bad'
        : 'forbidden-phrases.good',
  });
}
