// zod schema of a scenario file (formatVersion 1): who calls and why, the customer,
// the agent's 话术, the dialogue graph, outcomes and scoring. Graph consistency
// (gotos, reachability) is checked later by validate/check-dialogue.ts.
import { z } from 'zod';
import {
  CATEGORIES,
  companySchema,
  DIRECTIONS,
  durationIsoSchema,
  forbiddenSchema,
  idSchema,
  localeSchema,
  personaSchema,
  phraseListSchema,
  stepSchema,
  turnIdSchema,
  voiceSchema,
  whenSchema,
} from './schema-parts.js';

const text = z.string().trim().min(1, 'must not be empty');

export const branchSchema = z.strictObject({ when: whenSchema.optional(), goto: turnIdSchema });

/** One customer line and where the call goes after the agent answers it. */
export const turnSchema = z.strictObject({
  say: text,
  audio: text.optional(),
  end: z.boolean().optional(),
  next: z.array(branchSchema).min(1, 'must list at least one branch').optional(),
  onSilence: text.optional(),
  /** Forbidden from this customer line to the end of the call (e.g. pushing after a refusal). */
  forbidden: z.array(forbiddenSchema).optional(),
  voice: voiceSchema.optional(),
  note: text.optional(),
});

export const dialogueSchema = z.strictObject({
  start: turnIdSchema,
  firstSpeaker: z.enum(['agent', 'customer']).optional(),
  silenceTimeoutMs: z.number().int().min(1000).max(120_000).optional(),
  onSilence: text.optional(),
  silenceHangup: z.strictObject({ afterPrompts: z.number().int().min(1).max(10), say: text }).optional(),
  turns: z.record(turnIdSchema, turnSchema),
});

const customerSchema = z.strictObject({
  name: text,
  persona: personaSchema,
  voice: voiceSchema.optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const scoringSchema = z.strictObject({
  weights: z
    .strictObject({
      script: z.number().min(0).optional(),
      speed: z.number().min(0).optional(),
      tone: z.number().min(0).optional(),
      courtesy: z.number().min(0).optional(),
    })
    .optional(),
  speechRatePerMin: z
    .tuple([z.number().positive(), z.number().positive()])
    .refine(([low, high]) => low < high, 'the first number must be below the second')
    .optional(),
  answerWithinMs: z.number().int().positive().optional(),
  targetHandleMs: z.number().int().positive().optional(),
  passScore: z.number().min(0).max(100).optional(),
});

const outcomesSchema = z.strictObject({
  followUp: z
    .strictObject({
      scenario: idSchema,
      after: durationIsoSchema,
      when: z.strictObject({ step: phraseListSchema }).optional(),
      note: text.optional(),
    })
    .optional(),
});

export const scenarioSchema = z.strictObject({
  formatVersion: z.literal(1),
  id: idSchema,
  locale: localeSchema,
  direction: z.enum(DIRECTIONS),
  category: z.enum(CATEGORIES),
  title: text,
  summary: text.optional(),
  difficulty: z.number().int().min(1).max(3).optional(),
  skills: z.array(text).optional(),
  tags: z.array(text).optional(),
  company: companySchema.optional(),
  customer: customerSchema,
  dial: z
    .strictObject({
      outcome: z.enum(['answer', 'busy', 'no-answer', 'voicemail']),
      rings: z.number().int().min(1).max(12).optional(),
    })
    .optional(),
  agent: z
    .strictObject({
      template: idSchema.optional(),
      steps: z.array(stepSchema).optional(),
      forbidden: z.array(forbiddenSchema).optional(),
    })
    .optional(),
  dialogue: dialogueSchema,
  outcomes: outcomesSchema.optional(),
  scoring: scoringSchema.optional(),
});
