// Validation on the generated corpus against Praat (committed reference) and against known truth:
// F0 medians vs Praat, syllable counts vs Han character counts, tone F0 vs the synthesized frequency.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CorpusEntry,
  corpusBytes,
  corpusManifest,
  corpusWav,
  type PraatMeasures,
  praatReference,
  semitones,
} from './__fixtures__/corpus.js';
import { analyzeChannel, type DetailedChannelAnalysis } from './analyze-channel.js';
import { intensityContour } from './intensity/intensity-contour.js';
import { summarizeIntensity } from './intensity/intensity-summary.js';

interface Measured {
  entry: CorpusEntry;
  praat: PraatMeasures | undefined;
  sha256: string;
  analysis: DetailedChannelAnalysis;
  wholeFileIntensityDb: number;
}

let measured: Measured[] = [];

beforeAll(() => {
  const reference = praatReference();
  measured = corpusManifest().map((entry) => {
    const bytes = corpusBytes(entry.file);
    const wav = corpusWav(entry.file);
    const samples = wav.channels[0]!;
    return {
      entry,
      praat: reference[entry.file],
      sha256: createHash('sha256').update(bytes).digest('hex'),
      analysis: analyzeChannel(samples, wav.sampleRateHz),
      wholeFileIntensityDb: summarizeIntensity(intensityContour(samples, wav.sampleRateHz).db).meanDb,
    };
  });
});

/** Files whose bytes are those Praat measured (others drifted, e.g. a different espeak-ng version). */
const comparable = () => measured.filter((m) => m.praat !== undefined && m.praat.sha256 === m.sha256);

describe('analysis corpus', () => {
  it('is the corpus the Praat reference was made from (re-run scripts/corpus/praat-reference.mjs if not)', () => {
    const drifted = measured.filter((m) => m.praat?.sha256 !== m.sha256).map((m) => m.entry.file);
    expect(drifted).toEqual([]);
    expect(measured.length).toBeGreaterThanOrEqual(60);
  });

  it('finds the F0 median within 0.5 semitone of Praat on at least 95 % of voiced files', () => {
    const voiced = comparable().filter((m) => m.praat!.f0MedianHz !== null);
    expect(voiced.length).toBeGreaterThanOrEqual(50);
    const off = voiced.filter((m) => Math.abs(semitones(m.analysis.f0.medianHz, m.praat!.f0MedianHz!)) > 0.5);
    expect(off.length / voiced.length, off.map((m) => m.entry.file).join(', ')).toBeLessThanOrEqual(0.05);
  });

  it('keeps the F0 10th and 90th percentiles within 1 semitone of Praat on at least 90 % of voiced files', () => {
    const voiced = comparable().filter((m) => m.praat!.f0MedianHz !== null);
    const off = voiced.filter(
      (m) =>
        Math.abs(semitones(m.analysis.f0.p10Hz, m.praat!.f0P10Hz!)) > 1 ||
        Math.abs(semitones(m.analysis.f0.p90Hz, m.praat!.f0P90Hz!)) > 1,
    );
    expect(off.length / voiced.length, off.map((m) => m.entry.file).join(', ')).toBeLessThanOrEqual(0.1);
  });

  it('measures the whole-file mean intensity within 1.5 dB of Praat', () => {
    for (const m of comparable()) {
      expect(Math.abs(m.wholeFileIntensityDb - m.praat!.intensityMeanDb), m.entry.file).toBeLessThan(1.5);
    }
  });

  it('counts Mandarin syllables within 10 % of the character count (median relative error)', () => {
    const zh = measured.filter((m) => m.entry.kind === 'zh');
    expect(zh.length).toBeGreaterThanOrEqual(20);
    const errors = zh
      .map((m) => Math.abs(m.analysis.syllableCount - m.entry.syllables!) / m.entry.syllables!)
      .sort((a, b) => a - b);
    const median = (errors[(errors.length - 1) >> 1]! + errors[errors.length >> 1]!) / 2;
    expect(median).toBeLessThanOrEqual(0.1);
    // And no sentence is off by more than a third (catches systematic doubling or halving).
    expect(errors[errors.length - 1]).toBeLessThan(0.34);
  });

  it('finds the F0 of sine and sawtooth tones within 0.5 semitone of the truth, voiced throughout', () => {
    const tones = measured.filter((m) => m.entry.kind === 'tone');
    expect(tones).toHaveLength(8);
    for (const m of tones) {
      expect(Math.abs(semitones(m.analysis.f0.medianHz, m.entry.f0Hz!)), m.entry.file).toBeLessThan(0.5);
      expect(m.analysis.f0.sdSemitones, m.entry.file).toBeLessThan(0.1);
      expect(m.analysis.pauses.count, m.entry.file).toBe(0);
    }
  });

  it('reports faster speech for faster espeak-ng rates of the same sentence', () => {
    const zh = measured.filter((m) => m.entry.kind === 'zh');
    const bySentence = new Map<string, Measured[]>();
    for (const m of zh) bySentence.set(m.entry.text!, [...(bySentence.get(m.entry.text!) ?? []), m]);
    let faster = 0;
    for (const [, pair] of bySentence) {
      const [a, b] = pair.sort((x, y) => x.entry.file.localeCompare(y.entry.file));
      const rate = (m: Measured) => Number(/-s(\d+)-/.exec(m.entry.file)![1]);
      const [slow, fast] = rate(a!) < rate(b!) ? [a!, b!] : [b!, a!];
      if (fast.analysis.articulationRatePerSec > slow.analysis.articulationRatePerSec) faster++;
    }
    expect(faster).toBe(bySentence.size);
  });
});
