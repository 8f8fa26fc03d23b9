import { z } from 'zod';
import type { FaultConfigInput } from './types';

/**
 * The shape of a fault configuration as it arrives from outside (env text or the admin route).
 * Strict: a misspelt key ("errorrate") is refused rather than silently ignored, because a fault
 * that quietly does nothing makes a reliability test pass for the wrong reason.
 */
const rate = z.number().min(0).max(1);
const until = { untilMs: z.number().int().nonnegative().optional(), forMs: z.number().int().nonnegative().optional() };
const needsTime = (v: { untilMs?: number; forMs?: number }) => v.untilMs !== undefined || v.forMs !== undefined;

export const faultConfigSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  routes: z.array(z.strictObject({
    match: z.string().min(1),
    errorRate: rate.optional(),
    status: z.number().int().min(400).max(599).optional(),
    timeoutAfterWriteRate: rate.optional(),
  })).optional(),
  throttle: z.strictObject({ ...until, retryAfterSec: z.number().int().min(0).max(86_400) })
    .refine(needsTime, 'throttle needs untilMs or forMs').nullable().optional(),
  outage: z.strictObject(until).refine(needsTime, 'outage needs untilMs or forMs').nullable().optional(),
  seed: z.number().int().optional(),
  timeoutHoldMs: z.number().int().min(0).max(3_600_000).optional(),
});

export class FaultConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultConfigError';
  }
}

/** Validates an input; throws FaultConfigError naming each bad key. */
export function validateFaultInput(value: unknown, source = 'fault config'): FaultConfigInput {
  const parsed = faultConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new FaultConfigError(`${source} is invalid: ${issues.join('; ')}`);
  }
  return parsed.data as FaultConfigInput;
}
