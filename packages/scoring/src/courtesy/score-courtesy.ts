// The courtesy & interaction dimension: forbidden phrases, interruptions, overtalk and
// talk share. Guarantees: forbidden hits come from the same matcher run as adherence, so a
// phrase is never counted by one and missed by the other.
import type { ForbiddenHit } from '@callsim/call-script';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { scoreForbiddenPhrases } from './forbidden-phrases.js';
import { scoreInterruptions } from './interruptions.js';
import { scoreOvertalk } from './overtalk.js';
import { scoreTalkShare } from './talk-share.js';

/** Items of the courtesy dimension, in display order. */
export function scoreCourtesyItems(ctx: CallContext, forbidden: readonly ForbiddenHit[]): ScoreItem[] {
  return [
    scoreForbiddenPhrases(forbidden, ctx.input.transcript.segments),
    scoreInterruptions(ctx),
    scoreOvertalk(ctx),
    scoreTalkShare(ctx),
  ];
}
