import type { InStatement, InValue } from '@libsql/client';
import { newId } from '../core/ids';
import type { EnqueueInput } from './types';

const COLS = `id, kind, store_id, ordering_key, target, state, payload, delivery_id, priority,
    run_at, attempts, max_attempts, created_at, updated_at`;
const VALS = `?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, 0, ?, ?, ?`;
const PLAIN_INSERT = `INSERT INTO jobs (${COLS}) VALUES (${VALS})`;
const DELIVERY_EXISTS = 'EXISTS (SELECT 1 FROM deliveries WHERE id = ?)';
/**
 * The guarded INSERT's text by condition: the webhook intake makes one per request, and the same
 * text each time lets the statement cache (and the writer thread's SQL numbering) find it at once.
 * Callers' conditions are a handful of constants, so this stays small; the cap is a safety net.
 */
const guardedInserts = new Map<string, string>();
function guardedInsert(conditions: string[]): string {
  const key = conditions.join('\n');
  let sql = guardedInserts.get(key);
  if (sql === undefined) {
    sql = `INSERT INTO jobs (${COLS}) SELECT ${VALS} WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}`;
    if (guardedInserts.size >= 256) guardedInserts.clear();
    guardedInserts.set(key, sql);
  }
  return sql;
}

/**
 * The INSERT for one job, as a raw statement, so callers can put it in the same batch (one
 * transaction) as the row that caused it. With `onlyIfDeliveryId`, the job is inserted only if
 * that delivery row exists, which makes "store delivery + job" a no-op for a repeated webhook
 * whose INSERT OR IGNORE of the delivery did nothing. `onlyIf` is the general form: an SQL
 * condition (with positional args) that must hold at insert time, e.g. "the parent job succeeded".
 * After the batch commits, call notifyWorkers() (./wake) so this process's worker starts at once.
 */
export function jobInsertStatement(
  input: EnqueueInput,
  now: number,
  opts: { id?: string; onlyIfDeliveryId?: string; onlyIf?: { sql: string; args: InValue[] } } = {},
): { id: string; stmt: InStatement } {
  const id = opts.id ?? newId('job');
  const args: InValue[] = [
    id, input.kind, input.storeId, input.orderingKey ?? null, input.target ?? null,
    JSON.stringify(input.payload ?? null), input.deliveryId ?? null, input.priority ?? 0,
    input.runAt ?? now, input.maxAttempts ?? 10, now, now,
  ];
  if (!opts.onlyIf && !opts.onlyIfDeliveryId) return { id, stmt: { sql: PLAIN_INSERT, args } };
  const conditions: string[] = [];
  if (opts.onlyIfDeliveryId) {
    conditions.push(DELIVERY_EXISTS);
    args.push(opts.onlyIfDeliveryId);
  }
  if (opts.onlyIf) {
    conditions.push(opts.onlyIf.sql);
    args.push(...opts.onlyIf.args);
  }
  return { id, stmt: { sql: guardedInsert(conditions), args } };
}
