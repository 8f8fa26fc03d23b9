import type { InStatement, InValue } from '@libsql/client';
import { newId } from '../core/ids';
import type { EnqueueInput } from './types';

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
  const cols = `id, kind, store_id, ordering_key, target, state, payload, delivery_id, priority,
    run_at, attempts, max_attempts, created_at, updated_at`;
  const vals = `?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, 0, ?, ?, ?`;
  const conditions: { sql: string; args: InValue[] }[] = [];
  if (opts.onlyIfDeliveryId) {
    conditions.push({ sql: 'EXISTS (SELECT 1 FROM deliveries WHERE id = ?)', args: [opts.onlyIfDeliveryId] });
  }
  if (opts.onlyIf) conditions.push(opts.onlyIf);
  if (conditions.length) {
    return {
      id,
      stmt: {
        sql: `INSERT INTO jobs (${cols}) SELECT ${vals} WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}`,
        args: [...args, ...conditions.flatMap((c) => c.args)],
      },
    };
  }
  return { id, stmt: { sql: `INSERT INTO jobs (${cols}) VALUES (${vals})`, args } };
}
