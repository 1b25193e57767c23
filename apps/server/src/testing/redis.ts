// Redis for tests: the one TEST_REDIS_URL names (CI starts it with
// scripts/services/start-redis.sh), else a private redis-server on a free loopback port
// when the binary is installed (no persistence, stopped by close()), else none, and
// redisUnavailableReason() says why so the tests skip with that reason.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /**
   * Unique to this TestRedis. Start every key with it (BullMQ `prefix`, socket.io adapter
   * `key`, lock names) so test files sharing TEST_REDIS_URL never see each other's data.
   */
  keyPrefix: string;
  /** Deletes the keys under keyPrefix from a shared Redis, or stops the private server. */
  close(): Promise<void>;
}

export interface TestRedisOptions {
  /**
   * A redis-server of its own even when TEST_REDIS_URL is set: for code whose keys are
   * fixed, such as a whole callsim node (its queue lives under `callsim:`).
   */
  exclusive?: boolean;
}

const START_TIMEOUT_MS = 10_000;

/** Why tests needing Redis cannot run here, or null when they can. Synchronous, for `describe.skipIf`. */
export function redisUnavailableReason(options: TestRedisOptions = {}): string | null {
  if (process.env.TEST_REDIS_URL && !options.exclusive) return null;
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0) return null;
  return options.exclusive
    ? 'needs a redis-server binary to start a Redis of its own (apt-get install redis-server)'
    : 'no TEST_REDIS_URL and no redis-server binary (run scripts/services/start-redis.sh)';
}

/** A Redis for one test file; call close() in afterAll. */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const keyPrefix = `t${randomBytes(4).toString('hex')}:`;
  const shared = process.env.TEST_REDIS_URL;
  if (shared && !options.exclusive) {
    return { url: shared, keyPrefix, close: () => deleteKeys(shared, keyPrefix) };
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'callsim-redis-'));
  const logFile = path.join(dir, 'redis.log');
  // No persistence: --save '' and no AOF; --dir keeps anything it writes out of the checkout.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const server = spawn('redis-server', [...args, '--dir', dir, '--logfile', logFile], { stdio: 'ignore' });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(server, port);
  } catch (error) {
    const log = readLog(logFile);
    await stop();
    throw new Error(`redis-server did not start on port ${port}: ${(error as Error).message}\n${log}`);
  }
  return { url: `redis://127.0.0.1:${port}`, keyPrefix, close: stop };
}

async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  try {
    for await (const keys of client.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await client.unlink(...(keys as string[]));
    }
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitUntilAnswering(server: ChildProcess, port: number): Promise<void> {
  const deadlineMs = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadlineMs) {
    if (server.exitCode !== null) throw new Error(`exited with code ${server.exitCode}`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer within ${START_TIMEOUT_MS} ms`);
}

/** One PING over a raw socket: no client library retrying behind our back. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
