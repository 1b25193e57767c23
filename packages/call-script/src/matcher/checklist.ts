// The incremental checklist: feed a call's segments one by one (live, or all at once for
// scoring) and it tracks which 话术 steps were said, when, in what order, and which
// forbidden phrases were heard. Only agent speech counts; caller lines only tell which
// customer turn the agent is answering (for turn-scoped forbidden phrases).
import type { ForbiddenRule, Locale, Turn } from '../format/types.js';
import { type RenderVars, renderText } from '../resolve/render-text.js';
import type { ScriptStep } from '../resolve/resolve-scenario.js';
import { FUZZY_THRESHOLD, findPhrase } from './find-phrase.js';
import { compilePattern, matchStepIn } from './match-step.js';
import { type NormalizedText, normalizeText, sourceSlice } from './normalize.js';
import type { AdherenceResult, ForbiddenHit, StepResult, TranscriptSegment } from './transcript.js';

/** What the checklist needs of a scenario; a ResolvedScenario fits. */
export interface AdherenceScript {
  readonly locale: Locale;
  readonly steps: readonly ScriptStep[];
  readonly forbidden: readonly ForbiddenRule[];
  readonly dialogue?: { readonly turns: Readonly<Record<string, Turn>> };
}

export interface ChecklistOptions {
  /** Values for `{variables}` in phrases and customer lines. */
  readonly vars?: RenderVars;
}

/** What one segment changed. */
export interface ChecklistUpdate {
  /** Steps found for the first time in this segment. */
  readonly found: readonly StepResult[];
  readonly forbidden: readonly ForbiddenHit[];
  /** For caller segments: the customer turn recognized in it, if any. */
  readonly turnId: string | null;
}

export interface Checklist {
  /** Feeds the next segment in time order; `segmentIndex` defaults to a running count. */
  add(segment: TranscriptSegment, segmentIndex?: number): ChecklistUpdate;
  /** Step ids a partial agent utterance would satisfy; records nothing. */
  preview(text: string): readonly string[];
  /** The state so far, steps in script order. */
  result(): AdherenceResult;
}

const PHASE_RANK = { opening: 0, body: 1, closing: 2 } as const;

