/**
 * A worker process for the queue's process tests: opens the database named by DATABASE_URL, runs a
 * worker, prints "ready", and on SIGTERM stops gracefully and writes the ids of the jobs whose
 * handler succeeded here to OUT (JSON). Handlers:
 *   noop    nothing, or waits payload.ms (so one process cannot drain the queue before the other claims)
 *   keyed   advances key_progress for its key from n-1 to n; a job run out of order fails permanently
 *   victim  prints "started <id>" and never finishes (the test kills the process)
 */
import { writeFileSync } from 'node:fs';
import { permanent } from '../../server/core/errors';
import { createLogger } from '../../server/core/logger';
import { openDatabase } from '../../server/db/client';
import { withBusyRetry } from '../../server/queue/busy-retry';
import type { HandlerMap } from '../../server/queue/types';
import { createWorker } from '../../server/queue/worker';

const env = process.env;
const database = await openDatabase({ url: env.DATABASE_URL!, busyTimeoutMs: 10_000 });
const ran: string[] = [];
const log = createLogger(env.CHILD_LOG_LEVEL ?? 'warn', 'queue-child');

const handlers: HandlerMap = {
  noop: async ({ job }) => {
    const ms = (job.payload as { ms?: number } | null)?.ms;
    if (ms) await new Promise((r) => setTimeout(r, ms));
    ran.push(job.id);
  },
  keyed: async ({ job }) => {
    const { key, n } = job.payload as { key: string; n: number };
    const rs = await withBusyRetry(() => database.client.execute({
      sql: 'UPDATE key_progress SET last = ? WHERE key = ? AND last = ?', args: [n, key, n - 1],
    }), { attempts: 50 });
    if (rs.rowsAffected !== 1) throw permanent('OutOfOrder', `${key}: job ${n} ran out of order`);
    ran.push(job.id);
  },
  victim: async ({ job }) => {
    process.stdout.write(`started ${job.id}\n`);
    await new Promise(() => {});
  },
};

const worker = createWorker({
  database,
  handlers,
  log,
  concurrency: Number(env.CONCURRENCY ?? 16),
  leaseMs: Number(env.LEASE_MS ?? 30_000),
  pollIntervalMs: Number(env.POLL_MS ?? 20),
  owner: env.OWNER,
  targetLimits: { 'sage-write': 1 },
});
worker.start();
process.stdout.write(`ready ${worker.owner}\n`);

process.once('SIGTERM', () => {
  void worker.stop({ deadlineMs: 5_000 }).then(() => {
    if (env.OUT) writeFileSync(env.OUT, JSON.stringify({ owner: worker.owner, ran }));
    database.close();
    process.exit(0);
  });
});
