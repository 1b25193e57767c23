// Disk cache of rendered caller lines, keyed by a content hash of (engine identity, text,
// locale, voice), so a chosen line plays at once. Guarantees: files are written atomically
// (temp + rename); concurrent requests for one line render it once; a byte-bounded in-memory
// LRU sits in front of the disk; every result is a fresh copy the caller owns.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pcmFromBytes, pcmToBytes } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import type { TtsEngine, TtsRequest, TtsResult } from './tts-engine.js';

/** Options of createTtsCache. */
export interface TtsCacheOptions {
  /** Directory for `<hash>.pcm` files (raw 16 kHz mono s16le) and their `.json` notes. */
  cacheDir: string;
  /** In-memory copies are kept up to this many bytes. Default 64 MiB; 0 disables. */
  memoryBudgetBytes?: number;
}

/** Outcome of prerender(). */
export interface PrerenderReport {
  /** Lines rendered now. */
  rendered: number;
  /** Lines already in the cache. */
  cached: number;
  failed: { index: number; code: string; message: string }[];
}

/** A TtsEngine with a disk cache in front. */
export interface CachedTts extends TtsEngine {
  /** The cache file key (sha-256 hex) of `request`. */
  keyFor(request: TtsRequest): Promise<string>;
  /** The cached audio of `request`, or undefined when it was never rendered. Never synthesizes. */
  getCachedPcm(request: TtsRequest): Promise<TtsResult | undefined>;
  /** Renders every line not yet cached, `concurrency` at a time (default 2); never throws for a line. */
  prerender(lines: readonly TtsRequest[], options?: { concurrency?: number }): Promise<PrerenderReport>;
}

const KEY_VERSION = 1;

interface Rendered {
  result: TtsResult;
  storeError?: SpeechError;
}

/** Wraps `engine` with a disk cache under `options.cacheDir`. */
export function createTtsCache(engine: TtsEngine, options: TtsCacheOptions): CachedTts {
  const memory = new MemoryLru(options.memoryBudgetBytes ?? 64 * 1024 * 1024);
  const inFlight = new Map<string, Promise<Rendered>>();
  let dirReady: Promise<unknown> | undefined;

  const lookup = async (request: TtsRequest) => {
    const identity = await engine.identify(request);
    const key = hashKey(identity, request);
    return {
      key,
      engineName: identity.split('|')[0] ?? engine.name,
      path: join(options.cacheDir, `${key}.pcm`),
    };
  };

  const readCached = async (
    key: string,
    path: string,
    engineName: string,
  ): Promise<TtsResult | undefined> => {
    const hit = memory.get(key);
    if (hit) return { sampleRateHz: 16_000, samples: hit.slice(), engine: engineName };
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw cacheError('read', error);
    }
    const samples = pcmFromBytes(bytes).slice();
    memory.set(key, samples);
    return { sampleRateHz: 16_000, samples: samples.slice(), engine: engineName };
  };

  // A full disk must not silence the caller: the audio is returned and the write error reported.
  const renderAndStore = async (request: TtsRequest, key: string, path: string): Promise<Rendered> => {
    const result = await engine.synthesize(request);
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      dirReady ??= mkdir(options.cacheDir, { recursive: true });
      await dirReady;
      await writeFile(temp, pcmToBytes(result.samples));
      await rename(temp, path);
    } catch (error) {
      dirReady = undefined;
      await rm(temp, { force: true }).catch(() => {});
      return { result, storeError: cacheError('write', error) };
    }
    // A human-readable note beside the audio; losing it costs nothing.
    const note = {
      engine: result.engine,
      text: request.text,
      locale: request.locale,
      voice: request.voice ?? {},
      samples: result.samples.length,
    };
    await writeFile(join(options.cacheDir, `${key}.json`), `${JSON.stringify(note)}\n`).catch(() => {});
    memory.set(key, result.samples.slice());
    return { result };
  };

  const getOrRender = async (
    request: TtsRequest,
  ): Promise<TtsResult & { wasCached: boolean; storeError?: SpeechError }> => {
    const { key, path, engineName } = await lookup(request);
    // An unreadable cache must not silence the caller either: render afresh.
    const cached = await readCached(key, path, engineName).catch(() => undefined);
    if (cached) return { ...cached, wasCached: true };
    let pending = inFlight.get(key);
    if (!pending) {
      pending = renderAndStore(request, key, path).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const { result, storeError } = await pending;
    return { ...result, samples: result.samples.slice(), wasCached: false, storeError };
  };

  return {
    name: engine.name,
    identify: (request) => engine.identify(request),
    async keyFor(request) {
      return (await lookup(request)).key;
    },
    async synthesize(request) {
      const { sampleRateHz, samples, engine: engineName } = await getOrRender(request);
      return { sampleRateHz, samples, engine: engineName };
    },
    async getCachedPcm(request) {
      const { key, path, engineName } = await lookup(request);
      return readCached(key, path, engineName);
    },
    async prerender(lines, prerenderOptions = {}) {
      const report: PrerenderReport = { rendered: 0, cached: 0, failed: [] };
      let next = 0;
      const worker = async () => {
        while (next < lines.length) {
          const index = next++;
          try {
            const { wasCached, storeError } = await getOrRender(lines[index]!);
            if (storeError) throw storeError;
            if (wasCached) report.cached++;
            else report.rendered++;
          } catch (error) {
            const code = error instanceof SpeechError ? error.code : 'SPEECH_ENGINE_FAILED';
            report.failed.push({
              index,
              code,
              message: error instanceof Error ? error.message : String(error),
            });
          }
        }
      };
      const concurrency = Math.max(1, prerenderOptions.concurrency ?? 2);
      await Promise.all(Array.from({ length: Math.min(concurrency, lines.length) }, worker));
      report.failed.sort((a, b) => a.index - b.index);
      return report;
    },
  };
}

/** sha-256 over a canonical JSON of everything that changes the audio. */
function hashKey(identity: string, request: TtsRequest): string {
  const voice = request.voice ?? {};
  const canonical = JSON.stringify([
    KEY_VERSION,
    identity,
    request.text.normalize('NFC'),
    request.locale,
    voice.gender ?? null,
    voice.rate ?? null,
    voice.pitch ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function cacheError(action: 'read' | 'write', cause: unknown): SpeechError {
  return new SpeechError('SPEECH_CACHE_IO', `TTS cache ${action} failed`, { details: { action }, cause });
}

/** Least-recently-used map bounded by total sample bytes. */
class MemoryLru {
  private readonly entries = new Map<string, Int16Array>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): Int16Array | undefined {
    const value = this.entries.get(key);
    if (value) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Int16Array): void {
    if (value.byteLength > this.budgetBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.byteLength;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.byteLength;
    }
  }
}
