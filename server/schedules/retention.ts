import { Cron } from 'croner';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { noJobOfKindSince } from '../db/repos/jobs.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from '../queue/busy-retry';
import { jobInsertStatement } from '../queue/enqueue-sql';
import { notifyWorkers } from '../queue/wake';
import { PRUNE_JOB } from '../queue/retention';

/** Maintenance jobs belong to no store; this id keeps them out of every store's panel. */
export const SYSTEM_STORE = '_system';
/** Between two prunes at least this long passes, whichever process's schedule fires. */
const MIN_GAP_MS = 20 * 3600_000;

/**
 * Retention: once a day (03:17 server time) enqueue one 'jobs.prune' job. Feed polls alone make
 * tens of thousands of finished jobs a day, so without this the database only grows. The insert
 * is guarded in SQL, so several instances firing at once still add one job a day.
 */
export function enqueuePrune(db: Db, now: number) {
  const { stmt } = jobInsertStatement(
    { kind: PRUNE_JOB, storeId: SYSTEM_STORE, orderingKey: 'maintenance:prune', payload: {}, maxAttempts: 3 },
    now, { onlyIf: noJobOfKindSince(PRUNE_JOB, now - MIN_GAP_MS) },
  );
  return withBusyRetry(() => writeBatch(db, [stmt])).then((rs) => {
    if (rs[0].rowsAffected) notifyWorkers();
    return rs[0].rowsAffected;
  });
}

export function startRetentionSchedule(o: { db: Db; clock: Clock; log: Logger; pattern?: string }) {
  const job = new Cron(o.pattern ?? '17 3 * * *', { protect: true }, async () => {
    try {
      await enqueuePrune(o.db, o.clock.now());
    } catch (err) {
      o.log.warn({ err }, 'could not enqueue the daily prune');
    }
  });
  return { stop: () => job.stop() };
}
