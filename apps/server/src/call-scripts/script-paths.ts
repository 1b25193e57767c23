// Confines editor paths to the call-scripts folder. Guarantees: a path that leaves the
// folder (`..`, absolute, a symlink pointing out) or is not a .yaml/.yml file is refused
// with SCRIPT_PATH_INVALID before any file is touched; new files only in known folders.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError, CALL_SCRIPT_FOLDERS, callScriptPathSchema } from '@callsim/protocol';

/** An editor path checked against the folder: `rel` is '/'-separated, `abs` is inside `rootDir`. */
export interface ScriptPath {
  readonly rel: string;
  readonly abs: string;
}

function refuse(rel: string, reason: string): never {
  throw new AppError('SCRIPT_PATH_INVALID', 'call-script path refused', {
    details: { field: 'path', path: rel, reason },
  });
}

/** True when `abs` is `dir` itself or lies below it. */
export function isInside(dir: string, abs: string): boolean {
  const relative = path.relative(dir, abs);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Checks `rel` (as sent by a client) and resolves it under `rootDir`. Symlinks are
 * followed for the deepest part of the path that exists, so a link out of the folder
 * is refused too.
 */
export async function resolveScriptPath(rootDir: string, rel: string): Promise<ScriptPath> {
  const parsed = callScriptPathSchema.safeParse(rel);
  if (!parsed.success) refuse(rel, parsed.error.issues[0]?.message ?? 'invalid');
  const root = path.resolve(rootDir);
  const abs = path.resolve(root, ...rel.split('/'));
  if (!isInside(root, abs) || abs === root) refuse(rel, 'must stay inside the call-scripts folder');
  const realRoot = await realpath(root);
  let probe = abs;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!isInside(realRoot, real)) refuse(rel, 'must stay inside the call-scripts folder');
      break;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const parent = path.dirname(probe);
      if (parent === probe || !isInside(root, parent)) break;
      probe = parent;
    }
  }
  return { rel, abs };
}

/** Refuses creating `rel` as a new file unless it is a .yaml file under inbound/, outbound/ or templates/. */
export function assertCreatable(rel: string): void {
  const first = rel.split('/')[0] ?? '';
  if (!(CALL_SCRIPT_FOLDERS as readonly string[]).includes(first) || !rel.includes('/'))
    refuse(rel, `new files go under ${CALL_SCRIPT_FOLDERS.map((f) => `${f}/`).join(', ')}`);
  if (!rel.endsWith('.yaml')) refuse(rel, 'new files must end in .yaml');
}

/** The '/'-separated path of `abs` relative to `rootDir`. */
export function toRel(rootDir: string, abs: string): string {
  return path.relative(path.resolve(rootDir), abs).split(path.sep).join('/');
}
