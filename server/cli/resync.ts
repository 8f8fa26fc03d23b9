import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { DEMO_STORE_ID } from '../config/defaults';
import { sleep } from '../core/clock';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { getInstallation } from '../db/repos/installations.repo';
import { getJob } from '../db/repos/jobs.repo';
import type { FeedProgress } from '../db/repos/feed-states.repo';
import { requestResync, resyncProgress, RESYNC_FEEDS } from '../sync/feeds/resync';

/**
 * A full resync (or first load) of a store's Sage inventory or items, from the command line:
 *
 *   node --import tsx server/cli/resync.ts --store st_x --feed inventory [--backfill] [--no-wait] [--reason "..."]
 *
 * Queues the job (the running app's worker does the work), then prints its progress until it
 * ends. Uses the app's environment (DATABASE_URL ...). Exit code: 0 done, 1 failed, 2 bad usage.
 */
const USAGE = `usage: resync.ts --store STORE_ID --feed ${RESYNC_FEEDS.join('|')} [--backfill] [--no-wait] [--reason TEXT]`;
/** A job nobody picks up for this long: say that no worker seems to be running. */
const NO_WORKER_HINT_MS = 30_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' }, feed: { type: 'string' }, backfill: { type: 'boolean' }, 'no-wait': { type: 'boolean' },
      reason: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.feed) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const storeId = values.store ?? (config.demo ? DEMO_STORE_ID : undefined);
  if (!storeId) {
    console.error(`--store is required outside demo mode\n${USAGE}`);
    return 2;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    await runMigrations(database);
    const inst = await getInstallation(database.db, storeId);
    if (!inst || inst.status !== 'active') {
      console.error(`store ${storeId} is not installed`);
      return 2;
    }
    const { jobId } = await requestResync(database.db, {
      storeId, feed: values.feed, kind: values.backfill ? 'backfill' : 'resync',
      actor: `cli:${userInfo().username}`, reason: values.reason,
    });
    console.log(`${values.feed} ${values.backfill ? 'backfill' : 'resync'} queued for ${storeId} (job ${jobId})`);
    if (values['no-wait']) return 0;
    return await follow(database, storeId, values.feed, jobId);
  } finally {
    database.close();
  }
}

async function follow(database: Database, storeId: string, feed: string, jobId: string): Promise<number> {
  const started = Date.now();
  let last = '';
  let hinted = false;
  for (;;) {
    const job = await getJob(database.db, jobId);
    const progress = await resyncProgress(database.db, storeId, feed);
    const line = describe(feed, job?.state ?? 'unknown', progress);
    if (line !== last) console.log(line);
    last = line;
    if (job?.state === 'succeeded') return 0;
    if (job && ['dead', 'cancelled', 'held'].includes(job.state)) {
      console.error(`${feed}: ${job.state}${job.lastError ? `: ${job.lastError}` : ''}`);
      return 1;
    }
    if (!hinted && job?.state === 'queued' && Date.now() - started > NO_WORKER_HINT_MS) {
      console.error('still queued: is the app running with its worker on (WORKER_ENABLED=1)? The job runs once one picks it up.');
      hinted = true;
    }
    await sleep(1000);
  }
}

export function describe(feed: string, state: string, p: FeedProgress | null): string {
  if (!p || p.state === 'queued' || state === 'queued') return `${feed}: waiting for a worker`;
  const of = p.total ? ` of ${p.total.toLocaleString('en-US')}` : '';
  const pct = p.total ? ` (${Math.min(100, Math.floor((p.done / p.total) * 100))} %)` : '';
  const counts = p.counts ? ` — ${Object.entries(p.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}` : '';
  return `${feed}: ${p.state}, ${p.done.toLocaleString('en-US')}${of} rows${pct}${counts}`;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code), (err) => {
  console.error((err as Error).message);
  process.exit(1);
});
