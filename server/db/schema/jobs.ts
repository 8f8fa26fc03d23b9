import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Job states, a closed set:
 *   queued    waiting to run (run_at says when it may)
 *   running   claimed by a worker holding a lease until lease_expires_at
 *   retrying  failed with a retryable error; waits for run_at
 *   held      stopped by a business rule; a person fixes data or mapping, then retries
 *   dead      gave up (permanent error or attempts exhausted): on the exception list
 *   succeeded done
 *   cancelled stopped by a person or by uninstall
 */
export const JOB_STATES = ['queued', 'running', 'retrying', 'held', 'dead', 'succeeded', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobs = sqliteTable('jobs', {
  /** Arrival order: per-key ordering runs jobs of one key by ascending seq. */
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  kind: text('kind').notNull(),
  storeId: text('store_id').notNull(),
  /** Ordering key: jobs with the same key never run at once and run in seq order. */
  orderingKey: text('ordering_key'),
  /** Concurrency target, e.g. "sage-write:<gateway>:<company>". */
  target: text('target'),
  state: text('state', { enum: JOB_STATES }).notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  deliveryId: text('delivery_id'),
  priority: integer('priority').notNull().default(0),
  runAt: integer('run_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(10),
  leaseOwner: text('lease_owner'),
  leaseExpiresAt: integer('lease_expires_at'),
  errorClass: text('error_class'),
  errorCode: text('error_code'),
  lastError: text('last_error'),
  result: text('result', { mode: 'json' }),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  finishedAt: integer('finished_at'),
}, (t) => [
  index('jobs_ready').on(t.state, t.runAt),
  index('jobs_key').on(t.orderingKey, t.state),
  index('jobs_store_state').on(t.storeId, t.state, t.kind),
]);

/** One row per attempt: when, by whom, and how it ended. */
export const jobAttempts = sqliteTable('job_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  jobId: text('job_id').notNull(),
  attemptNo: integer('attempt_no').notNull(),
  worker: text('worker').notNull(),
  startedAt: integer('started_at').notNull(),
  endedAt: integer('ended_at'),
  outcome: text('outcome', { enum: ['running', 'succeeded', 'failed', 'held', 'lease_lost'] }).notNull(),
  errorClass: text('error_class'),
  errorCode: text('error_code'),
  message: text('message'),
}, (t) => [index('job_attempts_job').on(t.jobId, t.attemptNo)]);
