// `callsim analyze` on real WAV files made with espeak-ng and sox: JSON contract, table, and errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyzeCommand } from './analyze-command.js';

let dir: string;
let out: string[];
let err: string[];
const io = () => ({ out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-analyze-'));
  // Agent (left): a Mandarin greeting with a pause; caller (right): silence.
  const speech = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', [
    '-v',
    'cmn-latn-pinyin',
    '-s',
    '170',
    '-w',
    path.join(dir, 'raw.wav'),
    '您好，欢迎致电客户服务中心。请问有什么可以帮您？',
  ]);
  execFileSync('sox', [
    '-D',
    '-R',
    path.join(dir, 'raw.wav'),
    '-r',
    '16000',
    '-b',
    '16',
    speech,
    'pad',
    '0.3',
    '0.3',
  ]);
  execFileSync('sox', ['-D', '-R', speech, path.join(dir, 'call.wav'), 'remix', '1', '0']);
  writeFileSync(path.join(dir, 'notes.wav'), 'these are meeting notes, not audio');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reset() {
  out = [];
  err = [];
}

describe('callsim analyze', () => {
  it('prints the JSON contract for each channel of a stereo call recording', async () => {
    reset();
    expect(await runAnalyzeCommand(['call.wav', '--json'], io())).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(Object.keys(json).sort()).toEqual(['channels', 'durationMs']);
    expect(json.channels).toHaveLength(2);
    const [agent, caller] = json.channels;
    expect(Object.keys(agent).sort()).toEqual(
      [
        'articulationRatePerSec',
        'f0',
        'index',
        'intensity',
        'pauses',
        'syllableRatePerSec',
        'voicedMs',
      ].sort(),
    );
    expect(Object.keys(agent.f0).sort()).toEqual(['medianHz', 'p10Hz', 'p90Hz', 'sdSemitones']);
    expect(Object.keys(agent.intensity).sort()).toEqual(['meanDb', 'sdDb']);
    expect(Object.keys(agent.pauses).sort()).toEqual(['count', 'longestMs']);
    expect(agent.index).toBe(0);
    expect(json.durationMs).toBeGreaterThan(3000);
    // espeak-ng's default male voice; 21 syllables spoken at ~4–7 syllables per second.
    expect(agent.f0.medianHz).toBeGreaterThan(70);
    expect(agent.f0.medianHz).toBeLessThan(160);
    expect(agent.f0.p10Hz).toBeLessThanOrEqual(agent.f0.medianHz);
    expect(agent.f0.p90Hz).toBeGreaterThanOrEqual(agent.f0.medianHz);
    expect(agent.voicedMs).toBeGreaterThan(2000);
    expect(agent.voicedMs).toBeLessThan(json.durationMs);
    expect(agent.articulationRatePerSec).toBeGreaterThan(agent.syllableRatePerSec);
    expect(agent.syllableRatePerSec * (json.durationMs / 1000)).toBeGreaterThan(17);
    expect(agent.syllableRatePerSec * (json.durationMs / 1000)).toBeLessThan(25);
    expect(agent.pauses.count).toBeGreaterThanOrEqual(1);
    expect(caller).toMatchObject({ index: 1, voicedMs: 0, syllableRatePerSec: 0, pauses: { count: 0 } });
    expect(caller.f0.medianHz).toBe(0);
  });

  it('prints a readable table without --json', async () => {
    reset();
    expect(await runAnalyzeCommand([path.join(dir, 'speech.wav')], io())).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/speech\.wav: \d+\.\d\d s, 16000 Hz, 1 channel/);
    expect(text).toMatch(/F0 median.*syl\/s.*pauses/);
    expect(text.split('\n')).toHaveLength(4);
  });

  it('fails with exit 1 and a clear message for a missing file or a file that is not a WAV', async () => {
    reset();
    expect(await runAnalyzeCommand(['nope.wav', '--json'], io())).toBe(1);
    expect(err.join('\n')).toContain('cannot read nope.wav: no such file');
    reset();
    expect(await runAnalyzeCommand(['notes.wav'], io())).toBe(1);
    expect(err.join('\n')).toContain('notes.wav is not a readable WAV file (AUDIO_WAV_NOT_RIFF');
    expect(out).toEqual([]);
  });

  it('treats a missing argument or an unknown option as a usage error (exit 2)', async () => {
    reset();
    expect(await runAnalyzeCommand([], io())).toBe(2);
    expect(await runAnalyzeCommand(['call.wav', '--csv'], io())).toBe(2);
    expect(err.join('\n')).toContain('unknown option --csv');
    reset();
    expect(await runAnalyzeCommand(['--help'], io())).toBe(0);
    expect(out.join('\n')).toContain('Usage: callsim analyze <wav> [--json]');
  });
});
