// Turns any thrown error into the catalogue's JSON body, in the caller's language.
// Unknown errors are logged with a request id and answered as INTERNAL: no stack
// trace or internal message ever reaches a client.
import { AppError, type ErrorBody, errorMessage, type Locale, pickLocale } from '@callsim/protocol';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';

/** The UI language of a request: the user's saved choice, the UI cookie, then Accept-Language. */
export function requestLocale(req: Request): Locale {
  const cookieLocale = /(?:^|;\s*)callsim_locale=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return pickLocale(req.user?.locale ?? cookieLocale ?? req.headers['accept-language']);
}

export function toErrorBody(error: AppError, locale: Locale, requestId?: string): ErrorBody {
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  const details = field ? { ...error.details, field } : error.details;
  return {
    error: {
      code: error.code,
      message: errorMessage(error.code, locale, details),
      details,
      ...(requestId ? { requestId } : {}),
    },
  };
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let appError: AppError;
    const raw = error as { type?: string; status?: number };
    if (error instanceof AppError) {
      appError = error;
    } else if (raw?.type === 'entity.too.large') {
      appError = new AppError('PAYLOAD_TOO_LARGE', 'payload too large');
    } else if (raw?.type === 'entity.parse.failed') {
      appError = new AppError('BAD_REQUEST', 'malformed JSON', {
        details: { field: 'body', reason: 'malformed JSON' },
      });
    } else {
      appError = new AppError('INTERNAL', 'unhandled', { cause: error });
      logger.error({ err: error, requestId: req.requestId, path: req.path }, 'request failed');
    }
    if (appError.httpStatus >= 500 && appError !== error) {
      // already logged above
    } else if (appError.httpStatus >= 500) {
      logger.error({ err: appError, requestId: req.requestId }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(appError.httpStatus).json(toErrorBody(appError, requestLocale(req), req.requestId));
  };
}
