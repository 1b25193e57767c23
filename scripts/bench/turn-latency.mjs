#!/usr/bin/env node
// Benchmark: turn latency — from the agent's last voiced frame to the first frame of the
// customer's reply, VAD endpointing included — with 1 and with 50 concurrent calls, on
// a fresh built server (SQLite, espeak-ng customer voice, browser-engine transcripts).
// Usage: node scripts/bench/turn-latency.mjs [--agents 1,50] [--duration 40]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'apps/server/bin/callsim.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const agentCounts = arg('agents', '1,50').split(',').map(Number);
const durationSec = Number(arg('duration', '40'));

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
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
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const load = spawnSync(
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
      '--duration',
      String(durationSec),
      '--json',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 10_000_000 },
  );
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  let report;
  try {
    report = JSON.parse(load.stdout.trim().split('\n').pop());
  } catch {
    console.error(load.stdout, load.stderr);
    continue;
  }
  rows.push({ agents, ...report });
}

console.log('\nturn latency (agent last voiced frame → first customer frame, endpointing included)');
console.log('agents  calls  p50 ms  p95 ms  frames sent  lost  jitter p99 ms  errors');
for (const r of rows) {
  console.log(
    `${String(r.agents).padStart(6)}  ${String(r.callsCompleted).padStart(5)}  ${String(r.turnLatencyP50Ms).padStart(6)}  ${String(r.turnLatencyP95Ms).padStart(6)}  ${String(r.framesSent).padStart(11)}  ${String(r.framesLost).padStart(4)}  ${String(r.jitterP99Ms).padStart(13)}  ${String(r.errors).padStart(6)}`,
  );
}
