import { permanent } from '../core/errors';
import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from './busy-retry';
import { jobInsertStatement } from './enqueue-sql';
import type { EnqueueInput } from './types';
import { notifyWorkers } from './wake';

export interface EnqueueOptions {
  clock?: Clock;
}

/** Adds one job; returns its id once it is committed. */
export async function enqueue(db: Db, input: EnqueueInput, opts: EnqueueOptions = {}): Promise<string> {
  const [id] = await enqueueMany(db, [input], opts);
  return id;
}

/**
 * Adds jobs in one transaction: all of them or none. Their seq follows the array's order, which
 * is the run order of jobs that share an ordering key.
 */
export async function enqueueMany(db: Db, inputs: EnqueueInput[], opts: EnqueueOptions = {}): Promise<string[]> {
  if (inputs.length === 0) return [];
  inputs.forEach(validate);
  const now = (opts.clock ?? systemClock).now();
  const built = inputs.map((input) => jobInsertStatement(input, now));
  await withBusyRetry(() => writeBatch(db, built.map((b) => b.stmt)));
  notifyWorkers();
  return built.map((b) => b.id);
}

/** Rejects what would make a job that can never run properly; a caller's bug, so permanent. */
export function validate(input: EnqueueInput): void {
  if (!input.kind) throw permanent('InvalidJob', 'a job needs a kind', { field: 'kind' });
  if (!input.storeId) throw permanent('InvalidJob', 'a job needs a storeId', { field: 'storeId' });
  if (input.maxAttempts !== undefined && !(Number.isInteger(input.maxAttempts) && input.maxAttempts >= 1)) {
    throw permanent('InvalidJob', `maxAttempts must be an integer >= 1, got ${input.maxAttempts}`, { field: 'maxAttempts' });
  }
  if (input.runAt !== undefined && !Number.isFinite(input.runAt)) {
    throw permanent('InvalidJob', 'runAt must be a time in ms', { field: 'runAt' });
  }
}
