// Contract tests of the espeak-ng engine: real synthesis in both locales, voice hints that a
// listener would hear (gender → pitch, rate → duration), typed errors, and the audio tool thread
// it renders on: right length at any line length, many lines at once, a crash or close never
// leaves a render hanging, and the next render recovers.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { medianF0Hz, speechBoundsMs } from '../__fixtures__/speech-audio.js';
import { spawnToolThread, ToolThread } from '../toolchain/tool-thread.js';
import { createEspeakTts } from './espeak-tts.js';

const tts = createEspeakTts();
const EN = 'Thank you for calling customer service, how can I help you today?';
const ZH = '您好，欢迎致电客户服务中心，请问有什么可以帮您？';

describe('espeak-ng TTS', () => {
  it('speaks en-US as 16 kHz mono speech of plausible duration', async () => {
    const result = await tts.synthesize({ text: EN, locale: 'en-US' });
    expect(result).toMatchObject({ sampleRateHz: 16_000, engine: 'espeak-ng' });
    // 12 words at 120–220 words per minute.
    const durationMs = result.samples.length / 16;
    expect(durationMs).toBeGreaterThan((12 / 220) * 60_000);
    expect(durationMs).toBeLessThan((12 / 120) * 60_000);
    const bounds = speechBoundsMs(result.samples);
    expect(bounds.endMs - bounds.startMs).toBeGreaterThan(durationMs * 0.8);
  });

  it('speaks zh-CN as 16 kHz mono speech of plausible duration', async () => {
    const result = await tts.synthesize({ text: ZH, locale: 'zh-CN' });
    expect(result).toMatchObject({ sampleRateHz: 16_000, engine: 'espeak-ng' });
    // 22 characters at 120–400 字/min (espeak's Mandarin is slow but not that slow).
    const durationMs = result.samples.length / 16;
    expect(durationMs).toBeGreaterThan((22 / 400) * 60_000);
    expect(durationMs).toBeLessThan((22 / 120) * 60_000);
  });

  it('maps gender to a voice variant a listener hears: female pitch well above male', async () => {
    for (const [locale, text] of [
      ['en-US', EN],
      ['zh-CN', ZH],
    ] as const) {
      const male = await tts.synthesize({ text, locale, voice: { gender: 'male' } });
      const female = await tts.synthesize({ text, locale, voice: { gender: 'female' } });
      expect(medianF0Hz(female.samples)).toBeGreaterThan(medianF0Hz(male.samples) * 1.4);
    }
  });

  it('maps rate and pitch hints relative to the defaults', async () => {
    const slow = await tts.synthesize({ text: EN, locale: 'en-US', voice: { rate: 0.7 } });
    const fast = await tts.synthesize({ text: EN, locale: 'en-US', voice: { rate: 1.4 } });
    expect(slow.samples.length / fast.samples.length).toBeGreaterThan(1.5);
    const low = await tts.synthesize({ text: EN, locale: 'en-US', voice: { pitch: 0.6 } });
    const high = await tts.synthesize({ text: EN, locale: 'en-US', voice: { pitch: 1.6 } });
    expect(medianF0Hz(high.samples)).toBeGreaterThan(medianF0Hz(low.samples) * 1.1);
  });

  it('identifies itself with its version and voice for the cache key', async () => {
    const id = await tts.identify({ text: EN, locale: 'en-US', voice: { gender: 'female' } });
    expect(id).toMatch(/^espeak-ng\|\d+\.\d+.*-v en-us\+f3/);
  });

  it('rejects bad requests with SPEECH_BAD_INPUT / SPEECH_UNSUPPORTED_LOCALE', async () => {
    await expect(tts.synthesize({ text: '  ', locale: 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
    });
    await expect(tts.synthesize({ text: 'hi', locale: 'en-US', voice: { rate: 9 } })).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
      details: { field: 'voice.rate' },
    });
    await expect(tts.synthesize({ text: 'hi', locale: 'fr-FR' as 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_UNSUPPORTED_LOCALE',
    });
  });

  it('says clearly when espeak-ng is not installed', async () => {
    const missing = createEspeakTts({ espeakPath: 'espeak-ng-not-installed' });
    expect(missing.problem()).toMatch(
      /espeak-ng-not-installed is not installed \(apt-get install espeak-ng\)/,
    );
    await expect(missing.synthesize({ text: 'hello', locale: 'en-US' })).rejects.toMatchObject({
      name: 'SpeechError',
      code: 'SPEECH_ENGINE_UNAVAILABLE',
      retryable: false,
    });
  });
});

