import { systemClock, type Clock } from '../core/clock';
import type { Db } from '../db/client';
import {
  countByState, endedPerBucket, jobsByKey, listAttempts, oldestWaiting, type AttemptRow, type JobRow, type JobState,
} from '../db/repos/jobs.repo';

export interface ThroughputBucket {
  /** Start of the 5-minute bucket (ms). */
  from: number;
  succeeded: number;
  /** Jobs that went dead in the bucket. */
  dead: number;
  cancelled: number;
}

export interface JobStats {
  byState: Record<JobState, number>;
  /** Jobs waiting to run or running: queued + retrying + running. */
  queueDepth: number;
  /** The exception list: held + dead. */
  exceptions: number;
  /** Last hour, twelve 5-minute buckets, oldest first. */
  throughput: ThroughputBucket[];
  /** How long the oldest job that may run now has waited since it was created; null if none. */
  oldestQueuedAgeMs: number | null;
}

const BUCKET_MS = 5 * 60_000;
const BUCKETS = 12;

/** Figures for the dashboard; all stores when storeId is absent (operators), else one store. */
export async function jobStats(db: Db, storeId?: string, clock: Clock = systemClock): Promise<JobStats> {
  const now = clock.now();
  // Buckets end at the current 5-minute boundary's next one, so the last bucket is the one now filling.
  const since = (Math.floor(now / BUCKET_MS) + 1) * BUCKET_MS - BUCKETS * BUCKET_MS;
  const [byState, ended, oldest] = await Promise.all([
    countByState(db, storeId),
    endedPerBucket(db, { since, bucketMs: BUCKET_MS, storeId }),
    oldestWaiting(db, now, storeId),
  ]);
  const throughput: ThroughputBucket[] = Array.from({ length: BUCKETS }, (_, i) => ({
    from: since + i * BUCKET_MS, succeeded: 0, dead: 0, cancelled: 0,
  }));
  for (const e of ended) {
    const b = throughput[e.bucket];
    if (b && (e.state === 'succeeded' || e.state === 'dead' || e.state === 'cancelled')) b[e.state] += e.n;
  }
  return {
    byState,
    queueDepth: byState.queued + byState.retrying + byState.running,
    exceptions: byState.held + byState.dead,
    throughput,
    oldestQueuedAgeMs: oldest === null ? null : Math.max(0, now - oldest),
  };
}

export interface JobWithAttempts extends JobRow {
  attemptRows: AttemptRow[];
}

/** The jobs of one ordering key (e.g. one order's history), each with its attempts, oldest first. */
export async function jobsForKey(db: Db, storeId: string, orderingKey: string): Promise<JobWithAttempts[]> {
  const list = await jobsByKey(db, storeId, orderingKey);
  return Promise.all(list.map(async (j) => ({ ...j, attemptRows: await listAttempts(db, j.id) })));
}
