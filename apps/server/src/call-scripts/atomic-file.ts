// Replaces a file atomically: the new content goes to a hidden temp file beside it, is
// flushed to disk, then renamed over the target. Readers see the old file or the new one,
// never half of either; a failure leaves the old file untouched and no temp file behind.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Writes `content` to `file` atomically, creating its folder when needed. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  // Hidden and not .yaml: the library never reads a temp file as a script.
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
