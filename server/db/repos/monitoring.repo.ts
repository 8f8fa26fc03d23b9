import type { InValue } from '@libsql/client';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { monitorStates } from '../schema/monitoring';
import { clientOf } from './raw-client';

/**
 * Reads of the periodic monitor (server/monitoring/), each shaped to stay cheap on a big database:
 * they walk the jobs indexes of one store, or a rowid range of recent deliveries, never a whole
 * table. Raw SQL where the plan matters.
 */
export type MonitorState = typeof monitorStates.$inferSelect;
export type MonitorStateFields = Partial<Omit<MonitorState, 'storeId' | 'updatedAt'>>;

export async function getMonitorState(db: Db, storeId: string): Promise<MonitorState | null> {
  const rows = await db.select().from(monitorStates).where(eq(monitorStates.storeId, storeId)).limit(1);
  return rows[0] ?? null;
}

export async function saveMonitorState(db: Db, storeId: string, fields: MonitorStateFields, now: number): Promise<void> {
  await db.insert(monitorStates).values({ storeId, ...fields, updatedAt: now })
    .onConflictDoUpdate({ target: monitorStates.storeId, set: { ...fields, updatedAt: now } });
}

const inList = (values: readonly string[]) => (values.length ? values.map(() => '?').join(', ') : `''`);

/**
 * Jobs of the store that reached the exception list (held or dead) in (since, until], leaving out
 * `exceptKinds`. A held or dead job's updated_at is when it got there: nothing else writes it
 * until a person retries or cancels it, which moves it out of those states.
 */
