// Real test audio for the speech contract tests: espeak-ng speech, sox silence and noise,
// and the Asterisk prompt recordings (human speech), all as 16 kHz mono s16.
// Guarantees: every helper spawns the real Debian tools; nothing is synthesized in JS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pcmFromBytes } from '../pcm-format.js';

const RAW_OUT = ['-t', 'raw', '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-L', '-'];

/** espeak-ng speech of `text` with `voice` (e.g. 'en-us', 'cmn'), padded by sox with silence. */
export function espeakSpeech(text: string, voice: string, padLeadMs = 0, padTailMs = 0): Int16Array {
  const wav = execFileSync('espeak-ng', ['-v', voice, '--stdin', '--stdout'], { input: text });
  const raw = execFileSync(
    'sox',
    ['-V1', '-D', '-t', 'wav', '-', ...RAW_OUT, 'pad', `${padLeadMs / 1000}`, `${padTailMs / 1000}`],
    {
      input: wav,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return pcmFromBytes(raw).slice();
}

/** `seconds` of sox noise ('whitenoise' | 'pinknoise' | 'brownnoise') at linear volume `volume`. */
export function soxNoise(
  kind: 'whitenoise' | 'pinknoise' | 'brownnoise',
  seconds: number,
  volume: number,
): Int16Array {
  const raw = execFileSync(
    'sox',
    ['-V1', '-R', '-n', ...RAW_OUT.slice(0, -1), '-', 'synth', String(seconds), kind, 'vol', String(volume)],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return pcmFromBytes(raw).slice();
}

/** Sample-wise sum of two signals (clipped), the result as long as the longer one. */
export function mix(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, (a[i] ?? 0) + (b[i] ?? 0)));
  }
  return out;
}

/**
 * The true speech boundaries of clean synthetic audio, in ms: the first and last 5 ms block
 * whose RMS is above `levelDbfs`.
 */
export function speechBoundsMs(samples: Int16Array, levelDbfs = -50): { startMs: number; endMs: number } {
  const block = 80;
  const threshold = 32768 * 32768 * 10 ** (levelDbfs / 10);
  let first = -1;
  let last = -1;
  for (let b = 0; b + block <= samples.length; b += block) {
    let sum = 0;
    for (let i = b; i < b + block; i++) sum += samples[i]! * samples[i]!;
    if (sum / block >= threshold) {
      if (first < 0) first = b;
      last = b + block;
    }
  }
  return { startMs: first / 16, endMs: last / 16 };
}

/** Splits PCM into 20 ms frames with their media times. */
export function* frames(
  samples: Int16Array,
  frameSamples = 320,
): Generator<{ frame: Int16Array; atMs: number }> {
  for (let i = 0; i + frameSamples <= samples.length; i += frameSamples) {
    yield { frame: samples.subarray(i, i + frameSamples), atMs: (i * 1000) / 16000 };
  }
}

const ASTERISK_DIR = '/usr/share/asterisk/sounds/en';
const ASTERISK_TEXTS = '/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz';

/** The path of an Asterisk prompt recording (8 kHz human speech). */
export function asteriskPromptPath(name: string): string {
  return `${ASTERISK_DIR}/${name}.wav`;
}

/** The reference text of Asterisk prompt `name`, from the package's transcript list. */
export function asteriskPromptText(name: string): string {
  const lines = gunzipSync(readFileSync(ASTERISK_TEXTS)).toString('utf8').split('\n');
  const line = lines.find((l) => l.startsWith(`${name}: `));
  if (!line) throw new Error(`no transcript for ${name}`);
  return line.slice(name.length + 2).trim();
}

/** An Asterisk prompt resampled by sox to 16 kHz mono s16. */
export function asteriskPrompt(name: string): Int16Array {
  const raw = execFileSync('sox', ['-V1', '-D', asteriskPromptPath(name), ...RAW_OUT]);
  return pcmFromBytes(raw).slice();
}

/** Silence before and after the speech in the VAD contract tests, in ms. */
export const VAD_LEAD_MS = 1000;
export const VAD_TAIL_MS = 2000;

/** Sentences every VAD engine must find within ±100 ms. */
export const VAD_SENTENCES = [
  { locale: 'en-US', voice: 'en-us', text: 'Thank you for calling, how can I help you today?' },
  { locale: 'en-US', voice: 'en-us', text: 'Is there anything else I can help you with?' },
  { locale: 'zh-CN', voice: 'cmn-latn-pinyin', text: '您好，欢迎致电客户服务中心，请问有什么可以帮您？' },
  { locale: 'zh-CN', voice: 'cmn-latn-pinyin', text: '请您稍等，我帮您查一下订单。' },
] as const;

/** Padded audio and the true speech boundaries in padded time, ms. */
export interface PaddedSpeech {
  samples: Int16Array;
  startMs: number;
  endMs: number;
}

/** espeak speech with VAD_LEAD_MS/VAD_TAIL_MS of sox silence, and its true boundaries. */
export function paddedSpeech(text: string, voice: string): PaddedSpeech {
  const bounds = speechBoundsMs(espeakSpeech(text, voice));
  return {
    samples: espeakSpeech(text, voice, VAD_LEAD_MS, VAD_TAIL_MS),
    startMs: bounds.startMs + VAD_LEAD_MS,
    endMs: bounds.endMs + VAD_LEAD_MS,
  };
}

/** An Asterisk prompt with VAD_LEAD_MS of silence before and 2 s after, and its boundaries (−45 dBFS: 8 kHz line noise). */
export function paddedAsteriskPrompt(name: string): PaddedSpeech {
  const prompt = asteriskPrompt(name);
  const bounds = speechBoundsMs(prompt, -45);
  const samples = new Int16Array(prompt.length + 3 * 16000);
  samples.set(prompt, VAD_LEAD_MS * 16);
  return { samples, startMs: bounds.startMs + VAD_LEAD_MS, endMs: bounds.endMs + VAD_LEAD_MS };
}

/** Word error rate: (substitutions + deletions + insertions) / reference words, after normalizing case and punctuation. */
export function wordErrorRate(reference: string, hypothesis: string): { errors: number; words: number } {
  const normalize = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z' ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const ref = normalize(reference);
  const hyp = normalize(hypothesis);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return { errors: previous[hyp.length]!, words: ref.length };
}

/** Median F0 of the voiced 40 ms frames of `samples`, in Hz, by autocorrelation (60–400 Hz). */
export function medianF0Hz(samples: Int16Array): number {
  const frame = 640;
  const estimates: number[] = [];
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i++) energy += samples[i]! * samples[i]!;
    if (energy / frame < 1000 * 1000) continue;
    let bestLag = 0;
    let best = 0;
    for (let lag = 40; lag <= 266; lag++) {
      let sum = 0;
      for (let i = start; i + lag < start + frame; i++) sum += samples[i]! * samples[i + lag]!;
      if (sum > best) {
        best = sum;
        bestLag = lag;
      }
    }
    if (bestLag > 0 && best > 0.3 * energy) estimates.push(16000 / bestLag);
  }
  estimates.sort((a, b) => a - b);
  return estimates[Math.floor(estimates.length / 2)] ?? 0;
}

const tempDirs: string[] = [];

/** A fresh temp directory, removed by removeTempDirs(). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory made by makeTempDir (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
