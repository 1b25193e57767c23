// Speed and accuracy numbers for the speech engines, printed as JSON (not asserted anywhere):
// VAD CPU µs per 20 ms frame (Silero, energy gate, gated mix), VAD boundary errors, TTS latency
// cold and cached, pocketsphinx per-turn latency. Run: npx tsx packages/speech/bench/speech-bench.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asteriskPrompt, espeakSpeech, frames, speechBoundsMs } from '../src/__fixtures__/speech-audio.js';
import {
  createEnergyGate,
  createEspeakTts,
  createPocketsphinxAsr,
  createTtsCache,
  createVad,
  type TtsRequest,
  type VadEvent,
  type VadSpeechEnd,
} from '../src/index.js';

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? Number.NaN;
const median = (values: number[]) => quantile(values, 0.5);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
/** CPU time (user + system) since `start`, in µs: robust to other load on the machine. */
const cpuMicros = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

function vadCost(
  samples: Int16Array,
  energyGate: false | undefined,
  repeats = 3,
): { usPerFrame: number; skipped: number } {
  const costs: number[] = [];
  let skipped = 0;
  for (let r = 0; r < repeats; r++) {
    const vad = createVad({ energyGate });
    const frameList = [...frames(samples)];
    const start = process.cpuUsage();
    for (const { frame, atMs } of frameList) vad.pushFrame(frame, atMs);
    costs.push(cpuMicros(start) / frameList.length);
    skipped = vad.stats().framesSkipped / vad.stats().framesIn;
  }
  return { usPerFrame: round(median(costs)), skipped: round(skipped, 2) };
}