export async function countExceptionsSince(
  db: Db, storeId: string, since: number, exceptKinds: readonly string[], until = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const rs = await clientOf(db).execute({
    sql: `SELECT count(*) AS n FROM jobs WHERE store_id = ? AND state IN ('held', 'dead') AND updated_at > ? AND updated_at <= ?
          AND kind NOT IN (${inList(exceptKinds)})`,
    args: [storeId, since, until, ...exceptKinds],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

export interface WaitingJobs {
  /** Jobs that could run now and have waited at least the threshold. */
  count: number;
  oldest: { kind: string; runAt: number } | null;
}

/**
 * Jobs that are due (queued, or retrying with their time come) and have waited since their run
 * time for at least `minWaitMs`: of one store, or of all (storeId absent). The wait counts from
 * run_at, not created_at: a job retried with backoff is not "stuck" for the hours it was told to wait.
 */
export async function jobsWaitingLongerThan(db: Db, p: { storeId?: string; now: number; minWaitMs: number }): Promise<WaitingJobs> {
  const store = p.storeId === undefined ? '' : 'store_id = ? AND ';
  const where = `${store}state IN ('queued', 'retrying') AND run_at <= ?`;
  const args: InValue[] = p.storeId === undefined ? [p.now - p.minWaitMs] : [p.storeId, p.now - p.minWaitMs];
  const rs = await clientOf(db).execute({
    sql: `SELECT count(*) AS n, min(run_at) AS oldest, (SELECT kind FROM jobs WHERE ${where} ORDER BY run_at LIMIT 1) AS kind
          FROM jobs WHERE ${where}`,
    args: [...args, ...args],
  });
  const row = rs.rows[0];
  const count = Number(row?.n ?? 0);
  return { count, oldest: count > 0 ? { kind: String(row.kind), runAt: Number(row.oldest) } : null };
}

/**
 * What the store's polls of one feed found after `since`: the sum of `$.<field>` over the results
 * of its finished poll jobs (e.g. the order poll's `stored`: orders no webhook had delivered).
 * Walks the feed's ordering key newest first and stops at `maxJobs`.
 */
export async function sumPollResults(
  db: Db, p: { storeId: string; orderingKey: string; kind: string; field: string; since: number; maxJobs?: number },
): Promise<{ polls: number; total: number }> {
  const rs = await clientOf(db).execute({
    sql: `SELECT count(*) AS polls, coalesce(sum(coalesce(json_extract(result, ?), 0)), 0) AS total FROM (
            SELECT result, finished_at FROM jobs WHERE store_id = ? AND ordering_key = ? AND kind = ? AND state = 'succeeded'
            ORDER BY seq DESC LIMIT ?)
          WHERE finished_at > ?`,
    args: [`$.${p.field}`, p.storeId, p.orderingKey, p.kind, p.maxJobs ?? 500, p.since],
  });
  return { polls: Number(rs.rows[0]?.polls ?? 0), total: Number(rs.rows[0]?.total ?? 0) };
}

/**
 * Whether a delivery of `source` whose topic starts with `topicPrefix` reached the store after
 * `since`. deliveries has no time index (the intake's hot path pays for every index), but rows
 * are appended in arrival order, so the first rowid at `since` is found by bisection and only
 * the rows after it are read. `since` should carry a little slack: arrival order and rowid order
 * can differ by the few milliseconds of a group commit.
 */
export async function deliveryArrivedSince(db: Db, storeId: string, source: string, topicPrefix: string, since: number): Promise<boolean> {
  const client = clientOf(db);
  const bounds = await client.execute('SELECT min(rowid) AS lo, max(rowid) AS hi FROM deliveries');
  let lo = Number(bounds.rows[0]?.lo ?? 0);
  let hi = Number(bounds.rows[0]?.hi ?? 0);
  if (!hi) return false;
  // Smallest rowid whose received_at >= since (rowids may have gaps: probe the next row at or after mid).
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const rs = await client.execute({ sql: 'SELECT rowid AS id, received_at FROM deliveries WHERE rowid >= ? ORDER BY rowid LIMIT 1', args: [mid] });
    const row = rs.rows[0];
    if (row && Number(row.received_at) < since) lo = Number(row.id) + 1;
    else hi = mid;
  }
  // The unary + keeps the planner on the rowid range instead of the store's (all-time) index.
  const args: InValue[] = [lo, storeId, source, `${topicPrefix}%`, since];
  const rs = await client.execute({
    sql: `SELECT 1 FROM deliveries WHERE rowid >= ? AND +store_id = ? AND +source = ? AND +topic LIKE ? AND +received_at >= ? LIMIT 1`,
    args,
  });
  return rs.rows.length > 0;
}

/**
 * Active stores due for a monitor job: the latest job of their monitor key is neither waiting or
 * running nor younger than `intervalMs`. The same test guards the insert (monitorDueCondition), so
 * any number of processes ticking at once add one job per store per interval.
 */
export async function storesDueForMonitor(db: Db, keyPrefix: string, now: number, intervalMs: number): Promise<string[]> {
  const rs = await clientOf(db).execute({
    sql: `SELECT i.store_id FROM installations i WHERE i.status = 'active' AND NOT ${latestJobBusy('i.store_id', '? || i.store_id')}`,
    args: [keyPrefix, now - intervalMs],
  });
  return rs.rows.map((r) => String(r.store_id));
}

export function monitorDueCondition(storeId: string, orderingKey: string, now: number, intervalMs: number): { sql: string; args: InValue[] } {
  return {
    sql: `EXISTS (SELECT 1 FROM installations WHERE store_id = ? AND status = 'active') AND NOT ${latestJobBusy('?', '?')}`,
    args: [storeId, storeId, orderingKey, now - intervalMs],
  };
}

/** The latest job of a key is active, or was created after the cut-off. Args: store, key, cut-off. */
function latestJobBusy(store: string, key: string): string {
  return `EXISTS (SELECT 1 FROM jobs j WHERE j.seq = (SELECT max(seq) FROM jobs WHERE store_id = ${store} AND ordering_key = ${key})
    AND (j.state IN ('queued', 'running', 'retrying') OR j.created_at > ?))`;
}
