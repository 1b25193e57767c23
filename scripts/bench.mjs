#!/usr/bin/env node
// `npm run bench`: runs every benchmark and prints what it measured. Benchmarks measure;
// they assert nothing. Run one with `npm run bench -- NAME` (names below).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCHES = {
  'turn-latency': ['scripts/bench/turn-latency.mjs'],
  'analyze-vs-praat': ['scripts/bench/analyze-vs-praat.mjs', '--runs', '3'],
  'score-call': ['scripts/bench/score-call.mjs', '--runs', '5'],
  'socket-wire': ['scripts/bench/socket-wire.mjs', '--runs', '5'],
};

const only = process.argv.slice(2);
for (const [name, [script, ...args]] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.stdout.write(`(${name} exited ${result.status})\n`);
}
