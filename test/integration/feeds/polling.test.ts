import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOpenAlerts, listAlerts } from '../../../server/db/repos/alerts.repo';
import { getFeedState } from '../../../server/db/repos/feed-states.repo';
import { markFeedActivity } from '../../../server/monitoring/alerts';
import { createFeedTick } from '../../../server/schedules/feed-tick';
import { FEEDS, FEED_NAMES } from '../../../server/sync/feeds/catalog';
import { startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * Intelligent polling end to end on a fake clock: the schedule enqueues one poll per due feed and
 * never a second while one waits; a failing poll backs off and, after repeated failures, opens an
 * alert that the first good poll resolves; an order going to Sage makes its feeds poll fast.
 */
let h: FeedsHarness;
beforeAll(async () => { h = await startFeedsHarness({ seedClarity: false }); });
afterAll(async () => { await h.close(); });

const pending = async () => (await h.database.client.execute(
  "SELECT ordering_key, payload FROM jobs WHERE state IN ('queued', 'running', 'retrying') ORDER BY seq")).rows.map((r) => String(r.ordering_key));
const state = (feed: string) => getFeedState(h.database.db, { storeId: STORE, feed });

describe('the schedule tick', () => {
  it('enqueues one poll per due feed, none while one waits, and again once the poll ran', async () => {
    const { tick } = createFeedTick({ db: h.database.db, clock: h.clock, log: h.deps.log });
    expect(await tick()).toBe(FEED_NAMES.length);
    expect((await pending()).sort()).toEqual(FEED_NAMES.map((f) => `feed:${STORE}:${f}`).sort());
    // Due again (the stall guard passed) while the jobs still wait: nothing more is added.
    h.clock.advance(11 * 60_000);
    expect(await tick()).toBe(0);
    expect(await pending()).toHaveLength(FEED_NAMES.length);

    // The inventory poll runs (as the worker would) and sets its own next time.
    await h.database.client.execute(`UPDATE jobs SET state = 'succeeded' WHERE ordering_key = 'feed:${STORE}:inventory'`);
    const r = await h.poll('inventory');
    expect(r.ok, r.error).toBe(true);
    const s = (await state('inventory'))!;
    expect(s.nextPollAt).toBe(h.clock.now() + s.intervalMs!);
    expect(await tick()).toBe(0);
    h.clock.set(s.nextPollAt!);
    expect(await tick()).toBe(1);
    await h.database.client.execute("UPDATE jobs SET state = 'succeeded' WHERE state = 'queued'");
  });
});

describe('a failing feed', () => {
  it('backs off, raises an alert after five failures in a row, and resolves it on recovery', async () => {
    h.sage.faults.set({ outage: { forMs: 24 * 3_600_000 } });
    const waits: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const r = await h.poll('order-status');
      expect(r.ok).toBe(false);
      const s = (await state('order-status'))!;
      expect(s.consecutiveFailures).toBe(i);
      expect(s.lastError).toMatch(/SessionUnavailable/);
      waits.push(s.nextPollAt! - h.clock.now());
      const open = await listOpenAlerts(h.database.db, STORE);
      if (i < 5) expect(open).toEqual([]);
      else expect(open).toEqual([expect.objectContaining({ kind: 'feed:order-status', count: i - 4 })]);
      h.clock.set(s.nextPollAt!);
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000]);
    expect((await listOpenAlerts(h.database.db, STORE))[0].message).toMatch(/failed 6 times in a row/);

    h.sage.faults.reset();
    const ok = await h.poll('order-status');
    expect(ok.ok, ok.error).toBe(true);
    expect((await state('order-status'))!.consecutiveFailures).toBe(0);
    expect(await listOpenAlerts(h.database.db, STORE)).toEqual([]);
    expect((await listAlerts(h.database.db, STORE))[0]).toMatchObject({ kind: 'feed:order-status', resolvedAt: h.clock.now() });
  });

  it('follows the store\'s failure threshold from the settings', async () => {
    await h.setFeedSettings({ failuresBeforeAlert: 2 });
    h.sage.faults.set({ outage: { forMs: 3_600_000 } });
    await h.poll('items');
    expect(await listOpenAlerts(h.database.db, STORE)).toEqual([]);
    h.clock.advance(60_000);
    await h.poll('items');
    expect((await listOpenAlerts(h.database.db, STORE)).map((a) => a.kind)).toEqual(['feed:items']);
    h.sage.faults.reset();
    await h.setFeedSettings({});
  });
});

describe('activity', () => {
  it('an order going to Sage makes its feeds poll fast, then they ease back when idle', async () => {
    // Idle for long: the shipments feed has eased back towards its slow interval.
    for (let i = 0; i < 12; i++) {
      if (i > 0) h.clock.set((await state('shipments'))!.nextPollAt!);
      await h.poll('shipments');
    }
    const idle = (await state('shipments'))!;
    expect(idle.intervalMs).toBe(FEEDS.shipments.policy.slowMs);

    await markFeedActivity(h.database.db, STORE, undefined, { clock: h.clock });
    const woken = (await state('shipments'))!;
    expect(woken.nextPollAt).toBe(h.clock.now() + FEEDS.shipments.policy.fastMs);
    // Feeds an order does not move are left alone.
    expect((await state('items'))!.nextPollAt).not.toBe(h.clock.now() + FEEDS.items.policy.fastMs);

    h.clock.set(woken.nextPollAt!);
    await h.poll('shipments');
    expect((await state('shipments'))!.intervalMs).toBe(FEEDS.shipments.policy.fastMs);
  });
});
