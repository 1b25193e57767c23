// Sets `audio:` on one dialogue turn of a scenario's YAML text. The yaml Document API
// finds the turn and its `say` line; the edit is spliced into the original text so every
// other byte (comments, flow style, quoting, blank lines) stays exactly as the teacher wrote it.
import { AppError } from '@callsim/protocol';
import { isMap, isScalar, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';

/**
 * `text` with `dialogue.turns.<turnId>.audio` set to `clip` (a plain YAML scalar: the
 * caller passes a path of letters, digits, `/ . _ -`). Throws SCRIPT_TURN_NOT_FOUND when
 * the text has no such turn mapping.
 */
export function setTurnAudio(text: string, turnId: string, clip: string): string {
  if (!/^[A-Za-z0-9_./-]+$/.test(clip)) throw new Error(`clip path is not a plain scalar: ${clip}`);
  const doc = parseDocument(text, { uniqueKeys: false });
  const turnsNode = doc.errors.length === 0 ? doc.getIn(['dialogue', 'turns'], true) : undefined;
  const turn = isMap(turnsNode) ? lastPair(turnsNode, turnId)?.value : undefined;
  if (!isMap(turn)) {
    throw new AppError('SCRIPT_TURN_NOT_FOUND', 'no such turn', { details: { field: 'turn', turn: turnId } });
  }
  const edited = splice(text, turn, clip);
  const check = parseDocument(edited, { uniqueKeys: false });
  if (check.errors.length === 0 && check.getIn(['dialogue', 'turns', turnId, 'audio']) === clip)
    return edited;
  // A layout the splice does not handle: let the Document API write the file instead.
  doc.setIn(['dialogue', 'turns', turnId, 'audio'], clip);
  return doc.toString({ lineWidth: 0 });
}

function splice(text: string, turn: YAMLMap, clip: string): string {
  const existing = lastPair(turn, 'audio');
  if (existing !== undefined && isScalar(existing.value) && existing.value.range) {
    const [start, end] = existing.value.range;
    return text.slice(0, start) + clip + text.slice(end);
  }
  const say = lastPair(turn, 'say');
  const sayValue = say && isNode(say.value) ? say.value : undefined;
  if (turn.flow) {
    const at = sayValue?.range?.[1];
    if (at === undefined) return text;
    return `${text.slice(0, at)}, audio: ${clip}${text.slice(at)}`;
  }
  const anchor = isNode(say?.key) ? say.key : isNode(turn.items[0]?.key) ? turn.items[0].key : undefined;
  const keyStart = anchor?.range?.[0];
  if (keyStart === undefined) return text;
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const line = `${' '.repeat(indent)}audio: ${clip}\n`;
  if (sayValue?.range === undefined || sayValue.range === null) {
    const lineStart = keyStart - indent;
    return text.slice(0, lineStart) + line + text.slice(lineStart);
  }
  // After the `say` value: at the end of its (last) line, trailing comment included.
  const valueEnd = sayValue.range[1];
  if (text[valueEnd - 1] === '\n') return text.slice(0, valueEnd) + line + text.slice(valueEnd);
  const newline = text.indexOf('\n', valueEnd);
  if (newline < 0) return `${text}\n${line}`;
  return text.slice(0, newline + 1) + line + text.slice(newline + 1);
}

function lastPair(map: YAMLMap, key: string): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (pair !== undefined && isScalar(pair.key) && String(pair.key.value) === key) return pair;
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
