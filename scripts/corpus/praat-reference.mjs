#!/usr/bin/env node
// Measures every corpus WAV with Praat (scripts/corpus/praat/measure.praat) and writes the committed
// reference tests/fixtures/analysis/praat-reference.json: duration, F0 median/p10/p90, intensity mean and
// the de Jong & Wempe syllable count, keyed by file name, with each WAV's sha256 so tests can detect drift.
// Usage: node scripts/corpus/make-corpus.mjs && node scripts/corpus/praat-reference.mjs

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CORPUS_DIR, MANIFEST_PATH, PRAAT_MEASURE_SCRIPT, PRAAT_REFERENCE_PATH } from './corpus-paths.mjs';

const run = promisify(execFile);

/** Parses measure.praat's "key=value …" line; Praat prints --undefined-- for unvoiced files. */
function parseMeasures(line) {
  const values = {};
  for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) {
    values[key] = value === '--undefined--' ? null : Number(value);
  }
  return values;
}

async function measure(file) {
  const path = join(CORPUS_DIR, file);
  const { stdout } = await run('praat', ['--run', PRAAT_MEASURE_SCRIPT, path, '-25', '2', '0.25']);
  const m = parseMeasures(stdout.trim());
  return {
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    durationMs: Math.round(m.duration * 1000),
    voicedFrames: m.voicedframes,
    f0MedianHz: m.f0median,
    f0P10Hz: m.f0p10,
    f0P90Hz: m.f0p90,
    intensityMeanDb: m.intensitymean,
    syllables: m.syllables,
  };
}

async function main() {
  const { stdout: version } = await run('praat', ['--version']);
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  const files = {};
  const queue = [...manifest];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift())
        files[entry.file] = await measure(entry.file);
    }),
  );
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  const reference = {
    generatedBy: 'scripts/corpus/praat-reference.mjs',
    praat: version.trim(),
    settings: {
      pitch: 'To Pitch: 0.01, 75, 600 (ac, Praat defaults); quantiles over voiced frames',
      intensity: 'To Intensity: 100, 0.01, yes; Get mean: energy, whole file',
      syllables: 'de Jong & Wempe (2009) v2: silence -25 dB, min dip 2 dB, min pause 0.25 s',
    },
    files: sorted,
  };
  mkdirSync(dirname(PRAAT_REFERENCE_PATH), { recursive: true });
  writeFileSync(PRAAT_REFERENCE_PATH, `${JSON.stringify(reference, null, 2)}\n`);
  console.log(`praat-reference: ${Object.keys(sorted).length} files → ${PRAAT_REFERENCE_PATH}`);
}

await main();
