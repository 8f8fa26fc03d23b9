import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { createLogger } from '../../../server/core/logger';
import { createClarityHttp } from '../../../server/connectors/clarity/http';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import { loadManifest } from '../../../server/manifest';
import { createWorker, type Worker } from '../../../server/queue/worker';
import { createSageGateways } from '../../../server/sync/sage-gateway';
import { createFeedModule } from '../../../server/sync/feeds/module';
import { startIntake, type IntakeModule } from '../../../server/webhooks/start-intake';
import { APP_SECRET, startSandboxPair, type SandboxPair } from '../../helpers/feed-sandboxes';
import { waitFor } from '../../helpers/queue-wait';
import { listAudit } from '../../../server/db/repos/audit.repo';
import { itemsForSkus } from '../../../server/db/repos/item-skus.repo';
import type { ProductSyncPayload, ProductSyncResult } from '../../../server/sync/feeds/product-sync';
import { productSyncHandler } from '../../../server/sync/feeds/product-sync';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { jobContext, startFeedsHarness, STORE, type FeedsHarness } from './harness';

/**
 * 'product.sync' against both sandboxes over real HTTP: a change the merchant makes to a product
 * in Clarity is put back to Sage's value for the fields Sage owns, left alone for the fields the
 * store owns, and a SKU Sage does not know succeeds saying so. Then the whole way: Clarity's own
 * webhook, through the real intake, to a job the worker runs to success.
 */
const items = catalogItems().filter((i) => !i.inactive);
const plain = items.filter((i) => i.sku === i.itemCode);
const aliased = items.find((i) => i.sku !== i.itemCode)!;

let h: FeedsHarness;
let sync: ReturnType<typeof productSyncHandler>;

const clarityApi = async <T = any>(path: string, init: { method?: string; body?: unknown } = {}) => (await h.deps.clarityFor(STORE))<T>(path, init as never);
const product = (sku: string) => clarityApi(`/products/${encodeURIComponent(sku)}`);
/** The merchant edits the product in the store (Clarity's API, as its admin would). */
const editInStore = (sku: string, patch: Record<string, unknown>) => clarityApi(`/products/${encodeURIComponent(sku)}`, { method: 'PATCH', body: patch });
const sageItem = async (code: string) => (await h.sageCall('GET', `/CI/Item/${encodeURIComponent(code)}`)).body;
const run = async (sku: string): Promise<ProductSyncResult> => {
  const out = await sync(jobContext<ProductSyncPayload>({ topic: 'product.updated', sku, productId: null, updatedDate: null }));
  expect(out).toMatchObject({ status: 'succeeded' });
  return (out as { result: ProductSyncResult }).result;
};
const corrections = async (sku: string) =>
  (await listAudit(h.database.db, { storeId: STORE, action: 'product.drift-corrected', subject: `product:${sku}` })).items;
/** A product the merchant adds to the store (the sandbox has no create call; its own repo does it). */
async function addToStore(sku: string, price: number) {
  await h.clarity.db.batch(h.clarity.context.products.insertStatements(STORE, [{
    ID: 90_000 + Math.floor(Math.random() * 9_000), Sku: sku, Name: `Store's own ${sku}`, Description: 'Sold by the store only',
    PriceBase: price, Active: true, updatedAt: h.clock.now(),
  }]));
}

