import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'callsim-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('SQLite checkpoints off the event loop', () => {
  it('commits never copy the log into the database file; the checkpoint thread does, within seconds', async () => {
    const file = tempFile();
    const opened = openDatabase(`sqlite:${file}`);
    try {
      await sql`create table blobs (id integer primary key, body blob)`.execute(opened.db);
      const chunk = Buffer.alloc(64 * 1024, 7);
      // 8 MB: eight times past SQLite's own autocheckpoint threshold (1000 pages of 4 KB).
      for (let i = 0; i < 128; i++) await sql`insert into blobs (body) values (${chunk})`.execute(opened.db);
      const walBytes = statSync(`${file}-wal`).size;
      expect(walBytes).toBeGreaterThan(8 * 1024 * 1024);
      // The commits above ran on this thread and left the pages in the log.
      const dbBytesRightAfter = statSync(file).size;
      expect(dbBytesRightAfter).toBeLessThan(1024 * 1024);
      const copied = await waitFor(() => statSync(file).size > 8 * 1024 * 1024, 5000);
      expect(copied).toBe(true);
      const rows = await sql<{ n: number }>`select count(*) as n from blobs`.execute(opened.db);
      expect(rows.rows[0]?.n).toBe(128);
    } finally {
      await opened.close();
    }
  });

  it('closes cleanly and the data survives reopening', async () => {
    const file = tempFile();
    const first = openDatabase(`sqlite:${file}`);
    await sql`create table notes (id integer primary key, text text)`.execute(first.db);
    await sql`insert into notes (text) values ('kept')`.execute(first.db);
    await first.close();
    const second = openDatabase(`sqlite:${file}`);
    try {
      const rows = await sql<{ text: string }>`select text from notes`.execute(second.db);
      expect(rows.rows.map((r) => r.text)).toEqual(['kept']);
    } finally {
      await second.close();
    }
  });
});
