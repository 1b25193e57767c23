// Users and classes: creation, lookup, membership and the DTOs the API returns.
// Username uniqueness and class-name uniqueness are enforced by the database;
// the store turns the constraint violation into a catalogue error.
import { AppError, type ClassDto, PASSWORD_MIN_LENGTH, type Role, type UserDto } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database, UsersTable } from '../storage/schema.js';
import { hashPassword } from './passwords.js';

export interface NewUser {
  username: string;
  displayName?: string | undefined;
  password: string;
  role: Role;
  className?: string | undefined;
  locale?: string | null;
}

export interface PasswordPolicy {
  /** Demo seeding in development may use short, printed passwords; people may not. */
  allowShort?: boolean;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export function checkPassword(password: string, policy: PasswordPolicy = {}): void {
  if (!policy.allowShort && password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError('PASSWORD_TOO_WEAK', 'password too short', {
      details: { minLength: PASSWORD_MIN_LENGTH },
    });
  }
}

export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createUser(input: NewUser, policy: PasswordPolicy = {}): Promise<UsersTable> {
    checkPassword(input.password, policy);
    const row: UsersTable = {
      id: newId(),
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      disabled: 0,
      locale: input.locale ?? null,
      createdAtMs: Date.now(),
    };
    await this.db.transaction().execute(async (trx) => {
      try {
        await trx.insertInto('users').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('USERNAME_TAKEN', 'username taken', { details: { username: input.username } });
        }
        throw error;
      }
      if (input.className && input.role !== 'admin') {
        const classId = await ensureClass(trx, input.className);
        await trx
          .insertInto('classMembers')
          .values({ classId, userId: row.id, roleInClass: input.role, addedAtMs: Date.now() })
          .execute();
      }
    });
    return row;
  }

  async findByUsername(username: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async findById(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async countAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPassword(userId: string, password: string): Promise<void> {
    checkPassword(password);
    await this.db
      .updateTable('users')
      .set({ passwordHash: await hashPassword(password) })
      .where('id', '=', userId)
      .execute();
  }

  async update(
    userId: string,
    patch: { displayName?: string; disabled?: boolean; locale?: string },
  ): Promise<void> {
    const set: Partial<UsersTable> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('users').set(set).where('id', '=', userId).execute();
  }

  /** Ids of the classes where `userId` is a member, with the role held there. */
  async classesOf(
    userId: string,
  ): Promise<{ id: string; name: string; roleInClass: 'trainee' | 'evaluator' }[]> {
    return this.db
      .selectFrom('classMembers')
      .innerJoin('classes', 'classes.id', 'classMembers.classId')
      .select(['classes.id as id', 'classes.name as name', 'classMembers.roleInClass as roleInClass'])
      .where('classMembers.userId', '=', userId)
      .orderBy('classes.name')
      .execute();
  }

  async toDto(user: UsersTable): Promise<UserDto> {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      disabled: user.disabled === 1,
      locale: user.locale === 'zh-CN' || user.locale === 'en-US' ? user.locale : null,
      classes: await this.classesOf(user.id),
      createdAtMs: user.createdAtMs,
    };
  }

  /** Users visible to an admin (all) or an evaluator (members of their classes), newest first. */
  async listVisibleTo(viewer: UsersTable): Promise<UserDto[]> {
    let query = this.db.selectFrom('users').selectAll('users');
    if (viewer.role !== 'admin') {
      const classIds = (await this.classesOf(viewer.id))
        .filter((c) => c.roleInClass === 'evaluator')
        .map((c) => c.id);
      if (classIds.length === 0) return [];
      query = query.where('users.id', 'in', (eb) =>
        eb
          .selectFrom('classMembers')
          .select('classMembers.userId')
          .where('classMembers.classId', 'in', classIds),
      );
    }
    const rows = await query.orderBy('users.id', 'desc').limit(2000).execute();
    return Promise.all(rows.map((row) => this.toDto(row)));
  }
}

/** The id of the class named `name`, created when missing (race-safe). */
export async function ensureClass(db: Kysely<Database>, name: string, description = ''): Promise<string> {
  const existing = await db.selectFrom('classes').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await db
    .insertInto('classes')
    .values({ id, name, description, createdAtMs: Date.now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('classes').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

export class ClassStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(name: string, description = ''): Promise<string> {
    const existing = await this.db
      .selectFrom('classes')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) throw new AppError('CLASS_NAME_TAKEN', 'class exists', { details: { name } });
    return ensureClass(this.db, name, description);
  }

  async addMember(classId: string, userId: string, roleInClass: 'trainee' | 'evaluator'): Promise<void> {
    await this.db
      .insertInto('classMembers')
      .values({ classId, userId, roleInClass, addedAtMs: Date.now() })
      .onConflict((oc) => oc.columns(['classId', 'userId']).doUpdateSet({ roleInClass }))
      .execute();
  }

  async removeMember(classId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('classMembers')
      .where('classId', '=', classId)
      .where('userId', '=', userId)
      .execute();
  }

  async exists(classId: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('classes').select('id').where('id', '=', classId).executeTakeFirst()) !==
      undefined
    );
  }

  /** Classes visible to the viewer: all for admins, their own for everyone else. */
  async listVisibleTo(viewer: UsersTable): Promise<ClassDto[]> {
    let query = this.db.selectFrom('classes').selectAll('classes');
    if (viewer.role !== 'admin') {
      query = query.where('classes.id', 'in', (eb) =>
        eb
          .selectFrom('classMembers')
          .select('classMembers.classId')
          .where('classMembers.userId', '=', viewer.id),
      );
    }
    const classes = await query.orderBy('classes.name').execute();
    const dtos: ClassDto[] = [];
    for (const c of classes) {
      const members = await this.db
        .selectFrom('classMembers')
        .innerJoin('users', 'users.id', 'classMembers.userId')
        .select(['classMembers.roleInClass as roleInClass', 'users.displayName as displayName'])
        .where('classMembers.classId', '=', c.id)
        .execute();
      dtos.push({
        id: c.id,
        name: c.name,
        description: c.description,
        traineeCount: members.filter((m) => m.roleInClass === 'trainee').length,
        evaluatorNames: members.filter((m) => m.roleInClass === 'evaluator').map((m) => m.displayName),
        createdAtMs: c.createdAtMs,
      });
    }
    return dtos;
  }

  async members(
    classId: string,
  ): Promise<
    { userId: string; username: string; displayName: string; roleInClass: 'trainee' | 'evaluator' }[]
  > {
    return this.db
      .selectFrom('classMembers')
      .innerJoin('users', 'users.id', 'classMembers.userId')
      .select([
        'users.id as userId',
        'users.username as username',
        'users.displayName as displayName',
        'classMembers.roleInClass as roleInClass',
      ])
      .where('classMembers.classId', '=', classId)
      .orderBy('users.username')
      .execute();
  }
}
