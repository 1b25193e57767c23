// REST shapes of the call-script editor (/api/call-scripts): file list, file text with
// its diagnostics and dialogue graph, save with versions, line previews and recorded clips.
// Paths are relative to the call-scripts folder, '/'-separated; the schemas refuse `..`.
import { z } from 'zod';
import { LOCALES } from '../errors/error-codes.js';

/** Longest call-script text accepted (characters); real scenarios are a few kB. */
export const CALL_SCRIPT_MAX_CHARS = 256_000;
/** Longest customer line the preview synthesizes (characters). */
export const PREVIEW_LINE_MAX_CHARS = 500;
/** Largest recorded clip accepted by POST /line-audio (bytes). */
export const LINE_AUDIO_MAX_BYTES = 10 * 1024 * 1024;
/** Longest recorded clip accepted (ms). */
export const LINE_AUDIO_MAX_MS = 60_000;
/** Folders a new call-script file may be created in. */
export const CALL_SCRIPT_FOLDERS = ['inbound', 'outbound', 'templates'] as const;

const SEGMENT = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

/**
 * A file path inside the call-scripts folder: relative, '/'-separated, no `..`, no
 * hidden segments, ending in .yaml or .yml. The server still confines it to its folder.
 */
export const callScriptPathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(300, 'is too long')
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p), 'must be relative (no leading / or drive)')
  .refine((p) => !p.includes('\\'), 'must use / between folders')
  .refine((p) => p.split('/').every((s) => s !== '..' && s !== '.'), 'must not contain . or .. segments')
  .refine((p) => p.split('/').every((s) => SEGMENT.test(s)), 'has an empty, hidden or unusual folder name')
  .refine((p) => /\.ya?ml$/i.test(p), 'must end in .yaml');

/** A turn name (as in the scenario format). */
export const turnIdParamSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must start with a letter and use only letters, digits, _ and -')
  .max(100);

/** Id of a saved version: the UTC time it was replaced, e.g. 2026-01-05T08-30-12.345Z (+ -2 on a clash). */
export const scriptVersionIdSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z(?:-\d{1,4})?$/, 'is not a version id');

export const callScriptPathQuerySchema = z.object({ path: callScriptPathSchema });
export const callScriptVersionQuerySchema = z.object({
  path: callScriptPathSchema,
  id: scriptVersionIdSchema,
});
export const lineAudioQuerySchema = z.object({ path: callScriptPathSchema, turn: turnIdParamSchema });

export const validateCallScriptBodySchema = z.object({
  path: callScriptPathSchema,
  text: z.string().max(CALL_SCRIPT_MAX_CHARS, 'is too long'),
});

export const saveCallScriptBodySchema = z.object({
  path: callScriptPathSchema,
  text: z.string().max(CALL_SCRIPT_MAX_CHARS, 'is too long'),
  /** `version` of the text the editor started from; a save over someone else's change is refused. */
  baseVersion: z
    .string()
    .regex(/^[0-9a-f]{16,64}$/, 'is not a file version')
    .optional(),
});
export type SaveCallScriptBody = z.infer<typeof saveCallScriptBodySchema>;

export const voiceHintsSchema = z.object({
  gender: z.enum(['male', 'female']).optional(),
  /** Multiplier of the engine's default speaking rate. */
  rate: z.number().min(0.5).max(2).optional(),
  /** Multiplier of the engine's default pitch. */
  pitch: z.number().min(0.5).max(2).optional(),
});

export const previewLineBodySchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(PREVIEW_LINE_MAX_CHARS, 'is too long'),
  locale: z.enum(LOCALES),
  voice: voiceHintsSchema.optional(),
});
export type PreviewLineBody = z.infer<typeof previewLineBodySchema>;

export type CallScriptKind = 'scenario' | 'template' | 'unknown';

/** One problem in a call-script file, as the editor shows it. */
export interface ScriptDiagnosticDto {
  /** File the problem is in (relative path). */
  path: string;
  /** 1-based line. */
  line: number;
  column?: number;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** How to fix it (English, from the diagnostic catalogue). */
  hint?: string;
}

export interface CallScriptFileSummaryDto {
  path: string;
  kind: CallScriptKind;
  id: string | null;
  title: string | null;
  locale: string | null;
  direction: 'inbound' | 'outbound' | null;
  category: string | null;
  errorCount: number;
  warningCount: number;
}

/** A branch condition as written; all given conditions must hold. Absent = the default branch. */
export interface GraphConditionDto {
  step?: string[];
  says?: string[];
  silence?: boolean;
  interrupted?: boolean;
  persona?: string[];
}

export interface GraphBranchDto {
  /** `null` for the default branch. */
  when: GraphConditionDto | null;
  goto: string;
  /** Whether `goto` names an existing turn. */
  known: boolean;
  line: number;
}

export interface GraphTurnDto {
  id: string;
  line: number;
  /** The line as written (with `{variables}`). */
  say: string;
  /** The line with variables filled in (what the customer says). */
  sayText: string;
  end: boolean;
  /** Recorded clip as written in the file, or null. */
  audio: string | null;
  /** Whether that clip file exists. */
  audioExists: boolean;
  onSilence: string | null;
  next: GraphBranchDto[];
  /** Turn voice merged over the customer's voice: what TTS should use for this line. */
  voice: { gender?: 'male' | 'female'; rate?: number; pitch?: number } | null;
}

/** The customer's dialogue graph of a scenario, read tolerantly (drawn even while the file has errors). */
export interface DialogueGraphDto {
  start: string | null;
  locale: 'zh-CN' | 'en-US' | null;
  onSilence: string | null;
  turns: GraphTurnDto[];
}

export interface CallScriptCheckDto {
  /** Problems in this file. */
  diagnostics: ScriptDiagnosticDto[];
  /** Errors the text would cause in other files (e.g. a template step they use was removed). */
  elsewhere: ScriptDiagnosticDto[];
  kind: CallScriptKind;
  /** For scenarios whose dialogue can be read; otherwise null. */
  graph: DialogueGraphDto | null;
}

export interface CallScriptFileDto extends CallScriptCheckDto {
  path: string;
  text: string;
  /** Content hash; send it back as `baseVersion` when saving. */
  version: string;
}

export interface CallScriptSavedDto extends CallScriptFileDto {
  created: boolean;
  /** Id of the version that keeps the replaced content (null for a new file or an unchanged save). */
  previousVersionId: string | null;
}

export interface ScriptVersionDto {
  id: string;
  savedAtMs: number;
  bytes: number;
}

export interface ScriptVersionTextDto extends ScriptVersionDto {
  path: string;
  text: string;
}

export interface LineAudioSavedDto extends CallScriptSavedDto {
  /** The clip path written to the turn's `audio:`. */
  audio: string;
  durationMs: number;
}
