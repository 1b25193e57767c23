// The call-script editor API (/api/call-scripts), evaluators and admins only: list and
// read files with their diagnostics and dialogue graph, validate as the teacher types,
// save (refused with 422 and the diagnostics when the library would have an error),
// versions, TTS previews of customer lines and recorded clips for them.
import { readFile } from 'node:fs/promises';
import {
  AppError,
  callScriptPathQuerySchema,
  callScriptVersionQuerySchema,
  LINE_AUDIO_MAX_BYTES,
  lineAudioQuerySchema,
  previewLineBodySchema,
  saveCallScriptBodySchema,
  validateCallScriptBodySchema,
} from '@callsim/protocol';
import express, { type Request, type Response, Router } from 'express';
import { writeAudit } from '../../accounts/audit-log.js';
import type { AppContext } from '../../app/context.js';
import { CallScriptStore } from '../../call-scripts/script-store.js';
import { currentUser, requireRole } from '../auth.js';
import { parseInput } from '../validate.js';

/** Voice hints for a preview: multipliers of the engine's default rate and pitch. */
export interface PreviewVoice {
  gender?: 'male' | 'female';
  rate?: number;
  pitch?: number;
}

export interface CallScriptRouteDeps {
  ctx: AppContext;
  /** The call-scripts folder. */
  rootDir: string;
  /** Where replaced file contents are kept (outside `rootDir`, e.g. `<data>/call-script-versions`). */
  versionsDir: string;
  /** Renders a customer line: a complete 16 kHz mono WAV file. */
  synthesize: (text: string, locale: 'zh-CN' | 'en-US', voice?: PreviewVoice) => Promise<Uint8Array>;
  /** Called after every save that changed a file (e.g. to reload the scenario library). */
  onSaved: () => Promise<void>;
}

export function callScriptRoutes(deps: CallScriptRouteDeps): Router {
  const { ctx } = deps;
  const store = new CallScriptStore({ rootDir: deps.rootDir, versionsDir: deps.versionsDir });
  const router = Router();
  router.use(requireRole(ctx, 'evaluator', 'admin'));

  const afterSave = async (
    req: Request,
    action: string,
    target: string,
    details: Record<string, unknown>,
  ) => {
    const user = currentUser(req);
    await writeAudit(ctx.db, { actorUserId: user.id, action, target, details });
    ctx.logger.info({ userId: user.id, path: target, requestId: req.requestId }, 'call script saved');
    try {
      await deps.onSaved();
    } catch (error) {
      ctx.logger.error({ err: error, path: target }, 'reloading call scripts after a save failed');
    }
  };

  router.get('/', async (_req, res) => {
    res.json(await store.list());
  });

  router.get('/file', async (req, res) => {
    const query = parseInput(callScriptPathQuerySchema, req.query, 'query');
    res.json(await store.read(query.path));
  });

  router.post('/validate', async (req, res) => {
    const body = parseInput(validateCallScriptBodySchema, req.body);
    res.json(await store.check(body.path, body.text));
  });

  router.put('/file', async (req, res) => {
    const body = parseInput(saveCallScriptBodySchema, req.body);
    const { dto, changed } = await store.save(body.path, body.text, body.baseVersion);
    if (changed) {
      await afterSave(req, dto.created ? 'call-script.created' : 'call-script.saved', dto.path, {
        previousVersionId: dto.previousVersionId,
        bytes: Buffer.byteLength(dto.text),
      });
    }
    res.status(dto.created ? 201 : 200).json(dto);
  });

  router.get('/versions', async (req, res) => {
    const query = parseInput(callScriptPathQuerySchema, req.query, 'query');
    res.json(await store.listVersions(query.path));
  });

  router.get('/version', async (req, res) => {
    const query = parseInput(callScriptVersionQuerySchema, req.query, 'query');
    res.json(await store.readVersion(query.path, query.id));
  });

  router.post('/preview-line', async (req, res) => {
    const body = parseInput(previewLineBodySchema, req.body);
    let wav: Uint8Array;
    try {
      wav = await deps.synthesize(body.text, body.locale, body.voice);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('SPEECH_ENGINE_UNAVAILABLE', 'preview synthesis failed', {
        details: { engine: 'tts' },
        cause: error,
        retryable: true,
      });
    }
    sendWav(res, wav);
  });

  router.get('/line-audio', async (req, res) => {
    const query = parseInput(lineAudioQuerySchema, req.query, 'query');
    const clip = await store.clipOf(query.path, query.turn);
    if (clip === null) throw new AppError('NOT_FOUND', 'turn has no recorded clip');
    sendWav(res, await readFile(clip));
  });

  router.post(
    '/line-audio',
    express.raw({ type: () => true, limit: LINE_AUDIO_MAX_BYTES }),
    async (req, res) => {
      const query = parseInput(lineAudioQuerySchema, req.query, 'query');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new AppError('CLIP_INVALID', 'no audio in the body', {
          details: { field: 'body', reason: 'send the recording as the request body (audio/wav)' },
        });
      }
      const { dto } = await store.saveLineAudio(query.path, query.turn, new Uint8Array(req.body));
      await afterSave(req, 'call-script.line-recorded', dto.path, {
        turn: query.turn,
        audio: dto.audio,
        durationMs: dto.durationMs,
        previousVersionId: dto.previousVersionId,
      });
      res.json(dto);
    },
  );

  return router;
}

function sendWav(res: Response, wav: Uint8Array): void {
  res.setHeader('Cache-Control', 'no-store');
  res.type('audio/wav').send(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength));
}
