// The TTS disk cache: prerendered lines come back byte-identical without synthesis, survive a
// restart, hit in memory without the file system, render once under concurrency, and a bad
// line never blocks the others.
import { readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../__fixtures__/speech-audio.js';
import { findExecutable } from '../toolchain/find-executable.js';
import { createEspeakTts } from './espeak-tts.js';
import { createTtsCache } from './tts-cache.js';
import type { TtsEngine, TtsRequest } from './tts-engine.js';

afterAll(removeTempDirs);

const LINES: TtsRequest[] = [
  { text: '我上周买的耳机一直没有发货。', locale: 'zh-CN', voice: { gender: 'female' } },
  { text: 'I would like to return my order.', locale: 'en-US', voice: { gender: 'male', rate: 1.1 } },
];

/** espeak-ng with a synthesis counter. */
function countingEspeak(): TtsEngine & { calls: number } {
  const inner = createEspeakTts();
  const engine = {
    name: inner.name,
    calls: 0,
    identify: (request: TtsRequest) => inner.identify(request),
    synthesize: (request: TtsRequest) => {
      engine.calls++;
      return inner.synthesize(request);
    },
  };
  return engine;
}

const freshDir = () => makeTempDir('callsim-tts-cache-');

describe('TTS cache', () => {
  it('prerenders lines once, then serves identical PCM from the cache without synthesis', async () => {
    const cacheDir = freshDir();
    const engine = countingEspeak();
    const cache = createTtsCache(engine, { cacheDir });

    expect(await cache.prerender(LINES)).toEqual({ rendered: 2, cached: 0, failed: [] });
    expect(engine.calls).toBe(2);
    const direct = await createEspeakTts().synthesize(LINES[0]!);
    const hit = await cache.getCachedPcm(LINES[0]!);
    expect(hit?.engine).toBe('espeak-ng');
    expect(hit?.samples).toEqual(direct.samples);
    expect((await cache.synthesize(LINES[1]!)).samples.length).toBeGreaterThan(16_000);
    expect(await cache.prerender(LINES)).toEqual({ rendered: 0, cached: 2, failed: [] });
    expect(engine.calls).toBe(2);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.pcm'))).toHaveLength(2);
  });

  it('reads the same PCM from disk after a restart (no memory copy)', async () => {
    const cacheDir = freshDir();
    const first = await createTtsCache(createEspeakTts(), { cacheDir }).synthesize(LINES[1]!);
    const engine = countingEspeak();
    const restarted = createTtsCache(engine, { cacheDir, memoryBudgetBytes: 0 });
    expect((await restarted.getCachedPcm(LINES[1]!))?.samples).toEqual(first.samples);
    expect(engine.calls).toBe(0);
  });

  it('serves a line already in memory without the file system: no cache file, no espeak-ng lookup', async () => {
    const bin = freshDir();
    const espeakPath = join(bin, 'espeak-ng');
    symlinkSync(findExecutable('espeak-ng')!, espeakPath);
    const cacheDir = freshDir();
    const cache = createTtsCache(createEspeakTts({ espeakPath }), { cacheDir });
    const rendered = await cache.synthesize(LINES[1]!);
    rmSync(espeakPath);
    rmSync(cacheDir, { recursive: true });
    expect((await cache.synthesize(LINES[1]!)).samples).toEqual(rendered.samples);
  });

  it('keys by content: another voice, text or locale is a different entry', async () => {
    const cache = createTtsCache(createEspeakTts(), { cacheDir: freshDir() });
    const base = LINES[1]!;
    const keys = new Set(
      await Promise.all([
        cache.keyFor(base),
        cache.keyFor({ ...base, voice: { ...base.voice, gender: 'female' } }),
        cache.keyFor({ ...base, text: `${base.text} ` }),
        cache.keyFor({ ...base, locale: 'zh-CN' }),
      ]),
    );
    expect(keys.size).toBe(4);
    expect(await cache.keyFor({ ...base })).toMatch(/^[0-9a-f]{64}$/);
    await cache.synthesize(base);
    expect(await cache.getCachedPcm({ ...base, voice: { gender: 'female' } })).toBeUndefined();
  });

  it('renders a line once when many calls ask for it at the same moment', async () => {
    const engine = countingEspeak();
    const cache = createTtsCache(engine, { cacheDir: freshDir() });
    const results = await Promise.all(Array.from({ length: 8 }, () => cache.synthesize(LINES[0]!)));
    expect(engine.calls).toBe(1);
    for (const r of results) expect(r.samples).toEqual(results[0]!.samples);
    // Each caller owns its copy.
    results[0]!.samples.fill(0);
    expect((await cache.getCachedPcm(LINES[0]!))?.samples).toEqual(results[1]!.samples);
  });

  it('reports a bad line in prerender with its code and renders the rest', async () => {
    const cache = createTtsCache(createEspeakTts(), { cacheDir: freshDir() });
    const report = await cache.prerender([LINES[0]!, { text: '', locale: 'en-US' }, LINES[1]!]);
    expect(report.rendered).toBe(2);
    expect(report.failed).toEqual([{ index: 1, code: 'SPEECH_BAD_INPUT', message: 'TTS text is empty' }]);
  });

  it('reports an unwritable cache directory in prerender but still returns audio from synthesize', async () => {
    // A directory below a regular file can never be created.
    const notADir = join(freshDir(), 'file');
    writeFileSync(notADir, 'x');
    const cacheDir = join(notADir, 'cache');
    expect(
      (await createTtsCache(createEspeakTts(), { cacheDir }).synthesize(LINES[1]!)).samples.length,
    ).toBeGreaterThan(0);
    const report = await createTtsCache(createEspeakTts(), { cacheDir }).prerender([LINES[0]!]);
    expect(report.failed[0]?.code).toBe('SPEECH_CACHE_IO');
  });
});
