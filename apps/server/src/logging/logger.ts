// pino logging. Messages are fixed strings; transcripts, names and phone numbers go
// under a `pii` key, which production redacts. Use `logger.child({ callId })` per call.
import pino, { type Logger } from 'pino';
import type { Config } from '../config/config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel' | 'mode'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'callsim' },
    redact:
      config.mode === 'production'
        ? { paths: ['pii', '*.pii', 'password', '*.password'], censor: '[redacted]' }
        : { paths: ['password', '*.password'], censor: '[redacted]' },
  });
}
