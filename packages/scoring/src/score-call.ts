// scoreCall: one call's transcript (+ timeline, analysis, baseline) against its scenario →
// a CallScore with four dimensions, evidence, advice and a composite. Pure and deterministic:
// the same input gives the same JSON, with no clock, I/O or randomness.
import { adherenceJson, matchAdherence } from './adherence/match-adherence.js';
import { scoreScriptItems } from './adherence/score-adherence.js';
import { DEFAULT_PASS_SCORE, DEFAULT_WEIGHTS } from './bands/default-bands.js';
import { compositeScore } from './composite/composite-score.js';
import { collectDeductions, deductedPoints } from './composite/deductions.js';
import { scoreDimension } from './composite/dimension-score.js';
import { findInterruptions } from './courtesy/interruptions.js';
import { scoreCourtesyItems } from './courtesy/score-courtesy.js';
import { talkTimes } from './courtesy/talk-share.js';
import { buildCallContext, type CallContext } from './model/call-context.js';
import type { CallScore, ScoreWarning } from './model/call-score.js';
import { round } from './model/item.js';
import type { ScoreCallInput } from './model/score-input.js';
import { findSilences } from './speed/dead-air.js';
import { scoreSpeedItems } from './speed/score-speed.js';
import { measureSpeechRate } from './speed/speech-rate.js';
import { scoreToneItems } from './tone/score-tone.js';
import { countSpeechUnits } from './transcript/speech-units.js';

/** Scores one finished call. */
export function scoreCall(input: ScoreCallInput): CallScore {
  const ctx = buildCallContext(input);
  const weights = { ...DEFAULT_WEIGHTS, ...input.script.scoring?.weights };
  const passScore = input.script.scoring?.passScore ?? DEFAULT_PASS_SCORE;
  const adherence = matchAdherence(ctx);

  const dimensions = {
    script: scoreDimension('script', weights.script, scoreScriptItems(adherence)),
    speed: scoreDimension('speed', weights.speed, scoreSpeedItems(ctx)),
    tone: scoreDimension('tone', weights.tone, scoreToneItems(ctx)),
    courtesy: scoreDimension('courtesy', weights.courtesy, scoreCourtesyItems(ctx, adherence.forbidden)),
  };
  const deductions = collectDeductions(findInterruptions(ctx), findSilences(ctx), adherence.forbidden);
  const deducted = deductedPoints(deductions);
  const fatal = adherence.forbidden.filter((f) => f.severity === 'fatal');
  const failed = fatal.length > 0;
  const composite = compositeScore(dimensions, deducted, failed);
  const rate = measureSpeechRate(ctx);
  const { agentMs, callerMs } = talkTimes(ctx);

  return {
    scenarioId: input.script.id ?? null,
    locale: ctx.locale,
    total: composite.total,
    weightedTotal: composite.weightedTotal,
    passScore,
    passed: !failed && composite.total >= passScore,
    failed,
    failReasons: fatal.map((f) => ({ code: 'fatal-forbidden', phrase: f.phrase, atMs: f.atMs })),
    weights: { script: weights.script, speed: weights.speed, tone: weights.tone, courtesy: weights.courtesy },
    dimensions: composite.dimensions,
    adherence: adherenceJson(adherence),
    deductions,
    deductedPoints: deducted,
    metrics: {
      durationMs: Math.round(ctx.durationMs),
      agentTalkMs: Math.round(agentMs),
      callerTalkMs: Math.round(callerMs),
      speechRatePerMin: rate === null ? null : round(rate.ratePerMin, 0),
      speechRateUnit: ctx.locale === 'zh-CN' ? 'chars/min' : 'words/min',
    },
    warnings: warningsOf(ctx),
  };
}

function warningsOf(ctx: CallContext): ScoreWarning[] {
  const warnings: ScoreWarning[] = [];
  if (ctx.input.transcript.locale !== ctx.script.locale) warnings.push('locale-mismatch');
  if (ctx.agentSegments.length === 0) warnings.push('no-agent-speech');
  else if (ctx.agentSegments.every((s) => countSpeechUnits(s.text, ctx.locale) === 0))
    warnings.push('no-agent-text');
  const given = ctx.input.transcript.segments;
  if (given.some((s, k) => k > 0 && s.startMs < given[k - 1]!.startMs))
    warnings.push('segments-out-of-order');
  return warnings;
}
