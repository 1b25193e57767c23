#!/usr/bin/env node
// Builds the analysis validation corpus in tests/fixtures/generated/analysis/ (git-ignored):
// espeak-ng Mandarin and US-English sentences at several rates and pitches, sox tones of known F0, and real
// recorded Asterisk prompts, all 16 kHz mono s16. Deterministic (no dither, fixed lists); a few seconds.
// Usage: node scripts/corpus/make-corpus.mjs [--force]   (skips files that already exist unless --force)

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ASTERISK_DIR, CORPUS_DIR, MANIFEST_PATH } from './corpus-paths.mjs';

const run = promisify(execFile);

/**
 * Mandarin voice. espeak-ng 1.51's `cmn` voice ("latin as English") reads the tone digits of its own
 * pinyin in English ("ni three"), doubling syllables; `cmn-latn-pinyin` reads Hanzi correctly.
 */
const MANDARIN_VOICE = 'cmn-latn-pinyin';

/** Customer-service sentences; truth = number of Han characters (one character = one syllable, no 儿化). */
const ZH_SENTENCES = [
  '您好，欢迎致电客户服务中心。',
  '请问有什么可以帮您？',
  '我们会在三个工作日内给您回复。',
  '非常抱歉给您带来不便。',
  '请您稍等，我帮您查询一下订单。',
  '感谢您的耐心等待。',
  '这款产品目前正在做促销活动。',
  '您的快递已经发出，预计明天送达。',
  '请问还有其他问题需要帮助吗？',
  '祝您生活愉快，再见。',
  '我非常理解您现在的心情。',
  '退货申请提交以后，我们会尽快处理。',
];

const EN_SENTENCES = [
  'Thank you for calling customer service, my name is Alice.',
  'How may I help you today?',
  'I am sorry for the inconvenience, let me check your order.',
  'Your package was shipped yesterday and should arrive tomorrow.',
  'Is there anything else I can help you with?',
  'Thank you for your patience, have a nice day.',
];

/** espeak-ng speed (-s, words per minute) and pitch (-p, 0–99) variants, cycled over the sentences. */
const ZH_VARIANTS = [
  { speedWpm: 130, pitch: 30 },
  { speedWpm: 175, pitch: 50 },
  { speedWpm: 220, pitch: 70 },
];
const EN_VARIANTS = [
  { speedWpm: 140, pitch: 35 },
  { speedWpm: 175, pitch: 50 },
  { speedWpm: 210, pitch: 75 },
];

const TONE_F0_HZ = [100, 150, 220, 300];

/** Real recorded prompts (Asterisk core sounds, en, 8 kHz); text in core-sounds-en.txt.gz. */
const ASTERISK_PROMPTS = [
  'agent-alreadyon',
  'agent-incorrect',
  'agent-newlocation',
  'agent-pass',
  'agent-user',
  'all-circuits-busy-now',
  'at-tone-time-exactly',
  'auth-incorrect',
  'call-fwd-no-ans',
  'cannot-complete-as-dialed',
  'check-number-dial-again',
  'conf-getchannel',
  'conf-getconfno',
  'conf-invalid',
  'conf-onlyperson',
  'conf-waitforleader',
  'confbridge-begin-glorious-b',
  'confbridge-pin-bad',
  'demo-echodone',
  'demo-nomatch',
  'demo-thanks',
  'dir-usingkeypad',
  'invalid',
  'pbx-invalid',
  'pbx-invalidpark',
  'please-try-call-later',
  'priv-callpending',
  'privacy-prompt',
  'privacy-unident',
  'queue-holdtime',
];

const force = process.argv.includes('--force');

/** Han characters in `text` (the syllable truth). */
function hanCount(text) {
  return [...text.matchAll(/\p{Script=Han}/gu)].length;
}

/** Syllables espeak-ng itself plans (one tone number per Mandarin syllable in its phoneme output). */
async function espeakToneCount(voice, text) {
  const { stdout } = await run('espeak-ng', ['-v', voice, '-q', '-x', text]);
  return (stdout.match(/\d+/g) ?? []).length;
}

