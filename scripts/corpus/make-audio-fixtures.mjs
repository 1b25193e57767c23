#!/usr/bin/env node
// Regenerates the small committed WAV fixtures of @callsim/audio (packages/audio/src/__fixtures__) with sox.
// Deterministic: sox synth only (no dither, no randomness); run it again only when a fixture must change.

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'packages', 'audio', 'src', '__fixtures__');
mkdirSync(outDir, { recursive: true });

// Left channel 440 Hz at −6 dBFS peak, right channel 1000 Hz at −12 dBFS peak; 100 ms at 16 kHz.
const synth = ['-n', '-r', '16000', '-c', '2'];
const effects = ['synth', '0.1', 'sine', '440', 'sine', '1000', 'remix', '1v0.5', '2v0.25'];

const variants = [
  { name: 'stereo-s16.wav', args: ['-t', 'wavpcm', '-e', 'signed-integer', '-b', '16'] },
  { name: 'stereo-u8.wav', args: ['-t', 'wavpcm', '-e', 'unsigned-integer', '-b', '8'] },
  { name: 'stereo-s24.wav', args: ['-t', 'wavpcm', '-e', 'signed-integer', '-b', '24'] },
  { name: 'stereo-s24-extensible.wav', args: ['-t', 'wav', '-e', 'signed-integer', '-b', '24'] },
  { name: 'stereo-s32.wav', args: ['-t', 'wavpcm', '-e', 'signed-integer', '-b', '32'] },
  { name: 'stereo-f32.wav', args: ['-t', 'wavpcm', '-e', 'floating-point', '-b', '32'] },
  { name: 'stereo-mulaw.wav', args: ['-t', 'wav', '-e', 'mu-law', '-b', '8'] },
  { name: 'stereo-alaw.wav', args: ['-t', 'wav', '-e', 'a-law', '-b', '8'] },
];

for (const { name, args } of variants) {
  execFileSync('sox', ['-D', '-R', ...synth, ...args, join(outDir, name), ...effects]);
}

// A real utterance at espeak-ng's native 22050 Hz, mono s16 (resampling and level tests).
execFileSync('espeak-ng', [
  '-v',
  'en-us',
  '-s',
  '160',
  '-w',
  join(outDir, 'speech-22050.wav'),
  'Thank you for calling.',
]);
console.log(`wrote ${variants.length + 1} fixtures to ${outDir}`);
