import type { InStatement } from '@libsql/client';
import type { ErrorClass } from '../core/errors';
import type { Logger } from '../core/logger';

/** What a handler sees of its job. */
export interface JobRecord<P = unknown> {
  id: string;
  seq: number;
  kind: string;
  storeId: string;
  orderingKey: string | null;
  target: string | null;
  payload: P;
  deliveryId: string | null;
  /** 1 on the first attempt; counts every attempt of the job's life (manual retries included). */
  attempt: number;
  /** The attempt number at which the job gives up (moves up when a person retries the job). */
  maxAttempts: number;
  /** Error class of the previous attempt; 'unknown_outcome' means: reconcile before writing again. */
  previousErrorClass: ErrorClass | null;
  createdAt: number;
}

export interface EnqueueInput<P = unknown> {
  kind: string;
  storeId: string;
  payload: P;
  /** Jobs with one ordering key never run at once and run in arrival order (e.g. one order). */
  orderingKey?: string;
  /** Concurrency target (e.g. writes to one Sage company); limits come from the worker's options. */
  target?: string;
  deliveryId?: string;
  runAt?: number;
  maxAttempts?: number;
  priority?: number;
}

/**
 * How a handler ends: return normally to succeed (optionally with a result), return `held` when a
 * business rule stops the work (a person fixes it, then retries), or throw an AppError whose
 * errorClass decides between retry and the exception list.
 */
export type HandlerOutcome =
  | { status: 'succeeded'; result?: unknown }
  | { status: 'held'; reason: string; detail?: unknown };

export interface JobContext<P = unknown> {
  job: JobRecord<P>;
  log: Logger;
  /**
   * Aborted when the lease is lost (another worker took the job over), when the job is cancelled
   * while running (uninstall, a person), or when the worker stops past its deadline. Pass it on
   * to HTTP calls; after it fires, nothing the handler returns is recorded.
   */
  signal: AbortSignal;
  /**
   * Enqueue follow-up work. The job is committed together with this attempt's end, and only if
   * the attempt succeeds or is held: a failed (retried) attempt leaves no follow-ups behind, so a
   * retry does not make them twice. The returned id is the one the job will have. To make a job
   * that must exist even if this attempt fails, call enqueue() from ./enqueue instead.
   */
  enqueue(input: EnqueueInput): Promise<string>;
  /**
   * A record to write in the same transaction as this attempt's end, whatever the outcome (a
   * timeline of what the attempt did, a fact learnt): one commit less per job. Only statements
   * that cannot fail on their data: INSERT OR IGNORE, or an UPDATE by key. If the process dies
   * before the end is recorded, it is lost with the attempt, so it must never be the only record
   * of something a retry needs to know.
   */
  writeWithEnd(stmt: InStatement): void;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<HandlerOutcome | void>;

export type HandlerMap = Record<string, JobHandler<any>>;
