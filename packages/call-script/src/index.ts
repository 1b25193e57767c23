// @callsim/call-script — parse and validate call-script YAML, resolve templates, render
// 话术 for display, match agent speech against script steps, and walk the dialogue.
// Pure (no fs, no clock): runs in the browser, the server and tests alike.

export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './diagnostics/diagnostic.js';
export { DIAGNOSTIC_CATALOGUE, hasErrors } from './diagnostics/diagnostic.js';
export type {
  AgentTurnInput,
  AgentTurnResult,
  CustomerLine,
  DialogueState,
  DialogueStateErrorCode,
  DialogueWalker,
  DialogueWalkerOptions,
  LineCause,
} from './dialogue/dialogue-walker.js';
export { createDialogueWalker, DialogueStateError } from './dialogue/dialogue-walker.js';
export type {
  CallScriptDocument,
  ParseResult,
  ScenarioDocument,
  TemplateDocument,
} from './format/parse-call-script.js';
export { parseCallScript } from './format/parse-call-script.js';
export { CATEGORIES, DIRECTIONS, LOCALES, PERSONAS, PHASES, SEVERITIES } from './format/schema-parts.js';
export type {
  Branch,
  BranchCondition,
  Category,
  Company,
  Dialogue,
  Direction,
  ForbiddenRule,
  Locale,
  MatchRule,
  Persona,
  Phase,
  Scenario,
  Severity,
  StepSpec,
  Template,
  Turn,
  VoiceHints,
} from './format/types.js';
export type { DataPath, Locator, SourcePosition } from './format/yaml-source.js';
export type { AdherenceScript, Checklist, ChecklistOptions, ChecklistUpdate } from './matcher/checklist.js';
export { createChecklist } from './matcher/checklist.js';
export type { PhraseHit } from './matcher/find-phrase.js';
export { FUZZY_THRESHOLD } from './matcher/find-phrase.js';
export type { MatchOptions, StepHit, TurnMatch } from './matcher/match-step.js';
export { matchTurn, saysAny } from './matcher/match-step.js';
export { matchTranscript } from './matcher/match-transcript.js';
export type { NormalizedText } from './matcher/normalize.js';
export { normalizeText } from './matcher/normalize.js';
export type {
  AdherenceResult,
  ForbiddenEvidence,
  ForbiddenHit,
  StepEvidence,
  StepResult,
  Transcript,
  TranscriptSegment,
} from './matcher/transcript.js';
export type { FollowUpPlan } from './outcomes/follow-up.js';
export { isoDurationToMs, planFollowUp } from './outcomes/follow-up.js';
export type { RenderedText, RenderVars } from './resolve/render-text.js';
export { listVariables, renderText } from './resolve/render-text.js';
export type {
  ResolvedDialogue,
  ResolvedScenario,
  ResolvedScoring,
  ScriptStep,
} from './resolve/resolve-scenario.js';
export { resolveScenario, scenarioVars, templateSteps } from './resolve/resolve-scenario.js';
export type {
  LibraryOptions,
  LibraryTemplate,
  LibraryValidation,
  SourceFile,
} from './validate/validate-library.js';
export { validateLibrary } from './validate/validate-library.js';
