// Lists the call-script files under a folder: every .yaml/.yml file, recursively, in a
// stable (sorted) order, skipping node_modules and hidden folders. Paths are absolute.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const YAML_FILE = /\.ya?ml$/i;

/** True for a file name the call-script library reads. */
export function isYamlFile(name: string): boolean {
  return YAML_FILE.test(name);
}

/** Absolute paths of every YAML file under `dir` (recursively), sorted. */
export async function listYamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listYamlFiles(full)));
    else if (entry.isFile() && isYamlFile(entry.name)) out.push(path.resolve(full));
  }
  return out;
}
