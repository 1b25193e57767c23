// Reads YAML text into plain data while keeping a map back to source lines.
// Guarantees: never throws; syntax problems and duplicate keys come back as diagnostics
// with 1-based lines, and `locate(path)` always answers with a line that exists.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';

/** 1-based position in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A key path into the parsed data, e.g. `['dialogue', 'turns', 'opening', 'next', 0]`. */
export type DataPath = readonly (string | number)[];

/** Finds the source position of the key at `path`, or of its nearest existing ancestor. */
export type Locator = (path: DataPath) => SourcePosition;

/** Result of reading one YAML file. */
export interface YamlSource {
  /** The data, or `undefined` when the text is not usable YAML (see diagnostics). */
  readonly data: unknown;
  readonly locate: Locator;
  readonly diagnostics: readonly Diagnostic[];
}

const FIRST_LINE: SourcePosition = { line: 1, column: 1 };
/** Aliases are expanded by toJS; cap them so a hostile file cannot blow up memory. */
const MAX_ALIAS_COUNT = 200;

/** Parses `text` (named `file` in diagnostics) as one YAML document. */
export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const at = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return FIRST_LINE;
    const pos = lineCounter.linePos(offset);
    return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
  };
  const locate: Locator = (path) => locateIn(doc.contents, path, at);
  const diagnostics: Diagnostic[] = [];

  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    const at = pos === undefined ? FIRST_LINE : { line: pos.line, column: pos.col };
    diagnostics.push(diagnostic(file, at, 'yaml-syntax', firstLine(error.message)));
  }
  if (diagnostics.length > 0) return { data: undefined, locate, diagnostics };
  for (const warning of doc.warnings) {
    const pos = warning.linePos?.[0];
    const at = pos === undefined ? FIRST_LINE : { line: pos.line, column: pos.col };
    diagnostics.push(diagnostic(file, at, 'yaml-warning', firstLine(warning.message)));
  }
  if (doc.contents === null) {
    diagnostics.push(diagnostic(file, FIRST_LINE, 'empty-file', 'the file is empty'));
    return { data: undefined, locate, diagnostics };
  }
  findDuplicateKeys(doc.contents, [], (path, key, offset) => {
    const inTurns = path.length === 2 && path[0] === 'dialogue' && path[1] === 'turns';
    diagnostics.push(
      inTurns
        ? diagnostic(file, at(offset), 'duplicate-turn-id', `duplicate turn id "${key}" in dialogue.turns`)
        : diagnostic(file, at(offset), 'duplicate-key', `duplicate key "${pathToString([...path, key])}"`),
    );
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(diagnostic(file, FIRST_LINE, 'yaml-syntax', firstLine(message)));
    return { data: undefined, locate, diagnostics };
  }
  return { data, locate, diagnostics };
}

/** Formats a data path the way messages name fields: `agent.steps[2].match`. */
export function pathToString(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(file)' : out;
}

function findDuplicateKeys(
  node: unknown,
  path: (string | number)[],
  report: (path: DataPath, key: string, offset: number | undefined) => void,
): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (seen.has(key)) report(path, key, isNode(pair.key) ? pair.key.range?.[0] : undefined);
      seen.add(key);
      findDuplicateKeys(pair.value, [...path, key], report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      findDuplicateKeys(item, [...path, index], report);
    });
  }
}

function locateIn(
  root: unknown,
  path: DataPath,
  at: (offset: number | undefined) => SourcePosition,
): SourcePosition {
  let node: unknown = root;
  let best: SourcePosition = FIRST_LINE;
  if (isNode(node)) best = at(node.range?.[0]);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = findPair(node, String(segment));
      if (pair === undefined) return best;
      best = at(isNode(pair.key) ? pair.key.range?.[0] : undefined);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) return best;
      best = at(item.range?.[0]);
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function findPair(map: YAMLMap, key: string) {
  // The last pair wins, as in the data produced by toJS.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (pair !== undefined && isScalar(pair.key) && String(pair.key.value) === key) return pair;
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
