import { Cron } from 'croner';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { monitorDueCondition, storesDueForMonitor } from '../db/repos/monitoring.repo';
import { writeBatch } from '../db/repos/raw-client';
import { withBusyRetry } from '../queue/busy-retry';
import { jobInsertStatement } from '../queue/enqueue-sql';
import { notifyWorkers } from '../queue/wake';
import { MONITOR_JOB, monitorOrderingKey, monitorOrderingKeyPrefix } from './kinds';

/**
 * The monitor's schedule. It only enqueues: each tick adds one 'monitor.check' job per active
 * store whose last one is finished and older than the interval. The insert is guarded by the same
 * test in SQL, so several processes ticking at once still check each store once per interval, and
 * a slow check never has others piling up behind it. The jobs go ahead of a backlog (priority):
 * a monitor stuck behind the very queue it should report on would be no monitor.
 */
export interface MonitorScheduleDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  intervalMs: number;
}

const PRIORITY = 10;

export function createMonitorTick(d: MonitorScheduleDeps) {
  /** One tick; returns the number of checks it added. */
  return async function tick(): Promise<number> {
    const now = d.clock.now();
    const due = await storesDueForMonitor(d.db, monitorOrderingKeyPrefix, now, d.intervalMs);
    if (due.length === 0) return 0;
    const stmts = due.map((storeId) => jobInsertStatement(
      { kind: MONITOR_JOB.check, storeId, orderingKey: monitorOrderingKey(storeId), payload: {}, priority: PRIORITY, maxAttempts: 3 },
      now, { onlyIf: monitorDueCondition(storeId, monitorOrderingKey(storeId), now, d.intervalMs) },
    ).stmt);
    const rs = await withBusyRetry(() => writeBatch(d.db, stmts));
    const added = rs.reduce((n, r) => n + r.rowsAffected, 0);
    if (added) notifyWorkers();
    return added;
  };
}

/** Ticks every second, or every tenth of the interval when that is longer (at most 10 s). */
export function startMonitorSchedule(d: MonitorScheduleDeps): { stop(): void; tick(): Promise<number> } {
  const tick = createMonitorTick(d);
  const everySec = Math.min(10, Math.max(1, Math.floor(d.intervalMs / 10_000)));
  const job = new Cron('* * * * * *', { protect: true, interval: everySec }, async () => {
    try {
      await tick();
    } catch (err) {
      d.log.warn({ err }, 'monitor schedule tick failed');
    }
  });
  return { stop: () => job.stop(), tick };
}
