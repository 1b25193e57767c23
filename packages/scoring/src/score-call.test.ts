// scoreCall end to end on real scenarios from call-scripts/: a good agent scores high, a rude
// one low with the right evidence; a fatal phrase fails the call; the output is plain, stable
// JSON with the CLI contract fields; scenario weights drive the composite.
import { describe, expect, it } from 'vitest';
import { GOOD_AGENT, GOOD_AGENT_EN, RUDE_AGENT } from './__fixtures__/complaint-calls.js';
import { channelAnalysis, converse, type Line, loadScenario } from './__fixtures__/scenarios.js';
import { type CallScore, type ScoreCallInput, type ScoreSegment, scoreCall } from './index.js';

const cup = loadScenario('inbound/zh-CN/complaint-damaged-cup.yaml');
const PACE = { agentPerMin: 160, callerPerMin: 150 };

function zhCall(
  lines: readonly Line[],
  extra: Partial<ScoreCallInput> = {},
): { score: CallScore; segments: ScoreSegment[] } {
  const segments = converse('zh-CN', lines, PACE);
  const endMs = segments.at(-1)!.endMs + 1_500;
  const score = scoreCall({
    script: cup,
    transcript: { locale: 'zh-CN', segments },
    timeline: {
      durationMs: endMs,
      events: [
        { type: 'ring', atMs: -9_000, ringCount: 1 },
        { type: 'ring', atMs: -4_000, ringCount: 2 },
        { type: 'answer', atMs: 0 },
        { type: 'hangup', atMs: endMs, endedBy: 'customer', reason: 'scenario-end' },
      ],
    },
    ...extra,
  });
  return { score, segments };
}

const item = (score: CallScore, id: string) =>
  Object.values(score.dimensions)
    .flatMap((d) => d.items)
    .find((i) => i.id === id)!;