async function speak(voice, speedWpm, pitch, text, outPath) {
  const raw = `${outPath}.22k.wav`;
  await run('espeak-ng', ['-v', voice, '-s', String(speedWpm), '-p', String(pitch), '-w', raw, text]);
  await run('sox', ['-D', '-R', raw, '-r', '16000', '-b', '16', '-c', '1', outPath]);
  rmSync(raw);
}

async function main() {
  mkdirSync(CORPUS_DIR, { recursive: true });
  const jobs = [];
  const manifest = [];

  ZH_SENTENCES.forEach((text, i) => {
    // Two variants per sentence: every rate and pitch appears, sentences differ in length and tones.
    for (const variant of [ZH_VARIANTS[i % 3], ZH_VARIANTS[(i + 1) % 3]]) {
      const file = `zh-${String(i + 1).padStart(2, '0')}-s${variant.speedWpm}-p${variant.pitch}.wav`;
      const entry = { file, kind: 'zh', text, syllables: hanCount(text), ...variant };
      manifest.push(entry);
      jobs.push(async () => {
        entry.espeakSyllables = await espeakToneCount(MANDARIN_VOICE, text);
        await speak(MANDARIN_VOICE, variant.speedWpm, variant.pitch, text, join(CORPUS_DIR, file));
      });
    }
  });

  EN_SENTENCES.forEach((text, i) => {
    for (const variant of [EN_VARIANTS[i % 3], EN_VARIANTS[(i + 2) % 3]]) {
      const file = `en-${String(i + 1).padStart(2, '0')}-s${variant.speedWpm}-p${variant.pitch}.wav`;
      manifest.push({ file, kind: 'en', text, ...variant });
      jobs.push(() => speak('en-us', variant.speedWpm, variant.pitch, text, join(CORPUS_DIR, file)));
    }
  });

  for (const f0Hz of TONE_F0_HZ) {
    for (const shape of ['sine', 'sawtooth']) {
      const file = `tone-${shape}-${f0Hz}.wav`;
      manifest.push({ file, kind: 'tone', shape, f0Hz });
      jobs.push(() =>
        run('sox', [
          '-D',
          '-R',
          '-n',
          '-r',
          '16000',
          '-b',
          '16',
          '-c',
          '1',
          join(CORPUS_DIR, file),
          'synth',
          '2',
          shape,
          String(f0Hz),
          'vol',
          '0.5',
          'fade',
          'h',
          '0.05',
          '2',
          '0.05',
        ]),
      );
    }
  }

  for (const name of ASTERISK_PROMPTS) {
    const source = join(ASTERISK_DIR, `${name}.wav`);
    if (!existsSync(source)) {
      console.warn(`make-corpus: missing ${source} (install asterisk-core-sounds-en-wav); skipped`);
      continue;
    }
    const file = `asterisk-${name}.wav`;
    manifest.push({ file, kind: 'asterisk', prompt: name });
    jobs.push(() =>
      run('sox', [
        '-D',
        '-R',
        source,
        '-r',
        '16000',
        '-b',
        '16',
        '-c',
        '1',
        join(CORPUS_DIR, file),
        'rate',
        '-v',
      ]),
    );
  }

  // Run a few jobs at a time; skip files that exist (the corpus is deterministic).
  const pending = jobs.map((job, i) => ({ job, entry: manifest[i] }));
  const workers = Array.from({ length: 4 }, async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      if (!force && existsSync(join(CORPUS_DIR, next.entry.file)) && next.entry.kind !== 'zh') continue;
      if (!force && existsSync(join(CORPUS_DIR, next.entry.file))) {
        next.entry.espeakSyllables = await espeakToneCount(MANDARIN_VOICE, next.entry.text);
        continue;
      }
      await next.job();
    }
  });
  await Promise.all(workers);
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  const mismatched = manifest.filter((e) => e.kind === 'zh' && e.espeakSyllables !== e.syllables);
  for (const e of mismatched) {
    console.warn(
      `make-corpus: espeak plans ${e.espeakSyllables} syllables for ${e.file} (${e.syllables} characters)`,
    );
  }
  console.log(`make-corpus: ${manifest.length} files in ${CORPUS_DIR}`);
}

await main();
