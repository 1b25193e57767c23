// Voice warm-up readings on storage, and the trainee's voice baseline made from them: the
// latest neutral and smiling readings of the same sentence text.
// Guarantees: readings are append-only; the baseline pairs readings of identical text only
// (the warmth estimate must compare like with like) and uses the newest such pair.
import type { Locale, WarmupMeasuresDto, WarmupReadingDto } from '@callsim/protocol';
import type { VoiceBaseline, VoiceProfile } from '@callsim/scoring';
import { classify } from '@callsim/scoring';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WarmupReadingsTable } from '../storage/schema.js';
import { warmupBands } from './voice-measures.js';

export type WarmupReadingRow = Selectable<WarmupReadingsTable>;

/** The voice profile kept for a reading (what the warmth estimate compares). */
export function profileOf(row: WarmupReadingRow): VoiceProfile {
  const measures = JSON.parse(row.measures) as WarmupMeasuresDto;
  return {
    f0MedianHz: row.f0MedianHz,
    ...(measures.energy2to3kHzRatio > 0 ? { energy2to3kHzRatio: measures.energy2to3kHzRatio } : {}),
  };
}

/** A baseline with the readings it came from. */
export interface VoiceBaselineSource {
  baseline: VoiceBaseline;
  sentenceText: string;
  neutral: WarmupReadingRow;
  smiling: WarmupReadingRow;
}

export class WarmupStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: WarmupReadingRow): Promise<void> {
    await this.db.insertInto('warmupReadings').values(row).execute();
  }

  async get(id: string): Promise<WarmupReadingRow | undefined> {
    return this.db.selectFrom('warmupReadings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Readings of a user, oldest first (at most `limit`, the newest ones). */
  async list(userId: string, limit = 500): Promise<WarmupReadingRow[]> {
    const rows = await this.db
      .selectFrom('warmupReadings')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAtMs', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  /** The newest neutral + smiling pair of readings of the same text, or null. */
  async baselineSource(userId: string): Promise<VoiceBaselineSource | null> {
    const rows = await this.db
      .selectFrom('warmupReadings')
      .selectAll()
      .where('userId', '=', userId)
      .where('f0MedianHz', '>', 0)
      .orderBy('createdAtMs', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    const latest = new Map<string, { neutral?: WarmupReadingRow; smiling?: WarmupReadingRow }>();
    let best: { neutral: WarmupReadingRow; smiling: WarmupReadingRow; newestMs: number } | null = null;
    for (const row of rows) {
      const pair = latest.get(row.text) ?? {};
      if (pair[row.style] === undefined) pair[row.style] = row;
      latest.set(row.text, pair);
      if (pair.neutral && pair.smiling) {
        const newestMs = Math.max(pair.neutral.createdAtMs, pair.smiling.createdAtMs);
        if (best === null || newestMs > best.newestMs)
          best = { neutral: pair.neutral, smiling: pair.smiling, newestMs };
      }
    }
    if (best === null) return null;
    return {
      baseline: { neutral: profileOf(best.neutral), smiling: profileOf(best.smiling) },
      sentenceText: best.neutral.text,
      neutral: best.neutral,
      smiling: best.smiling,
    };
  }

  /** The latest reading of the same text in the other style (for the smile comparison). */
  async latestOfStyle(
    userId: string,
    text: string,
    style: 'neutral' | 'smiling',
  ): Promise<WarmupReadingRow | undefined> {
    return this.db
      .selectFrom('warmupReadings')
      .selectAll()
      .where('userId', '=', userId)
      .where('text', '=', text)
      .where('style', '=', style)
      .orderBy('createdAtMs', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }
}

/**
 * The trainee's voice baseline for the warmth estimate of call scores (`ScoreCallInput.voiceBaseline`):
 * the newest neutral and smiling warm-up readings of the same sentence, or null when the trainee
 * has not read one sentence both ways yet.
 */
export async function voiceBaselineFor(db: Kysely<Database>, userId: string): Promise<VoiceBaseline | null> {
  return (await new WarmupStore(db).baselineSource(userId))?.baseline ?? null;
}

/** How a smiling reading moved the voice against the neutral one: F0 in semitones, 2–3 kHz share in dB. */
export function smileShift(
  smiling: VoiceProfile,
  neutral: VoiceProfile,
): { f0Semitones: number; energy2to3kHzDb: number } {
  const energy =
    smiling.energy2to3kHzRatio !== undefined &&
    neutral.energy2to3kHzRatio !== undefined &&
    smiling.energy2to3kHzRatio > 0 &&
    neutral.energy2to3kHzRatio > 0
      ? 10 * Math.log10(smiling.energy2to3kHzRatio / neutral.energy2to3kHzRatio)
      : 0;
  return { f0Semitones: 12 * Math.log2(smiling.f0MedianHz / neutral.f0MedianHz), energy2to3kHzDb: energy };
}

/** The reading as the page shows it; `smile` when a neutral reading of the same text exists. */
export function readingDtoOf(row: WarmupReadingRow, neutral?: WarmupReadingRow): WarmupReadingDto {
  const measures = JSON.parse(row.measures) as WarmupMeasuresDto;
  const locale = row.locale as Locale;
  const bands = warmupBands(locale);
  return {
    id: row.id,
    sentenceId: row.sentenceId,
    style: row.style,
    text: row.text,
    locale,
    rateUnit: locale === 'zh-CN' ? 'chars/min' : 'words/min',
    durationMs: row.durationMs,
    voicedMs: row.voicedMs,
    measures,
    bands: {
      ratePerMin: classify(measures.ratePerMin, bands.ratePerMin),
      pitchSdSemitones: classify(measures.pitchSdSemitones, bands.pitchSdSemitones),
      levelDb: classify(measures.levelDb, bands.levelDb),
      longestPauseMs: classify(measures.longestPauseMs, bands.longestPauseMs),
    },
    createdAtMs: row.createdAtMs,
    smile:
      row.style === 'smiling' && neutral && neutral.f0MedianHz > 0 && row.f0MedianHz > 0
        ? smileShift(profileOf(row), profileOf(neutral))
        : null,
  };
}
