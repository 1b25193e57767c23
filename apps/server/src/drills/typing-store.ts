// Listen-and-type attempts on storage. An attempt is stored when it starts (what was said,
// speed, replay limit, class targets), counts its plays, and is closed once by a submit
// that stores the typed text and its numbers:
//   started ──play (≤ replay limit)──▶ playing ──submit──▶ submitted (final)
// Guarantees: the play limit and the single submit hold under concurrent requests (one
// conditional UPDATE each); speeds are over first play → submit, measured by the server.
import {
  AppError,
  KEY_FIELDS,
  type KeyField,
  type Locale,
  type SubmitTypingBody,
  type TypingAttemptSummaryDto,
  type TypingDiffRunDto,
  type TypingMode,
  type TypingNumbersDto,
  type TypingPlayDto,
  type TypingResultDto,
} from '@callsim/protocol';
import { scoreKeyFields, scoreTyping, type TypingResult } from '@callsim/scoring';
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../storage/ids.js';
import type { Database, TypingAttemptsTable } from '../storage/schema.js';
import type { KeyFieldReference } from './key-field-material.js';
import type { ResolvedMaterial } from './typing-materials.js';

export type TypingAttemptRow = Selectable<TypingAttemptsTable>;

type StoredReference = { text: string } | { fields: KeyFieldReference[] };
type StoredTyped = { text: string } | { fields: Partial<Record<KeyField, string>> };
interface StoredDiff {
  diff: TypingDiffRunDto[];
  fields: TypingResultDto['fields'];
}

export interface StartAttemptInput {
  userId: string;
  classId: string | null;
  material: ResolvedMaterial;
  /** Playback speed, 0.6–1. */
  speed: number;
  replayLimit: number;
  targets: { charsPerMin: number; accuracy: number };
}

export class TypingAttemptStore {
  constructor(private readonly db: Kysely<Database>) {}

  async start(input: StartAttemptInput, nowMs = Date.now()): Promise<TypingAttemptRow> {
    const row: TypingAttemptRow = {
      id: newId(nowMs),
      userId: input.userId,
      classId: input.classId,
      materialId: input.material.dto.id,
      mode: input.material.dto.mode,
      scenarioId: input.material.scenario.id,
      scenarioTitle: input.material.scenario.title,
      locale: input.material.scenario.locale,
      reference: JSON.stringify(input.material.reference),
      speedPct: Math.round(input.speed * 100),
      replayLimit: input.replayLimit,
      playCount: 0,
      targetCharsPerMin: input.targets.charsPerMin,
      targetAccuracy: input.targets.accuracy,
      startedAtMs: nowMs,
      firstPlayAtMs: null,
      submittedAtMs: null,
      typed: null,
      elapsedMs: null,
      referenceChars: null,
      typedChars: null,
      substitutions: null,
      deletions: null,
      insertions: null,
      cer: null,
      accuracy: null,
      charsPerMin: null,
      netCharsPerMin: null,
      passed: null,
      diff: null,
    };
    await this.db.insertInto('typingAttempts').values(row).execute();
    return row;
  }

