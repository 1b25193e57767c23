// Band edges as domain.md states them: zh green 150–210, amber 120–150 / 210–240, red outside;
// complaints and elderly callers 120–180; en 120–150 comfortable, < 100 slow, > 160 rushed.
import { describe, expect, it } from 'vitest';
import { bareScript } from '../__fixtures__/scenarios.js';
import { bandScore, classify } from './band.js';
import { resolveBands, speechRateBand } from './default-bands.js';

describe('speech-rate bands', () => {
  const zh = speechRateBand(bareScript('zh-CN'));
  it.each([
    [119, 'red'],
    [120, 'amber'],
    [149.9, 'amber'],
    [150, 'green'],
    [210, 'green'],
    [210.1, 'amber'],
    [240, 'amber'],
    [241, 'red'],
  ] as const)('zh-CN %s 字/min is %s', (rate, band) => {
    expect(classify(rate, zh)).toBe(band);
  });

  it('slows the zh band to 120–180 for complaints and elderly callers', () => {
    expect(speechRateBand(bareScript('zh-CN', { category: 'complaint' })).green).toEqual([120, 180]);
    expect(speechRateBand(bareScript('zh-CN', { customer: { persona: 'elderly' } })).green).toEqual([
      120, 180,
    ]);
    expect(speechRateBand(bareScript('zh-CN', { category: 'inquiry' })).green).toEqual([150, 210]);
  });

  it("uses the scenario's speechRatePerMin when it sets one", () => {
    const band = speechRateBand(
      bareScript('zh-CN', { category: 'complaint', scoring: { speechRatePerMin: [130, 170] } }),
    );
    expect(band).toEqual({ green: [130, 170], amber: [100, 200] });
  });

  it.each([
    [99, 'red'],
    [100, 'amber'],
    [120, 'green'],
    [150, 'green'],
    [160, 'amber'],
    [161, 'red'],
  ] as const)('en-US %s words/min is %s', (rate, band) => {
    expect(classify(rate, speechRateBand(bareScript('en-US')))).toBe(band);
  });
});

describe('bandScore', () => {
  const band = { green: [150, 210], amber: [120, 240] } as const;
  it('is 100 in green, 90–60 in amber and below 50 in red, falling further out', () => {
    expect(bandScore(180, band)).toBe(100);
    expect(bandScore(211, band)).toBeLessThanOrEqual(90);
    expect(bandScore(211, band)).toBeGreaterThan(bandScore(239, band));
    expect(bandScore(240, band)).toBe(60);
    expect(bandScore(241, band)).toBeLessThanOrEqual(50);
    expect(bandScore(300, band)).toBe(0);
    expect(bandScore(119, band)).toBeLessThan(bandScore(121, band));
  });

  it('handles one-sided bands (answer delay)', () => {
    const answer = resolveBands(bareScript('zh-CN')).answerDelayMs;
    expect(bandScore(0, answer)).toBe(100);
    expect(bandScore(15_000, answer)).toBe(100);
    expect(classify(20_000, answer)).toBe('amber');
    expect(classify(31_000, answer)).toBe('red');
  });
});

describe('resolveBands', () => {
  it('derives answer and handle-time bands from the scenario and lets a class override any band', () => {
    const bands = resolveBands(
      bareScript('zh-CN', { scoring: { answerWithinMs: 10_000, targetHandleMs: 300_000 } }),
      {
        overtalkPct: { green: [0, 3], amber: [0, 6] },
      },
    );
    expect(bands.answerDelayMs.green).toEqual([0, 10_000]);
    expect(bands.answerRings.green).toEqual([0, 2]);
    expect(bands.handleTimeMs.green).toEqual([0, 300_000]);
    expect(bands.overtalkPct.amber).toEqual([0, 6]);
  });

  it('expects a lower agent talk share in promotion (sales) calls', () => {
    expect(resolveBands(bareScript('zh-CN', { category: 'promotion' })).talkSharePct.green).toEqual([30, 45]);
    expect(resolveBands(bareScript('zh-CN', { category: 'complaint' })).talkSharePct.green).toEqual([40, 60]);
  });
});
