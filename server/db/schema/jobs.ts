import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Job states, a closed set:
 *   queued    waiting to run (run_at says when it may)
 *   running   claimed by a worker holding a lease until lease_expires_at
 *   retrying  failed with a retryable error (or lost its lease); waits for run_at
 *   held      stopped by a business rule; a person fixes data or mapping, then retries
 *   dead      gave up (permanent error or attempts exhausted): on the exception list
 *   succeeded done
 *   cancelled stopped by a person or by uninstall
 *
 * queued, running and retrying are "active": they hold their ordering key (see the claim in
 * server/queue/claim-sql.ts). held and dead do not, so a stuck order never blocks the jobs after it
 * forever, and a person can still cancel or retry it.
 */
export const JOB_STATES = ['queued', 'running', 'retrying', 'held', 'dead', 'succeeded', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const ACTIVE_JOB_STATES = ['queued', 'running', 'retrying'] as const;
export const FINISHED_JOB_STATES = ['succeeded', 'cancelled'] as const;
/** The exception list: jobs a person must look at. */
export const EXCEPTION_JOB_STATES = ['held', 'dead'] as const;

export const jobs = sqliteTable('jobs', {
  /** Arrival order: per-key ordering runs jobs of one key by ascending seq. */
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  kind: text('kind').notNull(),
  storeId: text('store_id').notNull(),
  /** Ordering key (scoped to the store): jobs with the same key never run at once and run in seq order. */
  orderingKey: text('ordering_key'),
  /** Concurrency target, e.g. "sage-write:<store>". */
  target: text('target'),
  state: text('state', { enum: JOB_STATES }).notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  deliveryId: text('delivery_id'),
  priority: integer('priority').notNull().default(0),
  runAt: integer('run_at').notNull(),
  /** Attempts started so far, over the job's whole life; the current attempt's number while running. */
  attempts: integer('attempts').notNull().default(0),
  /** Attempts used before the last manual retry: the budget max_attempts counts from here. */
  attemptsBase: integer('attempts_base').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(10),
  /** The worker holding the job while running; after it ends, the worker that ended it. */
  leaseOwner: text('lease_owner'),
  leaseExpiresAt: integer('lease_expires_at'),
  /** When the current (or last) attempt started. */
  startedAt: integer('started_at'),
  /** Set when a running job is cancelled (uninstall, a person): it ends cancelled, whatever its handler says. */
  cancelRequestedAt: integer('cancel_requested_at'),
  errorClass: text('error_class'),
  errorCode: text('error_code'),
  /** The last error, or the reason a job is held, in plain words. */
  lastError: text('last_error'),
  result: text('result', { mode: 'json' }),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  finishedAt: integer('finished_at'),
}, (t) => [
  // The claim walks this in order and stops at its limit: only runnable states are in it.
  index('jobs_ready').on(sql`priority desc`, t.runAt, t.seq).where(sql`state in ('queued', 'retrying')`),
  // Per-key ordering checks and "jobs of this order" lookups.
  index('jobs_key').on(t.storeId, t.orderingKey, t.seq).where(sql`ordering_key is not null`),
  // Per-target concurrency counts running jobs of a target; the reaper finds expired leases.
  index('jobs_target_running').on(t.target).where(sql`state = 'running'`),
  index('jobs_lease').on(t.leaseExpiresAt).where(sql`state = 'running'`),
  index('jobs_store_state').on(t.storeId, t.state, t.kind),
  // Only finished jobs (purge, throughput): a new job is not written into it, and every query on
  // finished_at compares it, which SQLite knows implies NOT NULL.
  index('jobs_finished').on(t.finishedAt).where(sql`finished_at is not null`),
  index('jobs_delivery').on(t.deliveryId),
]);

/** Attempt outcomes. An attempt's row is written when it ends; the running one is on the job row. */
export const ATTEMPT_OUTCOMES = ['running', 'succeeded', 'failed', 'held', 'lease_lost'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One row per attempt: when, by whom, and how it ended. */
export const jobAttempts = sqliteTable('job_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  jobId: text('job_id').notNull(),
  attemptNo: integer('attempt_no').notNull(),
  worker: text('worker').notNull(),
  startedAt: integer('started_at').notNull(),
  endedAt: integer('ended_at'),
  outcome: text('outcome', { enum: ATTEMPT_OUTCOMES }).notNull(),
  errorClass: text('error_class'),
  errorCode: text('error_code'),
  message: text('message'),
}, (t) => [index('job_attempts_job').on(t.jobId, t.attemptNo)]);
