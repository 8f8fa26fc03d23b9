import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import { FakeClock } from '../../../server/core/clock';
import { createLogger } from '../../../server/core/logger';
import { createClarityHttp } from '../../../server/connectors/clarity/http';
import { createSageHttp } from '../../../server/connectors/sage100/http';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import { saveInstallation } from '../../../server/db/repos/installations.repo';
import { saveMappingConfig } from '../../../server/db/repos/mapping.repo';
import { saveOrderLink } from '../../../server/db/repos/order-links.repo';
import { loadManifest } from '../../../server/manifest';
import { enqueue } from '../../../server/queue/enqueue';
import type { JobContext } from '../../../server/queue/types';
import { createClaritySandbox, type ClaritySandbox } from '../../../server/sandbox/clarity/index';
import { createSage100Sandbox, type Sage100Sandbox } from '../../../server/sandbox/sage100/index';
import type { FeedDeps } from '../../../server/sync/feeds/context';
import { feedPollHandler } from '../../../server/sync/feeds/poll-handler';
import type { FeedName } from '../../../server/sync/feeds/catalog';

/**
 * Both sandboxes on one real port (Sage under /sage, Clarity under /clarity/), a stand-in for the
 * app's install endpoint under /app, the connector's own libSQL file, and the feed dependencies
 * wired to real HTTP transports. One fake clock drives both sandboxes and the feeds.
 */
export const SAGE_KEY = 'feeds-sage-key';
const APP_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const STORE = 'st_feeds';

