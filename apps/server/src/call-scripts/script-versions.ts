// Earlier contents of call-script files, kept on every save that replaces them:
// `<versionsDir>/<relative path>/<UTC time>.yaml` (recorded clips: `.wav`). Guarantees: a
// version is written completely before the file it protects is replaced, and never changes.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, type ScriptVersionDto, type ScriptVersionTextDto } from '@callsim/protocol';

const VERSION_FILE = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z(?:-\d{1,4})?\.(yaml|wav)$/;

/** Version id of a save at `nowMs`: the ISO time with `-` for `:` (safe in file names everywhere). */
export function versionIdAt(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/:/g, '-');
}

export class ScriptVersions {
  constructor(private readonly versionsDir: string) {}

  /** Keeps `content` as the version of `rel` replaced at `nowMs`; returns its id. */
  async keep(rel: string, content: string | Uint8Array, nowMs: number, ext: 'yaml' | 'wav' = 'yaml') {
    const dir = this.folderOf(rel);
    await mkdir(dir, { recursive: true });
    const base = versionIdAt(nowMs);
    // Saves are serialized by the store, so the first free id stays free until the rename.
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const file = path.join(dir, `${id}.${ext}`);
      if (await exists(file)) continue;
      const temp = path.join(dir, `.${id}.${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(temp, content, { flag: 'wx' });
      await rename(temp, file);
      return id;
    }
    throw new Error(`too many versions of ${rel} at ${base}`);
  }

  /** Versions of `rel`, newest first. */
  async list(rel: string): Promise<ScriptVersionDto[]> {
    let names: string[];
    try {
      names = await readdir(this.folderOf(rel));
    } catch {
      return [];
    }
    const out: ScriptVersionDto[] = [];
    for (const name of names) {
      const m = VERSION_FILE.exec(name);
      if (m === null || m[6] !== 'yaml') continue;
      const info = await stat(path.join(this.folderOf(rel), name));
      out.push({
        id: name.slice(0, -'.yaml'.length),
        savedAtMs: Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`),
        bytes: info.size,
      });
    }
    return out.sort((a, b) => b.savedAtMs - a.savedAtMs || b.id.localeCompare(a.id));
  }

  /** One version of `rel`; NOT_FOUND when there is none with that id. */
  async read(rel: string, id: string): Promise<ScriptVersionTextDto> {
    const found = (await this.list(rel)).find((v) => v.id === id);
    if (found === undefined)
      throw new AppError('NOT_FOUND', 'no such version', { details: { path: rel, id } });
    const text = await readFile(path.join(this.folderOf(rel), `${id}.yaml`), 'utf8');
    return { ...found, path: rel, text };
  }

  private folderOf(rel: string): string {
    return path.join(this.versionsDir, ...rel.split('/'));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
