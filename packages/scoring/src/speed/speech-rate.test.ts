// Speech rate from the transcript (字/min, words/min) and, without agent text, from the audio
// (syllable nuclei, marked as an estimate); bands per locale, persona and scenario.
import { describe, expect, it } from 'vitest';
import { bareScript, channelAnalysis, contextOf, converse } from '../__fixtures__/scenarios.js';
import type { ScoreSegment } from '../model/score-input.js';
import { measureSpeechRate, scoreSpeechRate } from './speech-rate.js';

const ZH_LINE = '您好，现代生活网上超市，很高兴为您服务。请问有什么可以帮您？'; // 26 字

function agentAt(charsPerMin: number, text = ZH_LINE, locale: 'zh-CN' | 'en-US' = 'zh-CN'): ScoreSegment[] {
  return converse(locale, [{ speaker: 'agent', text }], { agentPerMin: charsPerMin, callerPerMin: 200 });
}

describe('speech rate from the transcript', () => {
  it.each([
    [180, 'good', 'green'],
    [225, 'warn', 'amber'],
    [260, 'bad', 'red'],
    [135, 'warn', 'amber'],
    [100, 'bad', 'red'],
  ] as const)('zh-CN at %s 字/min is %s (%s)', (rate, status, band) => {
    const item = scoreSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments: agentAt(rate) } }),
    );
    expect(item.value).toBeCloseTo(rate, -1);
    expect(item.unit).toBe('chars/min');
    expect(item.status).toBe(status);
    expect(item.band).toBe(band);
    expect(item.estimate).toBe(false);
  });

  it('says "slow down" when too fast and "tighten" when too slow', () => {
    const fast = scoreSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments: agentAt(260) } }),
    );
    const slow = scoreSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments: agentAt(100) } }),
    );
    expect(fast.advice['en-US']).toMatch(/too fast/);
    expect(slow.advice['en-US']).toMatch(/too slowly/);
    expect(fast.advice['zh-CN']).toMatch(/偏快/);
  });

  it('judges a complaint call against 120–180: 200 字/min is amber there but green in an inquiry', () => {
    const segments = agentAt(200);
    const complaint = scoreSpeechRate(
      contextOf({
        script: bareScript('zh-CN', { category: 'complaint' }),
        transcript: { locale: 'zh-CN', segments },
      }),
    );
    const inquiry = scoreSpeechRate(
      contextOf({
        script: bareScript('zh-CN', { category: 'inquiry' }),
        transcript: { locale: 'zh-CN', segments },
      }),
    );
    expect(complaint.band).toBe('amber');
    expect(complaint.target).toEqual({ min: 120, max: 180 });
    expect(inquiry.band).toBe('green');
  });

  it('counts only agent speech time, not the pauses between turns or the caller', () => {
    const segments = converse(
      'zh-CN',
      [
        { speaker: 'agent', text: ZH_LINE },
        { speaker: 'caller', text: '我想问一下我的订单到哪里了，已经三天了还没到。' },
        { speaker: 'agent', text: '好的，麻烦您提供一下订单号，我马上帮您查询。', gapMs: 3_000 },
      ],
      { agentPerMin: 180, callerPerMin: 260 },
    );
    const rate = measureSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments } }),
    );
    expect(rate?.ratePerMin).toBeCloseTo(180, 0);
    expect(rate?.source).toBe('transcript');
  });

  it("divides by the analysis' phonation time when every agent turn is transcribed", () => {
    const segments = agentAt(156); // 26 字 over 10 s of segment
    const ctx = contextOf({
      script: bareScript('zh-CN'),
      transcript: { locale: 'zh-CN', segments },
      analysis: { agent: channelAnalysis({ voicedMs: 8_000 }) },
    });
    const rate = measureSpeechRate(ctx);
    expect(rate?.source).toBe('transcript-analysis');
    expect(rate?.ratePerMin).toBeCloseTo(26 / (8 / 60), 5);
  });

  it('keeps to the turn durations when the recording does not reach the last agent turn', () => {
    const segments = converse(
      'zh-CN',
      [
        { speaker: 'agent', text: ZH_LINE },
        { speaker: 'caller', text: '好的。' },
        { speaker: 'agent', text: '麻烦您提供一下订单号。' },
      ],
      { agentPerMin: 160, callerPerMin: 200 },
    );
    const shortRecording = {
      timeStepMs: 10,
      pitchHz: new Float32Array(1_000),
      intensityDb: new Float32Array(1_000),
      syllableTimesMs: [],
    };
    const rate = measureSpeechRate(
      contextOf({
        script: bareScript('zh-CN'),
        transcript: { locale: 'zh-CN', segments },
        analysis: { agent: channelAnalysis({ voicedMs: 9_000, contours: shortRecording }) },
      }),
    );
    expect(rate?.source).toBe('transcript');
    expect(rate?.ratePerMin).toBeCloseTo(160, 0);
  });

  it('lists the agent turns that were too fast as evidence, with time and words', () => {
    const segments = converse(
      'zh-CN',
      [
        { speaker: 'agent', text: ZH_LINE },
        { speaker: 'caller', text: '好的。' },
        {
          speaker: 'agent',
          text: '我们马上为您免费补寄一个新的或者给您全额退款您看哪种方式更方便',
          durationMs: 6_000,
        },
      ],
      { agentPerMin: 170, callerPerMin: 200 },
    );
    const item = scoreSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments } }),
    );
    const turns = item.evidence.filter((e) => e.atMs !== null);
    expect(turns).toHaveLength(1);
    expect(turns[0]?.atMs).toBe(segments[2]?.startMs);
    expect(turns[0]?.text).toContain('补寄');
    expect(turns[0]?.value).toBe(310);
    expect(turns[0]?.band).toBe('red');
  });
});