export interface FeedsHarness {
  clock: FakeClock;
  base: string;
  sage: Sage100Sandbox;
  clarity: ClaritySandbox;
  database: Database;
  /** The connector database's URL, for a child process (the CLI). */
  dbUrl: string;
  deps: FeedDeps;
  /** Runs one poll of a feed through the real job handler; answers its result. */
  poll(feed: FeedName): Promise<Record<string, any>>;
  sageCall<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  clarityAdmin<T = any>(path: string): Promise<T>;
  setFeedSettings(feeds: Record<string, unknown>, extra?: Record<string, unknown>): Promise<void>;
  /** A Clarity order and the Sage sales order made from it, linked as the order flow links them. */
  /** `deposit`: the Sage deposit, or 'paid' for what the Clarity order's payments add up to. */
  placeLinkedOrder(lines: Array<{ sku: string; itemCode: string; qty: number }>, o?: { deposit?: number | 'paid'; unitPrice?: number }): Promise<{ orderId: number; salesOrderNo: string; paid: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  clarityTimeoutMs?: number;
  timeoutHoldMs?: number;
  seedClarity?: boolean;
}

export function jobContext<P>(payload: P, storeId = STORE): JobContext<P> {
  return {
    job: {
      id: `job_${Math.random().toString(36).slice(2)}`, seq: 1, kind: 'feed.poll', storeId, orderingKey: null, target: null, payload,
      deliveryId: null, attempt: 1, maxAttempts: 3, previousErrorClass: null, createdAt: Date.now(),
    },
    log: createLogger('silent'),
    signal: new AbortController().signal,
    enqueue: async () => 'unused',
  };
}

export async function startFeedsHarness(opts: HarnessOptions = {}): Promise<FeedsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
  const clock = new FakeClock(Date.UTC(2026, 10, 29, 15, 0, 0));
  let clarity: ClaritySandbox | undefined;
  const sage = await createSage100Sandbox({ dbUrl: `file:${join(dir, 'sage.db')}`, apiKey: SAGE_KEY, clock, emailScanDelayMs: 0 });
  const root = new Hono();
  root.all('/app/*', (c) => c.text('ok'));
  root.all('/clarity/*', mount((req, env) => clarity!.app.fetch(req, env)));
  root.route('/sage', sage.app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clarity = await createClaritySandbox({
    dbUrl: `file:${join(dir, 'clarity.db')}`, publicUrl: `${base}/clarity/`, appUrl: `${base}/app`,
    manifest: loadManifest(`${base}/app`), appSecret: APP_SECRET, clock, seed: opts.seedClarity ?? true,
  });
  if (opts.timeoutHoldMs) clarity.faults.set({ timeoutHoldMs: opts.timeoutHoldMs });
  const creds = await clarity.installStore({ storeId: STORE, storeName: 'Feeds Supply' });

  const dbUrl = `file:${join(dir, 'connector.db')}`;
  const database = await openDatabase({ url: dbUrl });
  await runMigrations(database);
  const db = database.db;
  await saveInstallation(db, {
    storeId: STORE, storeName: 'Feeds Supply', apiBaseUrl: creds.apiBaseUrl, clientId: creds.clientId,
    clientSecretEnc: 'sealed', webhookSecretEnc: 'sealed',
  }, clock.now(), { actor: 'test' });

  const sageHttp = createSageHttp({ gatewayUrl: `${base}/sage`, apiKey: SAGE_KEY, company: 'ABC', timeoutMs: 30_000 });
  const clarityHttp = createClarityHttp({ apiBaseUrl: creds.apiBaseUrl, apiKey: creds.apiKey, timeoutMs: opts.clarityTimeoutMs ?? 30_000 });
  const deps: FeedDeps = {
    db, clock, log: createLogger('silent'),
    sageFor: async () => sageHttp,
    clarityFor: async () => clarityHttp,
    enqueue: (input) => enqueue(db, input, { clock }),
  };
  const pollHandler = feedPollHandler(deps);

  const sageCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/sage${path}`, {
      method, headers: { 'X-Api-Key': SAGE_KEY, 'X-Sage-Company': 'ABC', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  let po = 0;

  return {
    clock, base, sage, clarity, database, dbUrl, deps,
    async poll(feed) {
      const out = await pollHandler(jobContext({ feed }));
      return (out as { result: Record<string, any> }).result;
    },
    sageCall,
    async clarityAdmin(path) {
      return (await fetch(`${base}/clarity/_admin${path}`)).json();
    },
    async setFeedSettings(feeds, extra = {}) {
      await saveMappingConfig(db, STORE, { ...extra, feeds }, 'test');
    },
    async placeLinkedOrder(lines, o = {}) {
      const order = await clarity!.createOrder({
        StatusKey: 'Processing', SalesItems: lines.map((l) => ({ Sku: l.sku, Quantity: l.qty })),
        SalesOrderPayments: [{ Slave: { Amount: 1, PaymentMethodKey: 'Credit Card', ProviderKey: 'Stripe', StatusKey: 'Payment Received', TransactionID: `pi_${++po}`, CardType: 'Visa', Last4CardDigits: '4242' } }],
      } as never);
      const paid = Math.round(order.SalesOrderPayments.reduce((sum, p) => sum + p.Slave.Amount, 0) * 100) / 100;
      const deposit = o.deposit === 'paid' ? paid : o.deposit;
      const poNo = `WEB-${order.ID}-${po}`.slice(0, 15);
      const res = await sageCall('POST', '/SO/SalesOrder', {
        ARDivisionNo: '01', CustomerNo: 'TANAKA4', CustomerPONo: poNo, ShipVia: 'UPS GROUND', TaxSchedule: 'WEB',
        ShipToName: 'Zoe Muller', ShipToAddress1: '12 Main Street', ShipToCity: 'AUSTIN', ShipToState: 'TX', ShipToZipCode: '78703',
        ShipToCountryCode: 'USA', FreightAmt: 0,
        Lines: lines.map((l) => ({ ItemCode: l.itemCode, QuantityOrdered: l.qty, UnitPrice: o.unitPrice ?? 10 })),
        ...(deposit ? { DepositAmt: deposit, Payments: [{ PaymentType: 'VISA', PaymentTypeCategory: 'D', TransactionAmt: deposit, CreditCardTransactionID: `pi_${po}` }] } : {}),
      });
      if (res.status !== 201) throw new Error(`Sage refused the order: ${JSON.stringify(res.body)}`);
      await saveOrderLink(db, { storeId: STORE, clarityOrderId: String(order.ID) }, {
        state: 'created', customerPONo: poNo, salesOrderNo: res.body.SalesOrderNo, sageStatus: res.body.OrderStatus, clarityStatus: 'Processing',
      }, [], clock.now());
      return { orderId: order.ID, salesOrderNo: res.body.SalesOrderNo, paid };
    },
    async close() {
      await clarity!.close();
      await sage.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
