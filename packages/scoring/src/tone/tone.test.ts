// Tone: pitch movement in semitones (monotone below ~2 st), loudness level and stability, and
// warmth only against the trainee's own baseline — never an absolute threshold.
import { describe, expect, it } from 'vitest';
import { bareScript, channelAnalysis, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreCallInput, ScoreSegment } from '../model/score-input.js';
import { scoreLoudnessLevel, scoreLoudnessStability } from './loudness.js';
import { scorePitchMovement } from './pitch-movement.js';
import { scoreToneItems } from './score-tone.js';
import { scoreWarmth } from './warmth.js';

const segments: ScoreSegment[] = [
  { speaker: 'agent', startMs: 0, endMs: 3_000, text: '您好，很高兴为您服务。' },
  { speaker: 'agent', startMs: 4_000, endMs: 7_000, text: '请问有什么可以帮您？' },
];
const input = (extra: Partial<ScoreCallInput>): ScoreCallInput => ({
  script: bareScript('zh-CN'),
  transcript: { locale: 'zh-CN', segments },
  ...extra,
});

/** 10 ms contours: a gliding pitch in the first turn, a flat one in the second. */
function contours() {
  const pitchHz = new Float32Array(800);
  for (let i = 0; i < 300; i++) pitchHz[i] = 200 * 2 ** ((4 * Math.sin(i / 20)) / 12);
  for (let i = 400; i < 700; i++) pitchHz[i] = 200 * 2 ** ((0.3 * Math.sin(i / 20)) / 12);
  return { timeStepMs: 10, pitchHz, intensityDb: new Float32Array(800).fill(70), syllableTimesMs: [] };
}

describe('pitch movement', () => {
  it('is good at 3 semitones and monotone below 2', () => {
    expect(scorePitchMovement(contextOf(input({ analysis: { agent: channelAnalysis() } }))).status).toBe(
      'good',
    );
    const flat = scorePitchMovement(
      contextOf(
        input({
          analysis: {
            agent: channelAnalysis({ f0: { medianHz: 120, p10Hz: 115, p90Hz: 125, sdSemitones: 1.7 } }),
          },
        }),
      ),
    );
    expect(flat).toMatchObject({ status: 'warn', band: 'amber', value: 1.7 });
    expect(flat.evidence[0]?.note).toBe('f0-median-hz:120;monotone');
    expect(flat.advice['en-US']).toMatch(/Monotone/);
  });

  it('points at the flat agent turn when contours are given', () => {
    const item = scorePitchMovement(
      contextOf(input({ analysis: { agent: channelAnalysis({ contours: contours() }) } })),
    );
    const turns = item.evidence.filter((e) => e.atMs !== null);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      atMs: 4_000,
      endMs: 7_000,
      text: '请问有什么可以帮您？',
      note: 'monotone',
    });
    expect(turns[0]?.value).toBeLessThan(0.5);
  });

  it('is notAvailable without audio, like every tone item', () => {
    const items = scoreToneItems(contextOf(input({})));
    expect(items.map((i) => [i.id, i.status, i.reason])).toEqual([
      ['pitch-movement', 'notAvailable', 'no-audio'],
      ['loudness-level', 'notAvailable', 'no-audio'],
      ['loudness-stability', 'notAvailable', 'no-audio'],
      ['warmth', 'notAvailable', 'no-baseline'],
    ]);
  });
});

describe('loudness', () => {
  it('says too quiet, right or too loud from the mean level', () => {
    const level = (meanDb: number) =>
      scoreLoudnessLevel(
        contextOf(input({ analysis: { agent: channelAnalysis({ intensity: { meanDb, sdDb: 7 } }) } })),
      );
    expect(level(45).advice['en-US']).toMatch(/quiet/);
    expect(level(70).status).toBe('good');
    expect(level(86).advice['en-US']).toMatch(/loud/);
  });

  it('flags an unsteady level (large intensity SD)', () => {
    const item = scoreLoudnessStability(
      contextOf(input({ analysis: { agent: channelAnalysis({ intensity: { meanDb: 70, sdDb: 19 } }) } })),
    );
    expect(item.band).toBe('red');
    expect(item.advice['en-US']).toMatch(/jumps/);
  });
});

describe('warmth', () => {
  const baseline = { neutral: { f0MedianHz: 200 }, smiling: { f0MedianHz: 212 } };

  it('is notAvailable without a baseline, whatever the voice', () => {
    const item = scoreWarmth(
      contextOf(
        input({
          analysis: {
            agent: channelAnalysis({ f0: { medianHz: 260, p10Hz: 200, p90Hz: 300, sdSemitones: 3 } }),
          },
        }),
      ),
    );
    expect(item).toMatchObject({ status: 'notAvailable', reason: 'no-baseline', score: null });
  });

  it("places the call between the trainee's own neutral and smiling readings (an estimate)", () => {
    const at = (medianHz: number) =>
      scoreWarmth(
        contextOf(
          input({
            voiceBaseline: baseline,
            analysis: { agent: channelAnalysis({ f0: { medianHz, p10Hz: 0, p90Hz: 0, sdSemitones: 3 } }) },
          }),
        ),
      );
    const smiling = at(212);
    expect(smiling).toMatchObject({ status: 'good', estimate: true, value: 1 });
    const neutral = at(200);
    expect(neutral).toMatchObject({ status: 'warn', value: 0 });
    expect(at(190).status).toBe('bad');
  });

  it('uses F2/F3 and 2–3 kHz energy when both the call and the baseline have them', () => {
    const item = scoreWarmth(
      contextOf(
        input({
          voiceBaseline: {
            neutral: { f0MedianHz: 200, f2MedianHz: 1_500, energy2to3kHzRatio: 0.1 },
            smiling: { f0MedianHz: 212, f2MedianHz: 1_600, energy2to3kHzRatio: 0.12 },
          },
          analysis: { agent: channelAnalysis({ f0: { medianHz: 212, p10Hz: 0, p90Hz: 0, sdSemitones: 3 } }) },
          agentVoice: { f2MedianHz: 1_500, energy2to3kHzRatio: 0.1 },
        }),
      ),
    );
    expect(item.evidence.map((e) => e.value)).toEqual([1, 0, 0]);
    expect(item.value).toBe(0.33);
  });

  it('is notAvailable when the two baseline readings do not differ', () => {
    const item = scoreWarmth(
      contextOf(
        input({
          voiceBaseline: { neutral: { f0MedianHz: 200 }, smiling: { f0MedianHz: 200.5 } },
          analysis: { agent: channelAnalysis() },
        }),
      ),
    );
    expect(item.reason).toBe('baseline-not-distinct');
  });
});