function gateCost(samples: Int16Array): number {
  const gate = createEnergyGate();
  const frameList = [...frames(samples)];
  const start = process.cpuUsage();
  for (let r = 0; r < 20; r++) for (const { frame } of frameList) gate.update(frame, 20, false);
  return round(cpuMicros(start) / (20 * frameList.length), 2);
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function boundaryErrors() {
  const cases = [
    ['Thank you for calling, how can I help you today?', 'en-us'],
    ['Is there anything else I can help you with?', 'en-us'],
    ['I am sorry to hear that. Let me check your order.', 'en-us'],
    ['Hello, this is customer service.', 'en-us'],
    ['您好，欢迎致电客户服务中心，请问有什么可以帮您？', 'cmn'],
    ['请您稍等，我帮您查一下订单。', 'cmn'],
    ['感谢您的来电，再见。', 'cmn'],
    ['好的', 'cmn'],
  ] as const;
  const inputs: { name: string; samples: Int16Array; startMs: number; endMs: number }[] = cases.map(
    ([text, voice]) => {
      const bounds = speechBoundsMs(espeakSpeech(text, voice));
      return {
        name: text,
        samples: espeakSpeech(text, voice, 1000, 2000),
        startMs: bounds.startMs + 1000,
        endMs: bounds.endMs + 1000,
      };
    },
  );
  for (const name of [
    'pls-hold-while-try',
    'vm-nobodyavail',
    'transfer',
    'please-try-call-later',
    'queue-thankyou',
    'vm-sorry',
  ]) {
    const prompt = asteriskPrompt(name);
    const bounds = speechBoundsMs(prompt, -45);
    const padded = new Int16Array(prompt.length + 48_000);
    padded.set(prompt, 16_000);
    inputs.push({ name, samples: padded, startMs: bounds.startMs + 1000, endMs: bounds.endMs + 1000 });
  }
  return inputs.map(({ name, samples, startMs, endMs }) => {
    const vad = createVad({ endSilenceMs: 600 });
    const events: VadEvent[] = [];
    for (const { frame, atMs } of frames(samples)) events.push(...vad.pushFrame(frame, atMs));
    const ends = events.filter((e): e is VadSpeechEnd => e.type === 'speech-end');
    const first = ends[0];
    const last = ends.at(-1);
    const start = events.find((e) => e.type === 'speech-start');
    return {
      name: name.slice(0, 24),
      segments: ends.length,
      startErrorMs: first ? round(first.startMs - startMs) : null,
      endErrorMs: last ? round(last.lastVoicedMs - endMs) : null,
      endpointAfterLastVoicedMs: last ? round(last.atMs - last.lastVoicedMs) : null,
      detectLatencyMs: start ? round(start.atMs - startMs) : null,
    };
  });
}

const spread = (values: number[]) => ({
  median: round(median(values), 2),
  p99: round(quantile(values, 0.99), 2),
  max: round(Math.max(...values), 2),
});

async function ttsLatency() {
  const cacheDir = mkdtempSync(join(tmpdir(), 'callsim-bench-tts-'));
  const lines: TtsRequest[] = [
    {
      text: '您好，我上周买的耳机到现在还没有发货，请帮我查一下。',
      locale: 'zh-CN',
      voice: { gender: 'female' },
    },
    {
      text: 'Hi, I ordered headphones last week and they still have not shipped.',
      locale: 'en-US',
      voice: { gender: 'male' },
    },
    { text: '好的，谢谢。', locale: 'zh-CN' },
    { text: 'Thanks, goodbye.', locale: 'en-US' },
  ];
  const cache = createTtsCache(createEspeakTts(), { cacheDir });
  // A second process reading the same cache from disk only (as after a restart).
  const diskOnly = createTtsCache(createEspeakTts(), { cacheDir, memoryBudgetBytes: 0 });
  const cold: number[] = [];
  for (const line of lines) {
    const t = performance.now();
    await cache.synthesize(line);
    cold.push(performance.now() - t);
  }
  const memoryHit: number[] = [];
  const diskHit: number[] = [];
  for (let r = 0; r < 50; r++) {
    for (const line of lines) {
      let t = performance.now();
      await cache.getCachedPcm(line);
      memoryHit.push(performance.now() - t);
      t = performance.now();
      await diskOnly.getCachedPcm(line);
      diskHit.push(performance.now() - t);
    }
  }
  return {
    coldSynthesizeMs: { median: round(median(cold)), max: round(Math.max(...cold)) },
    cachedMemoryHitMs: spread(memoryHit),
    cachedDiskHitMs: spread(diskHit),
  };
}

async function pocketsphinxLatency() {
  const asr = createPocketsphinxAsr();
  const t0 = performance.now();
  await asr.warmUp();
  const warmUpMs = performance.now() - t0;
  const perTurn: { audioMs: number; decodeMs: number }[] = [];
  for (const name of ['transfer', 'vm-dialout', 'pls-hold-while-try', 'vm-nobodyavail', 'privacy-prompt']) {
    const samples = asteriskPrompt(name);
    const t = performance.now();
    await asr.transcribe({ samples, sampleRateHz: 16_000, locale: 'en-US' });
    perTurn.push({ audioMs: samples.length / 16, decodeMs: round(performance.now() - t) });
  }
  await asr.close();
  return {
    warmUpMs: round(warmUpMs),
    medianDecodeMs: median(perTurn.map((p) => p.decodeMs)),
    realTimeFactor: round(
      perTurn.reduce((n, p) => n + p.decodeMs, 0) / perTurn.reduce((n, p) => n + p.audioMs, 0),
      2,
    ),
  };
}

async function main() {
  const speech = espeakSpeech('Thank you for calling customer service. How can I help you today?', 'en-us');
  const silence = new Int16Array(16_000 * 10);
  // A listening agent: ~30 % speech, 70 % silence.
  const mixed = concat([
    silence.subarray(0, 32_000),
    speech,
    silence.subarray(0, 96_000),
    speech,
    silence.subarray(0, 64_000),
  ]);
  const createStart = performance.now();
  const rssBefore = process.memoryUsage().rss;
  const many = Array.from({ length: 50 }, () => createVad());
  const perInstanceMs = (performance.now() - createStart) / many.length;
  const perInstanceMb = (process.memoryUsage().rss - rssBefore) / many.length / 1024 / 1024;

  const report = {
    machine: {
      cpus: (await import('node:os')).cpus().length,
      loadAvg1m: round((await import('node:os')).loadavg()[0] ?? 0, 2),
    },
    vad: {
      sileroOnSpeechUsPerFrame: vadCost(speech, false).usPerFrame,
      sileroOnSilenceUsPerFrame: vadCost(silence, false).usPerFrame,
      gatedOnSilenceUsPerFrame: vadCost(silence, undefined).usPerFrame,
      energyGateOnlyUsPerFrame: gateCost(mixed),
      mixed30PercentSpeech: { silero: vadCost(mixed, false), gated: vadCost(mixed, undefined) },
      createInstanceMs: round(perInstanceMs),
      rssPerInstanceMb: round(perInstanceMb, 2),
    },
    vadBoundaries: boundaryErrors(),
    tts: await ttsLatency(),
    pocketsphinx: await pocketsphinxLatency(),
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
