// Table types for Kysely (camelCase in code; snake_case in SQL through CamelCasePlugin).
// Times are integer milliseconds since the epoch; booleans are 0/1 integers so the same
// migrations run on SQLite and PostgreSQL.
export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: 'trainee' | 'evaluator' | 'admin';
  disabled: number;
  locale: string | null;
  createdAtMs: number;
}

export interface ClassesTable {
  id: string;
  name: string;
  description: string;
  createdAtMs: number;
}

export interface ClassMembersTable {
  classId: string;
  userId: string;
  roleInClass: 'trainee' | 'evaluator';
  addedAtMs: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  userId: string;
  createdAtMs: number;
  expiresAtMs: number;
  lastSeenAtMs: number;
  revokedAtMs: number | null;
  userAgent: string;
}

export interface AuditLogTable {
  /** Time-ordered id (see ids.ts): sorting by id sorts by time. */
  id: string;
  atMs: number;
  actorUserId: string | null;
  action: string;
  target: string;
  details: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  classes: ClassesTable;
  classMembers: ClassMembersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
}
