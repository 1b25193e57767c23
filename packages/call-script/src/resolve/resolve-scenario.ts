// Template inheritance: merges a scenario with its template into the ResolvedScenario
// every consumer (matcher, dialogue, scorer, UI) works from. Guarantees: template steps
// keep their order, a scenario step with the same id overrides it field by field,
// new scenario steps are appended; forbidden lists are merged; defaults are filled in.
import type {
  Category,
  Company,
  Dialogue,
  Direction,
  ForbiddenRule,
  Locale,
  MatchRule,
  Phase,
  Scenario,
  StepSpec,
  Template,
} from '../format/types.js';
import type { RenderVars } from './render-text.js';

/** Weight of a step that does not say (points out of the script score). */
export const DEFAULT_STEP_WEIGHT = 10;
/** Agent silence after which the customer reacts, when the scenario does not say. */
export const DEFAULT_SILENCE_TIMEOUT_MS = 8000;

/** A 话术 step after inheritance, with defaults filled in. */
export interface ScriptStep {
  readonly id: string;
  /** Display label; the id when the file gives none. */
  readonly label: string;
  readonly description: string | null;
  /** `null`: the step takes no part in phase ordering. */
  readonly phase: Phase | null;
  readonly required: boolean;
  readonly weight: number;
  /** Must be said within this many ms of answering; `null` = any time. */
  readonly withinMs: number | null;
  readonly examples: readonly string[];
  /** `null` only when the files never gave one (reported as `missing-match`). */
  readonly match: MatchRule | null;
  /** Where the step's fields came from. */
  readonly origin: 'template' | 'scenario' | 'override';
}

export interface ResolvedScoring {
  readonly weights: {
    readonly script: number;
    readonly speed: number;
    readonly tone: number;
    readonly courtesy: number;
  };
  /** Speech-rate band: 字/min for zh-CN, words/min for en-US. */
  readonly speechRatePerMin: readonly [number, number];
  readonly answerWithinMs: number;
  readonly targetHandleMs: number;
  readonly passScore: number;
}

export interface ResolvedDialogue extends Dialogue {
  readonly firstSpeaker: 'agent' | 'customer';
  readonly silenceTimeoutMs: number;
  readonly onSilence: string;
}

/** A scenario with its template merged in: what the call engine and scorer use. */
export interface ResolvedScenario {
  readonly id: string;
  /** The scenario file as named by the caller ('' when unknown). */
  readonly file: string;
  readonly locale: Locale;
  readonly direction: Direction;
  readonly category: Category;
  readonly title: string;
  readonly summary: string;
  readonly difficulty: number;
  readonly skills: readonly string[];
  readonly tags: readonly string[];
  /** The scenario's company, else the template's, else null. */
  readonly company: Company | null;
  readonly customer: Scenario['customer'];
  readonly dial: NonNullable<Scenario['dial']> | null;
  readonly templateId: string | null;
  readonly steps: readonly ScriptStep[];
  /** Call-wide forbidden phrases (template first, then scenario; scenario severity wins). */
  readonly forbidden: readonly ForbiddenRule[];
  readonly dialogue: ResolvedDialogue;
  readonly followUp: NonNullable<NonNullable<Scenario['outcomes']>['followUp']> | null;
  readonly scoring: ResolvedScoring;
}

const SPEECH_RATE_BAND: Record<Locale, readonly [number, number]> = {
  'zh-CN': [150, 210],
  'en-US': [120, 150],
};
const DEFAULT_ON_SILENCE: Record<Locale, string> = {
  'zh-CN': '喂？您还在吗？',
  'en-US': 'Hello? Are you still there?',
};

/**
 * Merges `scenario` with `template` (pass `null` when it has none or it was not found).
 * Pure; does not check that ids referenced by the dialogue exist (see validate/).
 */
