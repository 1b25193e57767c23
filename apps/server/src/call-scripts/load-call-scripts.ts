// The fs side of the call-script library: reads YAML files and folders from disk, wires
// the template lookup rule, and validates everything with @callsim/call-script.
// Guarantees: never throws for bad content or missing paths — those come back as
// diagnostics whose `file` is the absolute path of the real file.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type Diagnostic,
  type LibraryTemplate,
  parseCallScript,
  type ResolvedScenario,
  type SourceFile,
  validateLibrary,
} from '@callsim/call-script';
import { readTemplateFolders } from './template-folders.js';
import { listYamlFiles } from './yaml-files.js';

export interface LoadOptions {
  /** Project root whose `call-scripts/templates/` is the fallback template folder. Default: process.cwd(). */
  readonly projectDir?: string;
}

/** A validated library read from disk. */
export interface LoadedLibrary {
  /** Scenarios without errors, templates merged in. */
  readonly scenarios: readonly ResolvedScenario[];
  readonly templates: readonly LibraryTemplate[];
  /** Every problem, `file` being an absolute path. */
  readonly diagnostics: readonly Diagnostic[];
  /** Absolute paths of every file checked (templates pulled in from elsewhere included). */
  readonly files: readonly string[];
}

/** Loads and validates every .yaml/.yml file under `rootDir` (e.g. the project's call-scripts/). */
export async function loadCallScriptLibrary(
  rootDir: string,
  options: LoadOptions = {},
): Promise<LoadedLibrary> {
  return loadCallScripts([rootDir], options);
}

/** Loads and validates the given files and folders (folders are read recursively) as one library. */
export async function loadCallScripts(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedLibrary> {
  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  const unreadable: Diagnostic[] = [];
  const filePaths: string[] = [];
  for (const given of paths) {
    const full = path.resolve(projectDir, given);
    try {
      const info = await stat(full);
      filePaths.push(...(info.isDirectory() ? await listYamlFiles(full) : [full]));
    } catch (error) {
      unreadable.push(unreadableFile(full, error));
    }
  }
  const sources: SourceFile[] = [];
  for (const file of [...new Set(filePaths)]) {
    try {
      sources.push({ path: file, text: await readFile(file, 'utf8') });
    } catch (error) {
      unreadable.push(unreadableFile(file, error));
    }
  }
  const libraryDir = path.join(projectDir, 'call-scripts');
  const templates = await readTemplateFolders(
    sources.map((s) => s.path),
    path.join(libraryDir, 'templates'),
  );
  const knownElsewhere = await scenarioIdsUnder(libraryDir, new Set(sources.map((s) => s.path)));
  const result = validateLibrary(sources, {
    findTemplate: (id, fromPath) => templates.find(id, fromPath),
    scenarioExists: (id) => knownElsewhere.has(id),
  });
  return {
    scenarios: result.scenarios,
    templates: result.templates,
    diagnostics: [...unreadable, ...result.diagnostics],
    files: [...unreadable.map((d) => d.file), ...result.files],
  };
}

/** Ids of the scenarios in the project library that are not part of this run (for follow-ups). */
async function scenarioIdsUnder(dir: string, skip: ReadonlySet<string>): Promise<Set<string>> {
  const ids = new Set<string>();
  let files: string[];
  try {
    files = await listYamlFiles(dir);
  } catch {
    return ids;
  }
  for (const file of files) {
    if (skip.has(file)) continue;
    const doc = parseCallScript(await readFile(file, 'utf8'), file).document;
    if (doc?.kind === 'scenario') ids.add(doc.scenario.id);
  }
  return ids;
}

function unreadableFile(file: string, error: unknown): Diagnostic {
  const reason =
    (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'no such file or folder'
      : String((error as Error).message);
  return {
    file,
    line: 1,
    code: 'unreadable-file',
    severity: 'error',
    message: `cannot read ${file}: ${reason}`,
  };
}
