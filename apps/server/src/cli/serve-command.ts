// `callsim serve [--port 3000] [--host H] [--data ./data]`: runs one node until SIGINT or
// SIGTERM, then closes sockets and storage in order. Prints where to log in.
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS } from '../accounts/first-run.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer } from '../server.js';
import type { CliIo } from './io.js';

export const SERVE_HELP = `callsim serve [--port 3000] [--host 0.0.0.0] [--data ./data]
  Runs the server: REST API, socket.io and the web UI on one port.
  Settings come from the environment (see README "Configuration"); flags win.`;

export async function runServeCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const config = loadConfig({
    env: io.env,
    cwd: io.cwd,
    overrides: { port: values.port, host: values.host, dataDir: values.data },
  });
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  logger.info(
    { url: server.url, database: server.ctx.databaseKind, dataDir: config.dataDir },
    'callsim is running',
  );
  io.out(`\ncallsim is running at ${server.url}`);
  if (config.seedDemo) {
    io.out('Demo accounts (development only):');
    for (const a of DEMO_ACCOUNTS) io.out(`  ${a.role.padEnd(9)} ${a.username} / ${a.password}`);
  } else if (server.ctx.setupGate.isOpen) {
    io.out(`No admin yet: open ${server.url}/setup and use the setup token from the log above,`);
    io.out('or run: npx callsim users add --username NAME --password PASS --role admin');
  }
  io.out('');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
