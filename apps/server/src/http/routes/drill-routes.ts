// The drills API (/api/drills): listen-and-type attempts, voice warm-up readings, class
// drill settings, progress and the class leaderboard. Everyone logged in may practise;
// only the owner plays, submits or hears their own attempt; evaluators of a class (and
// admins) read its trainees' progress and change its settings (refusals are audit-logged).
import { createReadStream, existsSync } from 'node:fs';
import {
  AppError,
  DRILL_SPEED_MAX,
  DRILL_SPEED_MIN,
  drillClassQuerySchema,
  drillPreferencesBodySchema,
  drillSettingsBodySchema,
  drillUserQuerySchema,
  KEY_FIELDS,
  type Locale,
  startTypingBodySchema,
  submitTypingBodySchema,
  type TypingAttemptStartedDto,
  typingMaterialQuerySchema,
  type VoiceBaselineDto,
  WARMUP_AUDIO_MAX_BYTES,
  warmupReadingQuerySchema,
} from '@callsim/protocol';
import express, { type Request, type Response, Router } from 'express';
import type { AppContext } from '../../app/context.js';
import type { CallEngines } from '../../calls/call-engines.js';
import type { ScenarioLibrary } from '../../calls/scenario-library.js';
import { DrillService } from '../../drills/drill-service.js';
import { findTypingMaterial, listTypingMaterials } from '../../drills/typing-materials.js';
import { resultDtoOf, type TypingAttemptRow } from '../../drills/typing-store.js';
import { readingDtoOf } from '../../drills/warmup-store.js';
import { currentUser, denied } from '../auth.js';
import { parseInput } from '../validate.js';

export interface DrillRouteDeps {
  ctx: AppContext;
  library: ScenarioLibrary;
  engines: Pick<CallEngines, 'lineRenderer' | 'synthesize'>;
}

const clampSpeed = (speed: number) => Math.min(DRILL_SPEED_MAX, Math.max(DRILL_SPEED_MIN, speed));

