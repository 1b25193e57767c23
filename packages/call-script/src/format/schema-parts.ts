// zod schemas for the pieces shared by scenarios and templates: steps, match rules,
// forbidden phrases, branch conditions, voice hints. Objects are strict, so a misspelt
// key is reported instead of silently ignored; shorthand forms are normalized here.
import { z } from 'zod';

/** Locales the matcher understands. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const CATEGORIES = ['inquiry', 'complaint', 'followup', 'promotion', 'care'] as const;
export const PERSONAS = ['calm', 'hurried', 'angry', 'elderly', 'hesitant', 'chatty'] as const;
export const PHASES = ['opening', 'body', 'closing'] as const;
export const SEVERITIES = ['minor', 'major', 'fatal'] as const;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TURN_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Scenario, template and step ids: kebab-case. */
export const idSchema = z.string().regex(KEBAB, 'must be kebab-case (a-z, 0-9 and single dashes)');
/** Turn names: a letter, then letters, digits, `_` or `-`. */
export const turnIdSchema = z
  .string()
  .regex(TURN_ID, 'must start with a letter and use only letters, digits, _ and -');
const text = z.string().trim().min(1, 'must not be empty');

/** A list of phrases; a single string is accepted as a one-item list. */
export const phraseListSchema = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(text).min(1, 'must list at least one phrase'),
);

export const localeSchema = z.enum(LOCALES);
export const personaSchema = z.enum(PERSONAS);

/** How a step is recognized: exactly one of `any`, `all`, `pattern`. */
export const matchSchema = z
  .strictObject({
    any: phraseListSchema.optional(),
    all: z.array(phraseListSchema).min(1, 'must list at least one group').optional(),
    pattern: text.optional(),
  })
  .superRefine((match, ctx) => {
    const count = [match.any, match.all, match.pattern].filter((v) => v !== undefined).length;
    if (count !== 1) ctx.addIssue({ code: 'custom', message: 'use exactly one of `any`, `all`, `pattern`' });
  });

/** One 话术 step the agent is expected to say. */
export const stepSchema = z.strictObject({
  id: idSchema,
  label: text.optional(),
  description: text.optional(),
  phase: z.enum(PHASES).optional(),
  required: z.boolean().optional(),
  weight: z.number().min(0).max(100).optional(),
  withinMs: z.number().int().positive().optional(),
  examples: phraseListSchema.optional(),
  match: matchSchema.optional(),
});

/** A forbidden phrase; a bare string means `{ phrase, severity: major }`. */
export const forbiddenSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { phrase: value } : value),
  z
    .strictObject({
      phrase: text.optional(),
      pattern: text.optional(),
      severity: z.enum(SEVERITIES).default('major'),
      note: text.optional(),
    })
    .superRefine((entry, ctx) => {
      if ((entry.phrase === undefined) === (entry.pattern === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'use exactly one of `phrase` or `pattern`' });
      }
    }),
);

/** Conditions of a dialogue branch; all given conditions must hold. */
export const whenSchema = z
  .strictObject({
    step: phraseListSchema.optional(),
    says: phraseListSchema.optional(),
    silence: z.literal(true).optional(),
    interrupted: z.boolean().optional(),
    persona: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(personaSchema).min(1)).optional(),
  })
  .superRefine((when, ctx) => {
    const keys = Object.values(when).filter((v) => v !== undefined).length;
    if (keys === 0)
      ctx.addIssue({ code: 'custom', message: 'needs a condition; drop `when` for a default branch' });
    if (
      when.silence &&
      (when.step !== undefined || when.says !== undefined || when.interrupted !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: '`silence` cannot be combined with `step`, `says` or `interrupted`',
      });
    }
  });

/** TTS hints; rate and pitch are multipliers of the engine's default (1 = default). */
export const voiceSchema = z.strictObject({
  gender: z.enum(['male', 'female']).optional(),
  rate: z.number().min(0.5).max(2).optional(),
  pitch: z.number().min(0.5).max(2).optional(),
});

/** Company shown in the screen pop and usable as `{company.<field>}`; `name` is required. */
export const companySchema = z.object({ name: text }).catchall(z.string());

export const durationIsoSchema = z
  .string()
  .regex(
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'must be an ISO-8601 duration such as P1D or PT4H',
  );
