#!/usr/bin/env node
// Benchmark: scoring one 5-minute stereo call end to end — decode the WAV, analyze both channels
// (pitch, intensity, pauses, syllables, with contours) and scoreCall against the zh-CN complaint
// scenario — inline on one thread, and through the server's scoring worker pool (both channels
// in parallel, then scoreCall in a thread, as the score-call job runs it). Measures only; the goal is ≤ 2 s per call.
// The call is built once with espeak-ng (voice cmn-latn-pinyin; plain `cmn` misreads Hanzi) and
// sox under tests/fixtures/generated/bench/. Needs `npm run build` (packages and server dist).
// Usage: node scripts/bench/score-call.mjs [--runs 5] [--minutes 5]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, 'tests/fixtures/generated/bench');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, minutes: { type: 'string', default: '5' } },
});
const runs = Number(values.runs);
const targetMs = Number(values.minutes) * 60_000;

let packages;
try {
  packages = {
    analysis: await import('@callsim/analysis'),
    audio: await import('@callsim/audio'),
    callScript: await import('@callsim/call-script'),
    scoring: await import('@callsim/scoring'),
  };
} catch (error) {
  console.log(`score-call bench needs the built packages: run \`npm run build\` first (${error.message})`);
  process.exit(1);
}
const { analyzeChannel } = packages.analysis;
const { decodeWav } = packages.audio;
const { parseCallScript, resolveScenario } = packages.callScript;
const { scoreCall } = packages.scoring;

// ---- the call: customer (right) and agent (left) taking turns ------------------------------

const EXCHANGES = [
  [
    '你好，我前天买的保温杯收到的时候就是破的，杯身有一道裂缝。',
    '您好，现代生活网上超市，很高兴为您服务，请问有什么可以帮您？',
  ],
  [
    '我刚才说了，杯子是破的，我很生气。',
    '非常抱歉给您带来不便，我非常理解您的心情，请您把订单号告诉我好吗？',
  ],
  ['订单号是二零二四一二零八三三。', '好的，我帮您查一下，请稍等，感谢您的耐心等待。'],
  ['那你们打算怎么处理？', '我们马上为您免费补寄一个新的，今天下午就发出，您看可以吗？'],
  ['什么时候能到？', '一般两到三天就能送到，到货后如果还有问题，您随时联系我们。'],
  ['好吧，那破的那个怎么办？', '破损的杯子您不用寄回，我们这边直接为您处理，您放心。'],
  ['行，那就这样吧。', '请问还有其他可以帮您的吗？感谢您的来电，祝您生活愉快，再见。'],
];

const seconds = (file) => Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }));

function speech(text, name) {
  const file = path.join(OUT_DIR, `${name}.wav`);
  if (existsSync(file)) return file;
  const raw = `${file}.raw.wav`;
  execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-s', '170', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', file]);
  execFileSync('rm', ['-f', raw]);
  return file;
}

function silence(ms) {
  const file = path.join(OUT_DIR, `silence-${ms}ms.wav`);
  if (!existsSync(file))
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file, 'trim', '0', String(ms / 1000)]);
  return file;
}

/** A stereo chunk: `file` on one channel, silence of the same length on the other, then a gap. */
function turnChunk(file, channel, gapMs, name) {
  const out = path.join(OUT_DIR, `${name}.wav`);
  if (existsSync(out)) return out;
  const padded = path.join(OUT_DIR, `${name}.mono.wav`);
  execFileSync('sox', [file, padded, 'pad', '0', String(gapMs / 1000)]);
  const quiet = silence(Math.round(seconds(padded) * 1000));
  const [left, right] = channel === 'agent' ? [padded, quiet] : [quiet, padded];
  execFileSync('sox', ['-M', left, right, '-b', '16', out]);
  execFileSync('rm', ['-f', padded]);
  return out;
}

/** Builds (once) the stereo call WAV and its transcript JSON; returns their paths. */
function buildCall() {
  mkdirSync(OUT_DIR, { recursive: true });
  const wavPath = path.join(OUT_DIR, `call-${values.minutes}min-stereo-16k.wav`);
  const transcriptPath = path.join(OUT_DIR, `call-${values.minutes}min-transcript.json`);
  if (existsSync(wavPath) && existsSync(transcriptPath)) return { wavPath, transcriptPath };
  const parts = [];
  const segments = [];
  let atMs = 0;
  for (let k = 0; atMs < targetMs; k++) {
    const [callerText, agentText] = EXCHANGES[k % EXCHANGES.length];
    for (const [speaker, text, gapMs] of [
      ['caller', callerText, 700],
      ['agent', agentText, 900],
    ]) {
      const name = `${speaker}-${k % EXCHANGES.length}`;
      const file = speech(text, name);
      const lengthMs = Math.round(seconds(file) * 1000);
      parts.push(turnChunk(file, speaker, gapMs, `${name}-turn`));
      segments.push({ speaker, startMs: atMs, endMs: atMs + lengthMs, text });
      atMs += lengthMs + gapMs;
    }
  }
  execFileSync('sox', [...parts, wavPath, 'trim', '0', String(targetMs / 1000)]);
  const transcript = { locale: 'zh-CN', segments: segments.filter((s) => s.endMs <= targetMs) };
  writeFileSync(transcriptPath, JSON.stringify(transcript, null, 2));
  return { wavPath, transcriptPath };
}

