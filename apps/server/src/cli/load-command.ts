// `callsim load --url URL --user ADMIN --password P --agents N --duration SEC [--scenario ID] [--turns turns.json] [--json]`
// provisions N trainees and runs N headless agents at once; prints
// { agents, callsCompleted, framesSent, framesLost, jitterP99Ms, turnLatencyP50Ms, turnLatencyP95Ms, errors }.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTurns } from '../agent/default-turns.js';
import type { AgentTurn } from '../agent/headless-agent.js';
import { runLoad } from '../agent/load-test.js';
import { type CliIo, UsageError } from './io.js';

export const LOAD_HELP = `callsim load --url URL --user ADMIN --password P --agents N --duration SEC [--scenario ID] [--turns turns.json] [--json]
  Provisions N trainee accounts (load-agent-1…N) and logs them all in; then each agent takes
  calls back to back on its one socket for SEC seconds (the first calls spread over up to
  10 s), and the report gives frames lost, jitter and turn latency. Progress goes to stderr.
  Targets loopback only.`;

export async function runLoadCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      agents: { type: 'string' },
      duration: { type: 'string' },
      scenario: { type: 'string', default: 'complaint-damaged-cup' },
      turns: { type: 'string' },
      locale: { type: 'string', default: 'zh-CN' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(LOAD_HELP);
    return 0;
  }
  for (const flag of ['url', 'user', 'password', 'agents', 'duration'] as const)
    if (!values[flag]) throw new UsageError(`--${flag} is required`);
  const agents = Number(values.agents);
  const durationSec = Number(values.duration);
  if (!Number.isInteger(agents) || agents < 1 || agents > 2000)
    throw new UsageError('--agents must be an integer from 1 to 2000');
  if (!(durationSec > 0 && durationSec <= 3600)) throw new UsageError('--duration must be 1–3600 seconds');
  let turns: AgentTurn[];
  if (values.turns) {
    const file = path.resolve(io.cwd, values.turns);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as AgentTurn[];
    turns = parsed.map((t) => ({ ...t, wav: path.resolve(path.dirname(file), t.wav) }));
  } else {
    turns = defaultTurns(values.locale!);
  }
  const report = await runLoad({
    url: values.url!.replace(/\/$/, ''),
    adminUser: values.user!,
    adminPassword: values.password!,
    agents,
    durationSec,
    scenarioId: values.scenario!,
    turns,
    // Progress goes to stderr either way; with --json, stdout carries only the report.
    log: (m) => io.err(m),
  });
  const { errorSamples, generatorMaxLagMs, ...contract } = report;
  if (values.json) io.out(JSON.stringify(contract));
  else io.out(JSON.stringify(contract, null, 2));
  if (errorSamples.length) io.err(`first errors:\n  ${errorSamples.join('\n  ')}`);
  io.err(`load generator: its 20 ms pacer ran at most ${generatorMaxLagMs} ms late`);
  return report.errors > 0 && report.callsCompleted === 0 ? 1 : 0;
}
