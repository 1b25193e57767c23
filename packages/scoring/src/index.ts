// @callsim/scoring — scores a finished call on script adherence, speed, tone and courtesy
// with evidence (where in ms, what was said, the value and its band) and one line of advice
// per item in zh-CN and en-US. Pure (no fs, no clock): runs in the browser, the server and tests.

export { ADVICE, type AdviceKey, adviceFor } from './advice/advice-catalogue.js';
export { type Band, bandScore, classify } from './bands/band.js';
export {
  DEFAULT_ANSWER_WITHIN_MS,
  DEFAULT_PASS_SCORE,
  DEFAULT_TARGET_HANDLE_MS,
  DEFAULT_WEIGHTS,
  resolveBands,
  type ScoringBandOverrides,
  type ScoringBands,
  speechRateBand,
} from './bands/default-bands.js';
export { FATAL_SCORE_CAP } from './composite/composite-score.js';
export { DEDUCTION_POINTS, MAX_DEDUCTION_POINTS } from './composite/deductions.js';
export type {
  AdherenceForbiddenJson,
  AdherenceJson,
  AdherenceStepJson,
  BandName,
  CallMetrics,
  CallScore,
  Deduction,
  DimensionId,
  DimensionScore,
  Evidence,
  FailReason,
  ItemId,
  ItemStatus,
  LocalizedText,
  NotAvailableReason,
  ScoreItem,
  ScoreWarning,
  StepEvidenceJson,
  ValueUnit,
} from './model/call-score.js';
export type {
  AnswerInfo,
  ChannelAnalysisInput,
  ScoreCallInput,
  ScoreScript,
  ScoreSegment,
  ScoreSettings,
  ScoreTimeline,
  ScoreTimelineEvent,
  ScoreTranscript,
  VoiceBaseline,
  VoiceProfile,
} from './model/score-input.js';
export { scoreCall } from './score-call.js';
export { countChineseChars, countEnglishWords, countSpeechUnits } from './transcript/speech-units.js';
export {
  alignChars,
  type CharAlignment,
  characterErrorRate,
  type EditCounts,
  type KeyFieldInput,
  type KeyFieldsScore,
  MIN_TYPING_ELAPSED_MS,
  normalizeTypingText,
  type ScoreTypingInput,
  scoreKeyFields,
  scoreTyping,
  type TypingDiffKind,
  type TypingDiffRun,
  type TypingNormalizeOptions,
  type TypingResult,
  type TypingScore,
} from './typing/index.js';
