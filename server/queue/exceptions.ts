import { AppError } from '../core/errors';
import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import { writeBatch } from '../db/repos/raw-client';
import {
  cancelJobsStatements, countJobs, EXCEPTION_JOB_STATES, getJob, jobIdsMatching, listJobs, retryJobsStatements,
  type JobFilter, type JobRow, type JobState,
} from '../db/repos/jobs.repo';
import { withBusyRetry } from './busy-retry';
import { notifyWorkers } from './wake';

/**
 * The exception list: jobs a person must look at (dead letters and held jobs), and what a person
 * can do about them. Every action names its actor and reason and is written to the audit trail in
 * the same transaction as the change. All actions are scoped to one store: a job of another store
 * is "not found".
 */
export interface ExceptionFilter extends Omit<JobFilter, 'states'> {
  storeId: string;
  /** held, dead, or both (the default). */
  states?: ReadonlyArray<(typeof EXCEPTION_JOB_STATES)[number]>;
}

export interface ExceptionPage {
  items: JobRow[];
  nextCursor: number | null;
  total: number;
}

export async function listExceptions(db: Db, f: ExceptionFilter): Promise<ExceptionPage> {
  const filter: JobFilter = { ...f, states: f.states?.length ? f.states : EXCEPTION_JOB_STATES };
  const [page, total] = await Promise.all([listJobs(db, filter), countJobs(db, { ...filter, before: undefined })]);
  return { ...page, total };
}

export interface ActionInput {
  storeId: string;
  actor: string;
  reason?: string | null;
  clock?: Clock;
}

/** Most jobs one bulk action touches; a bigger selection is done in several calls. */
export const BULK_MAX = 5_000;

export async function retryJob(db: Db, jobId: string, a: ActionInput): Promise<JobRow> {
  const job = await mustFind(db, jobId, a.storeId);
  if (!(EXCEPTION_JOB_STATES as readonly JobState[]).includes(job.state)) {
    throw notAllowed(`job ${jobId} is ${job.state}; only held or dead jobs can be retried`);
  }
  const { changed } = await retryJobs(db, { ...a, jobIds: [jobId] });
  if (changed.length === 0) throw notAllowed(`job ${jobId} changed state meanwhile; look again`);
  return (await getJob(db, jobId, a.storeId))!;
}

/** Retry many: by ids, or every exception matching a filter (up to BULK_MAX). Returns the ids retried. */
export async function retryJobs(
  db: Db,
  a: ActionInput & { jobIds?: string[]; filter?: Omit<ExceptionFilter, 'storeId'> },
): Promise<{ changed: string[] }> {
  const ids = await selectIds(db, a);
  if (ids.length === 0) return { changed: [] };
  const meta = { storeId: a.storeId, actor: a.actor, reason: a.reason ?? null, now: (a.clock ?? systemClock).now() };
  const rs = await withBusyRetry(() => writeBatch(db, retryJobsStatements(meta, ids)));
  notifyWorkers();
  return { changed: rs[1].rows.map((r) => String(r.id)) };
}

/**
 * Cancel one job. Waiting ones (queued, retrying, held, dead) are cancelled at once; a running
 * one is marked and ends cancelled when its attempt ends. Finished jobs cannot be cancelled.
 */
export async function cancelJob(db: Db, jobId: string, a: ActionInput): Promise<{ state: 'cancelled' | 'cancel_requested' }> {
  const job = await mustFind(db, jobId, a.storeId);
  if (job.state === 'succeeded' || job.state === 'cancelled') throw notAllowed(`job ${jobId} is already ${job.state}`);
  const r = await cancelJobs(db, { ...a, jobIds: [jobId] });
  if (r.cancelled.length) return { state: 'cancelled' };
  if (r.cancelRequested.length || job.cancelRequestedAt !== null) return { state: 'cancel_requested' };
  throw notAllowed(`job ${jobId} changed state meanwhile; look again`);
}

export async function cancelJobs(
  db: Db,
  a: ActionInput & { jobIds?: string[]; filter?: Omit<ExceptionFilter, 'storeId'> },
): Promise<{ cancelled: string[]; cancelRequested: string[] }> {
  const ids = await selectIds(db, a);
  if (ids.length === 0) return { cancelled: [], cancelRequested: [] };
  const meta = { storeId: a.storeId, actor: a.actor, reason: a.reason ?? null, now: (a.clock ?? systemClock).now() };
  const rs = await withBusyRetry(() => writeBatch(db, cancelJobsStatements(meta, ids)));
  return { cancelled: rs[2].rows.map((r) => String(r.id)), cancelRequested: rs[3].rows.map((r) => String(r.id)) };
}

async function selectIds(db: Db, a: ActionInput & { jobIds?: string[]; filter?: Omit<ExceptionFilter, 'storeId'> }): Promise<string[]> {
  if (!a.actor) throw new AppError('ActorRequired', 'an action on jobs needs an actor', { status: 400, field: 'actor' });
  if (a.jobIds) {
    if (a.jobIds.length > BULK_MAX) throw new AppError('TooMany', `at most ${BULK_MAX} jobs per call`, { status: 400 });
    return [...new Set(a.jobIds)];
  }
  if (!a.filter) throw new AppError('SelectionRequired', 'give jobIds or a filter', { status: 400 });
  const states = a.filter.states?.length ? a.filter.states : EXCEPTION_JOB_STATES;
  return jobIdsMatching(db, { ...a.filter, states, storeId: a.storeId }, BULK_MAX);
}

async function mustFind(db: Db, jobId: string, storeId: string): Promise<JobRow> {
  const job = await getJob(db, jobId, storeId);
  if (!job) throw new AppError('JobNotFound', `no job ${jobId} in this store`, { status: 404, errorClass: 'permanent' });
  return job;
}

function notAllowed(message: string): AppError {
  return new AppError('JobStateConflict', message, { status: 409, errorClass: 'permanent' });
}
