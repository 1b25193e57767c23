// The load test behind `callsim load`: provisions N trainee accounts through the admin
// API, runs N headless agents at once (one shared 20 ms pacer), each taking practice
// calls back to back until the duration is over, and reports what breaks first:
// frames lost, jitter, and turn latency (agent's last voiced frame → first customer frame).
import { randomBytes } from 'node:crypto';
import { FRAME_MS } from '@callsim/audio';
import { FramePacer } from './frame-pacer.js';
import { type AgentTurn, HeadlessSoftphone, login } from './headless-agent.js';

export interface LoadOptions {
  url: string;
  adminUser: string;
  adminPassword: string;
  agents: number;
  durationSec: number;
  scenarioId: string;
  turns: AgentTurn[];
  log?: (message: string) => void;
}

export interface LoadReport {
  agents: number;
  callsCompleted: number;
  framesSent: number;
  framesLost: number;
  jitterP99Ms: number;
  turnLatencyP50Ms: number;
  turnLatencyP95Ms: number;
  errors: number;
  errorSamples: string[];
  /** How late the generator's own 20 ms pacer ran at worst, ms: large values mean the load
   * generator itself was starved of CPU and its latency numbers include that. */
  generatorMaxLagMs: number;
}

/** The agents' first calls start spread over this long (a quarter of a shorter run). */
const MAX_RAMP_UP_MS = 10_000;
/**
 * The agents' microphones are out of step, as real softphones are: their frames are due in
 * 4 lanes 5 ms apart rather than all at the same instant of every 20 ms.
 */
const PACER_LANES = 4;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Creates (or resets) `count` trainee accounts `load-agent-<n>`; returns their credentials. */
async function provision(
  url: string,
  adminCookie: string,
  count: number,
  log: (message: string) => void,
): Promise<{ username: string; password: string }[]> {
  const password = randomBytes(9).toString('base64url');
  const listed = await fetch(`${url}/api/users`, { headers: { cookie: adminCookie } });
  if (!listed.ok) throw new Error(`listing users failed: ${listed.status}`);
  const existing = new Map(
    ((await listed.json()) as { id: string; username: string }[]).map((u) => [u.username, u.id]),
  );
  const accounts: { username: string; password: string }[] = [];
  for (let n = 1; n <= count; n++) {
    const username = `load-agent-${n}`;
    const id = existing.get(username);
    const response = id
      ? await fetch(`${url}/api/users/${id}/password`, {
          method: 'POST',
          headers: { cookie: adminCookie, 'content-type': 'application/json' },
          body: JSON.stringify({ password }),
        })
      : await fetch(`${url}/api/users`, {
          method: 'POST',
          headers: { cookie: adminCookie, 'content-type': 'application/json' },
          body: JSON.stringify({ username, password, role: 'trainee', className: 'load-test' }),
        });
    if (!response.ok)
      throw new Error(`provisioning ${username} failed: ${response.status} ${await response.text()}`);
    accounts.push({ username, password });
    if (n % 50 === 0 && n < count) log(`provisioned ${n}/${count} agents`);
  }
  return accounts;
}

/** Logs every agent in (a few at a time); a failed login is retried by the agent's loop. */
async function openPhones(
  url: string,
  accounts: { username: string; password: string }[],
  log: (message: string) => void,
): Promise<(HeadlessSoftphone | null)[]> {
  const phones: (HeadlessSoftphone | null)[] = new Array(accounts.length).fill(null);
  let next = 0;
  let opened = 0;
  const LOGINS_AT_ONCE = 8;
  await Promise.all(
    Array.from({ length: Math.min(LOGINS_AT_ONCE, accounts.length) }, async () => {
      while (next < accounts.length) {
        const index = next++;
        phones[index] = await HeadlessSoftphone.open({ url, ...accounts[index]! }).catch(() => null);
        opened++;
        if (opened % 50 === 0) log(`logged in ${opened}/${accounts.length}`);
      }
    }),
  );
  return phones;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const adminCookie = await login(options.url, options.adminUser, options.adminPassword);
  const accounts = await provision(options.url, adminCookie, options.agents, log);
  log(`provisioned ${accounts.length} agents`);
  // Everyone logs in before the clock starts, as a class does before calls come in:
  // password hashing is the server's deliberate cost per login, not per call.
  const phones = await openPhones(options.url, accounts, log);
  const rampUpMs = Math.min(MAX_RAMP_UP_MS, (options.durationSec * 1000) / 4);
  log(
    `${phones.length} agents logged in; taking calls for ${options.durationSec} s (first calls over ${Math.round(rampUpMs / 100) / 10} s)`,
  );
  const pacer = new FramePacer(FRAME_MS, PACER_LANES);
  const deadline = Date.now() + options.durationSec * 1000;
  const report: LoadReport = {
    agents: options.agents,
    callsCompleted: 0,
    framesSent: 0,
    framesLost: 0,
    jitterP99Ms: 0,
    turnLatencyP50Ms: 0,
    turnLatencyP95Ms: 0,
    errors: 0,
    errorSamples: [],
    generatorMaxLagMs: 0,
  };
  const latencies: number[] = [];
  const jitters: number[] = [];

  await Promise.all(
    accounts.map(async (account, index) => {
      // The first calls arrive spread over the ramp-up, as a queue fills, instead of every
      // call ringing, answering and speaking in lockstep with all the others.
      await new Promise((r) => setTimeout(r, (index * rampUpMs) / accounts.length));
      // One login and one socket per agent for the whole run, as a trainee's shift.
      let phone: HeadlessSoftphone | null = phones[index] ?? null;
      while (Date.now() < deadline) {
        try {
          phone ??= await HeadlessSoftphone.open({ url: options.url, ...account });
          const result = await phone.takeCall({
            scenarioId: options.scenarioId,
            turns: options.turns,
            pacer,
            idleTimeoutMs: 30_000,
          });
          report.callsCompleted++;
          report.framesSent += result.framesSent;
          report.framesLost += result.framesLost;
          latencies.push(...result.turnLatenciesMs);
          for (const j of result.arrivalJitterMs) if (jitters.length < 2_000_000) jitters.push(j);
        } catch (error) {
          report.errors++;
          if (report.errorSamples.length < 5) report.errorSamples.push((error as Error).message);
          // Start the next call on a fresh login: the failed one may still hold the seat.
          phone?.close();
          phone = null;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      phone?.close();
    }),
  );
  log(`done: ${report.callsCompleted} calls, ${report.errors} errors`);
  report.turnLatencyP50Ms = Math.round(percentile(latencies, 50));
  report.turnLatencyP95Ms = Math.round(percentile(latencies, 95));
  report.jitterP99Ms = Math.round(percentile(jitters, 99) * 10) / 10;
  report.generatorMaxLagMs = Math.round(pacer.maxLatenessMs);
  return report;
}
