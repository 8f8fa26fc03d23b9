import type { z } from 'zod';
import { AppError } from '../../core/errors';
import type { ClarityHttp } from './http';
import {
  clarityOrderSchema, orderListPageSchema, patchOrderSchema,
  type ClarityOrderRecord, type OrderListPage, type PatchOrderBody,
} from './schemas';

/**
 * Typed calls on Clarity orders (contracts/clarity.md §5). Answers are checked against the schema:
 * a site that answers in another shape is a configuration problem (permanent), not a blip.
 */
export interface ClarityOrders {
  getOrder(id: string | number): Promise<ClarityOrderRecord>;
  /** One page of orders changed since `modifiedSince` (ISO), oldest change first; pages are 1-based. */
  listOrders(modifiedSince: string, page: number, pageSize?: number): Promise<OrderListPage>;
  patchOrder(id: string | number, body: PatchOrderBody): Promise<ClarityOrderRecord>;
}

export const MAX_PAGE_SIZE = 100;

export function clarityOrders(http: ClarityHttp): ClarityOrders {
  return {
    async getOrder(id) {
      const path = `/orders/${encodeURIComponent(String(id))}`;
      return checked(clarityOrderSchema, await http<unknown>(path), 'GET', path);
    },
    async listOrders(modifiedSince, page, pageSize = MAX_PAGE_SIZE) {
      if (!Number.isInteger(page) || page < 1) throw new AppError('BadPage', 'pages are 1-based', { status: 400 });
      const size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
      const raw = await http<unknown>('/orders', { query: { modifiedSince, page, pageSize: size } });
      return checked(orderListPageSchema, raw, 'GET', '/orders');
    },
    async patchOrder(id, body) {
      const path = `/orders/${encodeURIComponent(String(id))}`;
      const sent = patchOrderSchema.parse(body);
      return checked(clarityOrderSchema, await http<unknown>(path, { method: 'PATCH', body: sent }), 'PATCH', path);
    },
  };
}

function checked<T extends z.ZodType>(schema: T, raw: unknown, method: string, path: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('ClarityBadResponse',
    `Clarity ${method} ${path} answered in an unexpected shape: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    { errorClass: 'permanent', status: 502, detail: parsed.error.issues.slice(0, 5) });
}
