import type { InStatement } from '@libsql/client';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { clientOf } from './raw-client';
import { jobAttempts, jobs, JOB_STATES, type JobState } from '../schema/jobs';

/**
 * Reads of jobs and attempts (drizzle), and the guarded state changes people make to jobs (retry,
 * cancel), each as raw statements that also write the audit rows: they run in one write batch,
 * so a job changes state if and only if its audit row is written.
 */
export type JobRow = typeof jobs.$inferSelect;
// The state vocabulary, for callers that must not reach into the schema.
export { EXCEPTION_JOB_STATES, JOB_STATES, type JobState } from '../schema/jobs';
export type AttemptRow = typeof jobAttempts.$inferSelect;

export interface JobFilter {
  storeId?: string;
  states?: readonly JobState[];
  kinds?: readonly string[];
  errorClass?: string;
  errorCode?: string;
  orderingKey?: string;
  target?: string;
  /** Created at or after / before these times (ms): the "age" of a job. */
  createdFrom?: number;
  createdTo?: number;
  /** Paging: jobs with seq below this (the previous page's nextCursor). Newest first. */
  before?: number;
  limit?: number;
}

function conditions(f: JobFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.storeId) where.push(eq(jobs.storeId, f.storeId));
  if (f.states?.length) where.push(inArray(jobs.state, [...f.states]));
  if (f.kinds?.length) where.push(inArray(jobs.kind, [...f.kinds]));
  if (f.errorClass) where.push(eq(jobs.errorClass, f.errorClass));
  if (f.errorCode) where.push(eq(jobs.errorCode, f.errorCode));
  if (f.orderingKey) where.push(eq(jobs.orderingKey, f.orderingKey));
  if (f.target) where.push(eq(jobs.target, f.target));
  if (f.createdFrom !== undefined) where.push(gte(jobs.createdAt, f.createdFrom));
  if (f.createdTo !== undefined) where.push(lte(jobs.createdAt, f.createdTo));
  if (f.before !== undefined) where.push(lt(jobs.seq, f.before));
  return where.length ? and(...where) : undefined;
}

export async function listJobs(db: Db, f: JobFilter): Promise<{ items: JobRow[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 1000);
  const rows = await db.select().from(jobs).where(conditions(f)).orderBy(desc(jobs.seq)).limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
}

/** Ids only, oldest first, for bulk actions chosen by a filter. */
export async function jobIdsMatching(db: Db, f: JobFilter, max: number): Promise<string[]> {
  const rows = await db.select({ id: jobs.id }).from(jobs).where(conditions(f)).orderBy(asc(jobs.seq)).limit(max);
  return rows.map((r) => r.id);
}

export async function countJobs(db: Db, f: JobFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(jobs).where(conditions(f));
  return Number(row?.n ?? 0);
}

export async function getJob(db: Db, id: string, storeId?: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs)
    .where(storeId ? and(eq(jobs.id, id), eq(jobs.storeId, storeId)) : eq(jobs.id, id)).limit(1);
  return row;
}

export async function listAttempts(db: Db, jobId: string): Promise<AttemptRow[]> {
  return db.select().from(jobAttempts).where(eq(jobAttempts.jobId, jobId)).orderBy(asc(jobAttempts.attemptNo), asc(jobAttempts.id));
}

/** Every job of one ordering key (e.g. one order), in arrival order. */
export async function jobsByKey(db: Db, storeId: string, orderingKey: string, limit = 200): Promise<JobRow[]> {
  return db.select().from(jobs)
    .where(and(eq(jobs.storeId, storeId), eq(jobs.orderingKey, orderingKey)))
    .orderBy(asc(jobs.seq)).limit(limit);
}

/** The first job made from a delivery: the one a replay copies. */
export async function firstJobOfDelivery(db: Db, deliveryId: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.deliveryId, deliveryId)).orderBy(asc(jobs.seq)).limit(1);
  return row;
}