function loadScenario() {
  const file = path.join(ROOT, 'call-scripts/inbound/zh-CN/complaint-damaged-cup.yaml');
  const doc = parseCallScript(readFileSync(file, 'utf8'), file).document;
  const templateId = doc.scenario.agent?.template;
  let template = null;
  if (templateId) {
    const templateFile = path.join(ROOT, 'call-scripts/templates', `${templateId}.yaml`);
    template = parseCallScript(readFileSync(templateFile, 'utf8'), templateFile).document.template;
  }
  return resolveScenario(doc.scenario, template, file);
}

// ---- timing ------------------------------------------------------------------------------------

const { wavPath, transcriptPath } = buildCall();
const wavBytes = new Uint8Array(readFileSync(wavPath));
const transcript = JSON.parse(readFileSync(transcriptPath, 'utf8'));
const script = loadScenario();
const durationMs = Math.round((decodeWav(wavBytes).channels[0].length / 16000) * 1000);
const timeline = {
  durationMs,
  events: [
    { type: 'ring', atMs: -5000, ringCount: 1 },
    { type: 'answer', atMs: 0 },
    { type: 'hangup', atMs: durationMs },
  ],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;

function scoreWith(agent, caller) {
  return scoreCall({ script, transcript, timeline, analysis: { agent, caller } });
}

function inlineRun() {
  const t0 = performance.now();
  const decoded = decodeWav(wavBytes);
  const t1 = performance.now();
  const agent = analyzeChannel(decoded.channels[0], decoded.sampleRateHz, { includeContours: true });
  const t2 = performance.now();
  const caller = analyzeChannel(decoded.channels[1], decoded.sampleRateHz, { includeContours: true });
  const t3 = performance.now();
  const score = scoreWith(agent, caller);
  const t4 = performance.now();
  return { decode: t1 - t0, agent: t2 - t1, caller: t3 - t2, score: t4 - t3, total: t4 - t0, result: score };
}

async function loadPool() {
  const file = path.join(ROOT, 'apps/server/dist/results/scoring-workers.js');
  if (!existsSync(file)) return null;
  const { ScoringWorkers } = await import(file);
  return new ScoringWorkers({ size: 2, idleMs: 60_000 });
}

async function poolRun(pool) {
  const t0 = performance.now();
  const decoded = decodeWav(wavBytes);
  const t1 = performance.now();
  const [agent, caller] = await Promise.all(
    decoded.channels.map((c) => pool.analyze(c, decoded.sampleRateHz)),
  );
  const t2 = performance.now();
  await pool.score({ script, transcript, timeline, analysis: { agent, caller } });
  const t3 = performance.now();
  return { decode: t1 - t0, analysis: t2 - t1, score: t3 - t2, total: t3 - t0 };
}

console.log(
  `call: ${(durationMs / 60_000).toFixed(1)} min stereo 16 kHz, ${transcript.segments.length} transcript segments; ` +
    `${runs} runs; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

const inline = [];
for (let r = 0; r < runs; r++) inline.push(inlineRun());
const last = inline.at(-1).result;
console.log(`\ninline (one thread)            median     min     max`);
for (const key of ['decode', 'agent', 'caller', 'score', 'total']) {
  const xs = inline.map((x) => x[key]);
  console.log(`  ${key.padEnd(26)} ${ms(median(xs))} ${ms(Math.min(...xs))} ${ms(Math.max(...xs))}`);
}
console.log(`  (score ${last.total}, ${last.adherence.steps.filter((s) => s.found).length} steps found)`);

const pool = await loadPool();
if (!pool) {
  console.log('\nworker pool: apps/server/dist not built; run `npm run build` to measure the server path');
} else {
  const cold = await poolRun(pool);
  const warm = [];
  for (let r = 0; r < runs; r++) warm.push(await poolRun(pool));
  console.log(`\nworker pool (2 threads, as the score-call job)  median     min     max`);
  for (const key of ['decode', 'analysis', 'score', 'total']) {
    const xs = warm.map((x) => x[key]);
    console.log(`  ${key.padEnd(26)} ${ms(median(xs))} ${ms(Math.min(...xs))} ${ms(Math.max(...xs))}`);
  }
  console.log(`  first run incl. thread start  ${ms(cold.total)}`);
  await pool.close();
}
console.log(`\ngoal: ≤ 2000 ms per 5-minute call (end to end)`);
