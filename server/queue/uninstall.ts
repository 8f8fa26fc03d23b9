import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import { cancelStoreJobsStatements } from '../db/repos/jobs.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from './busy-retry';

/**
 * Uninstall: stop every job of a store at once. Waiting jobs (queued, retrying, held) become
 * cancelled in one statement; running ones are marked, their handlers' signals are aborted at the
 * next heartbeat, and they end cancelled whatever their handler returns (their follow-up jobs are
 * dropped). Dead jobs stay dead for the record. Idempotent: a second call finds nothing to do.
 */
export async function cancelJobsForStore(
  db: Db,
  storeId: string,
  opts: { actor?: string; reason?: string; clock?: Clock } = {},
): Promise<{ cancelled: number; cancelRequested: number }> {
  const meta = {
    storeId,
    actor: opts.actor ?? 'system:uninstall',
    reason: opts.reason ?? 'app uninstalled',
    now: (opts.clock ?? systemClock).now(),
  };
  const rs = await withBusyRetry(() => writeBatch(db, cancelStoreJobsStatements(meta)));
  return { cancelled: rs[1].rows.length, cancelRequested: rs[2].rows.length };
}