describe('speech rate from the audio alone', () => {
  it('uses the articulation rate (syllables/s, pauses excluded) when the agent has no transcript text', () => {
    const segments: ScoreSegment[] = [{ speaker: 'agent', startMs: 0, endMs: 20_000, text: '' }];
    const item = scoreSpeechRate(
      contextOf({
        script: bareScript('zh-CN'),
        transcript: { locale: 'zh-CN', segments },
        analysis: { agent: channelAnalysis({ articulationRatePerSec: 4.2 }) },
      }),
    );
    expect(item.value).toBe(252);
    expect(item.estimate).toBe(true);
    expect(item.band).toBe('red');
    expect(item.evidence[0]?.note).toBe('acoustic');
  });

  it('turns syllables into English words at 1.5 syllables a word', () => {
    const item = scoreSpeechRate(
      contextOf({
        script: bareScript('en-US'),
        transcript: { locale: 'en-US', segments: [] },
        analysis: { agent: channelAnalysis({ articulationRatePerSec: 3.5 }) },
      }),
    );
    expect(item.unit).toBe('words/min');
    expect(item.value).toBe(140);
    expect(item.status).toBe('good');
  });

  it('is notAvailable with neither agent text nor agent audio', () => {
    const item = scoreSpeechRate(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments: [] } }),
    );
    expect(item.status).toBe('notAvailable');
    expect(item.score).toBeNull();
    expect(item.reason).toBe('no-speech');
  });
});

describe('English words per minute', () => {
  const text = 'Thank you for calling Modern Living Online Market, this is Anna. How can I help you today?'; // 17 words
  it.each([
    [135, 'good'],
    [105, 'warn'],
    [90, 'bad'],
    [158, 'warn'],
    [175, 'bad'],
  ] as const)('%s words/min is %s', (wpm, status) => {
    const item = scoreSpeechRate(
      contextOf({
        script: bareScript('en-US'),
        transcript: { locale: 'en-US', segments: agentAt(wpm, text, 'en-US') },
      }),
    );
    expect(item.unit).toBe('words/min');
    expect(item.value).toBeCloseTo(wpm, -1);
    expect(item.status).toBe(status);
  });
});
