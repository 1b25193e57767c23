// Accounts on real storage: the same behaviour on SQLite and (when TEST_DATABASE_URL is
// set) PostgreSQL — migrations, unique usernames, classes, visibility, sessions, roster.
import { AppError } from '@callsim/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../storage/migrator.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { AccessPolicy } from './access-policy.js';
import { seedDemo } from './first-run.js';
import { verifyPassword } from './passwords.js';
import { importRoster } from './roster-import.js';
import { SessionStore } from './session-store.js';
import { ClassStore, UserStore } from './user-store.js';

describe.each(testDatabaseFactories())('accounts on $name', (factory) => {
  let t: TestDatabase;
  let users: UserStore;
  let classes: ClassStore;

  beforeEach(async () => {
    t = await factory.open();
    users = new UserStore(t.db);
    classes = new ClassStore(t.db);
  });
  afterEach(async () => {
    await t.close();
  });

  it('runs migrations once; a second run applies nothing', async () => {
    expect(await migrateToLatest(t.db, t.schema ? { schema: t.schema } : {})).toEqual([]);
  });

  it('stores a scrypt hash, never the password, and rejects a duplicate username', async () => {
    const user = await users.createUser({ username: 'alice', password: 'correct horse', role: 'trainee' });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', user.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', user.passwordHash)).toBe(false);
    await expect(
      users.createUser({ username: 'alice', password: 'another one', role: 'trainee' }),
    ).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });

  it('refuses short passwords for people', async () => {
    const error = await users
      .createUser({ username: 'bob', password: 'short', role: 'trainee' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PASSWORD_TOO_WEAK');
  });

  it('lets an evaluator see only the members of their own classes', async () => {
    const teacherA = await users.createUser({
      username: 'teacherA',
      password: 'password-a',
      role: 'evaluator',
      className: 'A班',
    });
    const inA = await users.createUser({
      username: 'stuA',
      password: 'password-a',
      role: 'trainee',
      className: 'A班',
    });
    const inB = await users.createUser({
      username: 'stuB',
      password: 'password-b',
      role: 'trainee',
      className: 'B班',
    });
    const admin = await users.createUser({ username: 'root', password: 'password-r', role: 'admin' });
    const visible = (await users.listVisibleTo(teacherA)).map((u) => u.username).sort();
    expect(visible).toEqual(['stuA', 'teacherA']);
    expect((await users.listVisibleTo(admin)).length).toBe(4);

    const policy = new AccessPolicy(t.db);
    expect(await policy.canViewUser(teacherA, inA.id)).toBe(true);
    expect(await policy.canViewUser(teacherA, inB.id)).toBe(false);
    expect(await policy.canViewUser(inA, inB.id)).toBe(false);
    expect(await policy.canViewUser(inA, inA.id)).toBe(true);
    const classB = (await classes.listVisibleTo(admin)).find((c) => c.name === 'B班')!;
    expect(await policy.canViewClass(teacherA, classB.id)).toBe(false);
    expect(await policy.canManageClass(inB, classB.id)).toBe(false);
    expect((await classes.listVisibleTo(inB)).map((c) => c.name)).toEqual(['B班']);
  });

  it('resolves a session until it is revoked, expires, or the user is disabled', async () => {
    const user = await users.createUser({ username: 'carol', password: 'password-c', role: 'trainee' });
    const sessions = new SessionStore(t.db, 60_000);
    const now = Date.now();
    const a = await sessions.create(user.id, 'test', now);
    expect((await sessions.resolve(a.token, now))?.user.username).toBe('carol');
    expect(await sessions.resolve(`${a.token}x`, now)).toBeUndefined();
    expect(await sessions.resolve(a.token, now + 60_001)).toBeUndefined();
    await sessions.revoke(a.sessionId);
    expect(await sessions.resolve(a.token, now)).toBeUndefined();

    const b = await sessions.create(user.id, 'test', now);
    await users.update(user.id, { disabled: true });
    expect(await sessions.resolve(b.token, now)).toBeUndefined();
    await users.update(user.id, { disabled: false });
    expect(await sessions.resolve(b.token, now)).toBeDefined();
    expect(await sessions.revokeAllFor(user.id)).toEqual([b.sessionId]);
    expect(await sessions.resolve(b.token, now)).toBeUndefined();
  });

  it('imports good roster rows and reports each bad row with its line and field', async () => {
    await users.createUser({ username: 'taken', password: 'password-t', role: 'trainee' });
    const csv = [
      '\uFEFF用户名,姓名,密码,角色,班级',
      'stu01,张三,password01,学员,电商2402班',
      'bad name,李四,password02,学员,电商2402班',
      'stu03,王五,short,学员,',
      'stu04,赵六,password04,校长,',
      'taken,钱七,password05,学员,',
      'stu01,重复,password06,学员,',
      '',
      'stu08,孙八,,教师,电商2402班',
    ].join('\n');
    const result = await importRoster(csv, users, '默认班');
    expect(result.imported).toBe(2);
    expect(result.createdUsernames).toEqual(['stu01', 'stu08']);
    expect(result.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, 'username', 'username.invalid'],
      [4, 'password', 'password.short'],
      [5, 'role', 'role.unknown'],
      [6, 'username', 'username.exists'],
      [7, 'username', 'username.duplicate'],
    ]);
    expect(result.generatedPasswords.map((g) => g.username)).toEqual(['stu08']);
    const generated = result.generatedPasswords[0]!.password;
    const stu08 = (await users.findByUsername('stu08'))!;
    expect(stu08.role).toBe('evaluator');
    expect(await verifyPassword(generated, stu08.passwordHash)).toBe(true);
    expect((await users.classesOf(stu08.id)).map((c) => c.name)).toEqual(['电商2402班']);
  });

  it('refuses a roster without a username column, importing nothing', async () => {
    await expect(importRoster('name,password\nA,password1', users)).rejects.toMatchObject({
      code: 'ROSTER_INVALID',
    });
    expect(await users.countUsers()).toBe(0);
  });

  it('seeds the demo class once', async () => {
    expect(await seedDemo(t.db, users)).toBe(true);
    expect(await seedDemo(t.db, users)).toBe(false);
    expect(await users.countUsers()).toBe(5);
    expect(await users.countAdmins()).toBe(1);
  });
});
