// REST shapes for accounts, sessions and classes, shared by the server (validation)
// and the web UI (typed fetch). Every body that enters the server is parsed with these.
import { z } from 'zod';
import { LOCALES } from '../errors/error-codes.js';

export const ROLES = ['trainee', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Minimum password length for accounts created by people (demo seeds are exempt in dev mode only). */
export const PASSWORD_MIN_LENGTH = 8;

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits, _ . @ - only');

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64).optional(),
  password: z.string().max(256),
  role: z.enum(ROLES),
  className: z.string().trim().min(1).max(64).optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const resetPasswordBodySchema = z.object({ password: z.string().max(256) });

export const updateUserBodySchema = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
});

export const setupBodySchema = z.object({
  token: z.string().min(1).max(200),
  username: usernameSchema,
  password: z.string().max(256),
  displayName: z.string().trim().min(1).max(64).optional(),
});

export const createClassBodySchema = z.object({
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).optional(),
});

export const classMemberBodySchema = z.object({
  userId: z.string().min(1),
  roleInClass: z.enum(['trainee', 'evaluator']),
});

export const localePreferenceBodySchema = z.object({ locale: z.enum(LOCALES) });

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  locale: (typeof LOCALES)[number] | null;
  classes: { id: string; name: string; roleInClass: 'trainee' | 'evaluator' }[];
  createdAtMs: number;
}

export interface ClassDto {
  id: string;
  name: string;
  description: string;
  traineeCount: number;
  evaluatorNames: string[];
  createdAtMs: number;
}

export interface SessionDto {
  user: UserDto;
  /** When the session cookie stops being accepted, ms since epoch. */
  expiresAtMs: number;
}

export interface SetupStatusDto {
  /** True while no admin exists: the first-run setup page is open (token required). */
  needsSetup: boolean;
}

/** One problem row of a roster import; `row` is the 1-based line number in the CSV (header = 1). */
export interface RosterRowProblem {
  row: number;
  field: string;
  /** Stable reason code the UI translates: username.invalid, username.empty, username.duplicate, username.exists, role.unknown, password.short. */
  code:
    | 'username.invalid'
    | 'username.empty'
    | 'username.duplicate'
    | 'username.exists'
    | 'role.unknown'
    | 'password.short';
  /** The offending cell as written. */
  value: string;
  /** English description, for logs and the CLI. */
  message: string;
}

export interface RosterImportResultDto {
  imported: number;
  skipped: number;
  problems: RosterRowProblem[];
  createdUsernames: string[];
  /** Passwords generated for rows that left the password blank: shown to the admin once. */
  generatedPasswords: { username: string; password: string }[];
}

export interface HealthDto {
  status: 'ok';
  version: string;
  database: 'sqlite' | 'postgres';
  uptimeMs: number;
  /** Only when REDIS_URL is set: whether the Redis behind the job queue answers. */
  redis?: 'ok' | 'down';
}

export const classSessionBodySchema = z.object({
  scenarioIds: z.array(z.string().min(1).max(100)).min(1).max(50),
  mode: z.enum(['practice', 'exam']).default('practice'),
  /** Seconds between call waves (each ready trainee without a waiting call gets one). */
  intervalSec: z.number().int().min(10).max(3600).default(60),
  durationMin: z.number().int().min(1).max(600).default(45),
});
