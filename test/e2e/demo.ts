import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../server/main';
import { catalogItems, zipTable } from '../../server/sandbox/catalog/index';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser';

/**
 * The real app in demo mode (both sandboxes, the worker, the simulated admin) on a free port,
 * with a fresh chromium. Orders are placed in the Clarity sandbox as a store would place them;
 * everything after that (webhook, job, Sage, write-back, panel) is the product at work.
 */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results', import.meta.url));

export interface Demo {
  app: RunningApp;
  browser: LaunchedBrowser;
  page: Page;
  /** Places an order in the Clarity sandbox (sends order.created to the app); returns its ID. */
  placeOrder(overrides?: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-demo-'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const app = await startApp({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'app.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', LOG_LEVEL: 'warn', PORT: '0',
  }, { port: 0 });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return {
    app, browser, page,
    async placeOrder(overrides = goodOrder()) {
      const res = await fetch(`${app.url}/sandbox/clarity/_admin/orders?storeId=st_demo`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(overrides),
      });
      if (!res.ok) throw new Error(`placing an order: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { ID: number }).ID;
    },
    async close() {
      await browser.close();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An in-stock, active item sold under its own item code. */
export function stockedSku(offset = 0): string {
  const items = catalogItems().filter((i) => i.sku === i.itemCode && !i.inactive && i.stock.every((s) => s.onHand > 50));
  return items[offset % items.length].sku;
}

/** A clean order a store would send: a known item, an address whose ZIP Sage knows, a guest. */
export function goodOrder(over: Record<string, unknown> = {}): Record<string, unknown> {
  const zip = zipTable()[3];
  const contact = {
    FirstName: 'Dana', LastName: 'Ortiz', Email1: `dana.${Date.now()}@example.com`, Phone1: '512-555-0100',
    Address: { Company: 'Ortiz Supply', Street1: '120 Main St', Street2: null, City: zip.city, RegionCode: zip.state, PostalCode: zip.zip, CountryCode: 'US' },
  };
  return {
    AccountID: null, AccountKey: null, StatusKey: 'Processing', Notes: '<b>Leave at dock 3</b>',
    BillingContact: contact, ShippingContact: contact,
    SalesItems: [{ Sku: stockedSku(0), Quantity: 2 }],
    ShippingDetail: { CarrierName: 'UPS', CarrierMethodName: 'Ground' },
    ...over,
  };
}

/** The frame the extension put into an extension point of the admin page. */
export function extensionFrame(page: Page, point: 'admin.order.detail' | 'admin.order.list' | 'admin.app'): FrameLocator {
  return page.frameLocator(`[data-clarity-extension="${point}"] iframe`);
}
