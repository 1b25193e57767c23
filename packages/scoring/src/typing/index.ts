// Listen-and-type (听打) scoring: normalization, character alignment, CER, accuracy and speeds.
export {
  alignChars,
  type CharAlignment,
  type EditCounts,
  type TypingDiffKind,
  type TypingDiffRun,
} from './align-chars.js';
export { normalizeTypingText, type TypingNormalizeOptions } from './normalize-typing.js';
export {
  characterErrorRate,
  type KeyFieldInput,
  type KeyFieldsScore,
  MIN_TYPING_ELAPSED_MS,
  type ScoreTypingInput,
  scoreKeyFields,
  scoreTyping,
  type TypingResult,
  type TypingScore,
} from './score-typing.js';
