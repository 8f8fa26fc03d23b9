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
  /** 1 on the first attempt. */
  attempt: number;
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
  /** Aborted when the lease is lost or the worker is stopping past its deadline. */
  signal: AbortSignal;
  /** Enqueue follow-up work. */
  enqueue(input: EnqueueInput): Promise<string>;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<HandlerOutcome | void>;

export type HandlerMap = Record<string, JobHandler<any>>;
