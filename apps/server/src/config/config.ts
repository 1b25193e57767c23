// Server configuration: read once at start from the environment and an optional JSON
// file (CALLSIM_CONFIG), validated with zod. A wrong value stops the server with a
// message that names the setting; nothing else in the server reads process.env.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const booleanFromString = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  mode: z.enum(['development', 'production', 'test']),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  databaseUrl: z
    .string()
    .refine(
      (url) => url.startsWith('postgres://') || url.startsWith('postgresql://') || url.startsWith('sqlite:'),
      {
        message: 'must be postgres://…, postgresql://… or sqlite:FILE',
      },
    )
    .optional(),
  recordingsDir: z.string().min(1),
  callScriptsDir: z.string().min(1),
  modelsDir: z.string().min(1),
  webDistDir: z.string().min(1),
  seedDemo: booleanFromString,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  sessionTtlHours: z.coerce
    .number()
    .positive()
    .max(24 * 90),
  secureCookies: booleanFromString,
  trustProxy: booleanFromString,
  redisUrl: z
    .string()
    .refine((url) => /^rediss?:\/\/\S+$/.test(url) && URL.canParse(url), {
      message: 'must be redis://[user:password@]host[:port][/db] or rediss://…',
    })
    .optional(),
  // Names this node in a cluster (logs, calls.node_id); each start adds a boot suffix.
  nodeId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1–64 letters, digits, ".", "_", ":" or "-"'),
  ringTimeoutMs: z.coerce.number().int().min(1000).max(600_000),
  ringPeriodMs: z.coerce.number().int().min(500).max(60_000),
  maxQueueWaitMs: z.coerce.number().int().min(1000).max(3_600_000),
  reconnectGraceMs: z.coerce.number().int().min(0).max(120_000),
  endpointSilenceMs: z.coerce.number().int().min(200).max(3000),
  loginAttemptsPerWindow: z.coerce.number().int().positive(),
  loginWindowMs: z.coerce.number().int().positive(),
  // Optional Twilio phone lines (README "Connecting a Twilio account"); none set = no Twilio.
  twilioAccountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC + 32 hex digits')
    .optional(),
  twilioAuthToken: z.string().min(16, 'must be the account auth token').optional(),
  twilioApiKeySid: z
    .string()
    .regex(/^SK[0-9a-fA-F]{32}$/, 'must be an API key SID: SK + 32 hex digits')
    .optional(),
  twilioApiKeySecret: z.string().min(16, 'must be the API key secret').optional(),
  twilioTwimlAppSid: z
    .string()
    .regex(/^AP[0-9a-fA-F]{32}$/, 'must be a TwiML app SID: AP + 32 hex digits')
    .optional(),
  twilioPhoneNumber: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14155550100')
    .optional(),
  publicUrl: z
    .string()
    .regex(/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be the https:// address Twilio reaches this server at')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable → config key. Documented in the README's Configuration table. */
export const ENV_SETTINGS = {
  NODE_ENV: 'mode',
  CALLSIM_HOST: 'host',
  PORT: 'port',
  CALLSIM_PORT: 'port',
  CALLSIM_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  CALLSIM_RECORDINGS_DIR: 'recordingsDir',
  CALLSIM_CALL_SCRIPTS_DIR: 'callScriptsDir',
  CALLSIM_MODELS_DIR: 'modelsDir',
  CALLSIM_WEB_DIST_DIR: 'webDistDir',
  CALLSIM_SEED_DEMO: 'seedDemo',
  LOG_LEVEL: 'logLevel',
  CALLSIM_SESSION_TTL_HOURS: 'sessionTtlHours',
  CALLSIM_SECURE_COOKIES: 'secureCookies',
  CALLSIM_TRUST_PROXY: 'trustProxy',
  REDIS_URL: 'redisUrl',
  CALLSIM_NODE_ID: 'nodeId',
  CALLSIM_RING_TIMEOUT_MS: 'ringTimeoutMs',
  CALLSIM_RING_PERIOD_MS: 'ringPeriodMs',
  CALLSIM_QUEUE_WAIT_MS: 'maxQueueWaitMs',
  CALLSIM_RECONNECT_GRACE_MS: 'reconnectGraceMs',
  CALLSIM_ENDPOINT_SILENCE_MS: 'endpointSilenceMs',
  CALLSIM_LOGIN_ATTEMPTS: 'loginAttemptsPerWindow',
  CALLSIM_LOGIN_WINDOW_MS: 'loginWindowMs',
  CALLSIM_TWILIO_ACCOUNT_SID: 'twilioAccountSid',
  CALLSIM_TWILIO_AUTH_TOKEN: 'twilioAuthToken',
  CALLSIM_TWILIO_API_KEY_SID: 'twilioApiKeySid',
  CALLSIM_TWILIO_API_KEY_SECRET: 'twilioApiKeySecret',
  CALLSIM_TWILIO_TWIML_APP_SID: 'twilioTwimlAppSid',
  CALLSIM_TWILIO_PHONE_NUMBER: 'twilioPhoneNumber',
  CALLSIM_PUBLIC_URL: 'publicUrl',
} as const satisfies Record<string, keyof Config>;

/** Thrown when configuration is invalid; `setting` names the env variable or file key. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid configuration: ${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Values from command-line flags; they win over the environment and the file. */
  overrides?: Partial<Record<keyof Config, unknown>>;
}

