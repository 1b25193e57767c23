// First run: in development the demo class and accounts are seeded (their passwords are
// printed at start); in production no account exists until an admin is created with
// `callsim users add` or on the setup page with the one-time token printed in the log.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { ClassStore, ensureClass, type UserStore } from './user-store.js';

export const DEMO_CLASS = '电商2401班';

export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'admin123', role: 'admin', displayName: '系统管理员' },
  { username: 'teacher', password: 'teacher123', role: 'evaluator', displayName: '李老师' },
  { username: 'trainee1', password: 'trainee123', role: 'trainee', displayName: '张小雨' },
  { username: 'trainee2', password: 'trainee123', role: 'trainee', displayName: '王浩' },
  { username: 'trainee3', password: 'trainee123', role: 'trainee', displayName: '陈静' },
] as const;

/** Seeds the demo class and accounts once (marked in settings); returns true when it seeded now. */
export async function seedDemo(db: Kysely<Database>, users: UserStore): Promise<boolean> {
  const done = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'demo.seededAtMs')
    .executeTakeFirst();
  if (done) return false;
  const classId = await ensureClass(db, DEMO_CLASS, '演示班级：网络客户服务实务 项目三 提供语音客户服务');
  const classes = new ClassStore(db);
  for (const account of DEMO_ACCOUNTS) {
    const existing = await users.findByUsername(account.username);
    const user =
      existing ??
      (await users.createUser(
        {
          username: account.username,
          password: account.password,
          role: account.role,
          displayName: account.displayName,
        },
        { allowShort: true },
      ));
    if (account.role !== 'admin') await classes.addMember(classId, user.id, account.role);
  }
  await db
    .insertInto('settings')
    .values({ key: 'demo.seededAtMs', value: String(Date.now()) })
    .execute();
  return true;
}

/** Holds the one-time setup token while no admin exists. */
export class SetupGate {
  private token: string | undefined;

  open(): string {
    this.token ??= randomBytes(12).toString('base64url');
    return this.token;
  }

  close(): void {
    this.token = undefined;
  }

  get isOpen(): boolean {
    return this.token !== undefined;
  }

  matches(candidate: string): boolean {
    if (!this.token) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
