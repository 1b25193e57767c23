// The tone dimension: pitch movement, loudness level and stability, and the warmth estimate.
// Guarantees: without an agent-channel analysis every item is notAvailable (with a reason),
// so the composite leaves tone out instead of guessing.

import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { scoreLoudnessLevel, scoreLoudnessStability } from './loudness.js';
import { scorePitchMovement } from './pitch-movement.js';
import { scoreWarmth } from './warmth.js';

/** Items of the tone dimension, in display order. */
export function scoreToneItems(ctx: CallContext): ScoreItem[] {
  return [scorePitchMovement(ctx), scoreLoudnessLevel(ctx), scoreLoudnessStability(ctx), scoreWarmth(ctx)];
}
