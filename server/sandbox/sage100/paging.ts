import type { Rec, Sql } from './db/sql';
import { badRequest } from './errors';
import { parseChangedSince } from './sage-time';

export interface PageRequest {
  page: number;
  pageSize: number;
  /** SQL condition on DateUpdated/TimeK (prefixed by the table alias) and its args; empty when no changedSince. */
  since: { where: string; args: unknown[] };
}

export interface Page<T> {
  Results: T[];
  Page: number;
  PageSize: number;
  TotalCount: number;
}

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

function intParam(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${name} must be a whole number from 1`, name);
  if (n > max) throw badRequest(`${name} is at most ${max}`, name);
  return n;
}

/**
 * Reads page, pageSize and changedSince from the query. changedSince is inclusive (>=): a caller
 * resuming from the stamp of the last row it saw gets that row again and dedupes, and never
 * loses a row written in the same 1/100000 hour.
 */
export function parsePaging(q: Record<string, string | undefined>, alias = ''): PageRequest {
  const page = intParam('page', q.page, 1);
  const pageSize = intParam('pageSize', q.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (q.changedSince === undefined || q.changedSince === '') return { page, pageSize, since: { where: '', args: [] } };
  const stamp = parseChangedSince(q.changedSince);
  if (!stamp) throw badRequest('changedSince must be an ISO 8601 date-time, e.g. 2026-11-29T10:00:00Z', 'changedSince');
  const a = alias ? `${alias}.` : '';
  // A row value comparison walks the (DateUpdated, TimeK, key) index directly.
  return { page, pageSize, since: { where: `(${a}DateUpdated, ${a}TimeK) >= (?, ?)`, args: [stamp.DateUpdated, stamp.TimeK] } };
}

/**
 * TotalCount of a paged query, remembered until the next write: a caller walking 100 pages of a
 * 100,000-row table then counts once, not 100 times. Any write (all go through the write queue)
 * makes every remembered count stale.
 */
export class CountCache {
  private seenVersion = -1;
  private counts = new Map<string, number>();

  constructor(private version: () => number) {}

  async get(key: string, count: () => Promise<number>): Promise<number> {
    if (this.seenVersion !== this.version()) {
      this.counts.clear();
      this.seenVersion = this.version();
    }
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const n = await count();
    if (this.counts.size > 500) this.counts.clear();
    this.counts.set(key, n);
    return n;
  }
}

/**
 * Runs a paged query in the contract's stable order: DateUpdated, TimeK, then the key columns.
 * `where` lists extra conditions (already holding their own `?`s, in the order of `args`).
 */
export async function pagedQuery(ctx: { sql: Sql; counts?: CountCache }, opts: {
  from: string;
  where: string[];
  args: unknown[];
  key: string[];
  paging: PageRequest;
}): Promise<Page<Rec>> {
  const { paging } = opts;
  const { sql } = ctx;
  const conds = [...opts.where, ...(paging.since.where ? [paging.since.where] : [])];
  const args = [...opts.args, ...paging.since.args];
  const whereSql = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const countSql = `SELECT COUNT(*) AS n FROM ${opts.from} ${whereSql}`;
  const count = async () => Number((await sql.get<{ n: number }>(countSql, args))?.n ?? 0);
  const total = ctx.counts ? await ctx.counts.get(`${countSql}|${JSON.stringify(args)}`, count) : await count();
  const rows = await sql.all(
    `SELECT * FROM ${opts.from} ${whereSql} ORDER BY DateUpdated, TimeK, ${opts.key.join(', ')} LIMIT ? OFFSET ?`,
    [...args, paging.pageSize, (paging.page - 1) * paging.pageSize],
  );
  return { Results: rows, Page: paging.page, PageSize: paging.pageSize, TotalCount: total };
}
