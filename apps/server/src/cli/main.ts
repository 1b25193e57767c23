// The `callsim` command line: dispatches to one module per command. Commands are
// imported lazily so `callsim analyze` does not pay for loading the web server.
import { ConfigError } from '../config/config.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';

const HELP = `callsim — voice call-center training simulator

Usage: callsim <command> [options]

Commands:
  serve            run the server (REST API, socket.io, web UI)          callsim serve --help
  users            add, list or reset accounts                             callsim users --help
  validate         check call-script YAML files                            callsim validate [paths…] [--json]
  analyze          measure pace, pitch and loudness of a WAV file         callsim analyze <wav> [--json]
  score            score a call: script adherence, speed, tone, courtesy   callsim score --script S --transcript T [--audio W] --json
  agent            a headless softphone that takes one call               callsim agent --help
  load             many headless agents at once (load test)               callsim load --help

Every command that touches storage takes --data DIR (default ./data).
Exit codes: 0 ok, 1 failure, 2 usage error.`;

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  serve: async () => (await import('./serve-command.js')).runServeCommand,
  users: async () => (await import('./users-command.js')).runUsersCommand,
  agent: async () => (await import('./agent-command.js')).runAgentCommand,
  load: async () => (await import('./load-command.js')).runLoadCommand,
  validate: async () => (await import('./validate-command.js')).runValidateCommand,
  analyze: async () => (await import('./analyze-command.js')).runAnalyzeCommand,
  score: async () => (await import('./score-command.js')).runScoreCommand,
};

/** Registers a command module; used by features that add commands (validate, analyze…). */
export function registerCommand(name: string, load: () => Promise<CliCommand>): void {
  COMMANDS[name] = load;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('0.1.0');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`callsim: unknown command “${name}”\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await load())(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`callsim ${name}: ${(error as Error).message}\nSee: callsim ${name} --help`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`callsim: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Entry point for bin/callsim.js. */
export async function main(): Promise<void> {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.cwd(),
    env: process.env,
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(`callsim: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
