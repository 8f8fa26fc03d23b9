import { Hono } from 'hono';
import { readBody } from '../body';
import type { SageEnv, SandboxContext } from '../context';
import { badRequest } from '../errors';
import { normalizeSalesOrderNo, parseCustomerKey } from '../numbering';
import type { LockTable } from '../record-locks';

const TABLES: Record<string, LockTable> = { AR_Customer: 'AR_Customer', customer: 'AR_Customer', SO_SalesOrder: 'SO_SalesOrder', order: 'SO_SalesOrder' };

/** The record key as Sage writes it, so "1-acme" locks the same customer as "01-ACME". */
function recordKey(table: LockTable, key: string): string {
  return table === 'AR_Customer' ? parseCustomerKey(key).join('-') : normalizeSalesOrderNo(key);
}

/**
 * POST /_admin/lock { table: "AR_Customer"|"SO_SalesOrder" (or "customer"|"order"), key, ms }:
 * a Sage user opens the record for `ms` (sandbox clock). DELETE /_admin/lock { table?, key? }
 * releases one lock, or all of the company's. GET /_admin/lock lists them.
 */
export function lockRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.get('/lock', (c) => c.json(ctx.locks.list(c.get('company'))));
  app.post('/lock', async (c) => {
    const body = await readBody(c);
    const table = TABLES[String(body.table)];
    if (!table) throw badRequest('table must be AR_Customer or SO_SalesOrder', 'table');
    if (typeof body.key !== 'string') throw badRequest('key is required (01-ACME or a sales order number)', 'key');
    const ms = Number(body.ms ?? 30_000);
    if (!Number.isFinite(ms) || ms <= 0) throw badRequest('ms must be a positive number', 'ms');
    const key = recordKey(table, body.key);
    const { untilMs } = ctx.locks.lock(c.get('company'), table, key, ms, typeof body.user === 'string' ? body.user : undefined);
    return c.json({ table, key, untilMs }, 201);
  });
  app.delete('/lock', async (c) => {
    const body = await readBody(c).catch(() => ({} as Record<string, unknown>));
    const table = body.table === undefined ? undefined : TABLES[String(body.table)];
    const key = table && typeof body.key === 'string' ? recordKey(table, body.key) : undefined;
    return c.json({ released: ctx.locks.release(c.get('company'), table, key) });
  });
  return app;
}
