// @callsim/server — the server as a library, for tests and embedding.
export { type AppContext, createContext } from './app/context.js';
export { type Config, ConfigError, effectiveDatabaseUrl, loadConfig } from './config/config.js';
export { createLogger, type Logger } from './logging/logger.js';
export { type RunningServer, startServer } from './server.js';
