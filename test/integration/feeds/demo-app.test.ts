import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../../../server/config/defaults';
import { getFeedState, listFeedStates, type FeedProgress } from '../../../server/db/repos/feed-states.repo';
import { requestOrderBackfill } from '../../../server/sync/feeds/backfill-orders';
import { startApp, type RunningApp } from '../../../server/main';
import { FEED_NAMES } from '../../../server/sync/feeds/catalog';

/**
 * The feeds as main.ts wires them: in demo mode, the schedule's tick enqueues polls, the worker runs
 * them against the sandboxes mounted on the app's own port, and every feed of the demo store ends
 * a poll with success.
 */
let dir: string;
let app: RunningApp;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feeds-demo-'));
  app = await startApp({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'connector.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', LOG_LEVEL: 'silent',
  }, { port: 0 });
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('feeds in the running app', () => {
  it('polls every feed of the demo store through the schedule and the worker', async () => {
    const states = await until('every feed polled once', async () => {
      const rows = await listFeedStates(app.database.db, DEMO_STORE_ID);
      const polled = rows.filter((r) => (FEED_NAMES as readonly string[]).includes(r.feed) && r.lastPollAt !== null);
      return polled.length === FEED_NAMES.length ? polled : undefined;
    });
    for (const s of states) {
      expect(s.lastError, `${s.feed}: ${s.lastError}`).toBeNull();
      expect(s.lastSuccessAt, s.feed).not.toBeNull();
      expect(s.nextPollAt!, s.feed).toBeGreaterThan(s.lastPollAt!);
    }
    // One poll job per feed at a time: never two waiting or running for one ordering key.
    const rs = await app.database.client.execute(`SELECT ordering_key, COUNT(*) AS n FROM jobs
      WHERE kind = 'feed.poll' AND state IN ('queued', 'running', 'retrying') GROUP BY ordering_key HAVING n > 1`);
    expect(rs.rows).toEqual([]);
  });

  it('backfills the store\'s orders of a date range through the intake, with progress', async () => {
    const now = Date.now();
    const from = new Date(now - 60 * 86_400_000).toISOString();
    const to = new Date(now - 86_400_000).toISOString();
    await requestOrderBackfill(app.database.db, { storeId: DEMO_STORE_ID, from, to, actor: 'test' });
    const done = await until('the backfill to finish', async () => {
      const p = (await getFeedState(app.database.db, { storeId: DEMO_STORE_ID, feed: 'backfill-orders' }))?.progress as FeedProgress | null;
      return p && (p.state === 'done' || p.state === 'failed') ? p : undefined;
    });
    expect(done.state, done.message ?? '').toBe('done');
    // The demo store comes with a month of past orders, created before the app was installed.
    expect(done.counts!.inRange).toBeGreaterThanOrEqual(20);
    expect(done.counts!.accepted).toBe(done.counts!.inRange);
    const deliveries = await app.database.client.execute({ sql: "SELECT COUNT(*) AS n FROM deliveries WHERE store_id = ? AND source = 'poll'", args: [DEMO_STORE_ID] });
    expect(Number(deliveries.rows[0].n)).toBeGreaterThanOrEqual(done.counts!.accepted);
  });
});
