import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import { pruneStatements } from '../db/repos/jobs.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from './busy-retry';
import type { HandlerMap } from './types';

export const DEFAULT_KEEP_FINISHED_MS = 30 * 24 * 3600_000;

/**
 * Deletes finished jobs (succeeded, cancelled) and their attempts older than `keepMs`, in small
 * transactions so intake and workers are never held up for long. Held and dead jobs are never
 * pruned: they wait for a person. Meant for a daily schedule.
 */
export async function pruneFinishedJobs(
  db: Db,
  opts: { keepMs?: number; batch?: number; clock?: Clock } = {},
): Promise<number> {
  const before = (opts.clock ?? systemClock).now() - (opts.keepMs ?? DEFAULT_KEEP_FINISHED_MS);
  const batch = opts.batch ?? 1000;
  let total = 0;
  for (;;) {
    const rs = await withBusyRetry(() => writeBatch(db, pruneStatements(before, batch)));
    total += rs[1].rowsAffected;
    if (rs[1].rowsAffected < batch) return total;
  }
}

/** The job that prunes, enqueued by the daily retention schedule (server/schedules/retention.ts). */
export const PRUNE_JOB = 'jobs.prune';

export function retentionHandlers(o: { db: Db; keepMs: number; clock?: Clock }): HandlerMap {
  return {
    [PRUNE_JOB]: async () => ({ status: 'succeeded', result: { deleted: await pruneFinishedJobs(o.db, o) } }),
  };
}
