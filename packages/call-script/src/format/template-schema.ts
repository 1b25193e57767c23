// zod schema of a template file (formatVersion 1): the 话术 steps and forbidden phrases
// shared by many scenarios of one company, locale and call direction.
// Scenarios inherit them through `agent.template` (see resolve/resolve-scenario.ts).
import { z } from 'zod';
import {
  companySchema,
  DIRECTIONS,
  forbiddenSchema,
  idSchema,
  localeSchema,
  stepSchema,
} from './schema-parts.js';

const text = z.string().trim().min(1, 'must not be empty');

export const templateSchema = z.strictObject({
  formatVersion: z.literal(1),
  id: idSchema,
  locale: localeSchema,
  direction: z.enum(DIRECTIONS),
  title: text,
  description: text.optional(),
  company: companySchema.optional(),
  steps: z.array(stepSchema),
  forbidden: z.array(forbiddenSchema).optional(),
});