export function drillRoutes(deps: DrillRouteDeps): Router {
  const { ctx } = deps;
  const drills = new DrillService({
    db: ctx.db,
    library: deps.library,
    engines: deps.engines,
    dataDir: ctx.config.dataDir,
  });
  const router = Router();

  /** The requested user (default: the caller) after the visibility check. */
  async function viewedUserId(req: Request, target: string): Promise<string> {
    const viewer = currentUser(req);
    const { userId = viewer.id } = parseInput(drillUserQuerySchema, req.query, 'query');
    if (!(await ctx.policy.canViewUser(viewer, userId))) await denied(ctx, req, `${target}:user:${userId}`);
    return userId;
  }

  /** The attempt, owned by the caller (others get 403 + audit; unknown ids 404). */
  async function ownAttempt(req: Request): Promise<TypingAttemptRow> {
    const attempt = await drills.attempts.get(String(req.params.id));
    if (!attempt) throw new AppError('NOT_FOUND', 'no such attempt');
    if (attempt.userId !== currentUser(req).id) await denied(ctx, req, `typing-attempt:${attempt.id}`);
    return attempt;
  }

  /** Refuses (403 + audit) a class the caller is not in. */
  async function checkClass(req: Request, classId: string | undefined): Promise<void> {
    if (classId === undefined) return;
    if (!(await ctx.policy.canViewClass(currentUser(req), classId)))
      await denied(ctx, req, `drills:class:${classId}`);
  }

  async function settingsFor(req: Request, classId?: string) {
    await checkClass(req, classId);
    const { current } = await drills.drillClass(currentUser(req), classId);
    return drills.settings.get(current?.id ?? null);
  }

  router.get('/overview', async (req, res) => {
    const { classId } = parseInput(drillClassQuerySchema, req.query, 'query');
    await checkClass(req, classId);
    res.json(await drills.overview(currentUser(req), classId));
  });

  router.put('/classes/:classId/settings', async (req, res) => {
    const classId = String(req.params.classId);
    if (!(await ctx.classes.exists(classId))) throw new AppError('NOT_FOUND', 'no such class');
    const user = currentUser(req);
    if (!(await ctx.policy.canManageClass(user, classId)))
      await denied(ctx, req, `drill-settings:${classId}`);
    const body = parseInput(drillSettingsBodySchema, req.body);
    res.json(await drills.settings.put(classId, body, user.id));
  });

  router.put('/preferences', async (req, res) => {
    const body = parseInput(drillPreferencesBodySchema, req.body);
    const user = currentUser(req);
    await drills.settings.setShowOnLeaderboard(user.id, body.showOnLeaderboard);
    res.json({ showOnLeaderboard: body.showOnLeaderboard });
  });

  // ── listen-and-type ──────────────────────────────────────────────────────────────────

  router.get('/typing/materials', async (req, res) => {
    const query = parseInput(typingMaterialQuerySchema, req.query, 'query');
    const settings = await settingsFor(req, query.classId);
    res.json(listTypingMaterials(deps.library, settings.locale, query.mode).map((m) => m.dto));
  });

  router.post('/typing/attempts', async (req, res) => {
    const body = parseInput(startTypingBodySchema, req.body);
    const user = currentUser(req);
    const settings = await settingsFor(req, body.classId);
    const material = findTypingMaterial(deps.library, body.materialId);
    if (!material)
      throw new AppError('DRILL_MATERIAL_NOT_FOUND', 'no such material', {
        details: { materialId: body.materialId },
      });
    const targets = { charsPerMin: settings.targetCharsPerMin, accuracy: settings.targetAccuracy };
    const row = await drills.attempts.start({
      userId: user.id,
      classId: settings.classId,
      material,
      speed: clampSpeed(body.speed ?? settings.defaultSpeed),
      replayLimit: settings.replayLimit,
      targets,
    });
    const dto: TypingAttemptStartedDto = {
      attemptId: row.id,
      materialId: row.materialId,
      mode: material.dto.mode,
      locale: material.dto.locale,
      speed: row.speedPct / 100,
      replayLimit: row.replayLimit,
      playCount: 0,
      fields: material.dto.mode === 'key-fields' ? [...KEY_FIELDS] : null,
      audioUrl: `/api/drills/typing/attempts/${row.id}/audio`,
      targets,
    };
    res.status(201).json(dto);
  });

  router.get('/typing/attempts', async (req, res) => {
    res.json(await drills.attempts.history(await viewedUserId(req, 'typing-attempts')));
  });

  router.get('/typing/attempts/:id', async (req, res) => {
    const attempt = await drills.attempts.get(String(req.params.id));
    if (!attempt) throw new AppError('NOT_FOUND', 'no such attempt');
    if (!(await ctx.policy.canViewUser(currentUser(req), attempt.userId)))
      await denied(ctx, req, `typing-attempt:${attempt.id}`);
    const result = resultDtoOf(attempt);
    if (!result) throw new AppError('NOT_FOUND', 'attempt not submitted yet');
    res.json(result);
  });

  router.get('/typing/attempts/:id/audio', async (req, res) => {
    const attempt = await ownAttempt(req);
    const material = findTypingMaterial(deps.library, attempt.materialId);
    if (!material)
      throw new AppError('DRILL_MATERIAL_NOT_FOUND', 'material gone', {
        details: { materialId: attempt.materialId },
      });
    const wav = await drills.materialAudio(material);
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('audio/wav').send(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength));
  });

  router.post('/typing/attempts/:id/plays', async (req, res) => {
    res.json(await drills.attempts.registerPlay(await ownAttempt(req)));
  });

  router.post('/typing/attempts/:id/submit', async (req, res) => {
    const attempt = await ownAttempt(req);
    const body = parseInput(submitTypingBodySchema, req.body);
    res.json(await drills.attempts.submit(attempt, body));
  });

  // ── voice warm-up ────────────────────────────────────────────────────────────────────

  router.get('/warmup/sentences', async (req, res) => {
    const { classId } = parseInput(drillClassQuerySchema, req.query, 'query');
    res.json(await drills.warmupSentences(currentUser(req), await settingsFor(req, classId)));
  });

  router.post(
    '/warmup/readings',
    express.raw({ type: () => true, limit: WARMUP_AUDIO_MAX_BYTES }),
    async (req: Request, res: Response) => {
      const query = parseInput(warmupReadingQuerySchema, req.query, 'query');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new AppError('DRILL_RECORDING_INVALID', 'no audio in the body', {
          details: { field: 'body', reason: 'send the recording as the request body (audio/wav)' },
        });
      }
      const user = currentUser(req);
      const settings = await settingsFor(req, query.classId);
      const reading = await drills.recordReading(
        user,
        settings,
        query.sentenceId,
        query.style,
        new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength),
      );
      ctx.logger.info(
        { userId: user.id, readingId: reading.id, sentenceId: reading.sentenceId, style: reading.style },
        'warm-up reading measured',
      );
      res.status(201).json(reading);
    },
  );

  router.get('/warmup/readings', async (req, res) => {
    const userId = await viewedUserId(req, 'warmup-readings');
    const rows = await drills.readings.list(userId);
    const neutralByText = new Map<string, (typeof rows)[number]>();
    const dtos = rows.map((row) => {
      const dto = readingDtoOf(row, neutralByText.get(row.text));
      if (row.style === 'neutral') neutralByText.set(row.text, row);
      return dto;
    });
    res.json(dtos.reverse());
  });

  router.get('/warmup/readings/:id/audio', async (req, res) => {
    const reading = await drills.readings.get(String(req.params.id));
    if (!reading) throw new AppError('NOT_FOUND', 'no such reading');
    if (!(await ctx.policy.canViewUser(currentUser(req), reading.userId)))
      await denied(ctx, req, `warmup-reading:${reading.id}`);
    if (!reading.recordingPath || !existsSync(reading.recordingPath))
      throw new AppError('NOT_FOUND', 'no recording');
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('audio/wav');
    createReadStream(reading.recordingPath).pipe(res);
  });

  router.get('/warmup/baseline', async (req, res) => {
    const source = await drills.readings.baselineSource(await viewedUserId(req, 'voice-baseline'));
    const dto: VoiceBaselineDto | null = source
      ? {
          neutral: source.baseline.neutral,
          smiling: source.baseline.smiling,
          sentenceText: source.sentenceText,
          neutralReadingId: source.neutral.id,
          smilingReadingId: source.smiling.id,
        }
      : null;
    res.json(dto);
  });

  // ── progress and leaderboard ─────────────────────────────────────────────────────────

  router.get('/progress', async (req, res) => {
    const userId = await viewedUserId(req, 'drill-progress');
    const { classId } = parseInput(drillClassQuerySchema, req.query, 'query');
    const settings = await settingsFor(req, classId);
    res.json(await drills.progress(userId, settings.locale as Locale));
  });

  router.get('/leaderboard', async (req, res) => {
    const viewer = currentUser(req);
    const { classId: requested } = parseInput(drillClassQuerySchema, req.query, 'query');
    await checkClass(req, requested);
    const { current } = await drills.drillClass(viewer, requested);
    if (!current) throw new AppError('NOT_FOUND', 'not in a class');
    res.json(
      await drills.leaderboard(viewer, current.id, await ctx.policy.canManageClass(viewer, current.id)),
    );
  });

  return router;
}
