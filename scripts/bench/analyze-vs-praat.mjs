#!/usr/bin/env node
// Benchmark: the whole `callsim analyze <wav> --json` process vs a Praat script doing pitch + intensity +
// syllable nuclei (scripts/corpus/praat/measure.praat) on the same 10-minute 16 kHz file. Measures only.
// Usage: node scripts/bench/analyze-vs-praat.mjs [--runs 3] [--minutes 10]
// The file is built from the analysis corpus (generated first if missing) with 300 ms gaps between clips.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { CORPUS_DIR, MANIFEST_PATH, PRAAT_MEASURE_SCRIPT, REPO_ROOT } from '../corpus/corpus-paths.mjs';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, minutes: { type: 'string', default: '10' } },
});
const runs = Number(values.runs);
const minutes = Number(values.minutes);

/** Concatenates corpus speech (not tones) with 300 ms gaps until `minutes` long; reuses an existing file. */
function buildLongFile() {
  if (!existsSync(MANIFEST_PATH))
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'corpus', 'make-corpus.mjs')]);
  const outDir = join(REPO_ROOT, 'tests', 'fixtures', 'generated', 'bench');
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `speech-${minutes}min-16k.wav`);
  if (existsSync(target)) return target;
  const gap = join(outDir, 'gap-300ms.wav');
  execFileSync('sox', ['-D', '-n', '-r', '16000', '-b', '16', '-c', '1', gap, 'trim', '0', '0.3']);
  const speech = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')).filter((e) => e.kind !== 'tone');
  const seconds = (file) =>
    Number(execFileSync('soxi', ['-D', join(CORPUS_DIR, file)], { encoding: 'utf8' }));
  const durations = speech.map((e) => seconds(e.file));
  const clipSeconds = durations.reduce((a, b) => a + b, 0) + 0.3 * speech.length;
  const repeats = Math.ceil((minutes * 60) / clipSeconds);
  const parts = [];
  for (let r = 0; r < repeats; r++) for (const e of speech) parts.push(join(CORPUS_DIR, e.file), gap);
  execFileSync('sox', ['-D', ...parts, target, 'trim', '0', String(minutes * 60)]);
  return target;
}

/**
 * How to run `callsim analyze`: the built CLI if it knows the command, else the built command module
 * (apps/server/dist), else the TypeScript source through tsx (slower start).
 */
function analyzeCommand(file) {
  const bin = join(REPO_ROOT, 'apps', 'server', 'bin', 'callsim.js');
  if (existsSync(bin)) {
    try {
      const probe = execFileSync(process.execPath, [bin, 'analyze', '--help'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      if (probe.includes('callsim analyze'))
        return { label: 'node bin/callsim.js analyze', args: [bin, 'analyze', file, '--json'] };
    } catch {
      // not built or not wired yet: fall through
    }
  }
  const runner = (modulePath) => `const m = await import(${JSON.stringify(modulePath)});
process.exitCode = await m.runAnalyzeCommand(process.argv.slice(1), {
  out: (s) => process.stdout.write(s + '\\n'), err: (s) => process.stderr.write(s + '\\n'), cwd: process.cwd() });`;
  const built = join(REPO_ROOT, 'apps', 'server', 'dist', 'cli', 'analyze-command.js');
  if (existsSync(built)) {
    return {
      label: 'node dist/cli/analyze-command.js',
      args: ['--input-type=module', '-e', runner(built), file, '--json'],
    };
  }
  const source = join(REPO_ROOT, 'apps', 'server', 'src', 'cli', 'analyze-command.ts');
  return {
    label: 'tsx src/cli/analyze-command.ts (not built)',
    args: [
      '--import',
      'tsx',
      '--conditions=source',
      '--input-type=module',
      '-e',
      runner(source),
      file,
      '--json',
    ],
  };
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall time of the whole process, and its CPU time (user + system) when /usr/bin/time exists. */
async function timeIt(command, args) {
  const start = process.hrtime.bigint();
  const [file, fileArgs] = TIME ? [TIME, ['-f', 'CPU %U %S', command, ...args]] : [command, args];
  const { stdout, stderr } = await run(file, fileArgs, { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const file = buildLongFile();
  const ours = analyzeCommand(file);
  const praatArgs = ['--run', PRAAT_MEASURE_SCRIPT, file, '-25', '2', '0.25'];
  const oursMs = [];
  const praatMs = [];
  const oursCpuMs = [];
  const praatCpuMs = [];
  let oursJson;
  let praatLine;
  for (let i = 0; i < runs; i++) {
    const a = await timeIt(process.execPath, ours.args);
    oursMs.push(a.ms);
    oursCpuMs.push(a.cpuMs);
    oursJson = JSON.parse(a.stdout);
    const p = await timeIt('praat', praatArgs);
    praatMs.push(p.ms);
    praatCpuMs.push(p.cpuMs);
    praatLine = p.stdout.trim();
  }
  const praat = Object.fromEntries([...praatLine.matchAll(/(\w+)=(\S+)/g)].map(([, k, v]) => [k, Number(v)]));
  const channel = oursJson.channels[0];
  const fmt = (ms, cpuMs) =>
    `${(ms / 1000).toFixed(2)} s${cpuMs === undefined ? '' : ` (cpu ${(cpuMs / 1000).toFixed(2)} s)`}`;
  console.log(`file: ${file} (${(oursJson.durationMs / 60000).toFixed(1)} min, 16 kHz mono)`);
  console.log(`runs: ${runs} each, alternating; whole process wall time (and CPU time, user + system)\n`);
  const rows = [
    ['', 'callsim analyze', 'praat (pitch+intensity+syllables)'],
    ['command', ours.label, 'praat --run measure.praat'],
    ...oursMs.map((ms, i) => [`run ${i + 1}`, fmt(ms, oursCpuMs[i]), fmt(praatMs[i], praatCpuMs[i])]),
    [
      'median',
      fmt(median(oursMs), TIME && median(oursCpuMs)),
      fmt(median(praatMs), TIME && median(praatCpuMs)),
    ],
    ['speed-up', `${(median(praatMs) / median(oursMs)).toFixed(1)}×`, '1.0×'],
    ['F0 median', `${channel.f0.medianHz} Hz`, `${praat.f0median.toFixed(1)} Hz`],
    [
      'F0 p10–p90',
      `${channel.f0.p10Hz}–${channel.f0.p90Hz} Hz`,
      `${praat.f0p10.toFixed(1)}–${praat.f0p90.toFixed(1)} Hz`,
    ],
    [
      'syllables',
      String(Math.round((channel.syllableRatePerSec * oursJson.durationMs) / 1000)),
      String(praat.syllables),
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('   '));
}

await main();
