#!/usr/bin/env node
// Benchmark: live calls on one node. For each agent count, starts a fresh built server
// (SQLite, espeak-ng customer voice, browser-engine transcripts), runs `callsim load` with
// that many headless agents on the same machine, and reports turn latency (the agent's last
// voiced frame → first frame of the customer's reply, VAD endpointing included), lost
// frames, jitter, and where the CPU went: the server's event-loop thread, its VAD inference
// thread, its other threads (scoring workers, libuv, GC), and the load generator.
// Usage: node scripts/bench/turn-latency.mjs [--agents 1,50] [--duration 40]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'apps/server/bin/callsim.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const agentCounts = arg('agents', '1,50').split(',').map(Number);
const durationSec = Number(arg('duration', '40'));
const CLOCK_TICKS_PER_SEC = 100;

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds per thread of a process (Linux /proc), keyed by "tid name". */
function threadCpu(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC);
    }
  } catch {}
  return out;
}

function processCpu(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineCpu() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

function diff(after, before) {
  const out = new Map();
  for (const [key, seconds] of after) out.set(key, seconds - (before.get(key) ?? 0));
  return out;
}

async function json(url, init) {
  const response = await fetch(url, init);
  return response.ok ? response.json() : null;
}

const rows = [];
for (const agents of agentCounts) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'callsim-bench-'));
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', CALLSIM_QUEUE_WAIT_MS: '600000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const load = spawn(
    process.execPath,
    [
      CLI,
      'load',
      '--url',
      url,
      '--user',
      'admin',
      '--password',
      'admin123',
      '--agents',
      String(agents),
    ].concat(['--duration', String(durationSec), '--json']),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  load.stdout.on('data', (d) => {
    stdout += d;
  });
  load.stderr.on('data', (d) => {
    stderr += d;
  });
  // Measure the steady middle of the calls: from 25 % to 90 % of the duration, counted
  // from the moment every agent is logged in and the calls start.
  await new Promise((resolve) => {
    const started = () => {
      if (/taking calls/.test(stderr)) {
        load.stderr.off('data', started);
        resolve();
      }
    };
    load.stderr.on('data', started);
    load.once('exit', resolve);
  });
  const windowStartMs = durationSec * 250;
  const windowMs = durationSec * 650;
  await new Promise((r) => setTimeout(r, windowStartMs));
  const t0 = {
    server: threadCpu(server.pid),
    load: processCpu(load.pid),
    machine: machineCpu(),
    at: performance.now(),
  };
  await new Promise((r) => setTimeout(r, windowMs));
  const t1 = {
    server: threadCpu(server.pid),
    load: processCpu(load.pid),
    machine: machineCpu(),
    at: performance.now(),
  };
  const admin = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin123' }),
  });
  const cookie = (admin.headers.get('set-cookie') ?? '').split(';')[0];
  const media = await json(`${url}/api/calls/media-stats`, { headers: { cookie } }).catch(() => null);
  await new Promise((r) => load.once('exit', r));
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });

  const seconds = (t1.at - t0.at) / 1000;
  const threads = [...diff(t1.server, t0.server)].sort((a, b) => b[1] - a[1]);
  const mainTid = String(server.pid);
  const main = threads.find(([key]) => key.split(' ')[0] === mainTid)?.[1] ?? 0;
  const vadTid = String(media?.vad?.osThreadId ?? '-');
  const vad = threads.find(([key]) => key.split(' ')[0] === vadTid)?.[1] ?? 0;
  const serverTotal = threads.reduce((sum, [, s]) => sum + s, 0);
  let report;
  try {
    report = JSON.parse(stdout.trim().split('\n').pop());
  } catch {
    console.error(stdout, stderr);
    continue;
  }
  const lag = stderr.match(/ran at most (\d+) ms late/);
  rows.push({
    agents,
    ...report,
    serverCpuPct: Math.round((100 * serverTotal) / seconds),
    mainThreadPct: Math.round((100 * main) / seconds),
    vadThreadPct: Math.round((100 * vad) / seconds),
    loadGenCpuPct: Math.round((100 * (t1.load - t0.load)) / seconds),
    // All cores together: 100 % per core; the rest is TTS tool processes, the kernel, everything else.
    machineCpuPct: Math.round(
      (100 * availableParallelism() * (t1.machine.busy - t0.machine.busy)) /
        (t1.machine.total - t0.machine.total),
    ),
    generatorMaxLagMs: lag ? Number(lag[1]) : null,
    media,
    topThreads: threads
      .slice(0, 8)
      .map(
        ([key, s]) =>
          `${key.split(' ').slice(1).join(' ')}${key.split(' ')[0] === mainTid ? ' (main)' : key.split(' ')[0] === vadTid ? ' (VAD)' : ''} ${Math.round((100 * s) / seconds)}%`,
      ),
  });
}

console.log(
  '\nlive calls on one node (turn latency = agent last voiced frame → first customer frame, endpointing included)',
);
console.log(
  'agents  calls  p50 ms  p95 ms  frames sent  lost  jitter p99  errors  server CPU %  main thr %  VAD thr %  loadgen CPU %  machine CPU %  gen lag ms',
);
for (const r of rows) {
  console.log(
    [
      String(r.agents).padStart(6),
      String(r.callsCompleted).padStart(5),
      String(r.turnLatencyP50Ms).padStart(6),
      String(r.turnLatencyP95Ms).padStart(6),
      String(r.framesSent).padStart(11),
      String(r.framesLost).padStart(4),
      String(r.jitterP99Ms).padStart(10),
      String(r.errors).padStart(6),
      String(r.serverCpuPct).padStart(12),
      String(r.mainThreadPct).padStart(10),
      String(r.vadThreadPct).padStart(9),
      String(r.loadGenCpuPct).padStart(13),
      `${r.machineCpuPct}/${availableParallelism() * 100}`.padStart(13),
      String(r.generatorMaxLagMs).padStart(10),
    ].join('  '),
  );
}
for (const r of rows) {
  console.log(`\n${r.agents} agents — busiest server threads: ${r.topThreads.join(', ')}`);
  if (r.media) console.log(`media stats: ${JSON.stringify(r.media)}`);
}
