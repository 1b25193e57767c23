// Finds a scenario's template the way call-script-format.md says: by id in the
// `templates/` folder of the nearest ancestor folder that has one, then in the project's
// call-scripts/templates/. Folders are read once up front so the lookup itself is sync.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCallScript, type SourceFile } from '@callsim/call-script';
import { listYamlFiles } from './yaml-files.js';

/** Template files by id, for each templates folder that may be consulted. */
export interface TemplateFolders {
  /** The template file for `templateId` as seen from the scenario at `fromPath`. */
  find(templateId: string, fromPath: string): SourceFile | undefined;
}

/**
 * Reads the templates folders relevant to `scenarioPaths` (each one's nearest) plus
 * `projectTemplatesDir`. Files that fail to parse are indexed by file name, so a
 * broken template is reported as broken rather than as missing.
 */
export async function readTemplateFolders(
  scenarioPaths: readonly string[],
  projectTemplatesDir: string,
): Promise<TemplateFolders> {
  const nearestByDir = new Map<string, string | null>();
  const indexes = new Map<string, Map<string, SourceFile>>();

  const nearest = async (dir: string): Promise<string | null> => {
    const cached = nearestByDir.get(dir);
    if (cached !== undefined) return cached;
    const candidate = path.join(dir, 'templates');
    const parent = path.dirname(dir);
    const found = (await isDirectory(candidate)) ? candidate : parent === dir ? null : await nearest(parent);
    nearestByDir.set(dir, found);
    return found;
  };

  const folders = new Set<string>([path.resolve(projectTemplatesDir)]);
  for (const file of scenarioPaths) {
    const folder = await nearest(path.dirname(path.resolve(file)));
    if (folder !== null) folders.add(folder);
  }
  for (const folder of folders) indexes.set(folder, await indexFolder(folder));

  return {
    find(templateId, fromPath) {
      const folder = nearestByDir.get(path.dirname(path.resolve(fromPath))) ?? null;
      const local = folder === null ? undefined : indexes.get(folder)?.get(templateId);
      return local ?? indexes.get(path.resolve(projectTemplatesDir))?.get(templateId);
    },
  };
}

async function indexFolder(folder: string): Promise<Map<string, SourceFile>> {
  const index = new Map<string, SourceFile>();
  if (!(await isDirectory(folder))) return index;
  for (const file of await listYamlFiles(folder)) {
    const text = await readFile(file, 'utf8');
    const doc = parseCallScript(text, file).document;
    const id = doc?.kind === 'template' ? doc.template.id : path.basename(file).replace(/\.ya?ml$/i, '');
    if (!index.has(id)) index.set(id, { path: file, text });
  }
  return index;
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
