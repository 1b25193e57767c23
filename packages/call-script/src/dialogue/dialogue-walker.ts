// The simulated customer's side of a call: walks a scenario's turn graph. The live-call
// engine drives it; it never reads a clock (times are passed in) so it is deterministic.
//
//   idle ──start()──► greeting (agent speaks first) ──agentTurn()──► listening
//   idle ──start()──► listening (customer speaks first: returns the start line)
//   listening ──agentTurn() / silence()──► listening | ended (after an `end: true` line)
//   ended ──anything──► throws DialogueStateError
//
// Branches are tried in file order; the first whose `when` holds wins (step satisfied in
// this agent turn, phrase said, interrupted, persona); a branch without `when` is the default.
import type { Branch, BranchCondition, Persona, Turn, VoiceHints } from '../format/types.js';
import { matchTurn, saysAny } from '../matcher/match-step.js';
import { normalizeText } from '../matcher/normalize.js';
import { renderText } from '../resolve/render-text.js';
import { type ResolvedScenario, scenarioVars } from '../resolve/resolve-scenario.js';

/** Why the customer says what they say. */
export type LineCause =
  | 'start'
  | 'branch'
  | 'default'
  | 'repeat'
  | 'silence-branch'
  | 'silence-prompt'
  | 'silence-hangup';

/** One line the simulated customer speaks. */
export interface CustomerLine {
  /** The turn the customer is in after this line; null for a prompt before the first line. */
  readonly turnId: string | null;
  /** The line with `{variables}` filled in. */
  readonly text: string;
  /** Recorded clip for this line, if the scenario has one. */
  readonly audio: string | null;
  /** The customer hangs up after this line. */
  readonly end: boolean;
  readonly cause: LineCause;
  /** TTS hints: the customer's voice, overridden by the turn's. */
  readonly voice: VoiceHints;
}

/** What the agent did in one turn. */
export interface AgentTurnInput {
  /** The agent's words (ASR or typed); '' when nothing was recognized. */
  readonly text: string;
  /** Steps satisfied in this turn; computed from `text` with the scenario's steps when omitted. */
  readonly stepIds?: readonly string[];
  /** The agent talked over the customer's last line. */
  readonly interrupted?: boolean;
}

export interface AgentTurnResult {
  readonly line: CustomerLine;
  readonly satisfiedStepIds: readonly string[];
  /** Index in the current turn's `next` of the branch taken; null for start/repeat. */
  readonly branchIndex: number | null;
}

export interface DialogueWalkerOptions {
  /** Overrides the scenario's persona (e.g. a teacher's drill setting). */
  readonly persona?: Persona;
  /** The trainee, for `{agent.id}` and `{agent.name}`. */
  readonly agent?: { readonly id?: string; readonly name?: string };
}

export type DialogueState = 'idle' | 'greeting' | 'listening' | 'ended';

export interface DialogueWalker {
  readonly persona: Persona;
  readonly state: DialogueState;
  readonly currentTurnId: string | null;
  /** True once the customer has said an `end` line (or hung up on silence). */
  readonly ended: boolean;
  /** When `poll` will report silence, in ms on the caller's clock; null when not armed. */
  readonly silenceDueAtMs: number | null;
  /** Begins the call: the start line when the customer speaks first, else null. */
  start(): CustomerLine | null;
  /** The agent finished a turn; returns the customer's reply. */
  agentTurn(input: AgentTurnInput): AgentTurnResult;
  /** The agent stayed silent for the timeout; returns the customer's reaction. */
  silence(): CustomerLine;
  /** The agent has the floor from `atMs` (call answered, or the customer's line finished). */
  listenFrom(atMs: number): void;
  /** Reports silence once `nowMs` reaches `silenceDueAtMs`; null otherwise. */
  poll(nowMs: number): CustomerLine | null;
}

export type DialogueStateErrorCode = 'dialogue-not-started' | 'dialogue-ended' | 'dialogue-already-started';

/** Thrown on an illegal transition (e.g. an agent turn after the customer hung up). */
export class DialogueStateError extends Error {
  readonly code: DialogueStateErrorCode;
  constructor(code: DialogueStateErrorCode, message: string) {
    super(message);
    this.name = 'DialogueStateError';
    this.code = code;
  }
}

