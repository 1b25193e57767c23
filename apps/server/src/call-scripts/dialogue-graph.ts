// Reads a scenario's dialogue graph from YAML text for the editor's diagram, tolerantly:
// a file with schema errors (a typo elsewhere, an unknown goto) still draws. Guarantees:
// never throws; answers null only when the text is not YAML or has no dialogue.turns mapping.
import { type RenderVars, renderText } from '@callsim/call-script';
import type { DialogueGraphDto, GraphBranchDto, GraphConditionDto, GraphTurnDto } from '@callsim/protocol';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';

export interface GraphOptions {
  /** Variables for `sayText`; by default the file's own company and customer. */
  readonly vars?: RenderVars;
  /** Whether a clip named in `audio:` exists (the caller knows the folders). */
  readonly clipExists?: (clip: string) => boolean;
}

type Voice = NonNullable<GraphTurnDto['voice']>;

/** The dialogue graph of `text`, or null when it has none that can be read. */
export function readDialogueGraph(text: string, options: GraphOptions = {}): DialogueGraphDto | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const root = doc.contents;
  const js = (node: unknown): unknown => {
    try {
      return isNode(node) ? node.toJS(doc, { maxAliasCount: 200 }) : undefined;
    } catch {
      return undefined;
    }
  };
  const lineOf = (node: unknown): number =>
    isNode(node) && node.range ? Math.max(1, lineCounter.linePos(node.range[0]).line) : 1;

  const dialogue = pairValue(root, 'dialogue');
  const turnsNode = isMap(dialogue) ? pairValue(dialogue, 'turns') : undefined;
  if (!isMap(dialogue) || !isMap(turnsNode)) return null;

  const locale = js(pairValue(root, 'locale'));
  const customer = asRecord(js(pairValue(root, 'customer')));
  const vars: RenderVars = options.vars ?? {
    company: stringRecord(js(pairValue(root, 'company'))),
    customer: {
      ...(typeof customer.name === 'string' ? { name: customer.name } : {}),
      ...(typeof customer.persona === 'string' ? { persona: customer.persona } : {}),
      facts: factRecord(customer.facts),
    },
  };
  const customerVoice = readVoice(customer.voice);

  const turnIds = new Set<string>();
  for (const pair of turnsNode.items) if (isScalar(pair.key)) turnIds.add(String(pair.key.value));

  const turns: GraphTurnDto[] = [];
  const seen = new Set<string>();
  for (const pair of turnsNode.items) {
    if (!isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    if (seen.has(id)) continue;
    seen.add(id);
    const turn = isMap(pair.value) ? pair.value : undefined;
    const say = str(js(turn && pairValue(turn, 'say'))) ?? '';
    const audio = str(js(turn && pairValue(turn, 'audio')));
    const nextNode = turn && pairValue(turn, 'next');
    const next: GraphBranchDto[] = [];
    if (isSeq(nextNode)) {
      for (const item of nextNode.items) {
        if (!isMap(item)) continue;
        const goto = str(js(pairValue(item, 'goto')));
        if (goto === null) continue;
        const whenNode = pairValue(item, 'when');
        next.push({
          when: whenNode === undefined ? null : readCondition(js(whenNode)),
          goto,
          known: turnIds.has(goto),
          line: lineOf(item),
        });
      }
    }
    const turnVoice = readVoice(js(turn && pairValue(turn, 'voice')));
    const voice = customerVoice || turnVoice ? { ...customerVoice, ...turnVoice } : null;
    turns.push({
      id,
      line: lineOf(pair.key),
      say,
      sayText: renderText(say, vars).text,
      end: js(turn && pairValue(turn, 'end')) === true,
      audio,
      audioExists: audio !== null && (options.clipExists?.(audio) ?? false),
      onSilence: str(js(turn && pairValue(turn, 'onSilence'))),
      next,
      voice,
    });
  }
  return {
    start: str(js(pairValue(dialogue, 'start'))),
    locale: locale === 'zh-CN' || locale === 'en-US' ? locale : null,
    onSilence: str(js(pairValue(dialogue, 'onSilence'))),
    turns,
  };
}

function readCondition(value: unknown): GraphConditionDto {
  const raw = asRecord(value);
  const list = (v: unknown): string[] | undefined => {
    const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    return items?.filter((x): x is string => typeof x === 'string');
  };
  const out: GraphConditionDto = {};
  const step = list(raw.step);
  const says = list(raw.says);
  const persona = list(raw.persona);
  if (step) out.step = step;
  if (says) out.says = says;
  if (persona) out.persona = persona;
  if (typeof raw.silence === 'boolean') out.silence = raw.silence;
  if (typeof raw.interrupted === 'boolean') out.interrupted = raw.interrupted;
  return out;
}

function readVoice(value: unknown): Voice | null {
  const raw = asRecord(value);
  const voice: Voice = {};
  if (raw.gender === 'male' || raw.gender === 'female') voice.gender = raw.gender;
  if (typeof raw.rate === 'number' && raw.rate >= 0.5 && raw.rate <= 2) voice.rate = raw.rate;
  if (typeof raw.pitch === 'number' && raw.pitch >= 0.5 && raw.pitch <= 2) voice.pitch = raw.pitch;
  return Object.keys(voice).length > 0 ? voice : null;
}

function pairValue(map: YAMLMap, key: string): unknown {
  // The last pair wins, as in the data the loader sees.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (pair !== undefined && isScalar(pair.key) && String(pair.key.value) === key) return pair.value;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringRecord(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function factRecord(value: unknown): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (e): e is [string, string | number | boolean] =>
        typeof e[1] === 'string' || typeof e[1] === 'number' || typeof e[1] === 'boolean',
    ),
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
