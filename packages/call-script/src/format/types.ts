// TypeScript types of parsed call-script documents, inferred from the zod schemas so the
// types and the validator can never disagree. Values of these types passed validation.
import type { z } from 'zod';
import type { branchSchema, dialogueSchema, scenarioSchema, turnSchema } from './scenario-schema.js';
import type {
  CATEGORIES,
  companySchema,
  DIRECTIONS,
  forbiddenSchema,
  LOCALES,
  matchSchema,
  PERSONAS,
  PHASES,
  SEVERITIES,
  stepSchema,
  voiceSchema,
  whenSchema,
} from './schema-parts.js';
import type { templateSchema } from './template-schema.js';

export type Locale = (typeof LOCALES)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Persona = (typeof PERSONAS)[number];
export type Phase = (typeof PHASES)[number];
export type Severity = (typeof SEVERITIES)[number];

/** A step rule as written: `{any}`, `{all}` or `{pattern}` (exactly one is set). */
export type MatchRule = z.output<typeof matchSchema>;
/** A step as written in a file (fields may be missing when overriding a template step). */
export type StepSpec = z.output<typeof stepSchema>;
/** A forbidden entry: exactly one of `phrase` or `pattern`, severity defaults to major. */
export type ForbiddenRule = z.output<typeof forbiddenSchema>;
export type BranchCondition = z.output<typeof whenSchema>;
export type Branch = z.output<typeof branchSchema>;
export type Turn = z.output<typeof turnSchema>;
export type Dialogue = z.output<typeof dialogueSchema>;
export type VoiceHints = z.output<typeof voiceSchema>;
export type Company = z.output<typeof companySchema>;
/** A scenario file as written (before template inheritance). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A template file as written. */
export type Template = z.output<typeof templateSchema>;
