// The error catalogue: every stable error code callsim can return, its HTTP status,
// a message for users in zh-CN and en-US, and a hint for fixing it.
// Codes never change meaning once shipped; add new ones instead.

/** Locales the UI and error messages are available in. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

interface CatalogueEntry {
  readonly httpStatus: number;
  readonly message: Readonly<Record<Locale, string>>;
  readonly hint: string;
}

export const ERROR_CATALOGUE = {
  BAD_REQUEST: {
    httpStatus: 400,
    message: { 'zh-CN': '请求内容有误：{field}', 'en-US': 'The request is invalid: {field}' },
    hint: 'Check the named field against the API schema.',
  },
  AUTH_REQUIRED: {
    httpStatus: 401,
    message: { 'zh-CN': '请先登录。', 'en-US': 'Please log in first.' },
    hint: 'Log in; the session cookie may have expired or been revoked.',
  },
  AUTH_INVALID_CREDENTIALS: {
    httpStatus: 401,
    message: { 'zh-CN': '用户名或密码错误。', 'en-US': 'Wrong username or password.' },
    hint: 'Check the username and password; an admin can reset the password.',
  },
  AUTH_ACCOUNT_DISABLED: {
    httpStatus: 403,
    message: {
      'zh-CN': '该账号已停用，请联系管理员。',
      'en-US': 'This account is disabled. Contact an admin.',
    },
    hint: 'An admin can re-enable the account on the Users page.',
  },
  AUTH_RATE_LIMITED: {
    httpStatus: 429,
    message: {
      'zh-CN': '尝试次数过多，请稍后再试。',
      'en-US': 'Too many attempts. Please try again later.',
    },
    hint: 'Wait a minute before trying again.',
  },
  FORBIDDEN: {
    httpStatus: 403,
    message: { 'zh-CN': '您没有权限执行此操作。', 'en-US': 'You are not allowed to do this.' },
    hint: 'The action needs another role or membership of the class.',
  },
  NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '找不到请求的内容。', 'en-US': 'Not found.' },
    hint: 'The item may have been deleted, or the address is wrong.',
  },
  USERNAME_TAKEN: {
    httpStatus: 409,
    message: {
      'zh-CN': '用户名“{username}”已被使用。',
      'en-US': 'The username “{username}” is already taken.',
    },
    hint: 'Choose another username.',
  },
  CLASS_NAME_TAKEN: {
    httpStatus: 409,
    message: { 'zh-CN': '班级“{name}”已存在。', 'en-US': 'A class named “{name}” already exists.' },
    hint: 'Choose another class name.',
  },
  PASSWORD_TOO_WEAK: {
    httpStatus: 400,
    message: {
      'zh-CN': '密码至少需要 {minLength} 个字符。',
      'en-US': 'The password needs at least {minLength} characters.',
    },
    hint: 'Use a longer password.',
  },
  SETUP_ALREADY_DONE: {
    httpStatus: 409,
    message: { 'zh-CN': '系统已完成初始化。', 'en-US': 'Setup has already been completed.' },
    hint: 'Log in with an existing admin account.',
  },
  SETUP_TOKEN_INVALID: {
    httpStatus: 403,
    message: {
      'zh-CN': '初始化口令不正确，请查看服务器日志中打印的口令。',
      'en-US': 'The setup token is wrong. Use the token printed in the server log.',
    },
    hint: 'The server prints a one-time setup token at start while no admin exists.',
  },
  ROSTER_INVALID: {
    httpStatus: 400,
    message: { 'zh-CN': '花名册文件无法读取：{reason}', 'en-US': 'The roster file cannot be read: {reason}' },
    hint: 'Upload a UTF-8 CSV with a header row: username,name,password,role,class.',
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    message: { 'zh-CN': '上传内容过大。', 'en-US': 'The upload is too large.' },
    hint: 'Split the file or raise the limit in the configuration.',
  },
  CONFIG_INVALID: {
    httpStatus: 500,
    message: { 'zh-CN': '配置错误：{setting}', 'en-US': 'Invalid configuration: {setting}' },
    hint: 'Fix the named setting in the environment or the config file.',
  },
  AGENT_NOT_READY: {
    httpStatus: 409,
    message: { 'zh-CN': '请先把坐席状态设为“就绪”。', 'en-US': 'Set your status to Ready first.' },
    hint: 'Calls are offered only to agents in the ready state.',
  },
  AGENT_STATE_ILLEGAL: {
    httpStatus: 409,
    message: {
      'zh-CN': '当前状态“{from}”不能切换到“{to}”。',
      'en-US': 'You cannot change from “{from}” to “{to}” now.',
    },
    hint: 'Finish or hang up the current call first.',
  },
  CALL_NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '该通话不存在或已结束。', 'en-US': 'This call does not exist or has ended.' },
    hint: 'The call may have timed out or been hung up.',
  },
  CALL_STATE_ILLEGAL: {
    httpStatus: 409,
    message: { 'zh-CN': '通话当前不能执行该操作。', 'en-US': 'The call cannot do that right now.' },
    hint: 'For example, a call must be answered before it can be put on hold.',
  },
  SCENARIO_NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '找不到场景“{scenarioId}”。', 'en-US': 'Scenario “{scenarioId}” was not found.' },
    hint: 'Check the scenario id with `callsim validate` or the call-scripts page.',
  },
  SPEECH_ENGINE_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      'zh-CN': '语音引擎不可用：{engine}',
      'en-US': 'The speech engine is unavailable: {engine}',
    },
    hint: 'Install the Debian package (espeak-ng, pocketsphinx) or fetch the model with scripts/models/fetch-models.mjs.',
  },
  SCRIPT_INVALID: {
    httpStatus: 422,
    message: {
      'zh-CN': '话术脚本有 {count} 处错误，未保存。',
      'en-US': 'The call script has {count} error(s) and was not saved.',
    },
    hint: 'Fix the problems listed with their line numbers (details.diagnostics), then save again.',
  },
  SCRIPT_PATH_INVALID: {
    httpStatus: 400,
    message: {
      'zh-CN': '不允许的脚本路径“{path}”：{reason}',
      'en-US': 'The call-script path “{path}” is not allowed: {reason}',
    },
    hint: 'Use a relative path ending in .yaml; new files go under inbound/, outbound/ or templates/.',
  },
  SCRIPT_NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '找不到话术脚本“{path}”。', 'en-US': 'Call script “{path}” was not found.' },
    hint: 'The file may have been renamed or deleted; reload the file list.',
  },
  SCRIPT_CHANGED: {
    httpStatus: 409,
    message: {
      'zh-CN': '“{path}”在您打开后已被他人修改，未保存。',
      'en-US': '“{path}” was changed by someone else after you opened it and was not saved.',
    },
    hint: 'Copy your edits, reload the file, apply them again and save; older content is kept as versions.',
  },
  SCRIPT_TURN_NOT_FOUND: {
    httpStatus: 404,
    message: {
      'zh-CN': '脚本中没有对话轮次“{turn}”。',
      'en-US': 'The script has no dialogue turn “{turn}”.',
    },
    hint: 'Save the scenario with that turn first, then record its line.',
  },
  CLIP_INVALID: {
    httpStatus: 415,
    message: {
      'zh-CN': '录音无法使用：{reason}',
      'en-US': 'The recording cannot be used: {reason}',
    },
    hint: 'Upload a WAV file (the editor records WAV itself) of at most 60 s; webm/opus is not accepted.',
  },
  INTERNAL: {
    httpStatus: 500,
    message: {
      'zh-CN': '服务器内部错误，请稍后重试。',
      'en-US': 'Something went wrong on the server. Please try again.',
    },
    hint: 'See the server log for the request id.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable string error code. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** True when `code` is one of the catalogue's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}

/**
 * The user-facing message of `code` in `locale`, with `{name}` placeholders filled
 * from `details` (unknown placeholders are left out).
 */
export function errorMessage(code: ErrorCode, locale: Locale, details: Record<string, unknown> = {}): string {
  const template: string = ERROR_CATALOGUE[code].message[locale];
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = details[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(preference: string | undefined | null): Locale {
  if (!preference) return DEFAULT_LOCALE;
  for (const part of preference.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