describe('the product.sync handler', () => {
  beforeAll(async () => {
    h = await startFeedsHarness();
    sync = productSyncHandler(h.deps);
    // The SKU map as a running store has it: the catalog walked once by the items feed.
    const first = await h.poll('items');
    expect(first.ok, first.error).toBe(true);
  });
  afterAll(async () => { await h?.close(); });

  describe('fields Sage owns', () => {
    it('puts a price and an active flag edited in the store back to Sage\'s values, with an audit entry', async () => {
      const sage = await sageItem(aliased.itemCode);
      expect(sage.InactiveItem).toBe('N');
      await editInStore(aliased.sku, { PriceBase: 1.11, Active: false });

      const r = await run(aliased.sku);
      expect(r).toMatchObject({ sku: aliased.sku, itemCode: aliased.itemCode, outcome: 'corrected', skuMap: 'known' });
      expect(r.corrected).toEqual([
        { field: 'PriceBase', store: 1.11, sage: sage.StandardUnitPrice },
        { field: 'Active', store: false, sage: true },
      ]);
      expect(await product(aliased.sku)).toMatchObject({ PriceBase: sage.StandardUnitPrice, Active: true });

      const audit = await corrections(aliased.sku);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'system:product-sync', action: 'product.drift-corrected' });
      expect(audit[0].detail).toMatchObject({ sku: aliased.sku, itemCode: aliased.itemCode, fields: r.corrected });

      // Its own correction comes back as another product.updated: nothing more to do, nothing audited.
      expect(await run(aliased.sku)).toMatchObject({ outcome: 'in-step', corrected: [] });
      expect(await corrections(aliased.sku)).toHaveLength(1);
    });

    it('follows the owner settings: a store-owned price is left alone', async () => {
      await h.setFeedSettings({ items: { price: 'clarity' } });
      try {
        await editInStore(plain[0].sku, { PriceBase: 2.22 });
        const r = await run(plain[0].sku);
        expect(r).toMatchObject({ outcome: 'in-step', corrected: [] });
        expect(r.storeOwned).toContain('PriceBase');
        expect((await product(plain[0].sku)).PriceBase).toBe(2.22);
        expect(await corrections(plain[0].sku)).toHaveLength(0);
      } finally {
        await h.setFeedSettings({});
      }
    });
  });

  describe('fields the store owns', () => {
    it('leaves a renamed and re-described product as the merchant wrote it', async () => {
      const before = await product(plain[1].sku);
      await editInStore(plain[1].sku, { Name: 'Heavy-duty widget, web edition', Description: 'Written for shoppers' });
      const r = await run(plain[1].sku);
      expect(r).toMatchObject({ outcome: 'in-step', itemCode: plain[1].itemCode, corrected: [] });
      expect(r.storeOwned).toEqual(['Name', 'Description']);
      expect(await product(plain[1].sku)).toMatchObject({
        Name: 'Heavy-duty widget, web edition', Description: 'Written for shoppers', PriceBase: before.PriceBase, Active: before.Active,
      });
      expect(await corrections(plain[1].sku)).toHaveLength(0);
    });
  });

  describe('SKUs the SKU map does not know yet', () => {
    it('succeeds for a SKU Sage has no item for, saying so in the result', async () => {
      await addToStore('LOCAL-GIFT-CARD', 25);
      const r = await run('LOCAL-GIFT-CARD');
      expect(r).toMatchObject({ sku: 'LOCAL-GIFT-CARD', outcome: 'not-in-sage', skuMap: 'unmapped' });
      expect(r.message).toMatch(/^Not in Sage: SKU "LOCAL-GIFT-CARD" is not a Sage item code/);
      expect(await product('LOCAL-GIFT-CARD')).toMatchObject({ PriceBase: 25, Active: true });
      expect((await itemsForSkus(h.database.db, STORE, ['LOCAL-GIFT-CARD'])).size).toBe(0);
    });

    it('maps a new SKU at once (here by the item map), corrects it, and sends its item\'s stock under it', async () => {
      const target = plain[2];
      await h.poll('inventory');
      await h.setFeedSettings({}, { skuOverrides: { 'BUNDLE-7': target.itemCode } });
      try {
        await addToStore('BUNDLE-7', 1);
        const r = await run('BUNDLE-7');
        const sage = await sageItem(target.itemCode);
        expect(r).toMatchObject({ outcome: 'corrected', itemCode: target.itemCode, skuMap: 'added' });
        expect(r.corrected).toEqual([{ field: 'PriceBase', store: 1, sage: sage.StandardUnitPrice }]);
        expect((await itemsForSkus(h.database.db, STORE, ['BUNDLE-7'])).get('BUNDLE-7')).toBe(target.itemCode);
        const { Levels } = await h.clarityAdmin<{ Levels: any[] }>(`/inventory?storeId=${STORE}&sku=BUNDLE-7`);
        expect(Levels.length).toBeGreaterThan(0);
        // Mapped now: the next change reads the map.
        expect(await run('BUNDLE-7')).toMatchObject({ outcome: 'in-step', skuMap: 'known' });
      } finally {
        await h.setFeedSettings({});
      }
    });

    it('succeeds for a product the store deleted before the job ran', async () => {
      expect(await run('NO-SUCH-PRODUCT')).toMatchObject({ outcome: 'product-gone' });
    });
  });
});

