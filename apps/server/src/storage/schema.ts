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

export interface CallsTable {
  id: string;
  scenarioId: string;
  locale: string;
  direction: 'inbound' | 'outbound';
  category: string;
  mode: 'practice' | 'exam';
  /** queued → ringing → active → ended, or → abandoned. */
  status: 'queued' | 'ringing' | 'active' | 'ended' | 'abandoned';
  /** Where the call came from: practice (trainee asked), class-session, follow-up, campaign. */
  source: string;
  targetUserId: string | null;
  classId: string | null;
  agentUserId: string | null;
  createdAtMs: number;
  offeredAtMs: number | null;
  answeredAtMs: number | null;
  endedAtMs: number | null;
  ringCount: number;
  endedBy: 'agent' | 'customer' | 'system' | null;
  endReason: string | null;
  durationMs: number | null;
  recordingPath: string | null;
  timelinePath: string | null;
  nodeId: string | null;
  taskId: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  idempotencyKey: string;
  /** pending → running → done | failed (after maxAttempts). */
  status: 'pending' | 'running' | 'done' | 'failed';
  runAtMs: number;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntilMs: number | null;
  lastError: string | null;
  createdAtMs: number;
  finishedAtMs: number | null;
}

export interface Database {
  jobs: JobsTable;
  calls: CallsTable;
  users: UsersTable;
  classes: ClassesTable;
  classMembers: ClassMembersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
}
