import { z } from 'zod';
import { pageQuery, reasonField } from './common';

/** Exceptions: jobs a person must look at (held by a rule, or dead after a permanent error). */
export const exceptionsQuery = pageQuery.extend({
  state: z.enum(['held', 'dead', 'open']).optional(),
  kind: z.string().max(60).optional(),
  q: z.string().trim().max(100).optional(),
});
export const jobParams = z.object({ jobId: z.string().regex(/^job_[A-Za-z0-9_-]{6,60}$/, 'must be a job id') });

export const editPayloadBody = z.object({
  /** The corrected order (the delivery's body, `{ type, timestamp, data }` or just the order). */
  payload: z.unknown().refine((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be a JSON object'),
  reason: reasonField,
});
export const retryBody = z.object({ reason: reasonField });
export const bulkRetryBody = z.object({
  jobIds: z.array(z.string().max(80)).min(1, 'select at least one exception').max(200, 'at most 200 at once'),
  reason: reasonField,
});
export const cancelBody = z.object({ reason: reasonField });

export interface ExceptionItem {
  jobId: string;
  kind: string;
  state: string;
  orderId: string | null;
  /** The reason in plain words, for a merchant. */
  reason: string;
  errorCode: string | null;
  field: string | null;
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface ExceptionDetail extends ExceptionItem {
  deliveryId: string | null;
  /** The stored payload the job ran on (what Clarity sent, or the last manual fix). */
  payload: unknown;
  /** What the mapping made of it (the Sage sales order), when it got that far. */
  mapped: unknown;
  lastError: string | null;
  attemptsLog: Array<{ attemptNo: number; startedAt: number; endedAt: number | null; outcome: string; message: string | null }>;
}

export interface BulkResult {
  done: string[];
  skipped: Array<{ jobId: string; reason: string }>;
}
