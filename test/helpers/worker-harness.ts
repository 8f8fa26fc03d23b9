import { afterEach, beforeEach } from 'vitest';
import { FakeClock } from '../../server/core/clock';
import { enqueue } from '../../server/queue/enqueue';
import type { HandlerMap } from '../../server/queue/types';
import { createWorker, type Worker, type WorkerOptions } from '../../server/queue/worker';
import { openQueueDb, quietLog } from './queue-db';

type QueueDb = Awaited<ReturnType<typeof openQueueDb>>;

/**
 * What the worker's test files share: per test a fresh migrated database and a fake clock, workers
 * started on them and stopped after the test, and readers of a job's row and attempts.
 * Call once at the top of a test file (it registers the file's beforeEach / afterEach).
 */
export function workerHarness() {
  let t: QueueDb;
  let clock: FakeClock;
  const workers: Worker[] = [];

  beforeEach(async () => {
    t = await openQueueDb();
    clock = new FakeClock();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop({ deadlineMs: 100 })));
    t.close();
  });

  const job = async (id: string) =>
    (await t.database.client.execute({ sql: 'SELECT * FROM jobs WHERE id = ?', args: [id] })).rows[0];

  return {
    get t() {
      return t;
    },
    get clock() {
      return clock;
    },
    db: () => t.database.db,
    startWorker(handlers: HandlerMap, opts: Partial<WorkerOptions> = {}): Worker {
      const w = createWorker({
        database: t.database, handlers, log: quietLog, clock, pollIntervalMs: 10, random: () => 0.5, ...opts,
      });
      workers.push(w);
      w.start();
      return w;
    },
    add: (over: Record<string, unknown> = {}) =>
      enqueue(t.database.db, { kind: 'k', storeId: 's1', payload: { n: 1 }, ...over }, { clock }),
    job,
    attempts: async (id: string) =>
      (await t.database.client.execute({ sql: 'SELECT * FROM job_attempts WHERE job_id = ? ORDER BY id', args: [id] })).rows,
    stateIs: (id: string, state: string) => async () => (await job(id)).state === state,
  };
}
