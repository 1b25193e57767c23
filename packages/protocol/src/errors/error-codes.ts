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
  SOCKET_WIRE_MISMATCH: {
    httpStatus: 400,
    message: {
      'zh-CN': '页面版本与服务器不一致，请刷新页面。',
      'en-US': 'This page does not match the server version. Reload the page.',
    },
    hint: 'Every socket.io client must spread socketClientOptions() from @callsim/protocol into io().',
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
  CONTEST_NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '找不到该评选活动。', 'en-US': 'This contest was not found.' },
    hint: 'The contest may belong to a class you are not in; check the contest list.',
  },
  CONTEST_PHASE_WRONG: {
    httpStatus: 409,
    message: {
      'zh-CN': '评选当前所处的阶段不允许该操作（例如投票尚未开始或已经截止）。',
      'en-US':
        'The contest is not in the right phase for this (for example, voting has not opened or has closed).',
    },
    hint: 'Nominations, votes and scores are accepted only in their windows; see the contest dates.',
  },
  CONTEST_ENTRY_EXISTS: {
    httpStatus: 409,
    message: {
      'zh-CN': '该学员已有参评作品，请先撤回再重新提名。',
      'en-US': 'This trainee already has an entry; withdraw it before nominating another.',
    },
    hint: 'Each trainee has one entry per contest.',
  },
  CONTEST_EXCERPT_INVALID: {
    httpStatus: 400,
    message: {
      'zh-CN': '录音片段不可用：{reason}',
      'en-US': 'The recording excerpt cannot be used: {reason}',
    },
    hint: 'Pick a finished call with a recording and an excerpt of 2 s to 3 min inside it.',
  },
  CONTEST_NOT_PLAYED: {
    httpStatus: 409,
    message: {
      'zh-CN': '请先完整收听作品 {label}，再为它投票。',
      'en-US': 'Listen to entry {label} to the end before voting for it.',
    },
    hint: 'A vote counts only for entries the voter has played to the end.',
  },
  CONTEST_SELF_VOTE: {
    httpStatus: 409,
    message: { 'zh-CN': '不能给自己的作品投票。', 'en-US': 'You cannot vote for your own entry.' },
    hint: 'Remove your own entry from the ballot.',
  },
  CONTEST_TOO_MANY_VOTES: {
    httpStatus: 409,
    message: {
      'zh-CN': '每人最多投 {limit} 票。',
      'en-US': 'Each voter has at most {limit} vote(s).',
    },
    hint: 'Remove a vote before adding another.',
  },
  CONTEST_RATE_LIMITED: {
    httpStatus: 429,
    message: {
      'zh-CN': '操作过于频繁，请稍后再试。',
      'en-US': 'Too many requests. Please wait a moment and try again.',
    },
    hint: 'Voting endpoints are rate limited per account.',
  },
  DRILL_MATERIAL_NOT_FOUND: {
    httpStatus: 404,
    message: {
      'zh-CN': '找不到听打材料“{materialId}”。',
      'en-US': 'The listen-and-type material “{materialId}” was not found.',
    },
    hint: 'The scenario may have been changed or removed; reload the material list.',
  },
  DRILL_REPLAY_LIMIT: {
    httpStatus: 409,
    message: {
      'zh-CN': '本题最多播放 {limit} 次，已用完。',
      'en-US': 'This clip can be played at most {limit} time(s); no plays are left.',
    },
    hint: 'Type what you remember and submit; the class sets the replay limit.',
  },
  DRILL_ATTEMPT_CLOSED: {
    httpStatus: 409,
    message: {
      'zh-CN': '这次练习已经提交过了。',
      'en-US': 'This attempt has already been submitted.',
    },
    hint: 'Start a new attempt to practise again.',
  },
  DRILL_RECORDING_INVALID: {
    httpStatus: 422,
    message: {
      'zh-CN': '录音无法分析：{reason}',
      'en-US': 'The recording cannot be analysed: {reason}',
    },
    hint: 'Record 1–60 s of speech as a WAV file (the warm-up page records WAV itself); check the microphone level.',
  },
  REVIEW_ITEM_OUT_OF_RANGE: {
    httpStatus: 400,
    message: {
      'zh-CN': '评分项“{item}”的分数应在 0–{maxPoints} 之间。',
      'en-US': 'The points for “{item}” must be between 0 and {maxPoints}.',
    },
    hint: 'Give each rubric item at most its maximum points.',
  },
  REVIEW_INCOMPLETE: {
    httpStatus: 409,
    message: {
      'zh-CN': '评估尚未完成，不能发布：{missing}',
      'en-US': 'The review is not complete and cannot be published: {missing}',
    },
    hint: 'Score every rubric item and choose a final grade, then publish.',
  },
  TRANSCRIPT_UNAVAILABLE: {
    httpStatus: 404,
    message: {
      'zh-CN': '该通话没有可用的转写文本。',
      'en-US': 'This call has no transcript.',
    },
    hint: 'The call may have ended before it was answered, or its timeline file is missing.',
  },
  RESCORE_UNAVAILABLE: {
    httpStatus: 503,
    message: {
      'zh-CN': '暂时无法重新评分，修改已保存。',
      'en-US': 'The call cannot be re-scored right now; the correction was saved.',
    },
    hint: 'Check the server log for the scoring error; correcting another line retries the re-score.',
  },
  OUTBOUND_TASK_NOT_FOUND: {
    httpStatus: 404,
    message: { 'zh-CN': '找不到该外呼任务。', 'en-US': 'This outbound task was not found.' },
    hint: 'The task may belong to another trainee, or its campaign was deleted; reload the worklist.',
  },
  OUTBOUND_TASK_NOT_DIALABLE: {
    httpStatus: 409,
    message: {
      'zh-CN': '该任务现在不能拨打（{reason}）。',
      'en-US': 'This task cannot be dialled now ({reason}).',
    },
    hint: 'Only pending tasks that are due on the class clock can be dialled, once at a time; reload the worklist.',
  },
  OUTBOUND_OUTSIDE_CALLING_HOURS: {
    httpStatus: 409,
    message: {
      'zh-CN': '客户当地时间现在是 {localTime}，只能在 9:00–21:00 之间外呼。',
      'en-US': 'It is {localTime} for the customer; calls are allowed only from 09:00 to 21:00 their time.',
    },
    hint: 'Wait until the customer’s morning on the class clock (the teacher can advance it).',
  },
  OUTBOUND_DO_NOT_CALL: {
    httpStatus: 409,
    message: {
      'zh-CN': '该号码在免打扰名单中，不能外呼。',
      'en-US': 'This number is on the do-not-call list and cannot be called.',
    },
    hint: 'The customer asked not to be called; the task was cancelled. An admin can remove the number from the list.',
  },
  OUTBOUND_NOT_OCCASION_DAY: {
    httpStatus: 409,
    message: {
      'zh-CN': '关怀电话只能在客户的{occasion}当天拨打。',
      'en-US': 'Care calls can be made only on the customer’s {occasion}.',
    },
    hint: 'Birthday and holiday calls are due on that day, customer time; the teacher can advance the class clock.',
  },
  CAMPAIGN_CSV_INVALID: {
    httpStatus: 400,
    message: {
      'zh-CN': '客户名单无法读取：{reason}',
      'en-US': 'The customer list cannot be read: {reason}',
    },
    hint: 'Upload a UTF-8 CSV with a header row: name,phone,timezone,birthday (or 姓名,电话,时区,生日) and any fact columns.',
  },
  CAMPAIGN_NOT_EDITABLE: {
    httpStatus: 409,
    message: {
      'zh-CN': '外呼活动已开始或已结束，不能再修改。',
      'en-US': 'The campaign has started or closed and can no longer be changed.',
    },
    hint: 'Add customers before starting a campaign; create a new campaign for more customers.',
  },
  TELEPHONY_NOT_CONFIGURED: {
    httpStatus: 404,
    message: {
      'zh-CN': '本服务器未接入电话线路（Twilio）。',
      'en-US': 'Phone lines (Twilio) are not connected on this server.',
    },
    hint: 'An admin sets the CALLSIM_TWILIO_* settings and CALLSIM_PUBLIC_URL (README "Connecting a Twilio account").',
  },
  TWILIO_SIGNATURE_INVALID: {
    httpStatus: 403,
    message: {
      'zh-CN': '电话平台请求的签名无效，已拒绝。',
      'en-US': 'The phone platform request has no valid signature and was refused.',
    },
    hint: 'Twilio signs with the account auth token and the exact public URL: check CALLSIM_TWILIO_AUTH_TOKEN and CALLSIM_PUBLIC_URL.',
  },
  TWILIO_REQUEST_REPLAYED: {
    httpStatus: 409,
    message: {
      'zh-CN': '电话平台的同一请求已处理过，已拒绝重放。',
      'en-US': 'This phone platform request was already handled; the replay was refused.',
    },
    hint: 'Each call step is accepted once; a retry of the same step means a replay or a webhook retry setting on the Twilio side.',
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
