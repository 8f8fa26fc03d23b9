import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError } from '../../core/errors';
import type { ApiIssue } from '../../contracts/common';

/**
 * Validates one part of the request (json, query, param) with a zod schema and hands the parsed
 * value to the route, typed, which the Hono client then knows too. A bad request is a 400 that
 * names every problem by path.
 */
export function zv<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, async (value) => {
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) {
      const issues = toIssues(parsed.error.issues);
      throw new AppError('BadRequest', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), {
        status: 400, detail: { issues }, field: issues[0]?.path || undefined,
      });
    }
    return parsed.data as z.output<S>;
  });
}

export function toIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ApiIssue[] {
  return issues.map((i) => ({
    path: i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p))).join(''),
    message: i.message,
  }));
}
