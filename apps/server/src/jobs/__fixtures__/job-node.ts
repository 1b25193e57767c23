// A callsim node's job queue alone in its own process, for tests that kill things
// (redis-job-queue.test.ts). Run with tsx: job-node.ts <redis url> <key prefix> <lease ms>.
// Prints `ready` once Redis answers and `running <attempt>` when it takes a `follow-up`
// job, which it never finishes. On SIGTERM it stops the queue, prints `stopped` and
// leaves the process to end on its own: a connection left open would keep it alive.
import pino from 'pino';
import { RedisJobQueue } from '../redis-job-queue.js';

const [url, prefix, leaseMs] = process.argv.slice(2);
if (!url || !prefix || !leaseMs) throw new Error('usage: job-node.ts <redis url> <key prefix> <lease ms>');
const queue = new RedisJobQueue({ url, prefix, leaseMs: Number(leaseMs) }, pino({ level: 'silent' }));
queue.handle('follow-up', async (_payload, job) => {
  process.stdout.write(`running ${job.attempt}\n`);
  await new Promise(() => undefined);
});
queue.start();
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
  void queue.stop().then(() => process.stdout.write('stopped\n'));
});
while (!stopping && (await queue.health()).status !== 'ok') await new Promise((r) => setTimeout(r, 50));
if (!stopping) process.stdout.write('ready\n');
