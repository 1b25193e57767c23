// The drills feature behind /api/drills: which class a user's drills count for and its
// settings, dictation audio (customer line clip/TTS or key-field TTS), typing attempts,
// warm-up readings measured on upload (kept as WAV under <data>/drills/), progress over
// time and the class leaderboard. Access checks stay in the routes; this trusts its caller.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeWav, INTERNAL_SAMPLE_RATE_HZ } from '@callsim/audio';
import {
  AppError,
  type DrillOverviewDto,
  type DrillProgressDto,
  type DrillSettingsDto,
  type LeaderboardDto,
  type Locale,
  type WarmupReadingDto,
  type WarmupSentenceId,
  type WarmupSentencesDto,
  type WarmupStyle,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { CallEngines } from '../calls/call-engines.js';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import { newId } from '../storage/ids.js';
import type { Database, UsersTable } from '../storage/schema.js';
import { type DrillClass, DrillSettingsStore, drillClassesOf } from './drill-settings.js';
import type { ResolvedMaterial } from './typing-materials.js';
import { TypingAttemptStore } from './typing-store.js';
import { measureReading, warmupBandsDto } from './voice-measures.js';
import { WarmupTemplates } from './warmup-sentences.js';
import { readingDtoOf, WarmupStore } from './warmup-store.js';

export interface DrillServiceDeps {
  db: Kysely<Database>;
  library: ScenarioLibrary;
  engines: Pick<CallEngines, 'lineRenderer' | 'synthesize'>;
  /** The node's data folder; warm-up recordings go under `<dataDir>/drills/warmup/`. */
  dataDir: string;
}

export class DrillService {
  readonly settings: DrillSettingsStore;
  readonly attempts: TypingAttemptStore;
  readonly readings: WarmupStore;
  private readonly templates: WarmupTemplates;

  constructor(private readonly deps: DrillServiceDeps) {
    this.settings = new DrillSettingsStore(deps.db);
    this.attempts = new TypingAttemptStore(deps.db);
    this.readings = new WarmupStore(deps.db);
    this.templates = new WarmupTemplates(deps.library.rootDir);
  }

  /**
   * The class a user's drills count for: `requested` when it is one of theirs, else their
   * first trainee class, else their first class; null for a user in no class.
   */
  async drillClass(
    user: UsersTable,
    requested?: string,
  ): Promise<{ classes: DrillClass[]; current: DrillClass | null }> {
    const classes = await drillClassesOf(this.deps.db, user);
    if (requested !== undefined) {
      const found = classes.find((c) => c.id === requested);
      if (!found)
        throw new AppError('FORBIDDEN', 'not a class of this user', { details: { classId: requested } });
      return { classes, current: found };
    }
    return { classes, current: classes[0] ?? null };
  }

  async overview(user: UsersTable, requested?: string): Promise<DrillOverviewDto> {
    const { classes, current } = await this.drillClass(user, requested);
    const settings = await this.settings.get(current?.id ?? null);
    return {
      classes: classes.map((c) => ({ id: c.id, name: c.name })),
      classId: current?.id ?? null,
      settings,
      canEditSettings:
        current !== null && (current.roleInClass === 'evaluator' || current.roleInClass === 'admin'),
      showOnLeaderboard: await this.settings.showOnLeaderboard(user.id),
    };
  }

  /** The dictation audio of a material as a 16 kHz mono WAV. */
  async materialAudio(material: ResolvedMaterial): Promise<Uint8Array> {
    try {
      const speech = material.speech;
      const samples =
        'line' in speech
          ? await this.deps.engines.lineRenderer(material.scenario)(speech.line)
          : await this.deps.engines.synthesize(speech.text, material.scenario.locale, speech.voice);
      return encodeWav({ sampleRateHz: INTERNAL_SAMPLE_RATE_HZ, channels: [samples] });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('SPEECH_ENGINE_UNAVAILABLE', 'dictation audio could not be rendered', {
        details: { engine: 'tts' },
        cause: error,
        retryable: true,
      });
    }
  }

  async warmupSentences(user: UsersTable, settings: DrillSettingsDto): Promise<WarmupSentencesDto> {
    const { template, sentences } = await this.templates.sentences(settings.templateId, settings.locale, {
      id: user.username,
      name: user.displayName,
    });
    return {
      locale: template.locale,
      templateId: template.id,
      rateUnit: template.locale === 'zh-CN' ? 'chars/min' : 'words/min',
      sentences,
      bands: warmupBandsDto(template.locale),
    };
  }

  /** Measures an uploaded reading of one warm-up sentence, keeps the WAV and stores the measures. */
  async recordReading(
    user: UsersTable,
    settings: DrillSettingsDto,
    sentenceId: WarmupSentenceId,
    style: WarmupStyle,
    wavBytes: Uint8Array,
    nowMs = Date.now(),
  ): Promise<WarmupReadingDto> {
    const { templateId, sentences, locale } = await this.warmupSentences(user, settings);
    const sentence = sentences.find((s) => s.id === sentenceId);
    if (!sentence) throw new AppError('NOT_FOUND', 'no such warm-up sentence', { details: { sentenceId } });
    const measured = measureReading(wavBytes, sentence.text, locale);
    const id = newId(nowMs);
    const folder = path.join(this.deps.dataDir, 'drills', 'warmup', user.id);
    await mkdir(folder, { recursive: true });
    const recordingPath = path.join(folder, `${id}.wav`);
    await writeFile(
      recordingPath,
      encodeWav({ sampleRateHz: INTERNAL_SAMPLE_RATE_HZ, channels: [measured.samples16k] }),
    );
    const row = {
      id,
      userId: user.id,
      classId: settings.classId,
      templateId,
      sentenceId,
      style,
      locale,
      text: sentence.text,
      recordingPath,
      durationMs: measured.durationMs,
      voicedMs: measured.voicedMs,
      speechUnits: measured.speechUnits,
      ratePerMin: measured.measures.ratePerMin,
      pitchSdSemitones: measured.measures.pitchSdSemitones,
      f0MedianHz: measured.measures.f0MedianHz,
      levelDb: measured.measures.levelDb,
      longestPauseMs: measured.measures.longestPauseMs,
      pauseCount: measured.measures.pauseCount,
      measures: JSON.stringify(measured.measures),
      createdAtMs: nowMs,
    };
    await this.readings.insert(row);
    const neutral =
      style === 'smiling' ? await this.readings.latestOfStyle(user.id, sentence.text, 'neutral') : undefined;
    return readingDtoOf(row, neutral);
  }

  async progress(userId: string, locale: Locale): Promise<DrillProgressDto> {
    const typing = await this.attempts.submittedAscending(userId);
    const readings = await this.readings.list(userId);
    const max = (values: number[]) => (values.length > 0 ? Math.max(...values) : null);
    return {
      userId,
      rateUnit: locale === 'zh-CN' ? 'chars/min' : 'words/min',
      typing: typing.map((row) => ({
        atMs: row.submittedAtMs ?? row.startedAtMs,
        mode: row.mode,
        charsPerMin: row.charsPerMin ?? 0,
        accuracy: row.accuracy ?? 0,
        netCharsPerMin: row.netCharsPerMin ?? 0,
        passed: row.passed === 1,
      })),
      warmup: readings.map((row) => ({
        atMs: row.createdAtMs,
        sentenceId: row.sentenceId,
        style: row.style,
        ratePerMin: row.ratePerMin,
        pitchSdSemitones: row.pitchSdSemitones,
        levelDb: row.levelDb,
        longestPauseMs: row.longestPauseMs,
      })),
      bests: {
        netCharsPerMin: max(typing.map((r) => r.netCharsPerMin ?? 0)),
        charsPerMin: max(typing.map((r) => r.charsPerMin ?? 0)),
        accuracy: max(typing.map((r) => r.accuracy ?? 0)),
        passedCount: typing.filter((r) => r.passed === 1).length,
        typingAttempts: typing.length,
        warmupReadings: readings.length,
      },
      hasVoiceBaseline: (await this.readings.baselineSource(userId)) !== null,
    };
  }

  /**
   * Best net speed per trainee of the class. Names show for trainees who opted in and for
   * the viewer themself; evaluators of the class (and admins) see every name.
   */
  async leaderboard(
    viewer: UsersTable,
    classId: string,
    viewerManagesClass: boolean,
  ): Promise<LeaderboardDto> {
    const db = this.deps.db;
    const klass = await db
      .selectFrom('classes')
      .select(['id', 'name'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass) throw new AppError('NOT_FOUND', 'no such class');
    const trainees = await db
      .selectFrom('classMembers')
      .innerJoin('users', 'users.id', 'classMembers.userId')
      .leftJoin('drillPreferences', 'drillPreferences.userId', 'users.id')
      .select([
        'users.id as userId',
        'users.displayName as displayName',
        'drillPreferences.showOnLeaderboard as show',
      ])
      .where('classMembers.classId', '=', classId)
      .where('classMembers.roleInClass', '=', 'trainee')
      .execute();
    const byId = new Map(trainees.map((t) => [t.userId, t]));
    const bests = (await this.attempts.classBests(classId))
      .filter((b) => byId.has(b.userId))
      .sort((a, b) => b.bestNetCharsPerMin - a.bestNetCharsPerMin || b.bestAccuracy - a.bestAccuracy);
    return {
      classId,
      className: klass.name,
      entries: bests.map((b, index) => {
        const trainee = byId.get(b.userId)!;
        const isSelf = b.userId === viewer.id;
        const named = isSelf || viewerManagesClass || trainee.show === 1;
        return {
          rank: index + 1,
          name: named ? trainee.displayName : null,
          isSelf,
          bestNetCharsPerMin: b.bestNetCharsPerMin,
          bestAccuracy: b.bestAccuracy,
          attempts: b.attempts,
        };
      }),
    };
  }
}
