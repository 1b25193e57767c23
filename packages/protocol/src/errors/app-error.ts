// AppError: the one error type that crosses layers. It carries a stable catalogue
// code, whether retrying may help, the cause, and details that are safe to show.
import { ERROR_CATALOGUE, type ErrorCode } from './error-codes.js';

export interface AppErrorOptions {
  /** Safe to send to a client: field names, limits, ids. Never secrets or stack traces. */
  details?: Record<string, unknown>;
  cause?: unknown;
  retryable?: boolean;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].httpStatus;
  }
}

/** The JSON body of every error response and socket error acknowledgement. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details: Record<string, unknown>;
    requestId?: string;
  };
}