export async function countByState(db: Db, storeId?: string): Promise<Record<JobState, number>> {
  const rows = await db.select({ state: jobs.state, n: sql<number>`count(*)` }).from(jobs)
    .where(storeId ? eq(jobs.storeId, storeId) : undefined).groupBy(jobs.state);
  const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/** Jobs that ended per time bucket (by finished_at), for the throughput chart. */
export async function endedPerBucket(db: Db, p: { since: number; bucketMs: number; storeId?: string }) {
  const bucket = sql<number>`cast((${jobs.finishedAt} - ${p.since}) / ${p.bucketMs} as integer)`;
  const where = [gte(jobs.finishedAt, p.since)];
  if (p.storeId) where.push(eq(jobs.storeId, p.storeId));
  const rows = await db.select({ bucket, state: jobs.state, n: sql<number>`count(*)` })
    .from(jobs).where(and(...where)).groupBy(bucket, jobs.state);
  return rows.map((r) => ({ bucket: Number(r.bucket), state: r.state, n: Number(r.n) }));
}

/** created_at of the oldest job waiting to run (queued, or retrying and due). */
export async function oldestWaiting(db: Db, now: number, storeId?: string): Promise<number | null> {
  const where = [inArray(jobs.state, ['queued', 'retrying']), lte(jobs.runAt, now)];
  if (storeId) where.push(eq(jobs.storeId, storeId));
  const [row] = await db.select({ at: sql<number | null>`min(${jobs.createdAt})` }).from(jobs).where(and(...where));
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

// ---- guarded changes with their audit rows (raw statements for one write batch) ----

export interface ActionMeta {
  storeId: string;
  actor: string;
  reason: string | null;
  now: number;
}

const IDS = `(SELECT value FROM json_each(:ids))`;
const AUDIT_DETAIL = `json_object('kind', kind, 'fromState', state, 'errorClass', error_class,
  'errorCode', error_code, 'lastError', last_error, 'orderingKey', ordering_key)`;

function auditEach(action: string, guard: string): string {
  return `INSERT INTO audit_log (store_id, at, actor, action, subject, reason, detail)
    SELECT store_id, :now, :actor, '${action}', id, :reason, ${AUDIT_DETAIL} FROM jobs WHERE ${guard}`;
}

/**
 * Retry held or dead jobs: back to queued at once, with a fresh attempt budget (attempts_base
 * moves up to the attempts used). error_class stays, so a handler still sees that the last
 * attempt's outcome was unknown and reconciles first.
 */
export function retryJobsStatements(m: ActionMeta, ids: string[]): InStatement[] {
  const guard = `store_id = :store AND id IN ${IDS} AND state IN ('held', 'dead')`;
  const args = { store: m.storeId, ids: JSON.stringify(ids), now: m.now, actor: m.actor, reason: m.reason };
  return [
    { sql: auditEach('job.retry', guard), args },
    {
      sql: `UPDATE jobs SET state = 'queued', run_at = :now, attempts_base = attempts, finished_at = NULL,
          cancel_requested_at = NULL, lease_expires_at = NULL, updated_at = :now
        WHERE ${guard} RETURNING id`,
      args,
    },
  ];
}

/**
 * Cancel jobs: waiting ones (queued, retrying, held, dead) become cancelled at once; running ones
 * are marked, and end cancelled when their attempt ends (their handler's signal is aborted at the
 * next heartbeat). Returns [audit, audit, cancel, mark]: rows of the last two say which.
 */
export function cancelJobsStatements(m: ActionMeta, ids: string[]): InStatement[] {
  const base = `store_id = :store AND id IN ${IDS}`;
  const waiting = `${base} AND state IN ('queued', 'retrying', 'held', 'dead')`;
  const running = `${base} AND state = 'running' AND cancel_requested_at IS NULL`;
  const args = { store: m.storeId, ids: JSON.stringify(ids), now: m.now, actor: m.actor, reason: m.reason };
  return [
    { sql: auditEach('job.cancel', waiting), args },
    { sql: auditEach('job.cancel_requested', running), args },
    ...cancelUpdates(waiting, running, args),
  ];
}

/** Uninstall: every job of the store stops, with one summary audit row rather than one per job. */
export function cancelStoreJobsStatements(m: ActionMeta): InStatement[] {
  const waiting = `store_id = :store AND state IN ('queued', 'retrying', 'held')`;
  const running = `store_id = :store AND state = 'running' AND cancel_requested_at IS NULL`;
  const args = { store: m.storeId, now: m.now, actor: m.actor, reason: m.reason };
  return [
    {
      sql: `INSERT INTO audit_log (store_id, at, actor, action, subject, reason, detail)
        SELECT :store, :now, :actor, 'jobs.cancel_all', :store, :reason, json_object(
          'cancelled', (SELECT count(*) FROM jobs WHERE ${waiting}),
          'cancelRequested', (SELECT count(*) FROM jobs WHERE ${running}))`,
      args,
    },
    ...cancelUpdates(waiting, running, args),
  ];
}

function cancelUpdates(waiting: string, running: string, args: Record<string, string | number | null>): InStatement[] {
  return [
    {
      sql: `UPDATE jobs SET state = 'cancelled', finished_at = :now, updated_at = :now, error_code = 'Cancelled',
          last_error = coalesce('cancelled: ' || :reason, 'cancelled') WHERE ${waiting} RETURNING id`,
      args,
    },
    { sql: `UPDATE jobs SET cancel_requested_at = :now, updated_at = :now WHERE ${running} RETURNING id`, args },
  ];
}

/** Retention: finished jobs (succeeded, cancelled) and their attempts, older than a time. */
export function pruneStatements(finishedBefore: number, batch: number): InStatement[] {
  const pick = `SELECT id FROM jobs WHERE finished_at < :before AND state IN ('succeeded', 'cancelled') ORDER BY finished_at, seq LIMIT :batch`;
  const args = { before: finishedBefore, batch };
  return [
    { sql: `DELETE FROM job_attempts WHERE job_id IN (${pick})`, args },
    { sql: `DELETE FROM jobs WHERE id IN (${pick})`, args },
  ];
}

/** SQL guard for a job insert: no job of this kind was created since `since` (one per period). */
export function noJobOfKindSince(kind: string, since: number): { sql: string; args: [string, number] } {
  return { sql: 'NOT EXISTS (SELECT 1 FROM jobs WHERE kind = ? AND created_at > ?)', args: [kind, since] };
}

/** One job's part in jobsOfKindActiveSince: its state and two JSON paths, not the whole payload. */
export interface JobTrace {
  id: string;
  state: string;
  /** The JSON at `resultPath` in the job's result (text), or null. */
  fromResult: string | null;
  /** The JSON at `payloadPath` in the payload (text) of a job still in flight, or null. */
  fromPayload: string | null;
}

/**
 * Jobs of one kind and store that are in flight (running or waiting to retry) or finished since
 * `since`: what else may have changed the store's Sage data since a read at that time. Only the
 * two JSON paths asked for are read (payloads can be large and this runs once per order). The
 * finished-at index keeps it to the recent past, however long the history.
 */
export async function jobsOfKindActiveSince(
  db: Db, storeId: string, kind: string, since: number, paths: { resultPath: string; payloadPath: string },
): Promise<JobTrace[]> {
  // One statement (it runs once per order, in the Sage write slot). The unary plus keeps the
  // planner on jobs_finished for the recent ones: jobs_store_state would walk the store's history.
  const cols = `id, state, json_extract(result, :rp) AS from_result,
    CASE WHEN state IN ('running', 'retrying') THEN json_extract(payload, :pp) END AS from_payload`;
  const rs = await clientOf(db).execute({
    sql: `SELECT ${cols} FROM jobs WHERE finished_at >= :since AND +kind = :kind AND +store_id = :store
      UNION ALL
      SELECT ${cols} FROM jobs WHERE state IN ('running', 'retrying') AND kind = :kind AND store_id = :store`,
    args: { since, kind, store: storeId, rp: paths.resultPath, pp: paths.payloadPath },
  });
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rs.rows.map((r) => ({ id: String(r.id), state: String(r.state), fromResult: text(r.from_result), fromPayload: text(r.from_payload) }));
}
