// Input validation at the edge: parse a body, query or socket payload with its zod
// schema, or throw BAD_REQUEST naming the first offending field.
import { AppError } from '@callsim/protocol';
import type { z } from 'zod';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  throw new AppError('BAD_REQUEST', `invalid ${where}`, {
    details: { field, reason: issue?.message ?? 'invalid' },
  });
}
