// Test access to the generated analysis corpus (tests/fixtures/generated/analysis), generating it with
// scripts/corpus/make-corpus.mjs (espeak-ng + sox, deterministic, a few seconds) when it is missing.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DecodedWav, decodeWav } from '@callsim/audio';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
export const CORPUS_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'generated', 'analysis');
export const PRAAT_REFERENCE_PATH = path.join(
  REPO_ROOT,
  'tests',
  'fixtures',
  'analysis',
  'praat-reference.json',
);

/** One corpus file as listed in manifest.json. */
export interface CorpusEntry {
  file: string;
  kind: 'zh' | 'en' | 'tone' | 'asterisk';
  text?: string;
  /** Han characters (zh only): the true syllable count. */
  syllables?: number;
  /** True F0 in Hz (tones only). */
  f0Hz?: number;
}

/** Praat's measures of one corpus file (tests/fixtures/analysis/praat-reference.json). */
export interface PraatMeasures {
  sha256: string;
  durationMs: number;
  voicedFrames: number;
  f0MedianHz: number | null;
  f0P10Hz: number | null;
  f0P90Hz: number | null;
  intensityMeanDb: number;
  syllables: number;
}

/** Makes sure the corpus exists (generating it if needed) and returns its manifest. */
export function corpusManifest(): CorpusEntry[] {
  const manifestPath = path.join(CORPUS_DIR, 'manifest.json');
  const complete = () =>
    existsSync(manifestPath) &&
    (JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusEntry[]).every((e) =>
      existsSync(path.join(CORPUS_DIR, e.file)),
    );
  if (!complete()) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'corpus', 'make-corpus.mjs')], {
      stdio: 'pipe',
    });
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusEntry[];
}

/** Raw bytes of a corpus file. */
export function corpusBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(CORPUS_DIR, file)));
}

/** A decoded corpus file. */
export function corpusWav(file: string): DecodedWav {
  corpusManifest();
  return decodeWav(corpusBytes(file));
}

/** The committed Praat reference, keyed by file name. */
export function praatReference(): Record<string, PraatMeasures> {
  return (JSON.parse(readFileSync(PRAAT_REFERENCE_PATH, 'utf8')) as { files: Record<string, PraatMeasures> })
    .files;
}

/** Distance between two frequencies in semitones (signed, a relative to b). */
export function semitones(a: number, b: number): number {
  return 12 * Math.log2(a / b);
}
