import { z } from 'zod';

/**
 * Shapes every route of the app's API shares. The API answers errors as
 * `{ error: { code, message, field?, issues? } }` (401s: see ./headers).
 */
export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; issues?: ApiIssue[] };
}

/** Opaque cursor paging: answers carry `nextCursor`; pass it back as `cursor` for the next page. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Clarity order IDs are numbers on the wire, kept as strings here (the DB keys them as text). */
export const orderId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a Clarity order ID');

/** Optional words a person gives for an action; written to the audit trail. */
export const reasonField = z.string().trim().max(500).optional();