  async get(attemptId: string): Promise<TypingAttemptRow | undefined> {
    return this.db.selectFrom('typingAttempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
  }

  /** Counts one play; DRILL_REPLAY_LIMIT when none is left, DRILL_ATTEMPT_CLOSED after the submit. */
  async registerPlay(attempt: TypingAttemptRow, nowMs = Date.now()): Promise<TypingPlayDto> {
    const result = await this.db
      .updateTable('typingAttempts')
      .set((eb) => ({
        playCount: eb('playCount', '+', 1),
        firstPlayAtMs: eb.fn.coalesce('firstPlayAtMs', eb.val(nowMs)),
      }))
      .where('id', '=', attempt.id)
      .where('submittedAtMs', 'is', null)
      .where((eb) => eb.or([eb('replayLimit', '=', 0), eb('playCount', '<', eb.ref('replayLimit'))]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const now = await this.get(attempt.id);
      if (now?.submittedAtMs !== null && now?.submittedAtMs !== undefined)
        throw new AppError('DRILL_ATTEMPT_CLOSED', 'attempt already submitted', {
          details: { attemptId: attempt.id },
        });
      throw new AppError('DRILL_REPLAY_LIMIT', 'no plays left', {
        details: { attemptId: attempt.id, limit: attempt.replayLimit },
      });
    }
    const updated = await this.get(attempt.id);
    const playCount = updated?.playCount ?? attempt.playCount + 1;
    return {
      playCount,
      remaining: attempt.replayLimit === 0 ? null : Math.max(0, attempt.replayLimit - playCount),
    };
  }

  /** Scores and closes the attempt; DRILL_ATTEMPT_CLOSED when it was already submitted. */
  async submit(
    attempt: TypingAttemptRow,
    body: SubmitTypingBody,
    nowMs = Date.now(),
  ): Promise<TypingResultDto> {
    if (attempt.submittedAtMs !== null)
      throw new AppError('DRILL_ATTEMPT_CLOSED', 'attempt already submitted', {
        details: { attemptId: attempt.id },
      });
    const reference = JSON.parse(attempt.reference) as StoredReference;
    const locale = attempt.locale as Locale;
    const elapsedMs = nowMs - (attempt.firstPlayAtMs ?? attempt.startedAtMs);
    let numbers: TypingResult;
    let typed: StoredTyped;
    let stored: StoredDiff;
    if ('fields' in reference) {
      const answers = body.fields ?? {};
      typed = { fields: answers };
      const score = scoreKeyFields(
        reference.fields.map((f) => ({
          id: f.id,
          reference: f.text,
          typed: answers[f.id] ?? '',
          compact: f.compact,
        })),
        locale,
        elapsedMs,
      );
      numbers = score;
      stored = {
        // Fields joined like the reference text (' / ' between them), so the runs still spell it.
        diff: score.fields.flatMap((f, i) =>
          i === 0 ? f.diff : [{ kind: 'equal' as const, reference: ' / ', typed: ' / ' }, ...f.diff],
        ),
        fields: score.fields.map((f) => ({
          ...numbersOf(f),
          id: f.id as KeyField,
          reference: reference.fields.find((r) => r.id === f.id)?.text ?? '',
          typed: answers[f.id as KeyField] ?? '',
          diff: f.diff,
        })),
      };
    } else {
      const text = body.text ?? '';
      typed = { text };
      const score = scoreTyping({ reference: reference.text, typed: text, locale, elapsedMs });
      numbers = score;
      stored = { diff: score.diff, fields: null };
    }
    const passed =
      numbers.charsPerMin >= attempt.targetCharsPerMin && numbers.accuracy >= attempt.targetAccuracy - 1e-9;
    const result = await this.db
      .updateTable('typingAttempts')
      .set({
        submittedAtMs: nowMs,
        typed: JSON.stringify(typed),
        elapsedMs: numbers.elapsedMs,
        referenceChars: numbers.referenceChars,
        typedChars: numbers.typedChars,
        substitutions: numbers.substitutions,
        deletions: numbers.deletions,
        insertions: numbers.insertions,
        cer: numbers.cer,
        accuracy: numbers.accuracy,
        charsPerMin: numbers.charsPerMin,
        netCharsPerMin: numbers.netCharsPerMin,
        passed: passed ? 1 : 0,
        diff: JSON.stringify(stored),
      })
      .where('id', '=', attempt.id)
      .where('submittedAtMs', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new AppError('DRILL_ATTEMPT_CLOSED', 'attempt already submitted', {
        details: { attemptId: attempt.id },
      });
    const row = await this.get(attempt.id);
    if (!row) throw new AppError('NOT_FOUND', 'attempt vanished');
    const dto = resultDtoOf(row);
    if (!dto) throw new AppError('INTERNAL', 'submitted attempt has no result');
    return dto;
  }

  /** Submitted attempts of a user, newest first. */
  async history(userId: string, limit = 200): Promise<TypingAttemptSummaryDto[]> {
    const rows = await this.db
      .selectFrom('typingAttempts')
      .selectAll()
      .where('userId', '=', userId)
      .where('submittedAtMs', 'is not', null)
      .orderBy('submittedAtMs', 'desc')
      .limit(limit)
      .execute();
    return rows.map(summaryOf);
  }

  /** Submitted attempts of a user, oldest first (for trends). */
  async submittedAscending(userId: string, limit = 1_000): Promise<TypingAttemptRow[]> {
    const rows = await this.db
      .selectFrom('typingAttempts')
      .selectAll()
      .where('userId', '=', userId)
      .where('submittedAtMs', 'is not', null)
      .orderBy('submittedAtMs', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  /** Per trainee of a class: best net speed, best accuracy and attempts (submitted, for this class). */
  async classBests(
    classId: string,
  ): Promise<{ userId: string; bestNetCharsPerMin: number; bestAccuracy: number; attempts: number }[]> {
    const rows = await this.db
      .selectFrom('typingAttempts')
      .select((eb) => [
        'userId',
        eb.fn.max('netCharsPerMin').as('bestNet'),
        eb.fn.max('accuracy').as('bestAccuracy'),
        eb.fn.countAll().as('attempts'),
      ])
      .where('classId', '=', classId)
      .where('submittedAtMs', 'is not', null)
      .groupBy('userId')
      .execute();
    return rows.map((r) => ({
      userId: r.userId,
      bestNetCharsPerMin: Number(r.bestNet ?? 0),
      bestAccuracy: Number(r.bestAccuracy ?? 0),
      attempts: Number(r.attempts),
    }));
  }
}

function numbersOf(r: TypingResult): TypingNumbersDto {
  return {
    referenceChars: r.referenceChars,
    typedChars: r.typedChars,
    substitutions: r.substitutions,
    deletions: r.deletions,
    insertions: r.insertions,
    cer: r.cer,
    accuracy: r.accuracy,
    charsPerMin: r.charsPerMin,
    netCharsPerMin: r.netCharsPerMin,
    elapsedMs: r.elapsedMs,
  };
}

function summaryOf(row: TypingAttemptRow): TypingAttemptSummaryDto {
  return {
    attemptId: row.id,
    mode: row.mode as TypingMode,
    scenarioTitle: row.scenarioTitle,
    charsPerMin: row.charsPerMin ?? 0,
    accuracy: row.accuracy ?? 0,
    netCharsPerMin: row.netCharsPerMin ?? 0,
    passed: row.passed === 1,
    speed: row.speedPct / 100,
    playCount: row.playCount,
    submittedAtMs: row.submittedAtMs ?? 0,
  };
}

/** The result of a submitted attempt as the page shows it; null while not submitted. */
export function resultDtoOf(row: TypingAttemptRow): TypingResultDto | null {
  if (row.submittedAtMs === null || row.typed === null || row.diff === null) return null;
  const reference = JSON.parse(row.reference) as StoredReference;
  const typed = JSON.parse(row.typed) as StoredTyped;
  const stored = JSON.parse(row.diff) as StoredDiff;
  const referenceText =
    'fields' in reference
      ? KEY_FIELDS.map((id) => reference.fields.find((f) => f.id === id)?.text ?? '').join(' / ')
      : reference.text;
  const typedText =
    'fields' in typed ? KEY_FIELDS.map((id) => typed.fields[id] ?? '').join(' / ') : typed.text;
  return {
    attemptId: row.id,
    materialId: row.materialId,
    mode: row.mode as TypingMode,
    locale: row.locale as Locale,
    scenarioTitle: row.scenarioTitle,
    reference: referenceText,
    typed: typedText,
    referenceChars: row.referenceChars ?? 0,
    typedChars: row.typedChars ?? 0,
    substitutions: row.substitutions ?? 0,
    deletions: row.deletions ?? 0,
    insertions: row.insertions ?? 0,
    cer: row.cer ?? 0,
    accuracy: row.accuracy ?? 0,
    charsPerMin: row.charsPerMin ?? 0,
    netCharsPerMin: row.netCharsPerMin ?? 0,
    elapsedMs: row.elapsedMs ?? 0,
    diff: stored.diff,
    fields: stored.fields,
    targets: { charsPerMin: row.targetCharsPerMin, accuracy: row.targetAccuracy },
    passed: row.passed === 1,
    speed: row.speedPct / 100,
    playCount: row.playCount,
    submittedAtMs: row.submittedAtMs,
  };
}
