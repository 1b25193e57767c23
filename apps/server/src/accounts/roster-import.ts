// Roster CSV import: one account per row. Every row is checked on its own; bad rows are
// reported with their line number and field, good rows are imported, so one typo
// never blocks a whole class. Header names may be English or Chinese.
import { randomBytes } from 'node:crypto';
import {
  AppError,
  PASSWORD_MIN_LENGTH,
  type Role,
  type RosterImportResultDto,
  type RosterRowProblem,
  usernameSchema,
} from '@callsim/protocol';
import { parse } from 'csv-parse/sync';
import type { UserStore } from './user-store.js';

const HEADER_ALIASES: Record<string, 'username' | 'name' | 'password' | 'role' | 'class'> = {
  username: 'username',
  用户名: 'username',
  账号: 'username',
  学号: 'username',
  name: 'name',
  displayname: 'name',
  姓名: 'name',
  password: 'password',
  密码: 'password',
  role: 'role',
  角色: 'role',
  class: 'class',
  classname: 'class',
  班级: 'class',
};

const ROLE_ALIASES: Record<string, Role> = {
  trainee: 'trainee',
  student: 'trainee',
  学员: 'trainee',
  学生: 'trainee',
  evaluator: 'evaluator',
  teacher: 'evaluator',
  评估员: 'evaluator',
  教师: 'evaluator',
  老师: 'evaluator',
};

export const ROSTER_MAX_ROWS = 5000;

export type RosterImportResult = RosterImportResultDto;

/** Imports the roster. Admin accounts cannot be created from a roster. */
export async function importRoster(
  csvText: string,
  users: UserStore,
  defaultClass?: string,
): Promise<RosterImportResult> {
  let records: string[][];
  try {
    records = parse(csvText, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    throw new AppError('ROSTER_INVALID', 'csv parse failed', {
      details: { reason: (error as Error).message },
    });
  }
  const header = records[0];
  if (!header) throw new AppError('ROSTER_INVALID', 'empty roster', { details: { reason: 'empty file' } });
  const columns = header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[\s_]/g, '')]);
  if (!columns.includes('username')) {
    throw new AppError('ROSTER_INVALID', 'no username column', {
      details: { reason: 'missing column “username” (用户名)' },
    });
  }
  if (records.length - 1 > ROSTER_MAX_ROWS) {
    throw new AppError('ROSTER_INVALID', 'too many rows', {
      details: { reason: `more than ${ROSTER_MAX_ROWS} rows` },
    });
  }

  const result: RosterImportResult = {
    imported: 0,
    skipped: 0,
    problems: [],
    createdUsernames: [],
    generatedPasswords: [],
  };
  const seen = new Set<string>();
  for (let index = 1; index < records.length; index++) {
    const record = records[index] ?? [];
    const row = index + 1;
    if (record.every((cell) => cell === '')) continue;
    const field = (name: string): string => {
      const at = columns.indexOf(name as never);
      return at >= 0 ? (record[at] ?? '') : '';
    };
    const problems: RosterRowProblem[] = [];
    const username = field('username');
    if (!usernameSchema.safeParse(username).success) {
      problems.push(
        username
          ? {
              row,
              field: 'username',
              code: 'username.invalid',
              value: username,
              message: `invalid username “${username}”`,
            }
          : { row, field: 'username', code: 'username.empty', value: '', message: 'username is empty' },
      );
    } else if (seen.has(username)) {
      problems.push({
        row,
        field: 'username',
        code: 'username.duplicate',
        value: username,
        message: `“${username}” appears twice in the file`,
      });
    }
    const roleText = field('role').toLowerCase();
    const role: Role | undefined = roleText === '' ? 'trainee' : ROLE_ALIASES[roleText];
    if (!role) {
      problems.push({
        row,
        field: 'role',
        code: 'role.unknown',
        value: field('role'),
        message: `unknown role “${field('role')}” (trainee/evaluator, 学员/教师)`,
      });
    }
    let password = field('password');
    let generated = false;
    if (password === '') {
      password = randomBytes(9).toString('base64url');
      generated = true;
    } else if (password.length < PASSWORD_MIN_LENGTH) {
      problems.push({
        row,
        field: 'password',
        code: 'password.short',
        value: '',
        message: `password shorter than ${PASSWORD_MIN_LENGTH} characters`,
      });
    }
    const className = field('class') || defaultClass;
    if (problems.length > 0 || !role) {
      result.problems.push(...problems);
      result.skipped++;
      continue;
    }
    seen.add(username);
    try {
      await users.createUser({
        username,
        displayName: field('name') || undefined,
        password,
        role,
        className,
      });
      result.imported++;
      result.createdUsernames.push(username);
      if (generated) result.generatedPasswords.push({ username, password });
    } catch (error) {
      if (error instanceof AppError && error.code === 'USERNAME_TAKEN') {
        result.problems.push({
          row,
          field: 'username',
          code: 'username.exists',
          value: username,
          message: `“${username}” already exists`,
        });
        result.skipped++;
      } else {
        throw error;
      }
    }
  }
  return result;
}
