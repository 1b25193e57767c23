// Validates the whole call-scripts folder with one file replaced by editor text, so the
// editor sees exactly what the loader would report after a save — template lookups and
// cross-file checks included — without writing anything. Files are named by relative path.
import { readFile } from 'node:fs/promises';
import {
  type Diagnostic,
  type LibraryValidation,
  parseCallScript,
  type SourceFile,
  validateLibrary,
} from '@callsim/call-script';
import { toRel } from './script-paths.js';
import { listYamlFiles } from './yaml-files.js';

/** Relative path → text of every call-script file, in the loader's order. */
export type LibraryTexts = ReadonlyMap<string, string>;

/** Reads every .yaml/.yml file under `rootDir` (the same files the loader reads). */
export async function readLibraryTexts(rootDir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const abs of await listYamlFiles(rootDir)) texts.set(toRel(rootDir, abs), await readFile(abs, 'utf8'));
  return texts;
}

/** `texts` with `rel` set to `text` (added in the loader's order when new). */
export function withFile(texts: LibraryTexts, rel: string, text: string): Map<string, string> {
  const next = new Map(texts);
  next.set(rel, text);
  return new Map([...next].sort(([a], [b]) => comparePaths(a, b)));
}

/**
 * Validates the library. Templates are looked up as the loader does: by id in the
 * `templates/` folder of the nearest ancestor folder that has one, then in `templates/`.
 */
export function checkLibrary(texts: LibraryTexts): LibraryValidation {
  const sources: SourceFile[] = [...texts].map(([rel, text]) => ({ path: rel, text }));
  const indexes = new Map<string, Map<string, SourceFile>>();
  const indexOf = (folder: string): Map<string, SourceFile> => {
    let index = indexes.get(folder);
    if (index !== undefined) return index;
    index = new Map();
    for (const source of sources) {
      if (!source.path.startsWith(`${folder}/`)) continue;
      const doc = parseCallScript(source.text, source.path).document;
      const id = doc?.kind === 'template' ? doc.template.id : baseName(source.path);
      if (!index.has(id)) index.set(id, source);
    }
    indexes.set(folder, index);
    return index;
  };
  const hasFolder = (folder: string) => sources.some((s) => s.path.startsWith(`${folder}/`));
  const findTemplate = (id: string, fromPath: string): SourceFile | undefined => {
    const segments = fromPath.split('/').slice(0, -1);
    for (let depth = segments.length; depth >= 0; depth--) {
      const folder = [...segments.slice(0, depth), 'templates'].join('/');
      if (hasFolder(folder)) return indexOf(folder).get(id) ?? indexOf('templates').get(id);
    }
    return undefined;
  };
  return validateLibrary(sources, { findTemplate });
}

/** Diagnostic identity across two checks of the same file text. */
export function diagnosticKey(d: Diagnostic): string {
  return `${d.file}\u0000${d.line}\u0000${d.code}\u0000${d.message}`;
}

/**
 * Errors in files other than `rel` that `after` has and `before` had not: what an edit
 * of `rel` would break elsewhere.
 */
export function newErrorsElsewhere(
  rel: string,
  before: LibraryValidation,
  after: LibraryValidation,
): Diagnostic[] {
  const known = new Set(before.diagnostics.map(diagnosticKey));
  return after.diagnostics.filter(
    (d) => d.file !== rel && d.severity === 'error' && !known.has(diagnosticKey(d)),
  );
}

/** Orders paths as listYamlFiles does: folder by folder, names compared as strings. */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

function baseName(rel: string): string {
  return (rel.split('/').pop() ?? rel).replace(/\.ya?ml$/i, '');
}
