// The speed dimension: answer time, speech rate, response latency, dead air, hold etiquette
// and handle time. Guarantees: items that do not apply to this call (no hold, outbound
// answer) are notAvailable and take no part in the dimension's mean.

import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { scoreAnswerTime } from './answer-time.js';
import { scoreDeadAir } from './dead-air.js';
import { scoreHandleTime } from './handle-time.js';
import { scoreHoldEtiquette } from './hold-etiquette.js';
import { scoreResponseLatency } from './response-latency.js';
import { scoreSpeechRate } from './speech-rate.js';

/** Items of the speed dimension, in display order. */
export function scoreSpeedItems(ctx: CallContext): ScoreItem[] {
  return [
    scoreAnswerTime(ctx),
    scoreSpeechRate(ctx),
    scoreResponseLatency(ctx),
    scoreDeadAir(ctx),
    scoreHoldEtiquette(ctx),
    scoreHandleTime(ctx),
  ];
}
