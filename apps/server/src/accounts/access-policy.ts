// Who may see whom. One place answers "may this viewer act on this user / class?",
// so REST routes and socket events enforce the same rules:
//   admin      — everything
//   evaluator  — classes where they are an evaluator, and the members of those classes
//   trainee    — their own account and the classes they belong to
import { AppError } from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../storage/schema.js';

export class AccessPolicy {
  constructor(private readonly db: Kysely<Database>) {}

  async canViewClass(viewer: UsersTable, classId: string): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    const row = await this.db
      .selectFrom('classMembers')
      .select('roleInClass')
      .where('classId', '=', classId)
      .where('userId', '=', viewer.id)
      .executeTakeFirst();
    return row !== undefined;
  }

  async canManageClass(viewer: UsersTable, classId: string): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    if (viewer.role !== 'evaluator') return false;
    const row = await this.db
      .selectFrom('classMembers')
      .select('roleInClass')
      .where('classId', '=', classId)
      .where('userId', '=', viewer.id)
      .where('roleInClass', '=', 'evaluator')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when the viewer may see the user's work (recordings, scores, drills). */
  async canViewUser(viewer: UsersTable, userId: string): Promise<boolean> {
    if (viewer.role === 'admin' || viewer.id === userId) return true;
    if (viewer.role !== 'evaluator') return false;
    const row = await this.db
      .selectFrom('classMembers as mine')
      .innerJoin('classMembers as theirs', 'theirs.classId', 'mine.classId')
      .select('mine.classId')
      .where('mine.userId', '=', viewer.id)
      .where('mine.roleInClass', '=', 'evaluator')
      .where('theirs.userId', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async assertCanViewClass(viewer: UsersTable, classId: string): Promise<void> {
    if (!(await this.canViewClass(viewer, classId)))
      throw new AppError('FORBIDDEN', 'class not visible', { details: { classId } });
  }

  async assertCanViewUser(viewer: UsersTable, userId: string): Promise<void> {
    if (!(await this.canViewUser(viewer, userId)))
      throw new AppError('FORBIDDEN', 'user not visible', { details: { userId } });
  }
}