/** Creates an empty checklist for `script`. */
export function createChecklist(script: AdherenceScript, options: ChecklistOptions = {}): Checklist {
  const { locale } = script;
  const matchOptions = options.vars === undefined ? {} : { vars: options.vars };
  const results = new Map<string, StepResult>(script.steps.map((s) => [s.id, notFound(s)]));
  const foundAtTurn = new Map<string, number>();
  const forbidden: ForbiddenHit[] = [];
  const scoped: { rule: ForbiddenRule; turnId: string }[] = [];
  const turnLines = Object.entries(script.dialogue?.turns ?? {}).map(([id, turn]) => ({
    id,
    turn,
    say: options.vars === undefined ? turn.say : renderText(turn.say, options.vars).text,
  }));
  let agentTurnNo = 0;
  let nextIndex = 0;

  const add = (segment: TranscriptSegment, segmentIndex = nextIndex): ChecklistUpdate => {
    nextIndex = segmentIndex + 1;
    if (segment.speaker !== 'agent') {
      const turnId = recognizeTurn(segment.text);
      const turn = turnLines.find((t) => t.id === turnId)?.turn;
      for (const rule of turn?.forbidden ?? []) scoped.push({ rule, turnId: turnId as string });
      return { found: [], forbidden: [], turnId };
    }
    agentTurnNo++;
    const utterance = normalizeText(segment.text, locale);
    const found: StepResult[] = [];
    for (const step of script.steps) {
      const current = results.get(step.id);
      if (current === undefined || current.found) continue;
      const hit = matchStepIn(utterance, step, locale, matchOptions);
      if (hit === null) continue;
      const result: StepResult = {
        ...current,
        found: true,
        atMs: segment.startMs,
        evidence: {
          segmentIndex,
          startMs: segment.startMs,
          text: hit.text,
          kind: hit.kind,
          similarity: hit.similarity,
          phrases: hit.phrases,
        },
        fuzzy: hit.kind === 'fuzzy',
        outOfOrder: laterPhaseFoundBefore(step),
        late: step.withinMs !== null && segment.startMs > step.withinMs,
      };
      found.push(result);
    }
    for (const result of found) {
      results.set(result.id, result);
      foundAtTurn.set(result.id, agentTurnNo);
    }
    const heard = [
      ...script.forbidden.flatMap((rule) => forbiddenHit(utterance, rule, null, segment, segmentIndex)),
      ...scoped.flatMap(({ rule, turnId }) => forbiddenHit(utterance, rule, turnId, segment, segmentIndex)),
    ];
    forbidden.push(...heard);
    return { found, forbidden: heard, turnId: null };
  };

  function laterPhaseFoundBefore(step: ScriptStep): boolean {
    if (step.phase === null) return false;
    const rank = PHASE_RANK[step.phase];
    return script.steps.some((other) => {
      const turn = foundAtTurn.get(other.id);
      return (
        other.phase !== null && PHASE_RANK[other.phase] > rank && turn !== undefined && turn < agentTurnNo
      );
    });
  }

  function forbiddenHit(
    utterance: NormalizedText,
    rule: ForbiddenRule,
    turnId: string | null,
    segment: TranscriptSegment,
    segmentIndex: number,
  ): ForbiddenHit[] {
    const base = { atMs: segment.startMs, severity: rule.severity, turnId };
    if (rule.pattern !== undefined) {
      const m = compilePattern(rule.pattern)?.exec(utterance.text);
      if (m === null || m === undefined || m[0] === '') return [];
      const text = sourceSlice(utterance, m.index, m.index + m[0].length);
      const evidence = {
        segmentIndex,
        startMs: segment.startMs,
        text,
        kind: 'exact' as const,
        similarity: 1,
      };
      return [{ ...base, phrase: rule.pattern, rule: 'pattern', evidence }];
    }
    const phrase = rule.phrase ?? '';
    const hit = findPhrase(utterance, phrase, locale);
    if (hit === null) return [];
    const evidence = {
      segmentIndex,
      startMs: segment.startMs,
      text: hit.text,
      kind: hit.kind,
      similarity: hit.similarity,
    };
    return [{ ...base, phrase, rule: 'phrase', evidence }];
  }

  function recognizeTurn(text: string): string | null {
    const heard = normalizeText(text, locale);
    if (heard.text === '') return null;
    const exact = turnLines.find((t) => normalizeText(t.say, locale).text === heard.text);
    if (exact !== undefined) return exact.id;
    let best: { id: string; similarity: number; length: number } | null = null;
    for (const line of turnLines) {
      const said = normalizeText(line.say, locale);
      // The whole scripted line must be heard, allowing recognition errors.
      const hit = said.tokens.length > 0 ? findPhrase(heard, line.say, locale) : null;
      if (hit === null || hit.similarity < FUZZY_THRESHOLD) continue;
      const better =
        best === null ||
        hit.similarity > best.similarity ||
        (hit.similarity === best.similarity && said.tokens.length > best.length);
      if (better) best = { id: line.id, similarity: hit.similarity, length: said.tokens.length };
    }
    return best?.id ?? null;
  }

  return {
    add,
    preview: (text) => {
      const utterance = normalizeText(text, locale);
      return script.steps
        .filter((s) => matchStepIn(utterance, s, locale, matchOptions) !== null)
        .map((s) => s.id);
    },
    result: () => ({
      steps: script.steps.map((s) => results.get(s.id) ?? notFound(s)),
      forbidden: [...forbidden],
    }),
  };
}

function notFound(step: ScriptStep): StepResult {
  return {
    id: step.id,
    label: step.label,
    phase: step.phase,
    found: false,
    atMs: null,
    evidence: null,
    fuzzy: false,
    outOfOrder: false,
    late: false,
    required: step.required,
    weight: step.weight,
    withinMs: step.withinMs,
  };
}
