import { badRequest } from './errors';
import type { Paged } from './types';

export const MAX_PAGE_SIZE = 500;

export interface PageQuery {
  page: number;
  pageSize: number;
  /** Unix ms; rows changed at or after it. */
  modifiedSince: number | null;
}

/** `?modifiedSince=ISO&page=1&pageSize=100`: 1-based pages, refused when malformed. */
export function parsePageQuery(q: Record<string, string | undefined>): PageQuery {
  const page = q.page === undefined ? 1 : Number(q.page);
  const pageSize = q.pageSize === undefined ? 100 : Number(q.pageSize);
  if (!Number.isInteger(page) || page < 1) throw badRequest('page must be a whole number from 1');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badRequest(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  let modifiedSince: number | null = null;
  if (q.modifiedSince !== undefined) {
    modifiedSince = Date.parse(q.modifiedSince);
    if (Number.isNaN(modifiedSince)) throw badRequest('modifiedSince must be an ISO-8601 date');
  }
  return { page, pageSize, modifiedSince };
}

export function paged<T>(results: T[], total: number, q: PageQuery): Paged<T> {
  return { Results: results, TotalCount: total, TotalPages: Math.ceil(total / q.pageSize), CurrentPage: q.page };
}

/** SQL pieces for "this store's rows changed since, oldest change first, ties by ID". */
export function changeFeedSql(table: string, q: PageQuery, storeId: string) {
  const where = `store_id = ?${q.modifiedSince === null ? '' : ' AND updated_at >= ?'}`;
  const args = q.modifiedSince === null ? [storeId] : [storeId, q.modifiedSince];
  return {
    count: { sql: `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, args },
    page: {
      sql: `SELECT * FROM ${table} WHERE ${where} ORDER BY updated_at, id LIMIT ? OFFSET ?`,
      args: [...args, q.pageSize, (q.page - 1) * q.pageSize],
    },
  };
}