/** Reads, merges and validates the configuration. Paths are made absolute against `cwd`. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const mode =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';

  const raw: Record<string, unknown> = {
    mode,
    host: '0.0.0.0',
    port: 3000,
    dataDir: './data',
    callScriptsDir: './call-scripts',
    modelsDir: './models',
    webDistDir: path.resolve(import.meta.dirname, '../../../web/dist'),
    seedDemo: mode !== 'production',
    logLevel: mode === 'test' ? 'warn' : 'info',
    sessionTtlHours: 12,
    secureCookies: false,
    trustProxy: false,
    ringTimeoutMs: 30_000,
    ringPeriodMs: 5_000,
    maxQueueWaitMs: 120_000,
    reconnectGraceMs: 10_000,
    endpointSilenceMs: 600,
    loginAttemptsPerWindow: 10,
    loginWindowMs: 5 * 60_000,
    nodeId: `${hostname()}:${process.pid}`,
  };
  const origin: Record<string, string> = {};

  const filePath = env.CALLSIM_CONFIG;
  if (filePath) {
    let fileValues: unknown;
    try {
      fileValues = JSON.parse(readFileSync(path.resolve(cwd, filePath), 'utf8'));
    } catch (error) {
      throw new ConfigError('CALLSIM_CONFIG', `cannot read ${filePath}: ${(error as Error).message}`);
    }
    if (typeof fileValues !== 'object' || fileValues === null || Array.isArray(fileValues)) {
      throw new ConfigError('CALLSIM_CONFIG', `${filePath} must hold a JSON object`);
    }
    for (const [key, value] of Object.entries(fileValues)) {
      if (!(key in configSchema.shape)) throw new ConfigError(`${filePath}: ${key}`, 'unknown setting');
      raw[key] = value;
      origin[key] = `${filePath}: ${key}`;
    }
  }
  for (const [name, key] of Object.entries(ENV_SETTINGS)) {
    const value = env[name];
    if (value === undefined || value === '' || name === 'NODE_ENV') continue;
    raw[key] = value;
    origin[key] = name;
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue;
    raw[key] = value;
    origin[key] = `--${key}`;
  }

  // Recordings live in ./recordings beside the default data folder; a custom data
  // folder (tests, a second instance) keeps its recordings inside it.
  raw.recordingsDir ??=
    raw.dataDir === './data' ? './recordings' : path.join(String(raw.dataDir), 'recordings');

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'config');
    throw new ConfigError(origin[key] ?? key, issue?.message ?? 'invalid');
  }
  const config = parsed.data;
  for (const key of ['dataDir', 'recordingsDir', 'callScriptsDir', 'modelsDir', 'webDistDir'] as const) {
    config[key] = path.resolve(cwd, config[key]);
  }
  if (config.mode === 'production' && config.seedDemo) {
    throw new ConfigError(
      origin.seedDemo ?? 'CALLSIM_SEED_DEMO',
      'demo accounts with known passwords are not allowed in production',
    );
  }
  checkTwilioSettings(config, origin);
  return config;
}

/**
 * Twilio settings come in groups: any of them needs the account, its auth token and the
 * public URL; the browser phone needs the API key pair and the TwiML app together.
 */
function checkTwilioSettings(config: Config, origin: Record<string, string>): void {
  const name = (key: keyof Config) =>
    origin[key] ?? Object.entries(ENV_SETTINGS).find(([, k]) => k === key)?.[0] ?? key;
  const isSet = (key: keyof Config) => config[key] !== undefined;
  const requireAll = (group: (keyof Config)[], because: keyof Config | undefined) => {
    const missing = group.find((key) => !isSet(key));
    if (because && missing) throw new ConfigError(name(missing), `required when ${name(because)} is set`);
  };
  const twilioKeys = (Object.keys(config) as (keyof Config)[]).filter((key) => key.startsWith('twilio'));
  requireAll(['twilioAccountSid', 'twilioAuthToken', 'publicUrl'], twilioKeys.find(isSet));
  const browserPhone: (keyof Config)[] = ['twilioApiKeySid', 'twilioApiKeySecret', 'twilioTwimlAppSid'];
  requireAll(browserPhone, browserPhone.find(isSet));
}

/** The database URL in effect: the configured one, or the SQLite file under the data directory. */
export function effectiveDatabaseUrl(config: Config): string {
  return config.databaseUrl ?? `sqlite:${path.join(config.dataDir, 'callsim.sqlite')}`;
}
