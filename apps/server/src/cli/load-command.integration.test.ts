// `callsim load` against a real server over loopback sockets: the printed report has exactly
// the keys of the ARCHITECTURE.md contract, the calls really ran (espeak-ng speech in,
// customer lines out, Silero endpointing), and each agent works a shift on one login and
// one socket the way the browser softphone does, instead of logging in for every call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { CliIo } from './io.js';
import { runLoadCommand } from './load-command.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('callsim load', () => {
  it('prints the contract report; one agent takes two calls on one login', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), cwd: process.cwd(), env: {} };
    const code = await runLoadCommand(
      [
        '--url',
        t.url,
        '--user',
        'admin',
        '--password',
        'admin123',
        '--agents',
        '1',
        '--duration',
        '34',
        '--json',
      ],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.join('\n')) as Record<string, number>;
    expect(Object.keys(report).sort()).toEqual(
      [
        'agents',
        'callsCompleted',
        'errors',
        'framesLost',
        'framesSent',
        'jitterP99Ms',
        'turnLatencyP50Ms',
        'turnLatencyP95Ms',
      ].sort(),
    );
    expect(report).toMatchObject({ agents: 1, errors: 0, framesLost: 0 });
    expect(report.callsCompleted).toBeGreaterThanOrEqual(2);
    // Real time: a call of 20 ms frames sends 50 a second.
    expect(report.framesSent).toBeGreaterThan(report.callsCompleted! * 8 * 50);
    // Endpointing alone waits for ~0.5 s of silence; a reply can't come sooner.
    expect(report.turnLatencyP50Ms).toBeGreaterThan(400);
    expect(report.turnLatencyP95Ms).toBeLessThan(5_000);
    // Progress goes to stderr even with --json.
    expect(err.join('\n')).toMatch(/1 agents logged in; taking calls for 34 s/);

    const db = t.server.ctx.db;
    const agent = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'load-agent-1')
      .executeTakeFirstOrThrow();
    const sessions = await db.selectFrom('sessions').select('id').where('userId', '=', agent.id).execute();
    expect(sessions).toHaveLength(1);
    const calls = await db
      .selectFrom('calls')
      .select('id')
      .where('agentUserId', '=', agent.id)
      .where('status', '=', 'ended')
      .execute();
    expect(calls.length).toBe(report.callsCompleted);
  }, 90_000);
});
