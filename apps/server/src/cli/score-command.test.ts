// `callsim score` with a real scenario from call-scripts/, a real WAV made with espeak-ng and sox,
// and transcript/timeline fixtures: the JSON contract, the readable summary, and input errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from './score-command.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = path.resolve(here, '../../../..');
const FIXTURES = path.join(here, '__fixtures__/score');
const SCRIPT = 'call-scripts/inbound/zh-CN/complaint-damaged-cup.yaml';
const GREETING = '您好，现代生活网上超市，工号1024，很高兴为您服务。请问有什么可以帮您？';

let dir: string;
let out: string[];
let err: string[];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  out = [];
  err = [];
  const code = await runScoreCommand(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    cwd: PROJECT_DIR,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-score-'));
  // The plain `cmn` voice speaks the Hanzi as flat, English-style pinyin: a reliably monotone
  // voice, which is what the pitch-movement assertions below need (words don't matter here).
  execFileSync('espeak-ng', ['-v', 'cmn', '-w', path.join(dir, 'out.wav'), GREETING]);
  execFileSync('sox', [
    '-D',
    '-R',
    '-v',
    '0.9',
    path.join(dir, 'out.wav'),
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    path.join(dir, 'agent.wav'),
  ]);
  execFileSync('sox', [
    '-D',
    '-R',
    path.join(dir, 'agent.wav'),
    path.join(dir, 'call.wav'),
    'remix',
    '1',
    '0',
  ]);
  writeFileSync(path.join(dir, 'notes.wav'), 'not audio at all');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('callsim score --json', () => {
  it('prints the contract fields and measures tone from a real (mono = agent) WAV', async () => {
    const { code, stdout, stderr } = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'greeting-transcript.json'),
      '--audio',
      path.join(dir, 'agent.wav'),
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const score = JSON.parse(stdout);
    expect(score.scenarioId).toBe('complaint-damaged-cup');
    expect(typeof score.total).toBe('number');
    for (const step of score.adherence.steps) {
      expect(step).toEqual(expect.objectContaining({ id: expect.any(String), found: expect.any(Boolean) }));
      expect(step).toHaveProperty('atMs');
      expect(step).toHaveProperty('evidence');
    }
    const greeting = score.adherence.steps.find((s: { id: string }) => s.id === 'greeting');
    expect(greeting).toMatchObject({ found: true, atMs: 0, evidence: { segmentIndex: 0, startMs: 0 } });
    expect(score.adherence.forbidden).toEqual([]);
    // The recording gives the tone dimension: espeak-ng's robotic voice is flagged as monotone.
    const tone = score.dimensions.tone;
    expect(tone.score).not.toBeNull();
    const pitch = tone.items.find((i: { id: string }) => i.id === 'pitch-movement');
    expect(pitch.status).not.toBe('notAvailable');
    expect(pitch.value).toBeLessThan(2);
    expect(pitch.advice['en-US']).toMatch(/Monotone/);
    const rate = score.dimensions.speed.items.find((i: { id: string }) => i.id === 'speech-rate');
    expect(rate.evidence[0].note).toBe('transcript-analysis');
    expect(score.dimensions.tone.items.find((i: { id: string }) => i.id === 'warmth').reason).toBe(
      'no-baseline',
    );
  });

  it('reads agent = left channel of a stereo WAV, and events from a timeline given as the transcript', async () => {
    const { code, stdout } = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'greeting-timeline.json'),
      '--audio',
      path.join(dir, 'call.wav'),
      '--json',
    ]);
    expect(code).toBe(0);
    const score = JSON.parse(stdout);
    const speed = score.dimensions.speed.items;
    expect(speed.find((i: { id: string }) => i.id === 'answer-time')).toMatchObject({
      value: 21_000,
      band: 'amber',
    });
    const interruptions = score.dimensions.courtesy.items.find(
      (i: { id: string }) => i.id === 'interruptions',
    );
    expect(interruptions.evidence).toHaveLength(1);
    expect(interruptions.evidence[0]).toMatchObject({ atMs: 17_500, note: 'source:segments' });
    expect(score.metrics.durationMs).toBe(22_000);
    expect(score.adherence.forbidden).toEqual([
      expect.objectContaining({ phrase: '我不知道', atMs: 17_500, severity: 'major' }),
      expect.objectContaining({ phrase: '你先冷静', atMs: 17_500, severity: 'minor' }),
    ]);
    // The recording ends before the last agent turn: the rate falls back to the turns' own durations.
    expect(speed.find((i: { id: string }) => i.id === 'speech-rate').evidence[0].note).toBe('transcript');
    expect(score.dimensions.tone.score).not.toBeNull();
  });

  it('takes events from --timeline', async () => {
    const { code, stdout } = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'greeting-transcript.json'),
      '--timeline',
      path.join(FIXTURES, 'greeting-timeline.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout).dimensions.speed.items.find(
      (i: { id: string }) => i.id === 'answer-time',
    );
    expect(answer.evidence.find((e: { note: string }) => e.note === 'rings').value).toBe(5);
  });
});

