// The callsim CLI run in-process on a temporary data folder: help, usage errors,
// users add/list/reset-password, and configuration errors naming the setting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../accounts/passwords.js';
import { openDatabase } from '../storage/database.js';
import type { CliIo } from './io.js';
import { runCli } from './main.js';

let dataDir: string;
let out: string[];
let err: string[];

function io(env: Record<string, string> = {}): CliIo {
  return {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    cwd: dataDir,
    env: { LOG_LEVEL: 'silent', ...env },
  };
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'callsim-cli-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('callsim CLI', () => {
  it('prints help and exits 0 with --help, 2 for an unknown command', async () => {
    expect(await runCli(['--help'], io())).toBe(0);
    expect(out.join('\n')).toMatch(/serve[\s\S]*users[\s\S]*--data DIR/);
    expect(await runCli(['frobnicate'], io())).toBe(2);
    expect(err.join('\n')).toContain('unknown command “frobnicate”');
  });

  it('adds users into the --data folder, lists them, and resets a password', async () => {
    const data = path.join(dataDir, 'store');
    expect(
      await runCli(
        [
          'users',
          'add',
          '--username',
          'boss',
          '--password',
          'sup3rsecret',
          '--role',
          'admin',
          '--data',
          data,
        ],
        io(),
      ),
    ).toBe(0);
    expect(
      await runCli(
        [
          'users',
          'add',
          '--username',
          'stu',
          '--password',
          'password1',
          '--role',
          'trainee',
          '--class',
          '电商2401班',
          '--data',
          data,
        ],
        io(),
      ),
    ).toBe(0);
    expect(
      await runCli(
        ['users', 'add', '--username', 'stu', '--password', 'password1', '--role', 'trainee', '--data', data],
        io(),
      ),
    ).toBe(1);
    expect(err.join('\n')).toContain('USERNAME_TAKEN');
    out = [];
    expect(await runCli(['users', 'list', '--data', data, '--json'], io())).toBe(0);
    const listed = JSON.parse(out.join('\n')) as {
      username: string;
      role: string;
      classes: { name: string }[];
    }[];
    expect(listed.map((u) => [u.username, u.role, u.classes.map((c) => c.name)])).toEqual([
      ['stu', 'trainee', ['电商2401班']],
      ['boss', 'admin', []],
    ]);
    expect(
      await runCli(
        ['users', 'reset-password', '--username', 'stu', '--password', 'newpassword', '--data', data],
        io(),
      ),
    ).toBe(0);
    const opened = openDatabase(`sqlite:${path.join(data, 'callsim.sqlite')}`);
    const row = await opened.db
      .selectFrom('users')
      .select('passwordHash')
      .where('username', '=', 'stu')
      .executeTakeFirstOrThrow();
    await opened.close();
    expect(await verifyPassword('newpassword', row.passwordHash)).toBe(true);
  });

  it('rejects a bad role or a missing flag as a usage error (exit 2)', async () => {
    expect(
      await runCli(
        ['users', 'add', '--username', 'x', '--password', 'password1', '--role', 'king', '--data', dataDir],
        io(),
      ),
    ).toBe(2);
    expect(err.join('\n')).toContain('--role must be one of trainee, evaluator, admin');
    expect(await runCli(['users', 'add', '--username', 'x', '--data', dataDir], io())).toBe(2);
    expect(await runCli(['users', 'add', '--bogus'], io())).toBe(2);
  });

  it('stops with a message naming the setting when configuration is wrong', async () => {
    expect(await runCli(['users', 'list', '--data', dataDir], io({ DATABASE_URL: 'mysql://nope' }))).toBe(1);
    expect(err.join('\n')).toMatch(/DATABASE_URL/);
  });
});
