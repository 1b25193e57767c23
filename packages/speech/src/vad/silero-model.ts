// Locates the Silero VAD ONNX files shipped by @ricky0123/vad-web and describes their geometry.
// Guarantees: paths are resolved through Node module resolution, never hard-coded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Which Silero model file to use: v5 (default, faster here) or the legacy v4 file. */
export type SileroModelVersion = 'v5' | 'legacy';

/** Where a Silero model lives and how sherpa-onnx frames it. */
export interface SileroModelInfo {
  version: SileroModelVersion;
  path: string;
  /** Samples the model advances per inference at 16 kHz. */
  windowSamples: 512;
  /** Samples of left context sherpa-onnx prepends to each window (v5 only). */
  contextSamples: number;
}

const FILES: Record<SileroModelVersion, string> = {
  v5: '@ricky0123/vad-web/dist/silero_vad_v5.onnx',
  legacy: '@ricky0123/vad-web/dist/silero_vad_legacy.onnx',
};

const require = createRequire(import.meta.url);

/** Resolves the model file; undefined when @ricky0123/vad-web (or the file) is not installed. */
export function findSileroModel(version: SileroModelVersion = 'v5'): SileroModelInfo | undefined {
  let path: string;
  try {
    path = require.resolve(FILES[version]);
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  return { version, path, windowSamples: 512, contextSamples: version === 'v5' ? 64 : 0 };
}
