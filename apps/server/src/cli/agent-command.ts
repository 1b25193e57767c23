// `callsim agent --url URL --user U --password P (--scenario ID | --task ID) --turns turns.json [--json]`:
// a headless softphone takes one call (or dials one outbound task) and prints
// { callId, recordingPath, timelinePath, endedBy } (plus `dialOutcome` for a task).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type AgentTurn, runHeadlessAgent } from '../agent/headless-agent.js';
import { type CliIo, UsageError } from './io.js';

export const AGENT_HELP = `callsim agent --url URL --user U --password P (--scenario ID | --task ID) --turns turns.json [--json] [--exam]
  A headless softphone: logs in, goes Ready, takes a practice call of the scenario (or dials
  the outbound task: ringback, then the dial's outcome), speaks each turn after the customer finishes a line (WAV streamed in
  real time as 20 ms frames; "text", when given, is sent as the browser engine's transcript),
  then hangs up or lets the customer hang up.
  turns.json: [ { "wav": "a.wav", "text": "optional" } ]  (wav paths relative to turns.json)`;

export async function runAgentCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      scenario: { type: 'string' },
      task: { type: 'string' },
      turns: { type: 'string' },
      json: { type: 'boolean' },
      exam: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    io.out(AGENT_HELP);
    return 0;
  }
  for (const flag of ['url', 'user', 'password', 'turns'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required`);
  }
  if (!values.scenario === !values.task) throw new UsageError('give exactly one of --scenario or --task');
  const turnsFile = path.resolve(io.cwd, values.turns!);
  const turns = await readTurns(turnsFile);
  try {
    const result = await runHeadlessAgent({
      url: values.url!.replace(/\/$/, ''),
      username: values.user!,
      password: values.password!,
      ...(values.scenario ? { scenarioId: values.scenario } : {}),
      ...(values.task ? { taskId: values.task } : {}),
      mode: values.exam ? 'exam' : 'practice',
      turns,
      log: values.json ? undefined : (message) => io.err(message),
    });
    const summary = {
      callId: result.callId,
      recordingPath: result.recordingPath,
      timelinePath: result.timelinePath,
      endedBy: result.endedBy,
      ...(result.dialOutcome ? { dialOutcome: result.dialOutcome } : {}),
    };
    io.out(
      values.json
        ? JSON.stringify(summary)
        : `call ${summary.callId} ended by ${summary.endedBy}${result.dialOutcome ? ` (dial: ${result.dialOutcome})` : ''}\nrecording: ${summary.recordingPath}\ntimeline: ${summary.timelinePath}`,
    );
    return 0;
  } catch (error) {
    const e = error as { code?: string; message: string };
    io.err(`callsim agent: ${e.message}${e.code ? ` (${e.code})` : ''}`);
    return 1;
  }
}

async function readTurns(file: string): Promise<AgentTurn[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new UsageError(`${file}: expected a non-empty array of { "wav": …, "text"?: … }`);
  return parsed.map((item, index) => {
    const turn = item as { wav?: unknown; text?: unknown };
    if (typeof turn.wav !== 'string') throw new UsageError(`${file}: turn ${index + 1} has no "wav"`);
    if (turn.text !== undefined && typeof turn.text !== 'string')
      throw new UsageError(`${file}: turn ${index + 1}: "text" must be a string`);
    return {
      wav: path.resolve(path.dirname(file), turn.wav),
      ...(typeof turn.text === 'string' ? { text: turn.text } : {}),
    };
  });
}