describe('a product.updated webhook through the real intake', () => {
  const STORE_W = 'st_products';
  const SAGE_KEY = 'product-sync-sage-key';
  const log = createLogger('silent');
  let dir: string;
  let clock: FakeClock;
  let database: Database;
  let intake: IntakeModule;
  let pair: SandboxPair;
  let worker: Worker;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'product-sync-'));
    clock = new FakeClock(Date.UTC(2026, 10, 29, 15, 0, 0));
    const dbUrl = `file:${join(dir, 'connector.db')}`;
    database = await openDatabase({ url: dbUrl });
    await runMigrations(database);
    intake = await startIntake({
      database, manifest: loadManifest('http://localhost'), log, clock, writer: 'client',
      config: { DATABASE_URL: dbUrl, CLARITY_APP_SECRET: APP_SECRET, demo: false, encryptionKey: randomBytes(32) },
    });
    // Clarity installs the store through the intake's lifecycle route, and sends its webhooks there.
    pair = await startSandboxPair({ dir, clock, sageKey: SAGE_KEY, storeId: STORE_W, app: intake.routes });
    const gateways = createSageGateways({
      db: database.db, secrets: intake.box, demo: false, appUrl: () => pair.base, clock,
      env: { SAGE100_GATEWAY_URL: `${pair.base}/sage`, SAGE100_API_KEY: SAGE_KEY, SAGE100_COMPANY: 'ABC' },
    });
    // The feeds as main.ts builds them: main.ts gives the worker `...feeds.handlers`.
    const feeds = createFeedModule({
      db: database.db, clock, log, gateways, clarityAuth: (storeId) => intake.secrets.clarityAuth(storeId), intake: intake.intake,
    });
    expect(Object.keys(feeds.handlers)).toContain('product.sync');
    worker = createWorker({ database, handlers: feeds.handlers, log, clock, pollIntervalMs: 20 });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop({ deadlineMs: 2000 });
    await intake?.stop();
    await pair?.close();
    database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const productJobs = async () => (await database.client.execute({
    sql: "SELECT state, result FROM jobs WHERE kind = 'product.sync' AND store_id = ? ORDER BY seq", args: [STORE_W],
  })).rows.map((r) => ({ state: String(r.state), result: r.result === null ? null : JSON.parse(String(r.result)) as ProductSyncResult }));

  /** Clarity's sender delivers what is due (one product.updated); the worker runs its job to the end. */
  async function deliverOne(jobsAfter: number) {
    const sent = await pair.clarity.sender.processDue();
    expect(sent.map((o) => [o.topic, o.ok, o.status])).toEqual([['product.updated', true, 200]]);
    const rows = await waitFor(async () => {
      const rows = await productJobs();
      return rows.length === jobsAfter && rows.every((r) => r.state === 'succeeded') ? rows : undefined;
    }, 'the product.sync jobs to succeed');
    return rows!;
  }

  it('ends as a succeeded job that put Sage\'s price back, and leaves nothing queued', async () => {
    const target = plain[3];
    const sagePrice = (await fetch(`${pair.base}/sage/CI/Item/${encodeURIComponent(target.itemCode)}`, {
      headers: { 'X-Api-Key': SAGE_KEY, 'X-Sage-Company': 'ABC' },
    }).then((r) => r.json()) as { StandardUnitPrice: number }).StandardUnitPrice;
    const api = createClarityHttp({ apiBaseUrl: pair.creds.apiBaseUrl, apiKey: pair.creds.apiKey });
    await api(`/products/${encodeURIComponent(target.sku)}`, { method: 'PATCH', body: { PriceBase: 3.33 } });
    // Time moves on before the job runs: its correction is a later version of the product (the
    // intake takes one version of a record once).
    clock.advance(1000);

    const first = await deliverOne(1);
    expect(first[0].result).toMatchObject({ sku: target.sku, outcome: 'corrected', corrected: [{ field: 'PriceBase', store: 3.33, sage: sagePrice }] });
    expect(await api<{ PriceBase: number }>(`/products/${encodeURIComponent(target.sku)}`)).toMatchObject({ PriceBase: sagePrice });

    // The correction is itself a change in Clarity: its webhook comes back, and its job finds nothing to do.
    const second = await deliverOne(2);
    expect(second[1].result).toMatchObject({ sku: target.sku, outcome: 'in-step' });
    const active = await database.client.execute("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running', 'retrying')");
    expect(Number(active.rows[0].n)).toBe(0);
  });
});
