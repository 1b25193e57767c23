// @callsim/protocol — what the browser and the server agree on: error codes and
// messages, REST bodies (zod), DTOs and socket.io event maps. Pure: no I/O.
export { AppError, type AppErrorOptions, type ErrorBody } from './errors/app-error.js';
export {
  DEFAULT_LOCALE,
  ERROR_CATALOGUE,
  type ErrorCode,
  errorMessage,
  isErrorCode,
  LOCALES,
  type Locale,
  pickLocale,
} from './errors/error-codes.js';
export {
  type ClassDto,
  type CreateUserBody,
  classMemberBodySchema,
  createClassBodySchema,
  createUserBodySchema,
  type HealthDto,
  type LoginBody,
  localePreferenceBodySchema,
  loginBodySchema,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  type RosterImportResultDto,
  type RosterRowProblem,
  resetPasswordBodySchema,
  type SessionDto,
  type SetupStatusDto,
  setupBodySchema,
  type UserDto,
  updateUserBodySchema,
  usernameSchema,
} from './rest/accounts.js';
export type {
  Ack,
  ClientToServerEvents,
  HelloPayload,
  ServerToClientEvents,
} from './socket/events.js';