export function resolveScenario(scenario: Scenario, template: Template | null, file = ''): ResolvedScenario {
  const dialogue = scenario.dialogue;
  const scoring = scenario.scoring;
  return {
    id: scenario.id,
    file,
    locale: scenario.locale,
    direction: scenario.direction,
    category: scenario.category,
    title: scenario.title,
    summary: scenario.summary ?? '',
    difficulty: scenario.difficulty ?? 1,
    skills: scenario.skills ?? [],
    tags: scenario.tags ?? [],
    company: scenario.company ?? template?.company ?? null,
    customer: scenario.customer,
    dial: scenario.dial ?? null,
    templateId: scenario.agent?.template ?? null,
    steps: mergeSteps(template?.steps ?? [], scenario.agent?.steps ?? []),
    forbidden: mergeForbidden(template?.forbidden ?? [], scenario.agent?.forbidden ?? []),
    dialogue: {
      ...dialogue,
      firstSpeaker: dialogue.firstSpeaker ?? (scenario.direction === 'inbound' ? 'agent' : 'customer'),
      silenceTimeoutMs: dialogue.silenceTimeoutMs ?? DEFAULT_SILENCE_TIMEOUT_MS,
      onSilence: dialogue.onSilence ?? DEFAULT_ON_SILENCE[scenario.locale],
    },
    followUp: scenario.outcomes?.followUp ?? null,
    scoring: {
      weights: {
        script: scoring?.weights?.script ?? 50,
        speed: scoring?.weights?.speed ?? 20,
        tone: scoring?.weights?.tone ?? 20,
        courtesy: scoring?.weights?.courtesy ?? 10,
      },
      speechRatePerMin: scoring?.speechRatePerMin ?? SPEECH_RATE_BAND[scenario.locale],
      answerWithinMs: scoring?.answerWithinMs ?? 15_000,
      targetHandleMs: scoring?.targetHandleMs ?? 240_000,
      passScore: scoring?.passScore ?? 60,
    },
  };
}

/** The variables of a resolved scenario, plus the trainee's id and name when known. */
export function scenarioVars(
  scenario: Pick<ResolvedScenario, 'company' | 'customer'>,
  agent?: { readonly id?: string; readonly name?: string },
): RenderVars {
  return { company: scenario.company, customer: scenario.customer, agent: agent ?? null };
}

/** Steps of a template alone (for a template preview or scoring against a bare template). */
export function templateSteps(template: Template): ScriptStep[] {
  return mergeSteps(template.steps, []);
}

function mergeSteps(inherited: readonly StepSpec[], own: readonly StepSpec[]): ScriptStep[] {
  const ownById = new Map(own.map((s) => [s.id, s]));
  const merged = inherited.map((base) => {
    const override = ownById.get(base.id);
    return override === undefined
      ? toStep(base, 'template')
      : toStep({ ...base, ...defined(override) }, 'override');
  });
  const inheritedIds = new Set(inherited.map((s) => s.id));
  const seen = new Set<string>();
  for (const step of own) {
    if (inheritedIds.has(step.id) || seen.has(step.id)) continue;
    seen.add(step.id);
    merged.push(toStep(step, 'scenario'));
  }
  return merged;
}

function toStep(spec: StepSpec, origin: ScriptStep['origin']): ScriptStep {
  return {
    id: spec.id,
    label: spec.label ?? spec.id,
    description: spec.description ?? null,
    phase: spec.phase ?? null,
    required: spec.required ?? false,
    weight: spec.weight ?? DEFAULT_STEP_WEIGHT,
    withinMs: spec.withinMs ?? null,
    examples: spec.examples ?? [],
    match: spec.match ?? null,
    origin,
  };
}

/** Drops keys whose value is undefined so they do not erase inherited fields. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function forbiddenKey(rule: ForbiddenRule): string {
  return rule.phrase !== undefined ? `phrase:${rule.phrase}` : `pattern:${rule.pattern ?? ''}`;
}

function mergeForbidden(inherited: readonly ForbiddenRule[], own: readonly ForbiddenRule[]): ForbiddenRule[] {
  const byKey = new Map<string, ForbiddenRule>();
  for (const rule of [...inherited, ...own]) byKey.set(forbiddenKey(rule), rule);
  return [...byKey.values()];
}