describe('scoreCall on complaint-damaged-cup', () => {
  it('scores a good agent high: every step, no 禁语, no interruptions, no dead air', () => {
    const { score } = zhCall(GOOD_AGENT);
    expect(score.total).toBeGreaterThanOrEqual(90);
    expect(score.passed).toBe(true);
    expect(score.failed).toBe(false);
    expect(score.adherence.steps.every((s) => s.found)).toBe(true);
    expect(score.adherence.forbidden).toEqual([]);
    expect(score.deductions).toEqual([]);
    expect(score.dimensions.script.score).toBe(100);
    expect(item(score, 'speech-rate')).toMatchObject({ value: 160, band: 'green' });
    expect(item(score, 'answer-time')).toMatchObject({ value: 9_000, status: 'good' });
    expect(item(score, 'talk-share').status).toBe('good');
  });

  it('scores a rude agent low with evidence: missing greeting, 禁语, interruptions, dead air', () => {
    const { score, segments } = zhCall(RUDE_AGENT);
    expect(score.total).toBeLessThan(30);
    expect(score.passed).toBe(false);
    expect(score.failed).toBe(false);
    expect(score.adherence.missingRequired).toEqual(
      expect.arrayContaining(['greeting', 'empathy', 'confirm-issue', 'offer-solution', 'farewell']),
    );
    expect(item(score, 'step-timing').evidence[0]).toMatchObject({
      atMs: null,
      note: 'step:greeting:missing',
    });

    const interruptAt = [segments[2]!.startMs, segments[4]!.startMs];
    expect(score.adherence.forbidden.map((f) => [f.phrase, f.severity, f.atMs])).toEqual([
      ['听我说完', 'minor', interruptAt[0]],
      ['你先冷静', 'minor', interruptAt[0]],
      ['我不知道', 'major', interruptAt[1]],
      ['不归我管', 'major', interruptAt[1]],
    ]);
    expect(item(score, 'interruptions').evidence.map((e) => [e.atMs, e.value])).toEqual([
      [interruptAt[0], 2_500],
      [interruptAt[1], 1_500],
    ]);
    const silence = item(score, 'dead-air').evidence[0]!;
    expect(silence).toMatchObject({
      atMs: segments[5]!.endMs,
      endMs: segments[6]!.startMs,
      value: 13_000,
      band: 'red',
    });
    expect(score.deductions.map((d) => d.code)).toEqual([
      'interruption',
      'forbidden-minor',
      'forbidden-minor',
      'interruption',
      'forbidden-major',
      'forbidden-major',
      'dead-air',
    ]);
    expect(score.deductedPoints).toBe(25);
    expect(score.dimensions.courtesy.status).toBe('bad');
    expect(item(score, 'script-steps').advice['zh-CN']).toContain('标准开头语');
  });

  it('fails the call on a fatal phrase, however good the rest was', () => {
    const lines = [...GOOD_AGENT];
    lines.splice(
      5,
      0,
      { speaker: 'agent', text: '这个杯子是你自己摔的吧？' },
      { speaker: 'caller', text: '你说什么？' },
    );
    const { score, segments } = zhCall(lines);
    expect(score.failed).toBe(true);
    expect(score.passed).toBe(false);
    expect(score.total).toBeLessThanOrEqual(30);
    expect(score.weightedTotal).toBeGreaterThan(60);
    expect(score.failReasons).toEqual([
      { code: 'fatal-forbidden', phrase: '你自己摔的吧', atMs: segments[5]!.startMs },
    ]);
    expect(item(score, 'forbidden-phrases')).toMatchObject({ score: 0, status: 'bad' });
    expect(item(score, 'forbidden-phrases').advice['en-US']).toMatch(/fails/);
  });

  it('gives adherence in the CLI contract shape: atMs is the start of the agent segment', () => {
    const { score, segments } = zhCall(GOOD_AGENT);
    const greeting = score.adherence.steps.find((s) => s.id === 'greeting')!;
    expect(greeting).toMatchObject({ id: 'greeting', found: true, atMs: segments[0]!.startMs });
    expect(greeting.evidence).toMatchObject({
      segmentIndex: 0,
      startMs: segments[0]!.startMs,
      kind: 'exact',
    });
    const offer = score.adherence.steps.find((s) => s.id === 'offer-solution')!;
    expect(offer.atMs).toBe(segments[6]!.startMs);
    expect(offer.evidence?.text).toBe('补寄');
  });

  it('is plain, stable JSON: same input, same text; no class instances, NaN or undefined', () => {
    const first = zhCall(RUDE_AGENT, { analysis: { agent: channelAnalysis() } }).score;
    const second = zhCall(RUDE_AGENT, { analysis: { agent: channelAnalysis() } }).score;
    const text = JSON.stringify(first);
    expect(JSON.stringify(second)).toBe(text);
    expect(JSON.parse(text)).toEqual(first);
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('leaves tone out of the composite without audio and spreads its weight over the rest', () => {
    const { score } = zhCall(GOOD_AGENT);
    expect(score.dimensions.tone).toMatchObject({
      score: null,
      status: 'notAvailable',
      effectiveWeightPct: 0,
    });
    expect(score.dimensions.script.effectiveWeightPct).toBe(62.5);
    const withAudio = zhCall(GOOD_AGENT, { analysis: { agent: channelAnalysis() } }).score;
    expect(withAudio.dimensions.tone.score).not.toBeNull();
    expect(withAudio.dimensions.script.effectiveWeightPct).toBe(50);
  });

  it("weighs dimensions by the scenario's scoring.weights", () => {
    const lines = RUDE_AGENT;
    const scriptHeavy = zhCall(lines, {
      script: {
        ...cup,
        scoring: { ...cup.scoring, weights: { script: 100, speed: 0, tone: 0, courtesy: 0 } },
      },
    }).score;
    const speedHeavy = zhCall(lines, {
      script: {
        ...cup,
        scoring: { ...cup.scoring, weights: { script: 0, speed: 100, tone: 0, courtesy: 0 } },
      },
    }).score;
    expect(scriptHeavy.weightedTotal).toBe(scriptHeavy.dimensions.script.score);
    expect(speedHeavy.weightedTotal).toBe(speedHeavy.dimensions.speed.score);
  });

  it('marks a slow answer (five rings, 25 s)', () => {
    const { score } = zhCall(GOOD_AGENT, { answer: { ringCount: 5, answerDelayMs: 25_000 } });
    expect(item(score, 'answer-time')).toMatchObject({ status: 'warn', band: 'amber', value: 25_000 });
  });

  it('gives every item a status, evidence list and advice in both languages', () => {
    const { score } = zhCall(RUDE_AGENT, { analysis: { agent: channelAnalysis() } });
    for (const dimension of Object.values(score.dimensions)) {
      for (const i of dimension.items) {
        expect(['good', 'warn', 'bad', 'notAvailable']).toContain(i.status);
        expect(Array.isArray(i.evidence)).toBe(true);
        expect(i.advice['zh-CN'].length).toBeGreaterThan(0);
        expect(i.advice['en-US'].length).toBeGreaterThan(0);
        if (i.status === 'notAvailable') expect(i.reason).not.toBeNull();
      }
    }
  });
});

describe('scoreCall on complaint-damaged-blender-en', () => {
  it('scores an English call in words per minute with the English 话术', () => {
    const blender = loadScenario('inbound/en-US/complaint-damaged-blender-en.yaml');
    const segments = converse('en-US', GOOD_AGENT_EN, { agentPerMin: 140, callerPerMin: 160 });
    const score = scoreCall({ script: blender, transcript: { locale: 'en-US', segments } });
    expect(score.metrics).toMatchObject({ speechRatePerMin: 140, speechRateUnit: 'words/min' });
    expect(item(score, 'speech-rate')).toMatchObject({ unit: 'words/min', status: 'good' });
    expect(score.adherence.missingRequired).toEqual([]);
    expect(score.passed).toBe(true);
  });
});