describe('callsim score (summary)', () => {
  it('prints a readable summary with the total, steps, 禁语 and advice', async () => {
    const { code, stdout } = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'greeting-timeline.json'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^complaint-damaged-cup: [\d.]+ \/ 100/);
    expect(stdout).toMatch(/✓ greeting\s+0:00\.0/);
    expect(stdout).toMatch(/✗ farewell/);
    expect(stdout).toMatch(/major\s+我不知道/);
    expect(stdout).toContain('不要打断客户');
  });
});

describe('callsim score errors', () => {
  it('exits 1 naming the bad field of a transcript', async () => {
    const { code, stderr } = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'bad-transcript.json'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('segments[1].endMs');
  });

  it.each([
    [{ segments: [] }, 'locale'],
    [{ locale: 'fr-FR', segments: [] }, 'locale'],
    [
      { locale: 'zh-CN', segments: [{ speaker: 'customer', startMs: 0, endMs: 1, text: '' }] },
      'segments[0].speaker',
    ],
    [
      { locale: 'zh-CN', segments: [{ speaker: 'agent', startMs: 500, endMs: 100, text: '您好' }] },
      'segments[0].endMs',
    ],
    [{ locale: 'zh-CN', segments: [{ speaker: 'agent', startMs: 0, endMs: 100 }] }, 'segments[0].text'],
    [{ locale: 'zh-CN' }, 'segments'],
  ])('exits 1 for %j naming %s', async (transcript, field) => {
    const file = path.join(dir, 'transcript.json');
    writeFileSync(file, JSON.stringify(transcript));
    const { code, stderr } = await run(['--script', SCRIPT, '--transcript', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${field}:`);
  });

  it('exits 1 for a transcript that is not JSON, a missing file, or a file that is not a WAV', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{ "locale": "zh-CN", ');
    expect((await run(['--script', SCRIPT, '--transcript', path.join(dir, 'broken.json')])).stderr).toMatch(
      /not valid JSON/,
    );
    const missing = await run(['--script', SCRIPT, '--transcript', path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/no such file/);
    const notWav = await run([
      '--script',
      SCRIPT,
      '--transcript',
      path.join(FIXTURES, 'greeting-transcript.json'),
      '--audio',
      path.join(dir, 'notes.wav'),
    ]);
    expect(notWav.code).toBe(1);
    expect(notWav.stderr).toMatch(/not a readable WAV/);
  });

  it('exits 1 with file:line for a scenario with errors, and for a template', async () => {
    const bad = path.join(dir, 'bad-scenario.yaml');
    writeFileSync(bad, 'formatVersion: 1\nid: Bad Id\nlocale: zh-CN\n');
    const result = await run([
      '--script',
      bad,
      '--transcript',
      path.join(FIXTURES, 'greeting-transcript.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad-scenario\.yaml:\d+: /);
    const template = await run([
      '--script',
      'call-scripts/templates/inbound-standard.yaml',
      '--transcript',
      path.join(FIXTURES, 'greeting-transcript.json'),
    ]);
    expect(template.code).toBe(1);
    expect(template.stderr).toMatch(/not a scenario/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['--transcript', 'x.json'])).code).toBe(2);
    expect((await run(['--script', SCRIPT])).code).toBe(2);
    expect((await run(['--script', SCRIPT, '--transcript', 'x.json', '--bogus'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});
