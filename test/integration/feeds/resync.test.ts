import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../server/db/repos/audit.repo';
import { createWorker } from '../../../server/queue/worker';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { feedHandlers } from '../../../server/sync/feeds/handlers';
import { requestResync, resyncProgress, feedResyncHandler } from '../../../server/sync/feeds/resync';
import { jobContext, startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * A full inventory resync: every level recomputed with the store's settings (several warehouses
 * feeding one location, a safety buffer) and pushed whatever the hashes say, with progress for the
 * panel and the CLI, which queues it and follows it to the end.
 */
let h: FeedsHarness;
beforeAll(async () => { h = await startFeedsHarness({ seedClarity: true }); });
afterAll(async () => { await h.close(); });

const inventory = async (sku: string) => h.clarityAdmin<{ Levels: any[]; Received: any[] }>(`/inventory?storeId=${STORE}&sku=${encodeURIComponent(sku)}`);
const rowsOf = async (item: string) => (await h.sageCall('GET', `/IM/ItemWarehouse?ItemCode=${encodeURIComponent(item)}&pageSize=10`)).body.Results as any[];
const avail = (r: any) => r.QuantityOnHand - r.QuantityOnSalesOrder - r.QuantityOnBackOrder;

describe('inventory resync', () => {
  it('pushes every level with the store\'s location map and buffer, and reports its progress', async () => {
    await h.setFeedSettings({ inventory: { locations: { '000': 'MAIN', EST: 'MAIN' }, safetyBuffer: 2 } });
    const item = catalogItems().find((i) => i.sku === i.itemCode && ['000', 'EST', 'WST'].every((w) => i.stock.some((s) => s.warehouseCode === w)))!;
    const rows = await rowsOf(item.itemCode);
    const total = (await h.sageCall('GET', '/IM/ItemWarehouse?pageSize=1')).body.TotalCount;

    const out = await feedResyncHandler(h.deps)(jobContext({ feed: 'inventory' as const, kind: 'resync' as const }));
    expect(out).toMatchObject({ status: 'succeeded', result: { rows: total } });
    const main = rows.filter((r) => r.WarehouseCode !== 'WST').reduce((s, r) => s + avail(r), 0);
    const west = rows.find((r) => r.WarehouseCode === 'WST');
    const { Levels } = await inventory(item.sku);
    expect(Levels.find((l) => l.LocationKey === 'MAIN')).toMatchObject({ Quantity: Math.max(0, Math.floor(main) - 2) });
    expect(Levels.find((l) => l.LocationKey === 'WST')).toMatchObject({ Quantity: Math.max(0, Math.floor(avail(west)) - 2) });
    expect(Levels.find((l) => l.LocationKey === '000')).toBeUndefined();
    expect(await resyncProgress(h.database.db, STORE, 'inventory')).toMatchObject({ kind: 'resync', state: 'done', done: total, total });

    // A second resync pushes every level again, though nothing changed: that is what it is for.
    const again = await feedResyncHandler(h.deps)(jobContext({ feed: 'inventory' as const, kind: 'resync' as const }));
    expect((again as { result: { counts: { pushed: number } } }).result.counts.pushed).toBeGreaterThan(0);
    await h.setFeedSettings({});
  });

  it('is queued on request with an audit row, on the feed\'s ordering key', async () => {
    const { jobId } = await requestResync(h.database.db, { storeId: STORE, feed: 'items', actor: 'dana@acme.example', reason: 'prices look old' }, { clock: h.clock });
    const job = (await h.database.client.execute({ sql: 'SELECT kind, ordering_key, state, payload FROM jobs WHERE id = ?', args: [jobId] })).rows[0];
    expect(job).toMatchObject({ kind: 'feed.resync', ordering_key: `feed:${STORE}:items`, state: 'queued' });
    expect(JSON.parse(String(job.payload))).toEqual({ feed: 'items', kind: 'resync' });
    expect(await resyncProgress(h.database.db, STORE, 'items')).toMatchObject({ state: 'queued', message: jobId });
    const audit = await listAudit(h.database.db, { storeId: STORE, action: 'feed.resync' });
    expect(audit.items[0]).toMatchObject({ actor: 'dana@acme.example', subject: 'feed:items', reason: 'prices look old' });
    await expect(requestResync(h.database.db, { storeId: STORE, feed: 'shipments', actor: 'x' })).rejects.toThrow(/only inventory and items/);
    await h.database.client.execute({ sql: "UPDATE jobs SET state = 'cancelled' WHERE id = ?", args: [jobId] });
  });

  it('runs from the CLI: queues, follows the progress while a worker runs it, exits 0', async () => {
    const worker = createWorker({ database: h.database, handlers: feedHandlers(h.deps), log: h.deps.log, concurrency: 2 });
    worker.start();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/resync.ts', '--store', STORE, '--feed', 'inventory'], {
        env: { ...process.env, DATABASE_URL: h.dbUrl, LOG_LEVEL: 'silent', DEMO: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b) => { stdout += b; });
      child.stderr.on('data', (b) => { stderr += b; });
      const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/inventory resync queued for st_feeds/);
      expect(stdout).toMatch(/inventory: done, [\d,]+ of [\d,]+ rows \(100 %\)/);
    } finally {
      await worker.stop({ deadlineMs: 5000 });
    }
  });
});