/** Pids of this process's children whose command line mentions `name`. */
function childPids(name: string, parentPid = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      if (ppid === parentPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(name))
        pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/** Samples espeak-ng itself writes for `text` (mono s16 after a 44-byte header, at 22 050 Hz). */
function espeakCliSamples(text: string): number {
  const wav = execFileSync('espeak-ng', ['-v', 'en-us', '-s', '175', '-p', '50', '-z', '--stdout', text]);
  return (wav.byteLength - 44) / 2;
}

describe('espeak-ng on the audio tool thread', () => {
  it.each([
    ['1 s', 'Hello there, John.'],
    ['3 s', 'Hi, I ordered headphones last week and they still have not shipped.'],
    [
      '6 s',
      'Hi, I ordered headphones last week and they still have not shipped, could you please check the order and tell me when it will arrive?',
    ],
  ])('renders a %s line as 16 kHz audio as long as what espeak-ng speaks', async (_, text) => {
    const result = await tts.synthesize({ text, locale: 'en-US' });
    expect(result.sampleRateHz).toBe(16_000);
    expect(Math.abs(result.samples.length - (espeakCliSamples(text) * 16_000) / 22_050)).toBeLessThanOrEqual(
      1,
    );
    expect(result.samples.some((sample) => Math.abs(sample) > 3000)).toBe(true);
  });

  it('renders 20 lines asked for at once, each caller getting its own line', async () => {
    const words =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
        ' ',
      );
    const lines = words.map((_, i) => words.slice(0, i + 1).join(' '));
    const results = await Promise.all(lines.map((text) => tts.synthesize({ text, locale: 'en-US' })));
    // Line i has i + 1 words, so a render handed to the wrong caller breaks the order.
    for (let i = 1; i < results.length; i++)
      expect(results[i]!.samples.length).toBeGreaterThan(results[i - 1]!.samples.length);
  });

  it('fails the renders a crashed thread held with a retryable SpeechError, then renders on a new thread', async () => {
    const threads: Worker[] = [];
    const thread = new ToolThread({
      spawnThread: (workerData) => {
        const worker = spawnToolThread(workerData);
        threads.push(worker);
        return worker;
      },
    });
    const crashing = createEspeakTts({ thread });
    await crashing.synthesize({ text: 'Warm up.', locale: 'en-US' });
    const held = Promise.allSettled(
      [1, 2, 3].map((n) => crashing.synthesize({ text: `${EN} ${n}`, locale: 'en-US' })),
    );
    await threads[0]!.terminate();
    for (const outcome of await held) {
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: { name: 'SpeechError', code: 'SPEECH_ENGINE_FAILED', retryable: true },
      });
    }
    expect((await crashing.synthesize({ text: EN, locale: 'en-US' })).samples.length).toBeGreaterThan(16_000);
    expect(threads).toHaveLength(2);
    await thread.close();
  });

  it('fails the renders of a killed runner process, never hangs, and renders again', async () => {
    const thread = new ToolThread();
    const killed = createEspeakTts({ thread });
    const runnersBefore = childPids('tool-runner');
    await killed.synthesize({ text: 'Warm up.', locale: 'en-US' });
    const [runner] = childPids('tool-runner').filter((pid) => !runnersBefore.includes(pid));
    expect(runner).toBeDefined();
    const held = Promise.allSettled(
      [1, 2, 3].map((n) => killed.synthesize({ text: `${EN} ${n}`, locale: 'en-US' })),
    );
    // Kill it while espeak-ng is running under it, not before the lines reach it.
    await vi.waitFor(() => expect(childPids('espeak-ng', runner)).not.toHaveLength(0), { interval: 2 });
    process.kill(runner!, 'SIGKILL');
    const outcomes = await held;
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures)
      expect(failure.reason).toMatchObject({ code: 'SPEECH_ENGINE_FAILED', retryable: true });
    expect((await killed.synthesize({ text: EN, locale: 'en-US' })).samples.length).toBeGreaterThan(16_000);
    await thread.close();
  });

  it('close() rejects renders in flight with SPEECH_CLOSED and ends the runner; a later render starts again', async () => {
    const thread = new ToolThread();
    const closing = createEspeakTts({ thread });
    const runnersBefore = childPids('tool-runner');
    await closing.synthesize({ text: 'Warm up.', locale: 'en-US' });
    // Runners of earlier tests may still be exiting: watch only the one this thread started.
    const mine = childPids('tool-runner').filter((pid) => !runnersBefore.includes(pid));
    expect(mine).toHaveLength(1);
    const inFlight = expect(closing.synthesize({ text: EN, locale: 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_CLOSED',
    });
    await thread.close();
    await inFlight;
    await vi.waitFor(() => expect(childPids('tool-runner')).not.toContain(mine[0]), { timeout: 5000 });
    expect(
      (await closing.synthesize({ text: 'Hello again.', locale: 'en-US' })).samples.length,
    ).toBeGreaterThan(0);
    await thread.close();
  });
});
