// "TTS" from recorded caller clips: reads the WAV named by the request (any rate, width,
// channels) and converts it with sox to 16 kHz mono s16.
// Guarantees: a clip path cannot escape clipsDir; a missing clip is SPEECH_CLIP_NOT_FOUND.
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { SpeechError } from '../speech-error.js';
import { findExecutable } from '../toolchain/find-executable.js';
import { decodeFileTo16kMono } from '../toolchain/sox.js';
import type { TtsEngine, TtsRequest } from './tts-engine.js';

/** Options of createClipTts. */
export interface ClipTtsOptions {
  /** Directory relative clip paths are resolved against (e.g. call-scripts/audio). Default: cwd. */
  clipsDir?: string;
  soxPath?: string;
  timeoutMs?: number;
}

/** The clip engine plus a presence check used by the auto engine. */
export interface ClipTts extends TtsEngine {
  /** True when `request` names a clip file that exists. */
  has(request: TtsRequest): boolean;
  /** Why clips cannot be converted (sox missing), or undefined when they can. */
  problem(): string | undefined;
}

/** Creates the clip engine (name 'clip'). */
export function createClipTts(options: ClipTtsOptions = {}): ClipTts {
  const clipsDir = resolve(options.clipsDir ?? '.');

  const locate = (request: TtsRequest): { path: string; sizeBytes: number; mtimeMs: number } | undefined => {
    if (!request.clipPath) return undefined;
    const path = resolve(clipsDir, request.clipPath);
    const inside = relative(clipsDir, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new SpeechError('SPEECH_BAD_INPUT', 'clipPath must stay inside the clips directory', {
        details: { engine: 'clip', field: 'clipPath' },
      });
    }
    try {
      const stat = statSync(path);
      return stat.isFile() ? { path, sizeBytes: stat.size, mtimeMs: stat.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  };
  const require = (request: TtsRequest) => {
    const found = locate(request);
    if (!found) {
      throw new SpeechError(
        'SPEECH_CLIP_NOT_FOUND',
        `clip not found: ${request.clipPath ?? '(none given)'}`,
        {
          details: { engine: 'clip', clipPath: request.clipPath ?? '' },
        },
      );
    }
    return found;
  };

  return {
    name: 'clip',
    has: (request) => locate(request) !== undefined,
    problem() {
      const soxPath = options.soxPath ?? 'sox';
      return findExecutable(soxPath) ? undefined : `${soxPath} is not installed (apt-get install sox)`;
    },
    async identify(request) {
      const clip = require(request);
      return `clip|${relative(clipsDir, clip.path)}|${clip.sizeBytes}|${Math.round(clip.mtimeMs)}`;
    },
    async synthesize(request) {
      const clip = require(request);
      const samples = await decodeFileTo16kMono(clip.path, {
        soxPath: options.soxPath,
        engine: 'clip',
        timeoutMs: options.timeoutMs,
      });
      if (samples.length === 0) {
        throw new SpeechError('SPEECH_ENGINE_FAILED', `clip has no audio: ${request.clipPath ?? ''}`, {
          details: { engine: 'clip', clipPath: request.clipPath ?? '' },
        });
      }
      return { sampleRateHz: 16_000, samples, engine: 'clip' };
    },
  };
}