/** Creates a walker for one call of `scenario`. */
export function createDialogueWalker(
  scenario: ResolvedScenario,
  options: DialogueWalkerOptions = {},
): DialogueWalker {
  const { dialogue, locale } = scenario;
  const vars = scenarioVars(scenario, options.agent);
  const persona = options.persona ?? scenario.customer.persona;
  let state: DialogueState = 'idle';
  let currentTurnId: string | null = null;
  let silentPrompts = 0;
  let silenceDueAtMs: number | null = null;

  const turn = (id: string): Turn => {
    const found = dialogue.turns[id];
    if (found === undefined) throw new Error(`turn "${id}" is not in scenario "${scenario.id}"`);
    return found;
  };

  const say = (turnId: string, cause: LineCause): CustomerLine => {
    const t = turn(turnId);
    currentTurnId = turnId;
    const end = t.end === true;
    if (end) state = 'ended';
    silenceDueAtMs = null;
    return {
      turnId,
      text: render(t.say),
      audio: t.audio ?? null,
      end,
      cause,
      voice: { ...scenario.customer.voice, ...t.voice },
    };
  };

  const render = (text: string): string => renderText(text, vars).text;

  const expectActive = (what: string): void => {
    if (state === 'idle') throw new DialogueStateError('dialogue-not-started', `${what} before start()`);
    if (state === 'ended')
      throw new DialogueStateError('dialogue-ended', `${what} after the customer hung up`);
  };

  const holds = (when: BranchCondition, input: AgentTurnInput, satisfied: ReadonlySet<string>): boolean => {
    if (when.silence) return false;
    if (when.step !== undefined && !when.step.every((id) => satisfied.has(id))) return false;
    if (when.says !== undefined && saysAny(input.text, when.says, locale, { vars }) === null) return false;
    if (when.interrupted !== undefined && when.interrupted !== (input.interrupted ?? false)) return false;
    if (when.persona !== undefined && !when.persona.includes(persona)) return false;
    return true;
  };

  const walker: DialogueWalker = {
    persona,
    get state() {
      return state;
    },
    get currentTurnId() {
      return currentTurnId;
    },
    get ended() {
      return state === 'ended';
    },
    get silenceDueAtMs() {
      return silenceDueAtMs;
    },
    start() {
      if (state !== 'idle') throw new DialogueStateError('dialogue-already-started', 'start() called twice');
      if (dialogue.firstSpeaker === 'agent') {
        state = 'greeting';
        return null;
      }
      state = 'listening';
      return say(dialogue.start, 'start');
    },
    agentTurn(input) {
      expectActive('agentTurn()');
      silentPrompts = 0;
      const satisfied =
        input.stepIds ??
        (normalizeText(input.text, locale).text === ''
          ? []
          : matchTurn(input.text, scenario.steps, locale, { vars }).satisfied);
      if (state === 'greeting') {
        state = 'listening';
        return { line: say(dialogue.start, 'start'), satisfiedStepIds: satisfied, branchIndex: null };
      }
      const current = turn(currentTurnId as string);
      const set = new Set(satisfied);
      const branches: readonly Branch[] = current.next ?? [];
      const index = branches.findIndex((b) => b.when === undefined || holds(b.when, input, set));
      const branch = branches[index];
      if (branch === undefined) {
        return {
          line: say(currentTurnId as string, 'repeat'),
          satisfiedStepIds: satisfied,
          branchIndex: null,
        };
      }
      const cause: LineCause = branch.when === undefined ? 'default' : 'branch';
      return { line: say(branch.goto, cause), satisfiedStepIds: satisfied, branchIndex: index };
    },
    silence() {
      expectActive('silence()');
      const current = currentTurnId === null ? undefined : turn(currentTurnId);
      const branch = current?.next?.find(
        (b) => b.when?.silence === true && (b.when.persona === undefined || b.when.persona.includes(persona)),
      );
      if (branch !== undefined) {
        silentPrompts = 0;
        if (state === 'greeting') state = 'listening';
        return say(branch.goto, 'silence-branch');
      }
      silenceDueAtMs = null;
      const hangup = dialogue.silenceHangup;
      if (hangup !== undefined && silentPrompts >= hangup.afterPrompts) {
        state = 'ended';
        return {
          turnId: currentTurnId,
          text: render(hangup.say),
          audio: null,
          end: true,
          cause: 'silence-hangup',
          voice: { ...scenario.customer.voice },
        };
      }
      silentPrompts++;
      const text = render(current?.onSilence ?? dialogue.onSilence);
      return {
        turnId: currentTurnId,
        text,
        audio: null,
        end: false,
        cause: 'silence-prompt',
        voice: { ...scenario.customer.voice },
      };
    },
    listenFrom(atMs) {
      if (state === 'ended') return;
      silenceDueAtMs = atMs + dialogue.silenceTimeoutMs;
    },
    poll(nowMs) {
      if (silenceDueAtMs === null || state === 'ended' || state === 'idle' || nowMs < silenceDueAtMs)
        return null;
      return walker.silence();
    },
  };
  return walker;
}
