// Finds a command-line tool on PATH without running it, so probing engines costs no process spawn.
// Guarantees: returns an absolute path to an executable file, or undefined.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The absolute path of `name` on `searchPath` (default: PATH), or undefined when it is not
 * installed. An absolute `name` is checked as is.
 */
export function findExecutable(
  name: string,
  searchPath: string = process.env.PATH ?? '',
): string | undefined {
  const candidates = isAbsolute(name)
    ? [name]
    : searchPath
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
